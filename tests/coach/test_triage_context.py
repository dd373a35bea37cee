"""Who a message is about and whether it is over: someone else's illness and history that
is over and done do not refer; the athlete's own flag, or one that is back, still does."""

from __future__ import annotations

import pytest

from coach.red_flags import load_red_flags
from coach.triage import about_now, deterministic_triage, semantic_units, triage

# Phrasings written for these tests (never taken from the evaluation sets).
NOT_THE_ATHLETE_NOW = [
    "my son's got a fever so I'm stuck at home, can I do a treadmill session?",
    "wife has the flu with a high temperature, I'll run later if I can",
    "our toddler was vomiting all night, no sleep, skip intervals?",
    "my mate fainted at a 10k about five years ago, is that common?",
    "broke my foot years ago, fully healed, no problems since",
    "had a concussion as a teenager playing hockey",
    "my brother is sick with covid. he has a fever too.",
    "fainted once in 2015 giving blood, never again",
]

STILL_THE_ATHLETE = [
    "my kid has a fever and now I have a fever and chills too",
    "my daughter is ill, and I've been feverish with body aches since yesterday",
    "I fainted years ago and it happened again on today's run",
    "my stress fracture hasn't healed and it hurts to walk",
    "my training partner collapsed in the heat and is confused",
    "stress fracture in 2021, and now the same spot on my shin hurts again when I hop",
]


@pytest.mark.parametrize("text", NOT_THE_ATHLETE_NOW)
def test_someone_elses_illness_and_history_that_is_over_do_not_refer(text: str) -> None:
    result = triage(text)
    assert not result.refer, (text, result.flag_ids)


@pytest.mark.parametrize("text", STILL_THE_ATHLETE)
def test_the_athletes_own_flag_or_one_that_is_back_still_refers(text: str) -> None:
    assert deterministic_triage(text).refer or triage(text).refer, text


def test_about_now_keeps_the_athletes_clause_and_drops_the_childs_illness() -> None:
    context = load_red_flags().context
    kept = about_now("my kid has a fever, and my chest hurts when I run", context)
    assert "fever" not in kept
    assert "my chest hurts when i run" in kept.lower()


def test_a_clause_without_a_subject_belongs_to_the_one_before() -> None:
    context = load_red_flags().context
    assert "fever" not in about_now("my husband is poorly and has a fever", context)
    assert "fever" in about_now("i am poorly and have a fever", context)


def test_without_context_patterns_nothing_is_dropped() -> None:
    text = "my kid has a fever"
    assert about_now(text, None) == text


@pytest.mark.parametrize("text", [
    "kept going but then, out of nowhere, I had crushing chest pain on the climb",
    "great week, new shoes arrived, also my calf is swollen, red and hot after the flight, "
    "and the club social was fun",
    "long run done in the sun but i got confused and stopped sweating, anyway how's the plan",
])
def test_a_flag_in_the_middle_of_other_news_is_still_caught(text: str) -> None:
    assert triage(text).refer, text


@pytest.mark.parametrize(("text", "kept"), [
    ("no period for five months now", "period"),
    ("my reliever is not working at all", "working"),
    ("my friend says i'm not making sense", "making sense"),
    ("no feeling in my left foot since the run", "feeling"),
])
def test_a_negation_that_is_the_symptom_reaches_the_semantic_net(text: str, kept: str) -> None:
    assert any(kept in unit for unit in semantic_units(text)), semantic_units(text)


def test_a_denied_symptom_does_not_reach_the_semantic_net() -> None:
    units = semantic_units("no fever or chest pain, just a runny nose")
    assert not any("fever" in unit or "chest" in unit for unit in units), units


# Everyday look-alikes written for these tests: a head rush getting out of a hot bath,
# "numb" as a figure of speech, someone else's illness or past, history that is over, a
# hard effort that settles at once.
LOOK_ALIKES = [
    "my heart rate monitor showed 230, pretty sure it's picking up my cadence",
    'heart rate spiked on the watch but I felt totally fine, probably the strap',
    'my shin has a bruise from the bike pedal',
    'boiling hot race, took it easy and felt fine',
    'hobbled down the stairs the day after the marathon, quads wrecked, normal',
    'limping a bit from a blister on my toe',
    'banged my head on the car boot, no symptoms, just embarrassed',
    'hit my head on the shelf, tiny bump, feel completely normal',
    'long flight tomorrow, any tips for legs?',
    'my temp was normal this morning, just a runny nose',
    "my son has a high temp, so I'm home today",
    'drank a lot of water before the run and needed the loo',
    'twisted my ankle slightly, no swelling, walked it off',
    'sharp pain in my side from a stitch that went away',
    'had my period, a bit crampy, normal',
    "i'm cold because it's winter",
    'massive headache from the hangover haha',
    'pain in the neck, my boss',
    'my foot hurts a bit from new shoes',
    'lost weight on purpose, eating plenty',
    'my legs collapsed under me at the finish from exhaustion, fine after a sit and a banana',
    "legs felt like they'd collapse on the last hill lol",
    'saw a bit of blood on my sock from a blister',
    'nosebleed on the run, stopped after a few minutes, happens in dry air',
    'period came early this month, heavier than usual',
    'lost 2 kg in sweat on the long run, weighed myself after',
    'my weight is up a bit over christmas',
    'dark circles under my eyes from no sleep',
    'ran in the dark with a headtorch, loved it',
    'pee is a bit dark after the long run, drinking now',
    'tight chest from the cold air, went once I warmed up',
    'head hurts from the hangover',
    'my heart sank when I saw the rain',
    'heart was in my mouth on the descent haha',
    "breathless laughing at my mate's fall",
    'breathing hard after the sprint finish, recovered in a minute',
    'my calf is tight after the flight, stretched it, fine',
    'calf cramp on the run, went after stretching',
    'leg swollen from a mosquito bite',
    'ankle a bit puffy after the trail run, no injury, gone next day',
    'bruise on my thigh from the foam roller',
    'my knee clicks when I squat, no pain',
    "the pain in my quads after the marathon is 8/10 but it's just doms",
    'I hit the wall at 30k and felt awful',
    'felt faint with hunger before lunch, ate and felt fine',
    'hot flush in the meeting, menopause stuff',
    'fever dream about missing my race haha',
    "i'm feverish with excitement for race day",
    'cold sweat watching the results come in',
    'shaking with nerves before the start',
    'my hands were shaking after the ice bath',
    'jelly legs after the track session',
    "i'm pregnant with my second, all fine, 16 weeks, jogging gently",
    'my hip is a bit stiff getting out of the car',
    "a pulled hamstring last month, physio says it's healing well",
    "i tore my calf two years ago and it's been fine",
    'knocked my elbow on the door frame',
    'swollen lymph node after the vaccine, doctor said normal',
    'numbers on my watch look off',
    'burning legs on the hill reps, great session',
    'my lungs were burning on the 5k, so good',
    'vision blurry from sweat in my eyes',
    'throwing up after a 400m race, classic',
    'felt a bit dizzy getting out of the hot tub, fine after a few seconds',
    'stood up too fast after stretching and saw stars for a second',
    'lightheaded for a moment after the sauna, sat down and it passed',
    'my mind went numb in that 3 hour meeting lol',
    'numb bum from the bike saddle haha',
    'that film left me numb, so sad',
    'my little one has a temperature so no run today',
    "hubby's got a fever, I'm fine, can I still do intervals?",
    "the kids have had a chest infection all week, I'm ok",
    'my friend passed out at a party once years ago',
    'my sister had a blood clot after her surgery last year, should I worry about flying?',
    'my mum broke her hip, visiting her, missing runs',
    'my coworker collapsed at work last week, scary, anyway my training is going fine',
    'my dog is limping so we walked instead of running',
    "my cat had a seizure, vet says she's fine",
    'heart pounding after the last sprint, back to normal in a minute',
    'chest was heaving at the end of the 400s, normal',
    'I almost passed out from laughing',
    'that hill nearly killed me haha',
    'I was dying on the last rep',
    "I'm dead after that session",
    'my legs are dead',
    'my head is spinning with all these training plans',
    "I'm sick of running in the rain",
    'sick PB today!',
    'this heat is brutal, ran early to avoid it and felt great',
    'peed a lot on the long run, drank plenty',
    "my urine is clear, I'm well hydrated",
    'weight dropped 1 kg this week from the heat, back to normal after dinner',
    'ankle swollen a bit after a long day on my feet, fine in the morning',
    'calf cramp at night, stretched and it went',
    'had a cramp in my calf at the end of the race, fine now',
    'shin sore after kicking the table leg',
    'heard a pop in my knee when I squatted, no pain, it does that',
    'sharp pain in my side from a stitch, went away when I slowed',
    'period pain today, normal cramps, any tips?',
    "I'm pregnant! 10 weeks, can I keep running easy?",
    "I fell over on my run but I'm fine, just grazed my hands",
    'knocked my head on the car door, tiny bump, feel totally fine',
    'tingling in my fingers from the cold, fine after gloves',
    'my toes went numb in the ice bath',
    'wheezy from a cold last week, all gone now',
    'had the flu two weeks ago, fully recovered, easing back in',
    'had covid in march, all good now',
    'migraine yesterday, my usual kind, gone today',
    'fainted when I had blood taken as a teenager',
    'broke my collarbone as a kid',
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_everyday_look_alikes_do_not_refer(text: str) -> None:
    result = triage(text)
    assert not result.refer, (text, [(f.id, f.net, f.matched) for f in result.flags])


# Red flags in words written for these tests, several in the middle of other news.
RED_FLAGS_IN_OTHER_WORDS = [
    'my hr monitor showed 230 on an easy jog and i felt weird and fluttery',
    'heart feels like its skipping and racing at random times on runs',
    'heart going like the clappers at rest for no reason',
    "pain on the inner shin that's gotten worse over 3 weeks, now sore even walking",
    'tender bony bump on top of my foot, hurts to push off',
    'hurts right on the bone when i press my shin',
    'boiling hot race, i felt really weird, dizzy and stopped sweating near the end',
    'got heatstroke i think, vomiting and really confused',
    "i'm hobbling after the race, can't walk normally",
    'limpin really bad today',
    'banged my head on a low branch, seeing stars and feel sick since',
    'hit my head in a fall yesterday, today headachy and foggy',
    'calf swollen and painful after a 12 hour flight, not from a run',
    'my leg has swelled up and the calf is hot and tender',
    'fever of 38 and chills, ok to run?',
    'had a temp last night and still feel achy and shivery',
    'drank heaps of water at the marathon, now bloated, headache and confused',
    "twisted my ankle on a kerb and it's swollen and bruised",
    'knee swelled up immediately after i landed badly',
    'pain was so intense i had to stop and sit on the curb',
    "sharp pain shot up my leg and i couldn't continue",
    "haven't had a period for 6 months, is that ok for a runner",
    "i'm always cold, my hair's thinning and i've lost weight, training 12 hours a week",
    'massive headache came on in seconds during squats',
    'is it bad that my knee pain is maybe 8 or 9 now?',
    "ankle is screaming at me, can't even put a sock on",
    'the pain made me feel sick and i nearly passed out from it',
    'owww my hamstring, something tore, can barely bend it',
    'hurts like hell, way worse than normal soreness',
    'pain in my foot that started as a niggle and now hurts just standing',
    "should i worry about shin pain that's there when i'm sitting on the sofa?",
    "i can't hop on my right leg without a sharp pain in the shin",
    'the outside of my foot is tender on the bone and swollen after doubling my mileage',
    'havent had my period in ages, thought it was a good thing?',
    "my coach wants me lighter so i'm only eating once a day",
    "keep getting ill and injured and i've lost a stone without trying",
    "am i eating enough? my periods stopped and i'm always cold",
    'skin was dry and burning after the hot run and i was mumbling nonsense',
    'really hot 10k and i went wobbly, confused and threw up at the end',
    "friend ran in 32 degrees and now she's confused and hot to the touch",
    "i'm walking like a penguin because i can't put my heel down",
    'cant weight bear on my left foot since sunday',
    'my foot gives way when i step on it',
    'sometimes my heart goes boom boom pause boom on runs',
    'heart suddenly raced at like 200 for ten mins while jogging slowly, then switched off',
    'skipped beats and fluttering in my chest at night',
    'head suddenly felt like it was splitting open mid-run',
    'worst headache ever and my neck is stiff',
    "headache so bad i couldn't see properly, had to stop",
    'got kicked in the head in a tackle and now everything is a bit blurry',
    "i hit my head yesterday and today i'm nauseous and can't concentrate",
    'my right calf is swollen and sore since i got my cast off',
    "calf's red and hot and swollen, i've been sitting on planes all week",
    "i'm running a fever but feel ok enough to race?",
    'got the flu, high temperature and achy, can i still train',
    "after the ultra i drank loads of water and now i'm confused with a headache and feel sick",
    'my ankle ballooned after i stepped on a rock',
    'rolled it badly, huge lump on the side of my ankle',
    "on a scale of 1 to 10 it's a 9 and i can't sleep",
    "great trip to the coast, food was amazing, oh and my achilles went bang on the beach "
    "run and it's agony",
    "pain's through the roof since this morning",
    'tender spot on my shin bone, hurts to hop and now aches walking to the car',
    'my foot is swollen on top and one bone is sore to press after I upped my mileage',
    "I haven't had a period since june but I feel fine otherwise",
    'my cycle vanished and i keep getting injured',
    'hot race today and i got all confused near the end and someone had to help me',
    "after the run in the heat i've got goosebumps, a pounding head and feel sick and weird",
    'think i overheated, stopped making sense and nearly fell over',
    "can't walk on it properly, hopping around the house",
    'every step is a limp since saturday',
    'my heart went into overdrive sitting at my desk, like 180, then just stopped',
    'felt like my heart was flip-flopping on the easy run',
    'heartbeat went all jumpy and irregular during my tempo',
    'sudden blinding headache halfway through the session, worst ever',
    'headache came on like a thunderclap on the climb',
    "i've got the worst headache and throwing up, light hurts my eyes",
    'took an elbow to the head at football and now i feel spacey and sick',
    'fell on the trail and hit my head on a rock, bit of a headache and foggy',
    "head knock in training, can't remember the drive home",
    'got back from a long haul trip and my calf is tight, red and swollen',
    'my calf is puffy and warm on one side after my knee operation',
    "one leg swollen below the knee, sore to touch, haven't run since the flight",
    "i've got a temp of 39 and everything aches, ok to do an easy 5k?",
    "shivery and achy all over with a fever, but i don't want to miss my long run",
    'drank like 4 litres during the marathon, now my hands are puffy and i feel confused and sick',
    'kept drinking water every mile, now throwing up with a splitting headache',
    'went over on my ankle on the trail and it puffed up like a tennis ball',
    "twisted my knee at football and it's really swollen now",
    'chest felt tight and heavy on the hills, eased when i walked',
    'i blacked out at the finish line',
    "out of breath climbing the stairs at home, that's not like me",
    "wheezy as hell and my inhaler's not helping",
    'ate some nuts after the run and my throat feels tight and my lips are swelling',
    'pee is brown after the spin class and my legs are so swollen',
    'pregnant and had some bleeding after my run',
    'my face went droopy on one side during my run',
    "my foot's been numb for a week and is getting worse",
    'deep groin ache that gets worse every run and now hurts walking',
    'my finger is bent sideways after i fell on it',
    'my left arm aches every time i run uphill, goes when i stop',
]


@pytest.mark.parametrize("text", RED_FLAGS_IN_OTHER_WORDS)
def test_red_flags_in_other_words_refer(text: str) -> None:
    assert triage(text).refer, text


@pytest.mark.parametrize("text", [
    "mild knee pain, maybe 3/10", "sore for 8 of the 10 miles", "knee pain at mile 8, stopped",
    "sore legs after 10x400", "my calf has been aching for 8 days",
])
def test_a_number_that_is_not_a_pain_score_does_not_refer(text: str) -> None:
    assert not deterministic_triage(text).refer, text


def test_just_wondering_does_not_make_old_history_current() -> None:
    assert not triage("broke my leg years ago, just wondering if running is ok").refer
    assert triage("fainted in a race years ago and it just happened again").refer


# Written for these tests: a heart condition, a test under way or a doctor's limit.
@pytest.mark.parametrize("text", [
    "the cardiologist wants to see me before I do any more speed work",
    "my uncle dropped dead playing squash at 44, do I need checks before an ultra?",
    "I was told not to train until my blood pressure comes down",
    "I've got AFib and I'm on beta blockers, what pace should my tempo be?",
])
def test_a_heart_condition_or_a_doctors_limit_refers(text: str) -> None:
    result = deterministic_triage(text)
    assert "heart_condition" in result.flag_ids, (text, result.flag_ids)
    assert result.allowed == "nothing"


@pytest.mark.parametrize("text", [
    "my brother broke his ankle so I'm running alone this week",
    "my friend's got a stress fracture, I'm training solo",
    "covid jab made my arm sore, fine otherwise",
    "hurt my back years ago, long time ago now, fine since",
])
def test_someone_elses_injury_a_jab_and_old_history_do_not_refer(text: str) -> None:
    result = triage(text)
    assert not result.refer, (text, result.flag_ids)


@pytest.mark.parametrize("text", [
    "fainted in a race last month, fine now",
    "had chest pain on a hill run two weeks ago, all good since",
    "blacked out near the finish of my 10k last year, doctors never found anything",
])
def test_the_athletes_own_recent_faint_or_chest_pain_on_exertion_still_refers(text: str) -> None:
    # PAR-Q asks about the last 12 months: recovered or not, a doctor should clear it.
    assert triage(text).referral is not None, text


@pytest.mark.parametrize("text", [
    "my buddy fainted at a race years ago",
    "broke my foot years ago, healed fine",
])
def test_someone_elses_past_and_a_healed_old_injury_still_do_not_refer(text: str) -> None:
    assert triage(text).referral is None, text
