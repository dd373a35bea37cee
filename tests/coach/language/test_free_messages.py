"""More paraphrases of free messages (written for these tests); None is "any"."""

from __future__ import annotations

from datetime import date

import pytest

from coach.language import read_message

P = {
    0: ("easy", 45),
    1: ("intervals", 50),
    2: ("easy", 40),
    3: ("tempo", 45),
    4: ("rest", 0),
    5: ("long", 120),
    6: ("recovery", 30),
}
T = date(2027, 3, 11)  # Thursday (tempo)
CASES = [
    ("knee's been sore since monday", "pain", None, None, None),
    ("my run tonight isn't going to happen", "missed_run", "tempo", 45, "2027-03-11"),
    ("missed my 50 min run", "missed_run", None, 50, None),
    ("no 6x800 for me today, too tired", "missed_run", None, None, "2027-03-11"),
    ("skipped the 10k tempo", "missed_run", "tempo", 45, None),
    ("last night's intervals? nope, didn't happen", "missed_run", None, None, "2027-03-10"),
    ("couldn't do my run on monday", "missed_run", "easy", 45, "2027-03-08"),
    ("only have 25 min today, what can I do?", "missed_run", "tempo", 45, "2027-03-11"),
    ("got 20 min before work, tempo is off", "missed_run", "tempo", 45, "2027-03-11"),
    ("what am i doing today?", "plan_question", "tempo", 45, "2027-03-11"),
    ("when's my next rest day?", "plan_question", None, None, None),
    ("is friday a rest day?", "plan_question", None, None, "2027-03-12"),
    ("do i have intervals tomorrow?", "plan_question", None, None, "2027-03-12"),
    ("how long is my run on saturday", "plan_question", "long", 120, "2027-03-13"),
    ("I got a bike trainer", "profile_update", None, None, None),
    ("actually my long run is 2.5 hrs now", "profile_update", "long", 150, None),
    ("I no longer have access to the pool", "profile_update", None, None, None),
    ("race is now oct 5", "profile_update", None, None, None),
    ("my goal is now a half marathon", "profile_update", None, None, None),
    ("knee is all good now", "profile_update", None, None, None),
    ("I'm doing an 18 week plan", "profile_update", None, None, None),
    ("finished tempo 💪", "done", "tempo", 45, "2027-03-11"),
    ("got it done, 45 min", "done", "tempo", 45, "2027-03-11"),
    ("tempo in the bag", "done", "tempo", 45, "2027-03-11"),
    ("ran monday's easy 45", "done", "easy", 45, "2027-03-08"),
    ("k", "other", None, None, None),
    ("nvm", "other", None, None, None),
    ("test", "other", None, None, None),
    ("?", "other", None, None, None),
    ("what's a good warm up before intervals", "article_question", None, None, None),
    ("should i do strength training on easy days", "article_question", None, None, None),
    ("can cycling replace a long run", "article_question", None, None, None),
    ("how hard should the elliptical feel for a tempo", "article_question", None, None, None),
    ("bad blister on my heel, ran anyway", "pain", None, None, None),
    ("my IT band flared up on today's run, stopped at 20 min", "pain", None, None, None),
    ("felt a twinge in my calf during intervals, 3/10", "pain", None, None, None),
    ("legs are dead, skipping tomorrow's long run", "missed_run", "long", None, "2027-03-12"),
]


@pytest.mark.parametrize(("text", "intent", "kind", "minutes", "day"), CASES)
def test_free_messages(
    text: str, intent: str, kind: str | None, minutes: int | None, day: str | None
) -> None:
    reading = read_message(text, today=T, plan=P)
    assert ("other" if reading.intent in ("greeting", "thanks") else reading.intent) == intent
    session = reading.session
    if kind is not None:
        assert session is not None and session.kind == kind
    if minutes is not None:
        assert session is not None and session.minutes == minutes
    elif intent == "missed_run" and kind == "long":
        assert session is not None and session.minutes is None  # a rest day in the plan
    if day is not None:
        assert reading.day == date.fromisoformat(day)


FREE_INTENTS = [
    ("Tuesday's session didn't happen", "missed_run"),
    ("I wasn't able to run on thursday", "missed_run"),
    ("ran out of time yesterday, no run", "missed_run"),
    ("zero energy, staying in bed instead of my run", "missed_run"),
    ("not feeling it today, skipping", "missed_run"),
    ("rained all day so no run", "missed_run"),
    ("I'll miss saturday's long run, wedding", "missed_run"),
    ("away this weekend, long run's not gonna happen", "missed_run"),
    ("ugh, slept through my alarm, no morning run", "missed_run"),
    ("my shins are killing me", "pain"),
    ("ankle feels weird after yesterday's trail run", "pain"),
    ("pulled something in my groin", "pain"),
    ("achilles is grumpy again 3/10", "pain"),
    ("something's up with my left hip", "pain"),
    ("got my intervals in 🙌", "done"),
    ("tempo: done. 42 min", "done"),
    ("long run complete, 2h05", "done"),
    ("did 50 min easy", "done"),
    ("went for a run this morning", "done"),
    ("I've got a new treadmill at home", "profile_update"),
    ("we have a pool at our new apartment", "profile_update"),
    ("my bike got stolen", "profile_update"),
    ("i've moved to PST", "profile_update"),
    ("race changed to the 20th of april", "profile_update"),
    ("marathon is on 10/10 now", "profile_update"),
    ("hip is better now", "profile_update"),
    ("my plan is 12 weeks long", "profile_update"),
    ("where do i see my history?", "other"),
]


@pytest.mark.parametrize(("text", "intent"), FREE_INTENTS)
def test_more_free_message_intents(text: str, intent: str) -> None:
    assert read_message(text, today=T, plan=P).intent == intent


UPDATE_DAY = date(2026, 12, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "update"),
    [
        ("fyi my coach upped my long run to 1h50", {"long_run_minutes": 110}),
        ("long runs will be 2 hrs from next week", {"long_run_minutes": 120}),
        ("my parents gave me a rowing machine for xmas", {"equipment_add": ["rower"]}),
        ("picked up a bike and cancelled the gym", {"equipment_add": ["bike"],
                                                    "equipment_remove": ["gym"]}),
        ("race got delayed, it's on the 9th of may now", {"race_date": date(2027, 5, 9)}),
        ("my build got stretched to twelve weeks", {"plan_weeks": 12}),
        ("changing my goal to a mountain 30k in august, not the road half",
         {"goal": "mountain 30k"}),
    ],
)
def test_profile_updates_in_free_text(text: str, update: dict[str, object]) -> None:
    reading = read_message(text, today=UPDATE_DAY)
    assert reading.intent == "profile_update"
    assert {key: reading.update.get(key) for key in update} == update


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("tempo is toast today, stuck at the office", "missed_run"),
        ("today's easy run got cancelled, car broke down", "missed_run"),
        ("hills aren't happening today, too icy", "missed_run"),
        ("got tuesday's intervals in after all", "done"),
        # a thing merely not there is no change to the athlete's equipment
        ("easy run's off, the pool shuttle never came", "missed_run"),
    ],
)
def test_missed_and_done_in_more_words(text: str, intent: str) -> None:
    plan = {0: ("easy", 40), 1: ("intervals", 50), 3: ("tempo", 45), 5: ("hills", 40)}
    assert read_message(text, today=UPDATE_DAY, plan=plan).intent == intent


def test_an_injury_told_later_is_added_to_the_profile() -> None:
    reading = read_message("should have said, I have a chronic left hamstring thing",
                           today=UPDATE_DAY)
    assert reading.intent == "profile_update"
    assert reading.update.get("injuries_add") == ["left hamstring"]


@pytest.mark.parametrize("text", ["how many runs per week do I have",
                                  "what am I meant to do on saturday"])
def test_questions_about_the_schedule_are_plan_questions(text: str) -> None:
    plan = {1: ("intervals", 50), 5: ("long", 90)}
    assert read_message(text, today=UPDATE_DAY, plan=plan).intent == "plan_question"


def test_a_chest_is_a_site_of_pain() -> None:
    reading = read_message("my chest feels tight on hills, like a 3", today=UPDATE_DAY)
    assert reading.intent == "pain" and reading.pain is not None
    assert reading.pain.sites == ("chest",) and reading.pain.score == 3
