"""Understanding why a run was missed, from free text, without an LLM.

Deterministic rules (regular expressions, word lists, a negation scope) so the same words
always give the same substitution, and a test can pin every rule down.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from coach.language import body
from coach.language.durations import available_minutes
from coach.language.equipment import lack_pattern
from coach.language.equipment import mentions as equipment_mentions
from coach.language.equipment import places as equipment_places
from coach.language.lexicon import pattern as phrases

# The negation scope is the language layer's; triage and intent import it from here too.
from coach.language.negation import clause_start as clause_start
from coach.language.negation import find_unnegated as find_unnegated
from coach.language.negation import is_negated as is_negated
from coach.language.negation import normalise as normalise

# --- conditions that rule activities out --------------------------------------------------

_FRACTURE_HISTORY = re.compile(r"\b(fracture\w*|broke|broken|stress reaction|cracked)\b")
_DOWNHILL = re.compile(r"\b(downhills?|down ?hill|descents?|descending|going down)\b")
# "knee hurts after the stairs", "sore from the hills", "achy since the stepper": pain that
# climbing brought on, so no climbing session (stairs, hills, steppers, step-ups) loads
# the same part the same way again.
_CLIMB_CAUSE = re.compile(
    r"\b(?:after|from|since|on|up|climbing|taking|doing|going up|walking up|because of)\b"
    r"(?:\s+(?:the|all|those|these|some|my|a|lots of|many))*\s+"
    r"(?:stairs?|steps|stairwells?|stair ?(?:climber|master|mill)s?|steppers?|step-? ?ups?|"
    r"hills?|uphills?|inclines?|climbs?|hill repeats|hill reps|versa ?climber)\b|"
    r"\b(?:stairs?|steps|stair ?climber|stepper|step-? ?ups?|hills?|uphills?|inclines?|"
    r"climb\w*)\b[^.;!?]{0,25}\b(?:hurt\w*|pain\w*|sore\w*|ach\w*|tweak\w*|set (?:it|my \w+) off)")
# "fast paces hurt", "pain when I speed up"
_SPEED_PAIN = re.compile(
    r"\b(fast|faster|speed|sprint\w*|quick)\b[^.;!?]{0,30}\b(hurt|pain|sore|agony)|"
    r"\b(hurt|pain|sore)\w*[^.;!?]{0,30}\b(fast|faster|speed|sprint\w*|quick)")


def conditions_for(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Body-part labels and catalogue conditions named in ``text`` (an injury or reason)."""
    lowered = normalise(text)
    # The body parts are the language layer's (coach/language/en/body.yaml).
    parts = body.parts_named(lowered)
    conditions: set[str] = set()
    for label in parts:
        conditions |= body.conditions_of(label)
    if _FRACTURE_HISTORY.search(lowered):
        conditions.add("fracture_recovery")
    return parts, frozenset(conditions)


def conditions_from_injuries(injuries: Iterable[str]) -> frozenset[str]:
    """Conditions implied by the athlete's known injuries and limitations."""
    found: set[str] = set()
    for injury in injuries:
        _, conditions = conditions_for(injury)
        found |= conditions
        lowered = normalise(injury)
        if _DOWNHILL.search(lowered):
            found.add("downhill_pain")
        if re.search(r"\b(fast|speed|sprint)", lowered):
            found.add("speed_pain")
    return frozenset(found)


# --- pain ----------------------------------------------------------------------------------

# "sore throat", "stomach ache", "headache" are illness, not pain that limits impact.
_NOT_LOCOMOTOR = re.compile(
    r"\b(sore throat|throat is sore|stomach ?ache|tummy ache|belly ache|headache|head ache|"
    r"ear ?ache|toothache|sore eyes?)\b")
_PAIN_WORDS = re.compile(
    r"\b(pain\w*|hurts?|hurting|hurt|injur\w*|strain\w*|sprain\w*|pulled|tweaked|"
    r"rolled my|twisted|tendin\w*|tendon\w*|fasciitis|splints|niggl\w*|twinges?|"
    r"stabbing|throb\w*|aches?|aching|achy|sore\w*|tender\w*|tight\w*|stiff\w*|doms|"
    r"bruised|inflamed|swollen)\b")
_SORENESS_ONLY = frozenset({"sore", "soreness", "achy", "tight", "tightness", "stiff",
                            "stiffness", "doms", "tender", "ache", "aches", "aching"})
_SEVERE = re.compile(r"\b(severe\w*|excruciating|agony|agonising|agonizing|unbearable|"
                     r"worst|screaming|can'?t bear)\b")
_STRONG = re.compile(r"\b(sharp\w*|stabbing|shooting|bad|badly|really hurts|hurts a lot|"
                     r"a lot of pain|very painful|intense|pretty painful|quite painful|"
                     r"burning)\b")
_MODERATE = re.compile(r"\b(moderate\w*|quite|pretty|fairly|annoying|nagging)\b")
_MILD = re.compile(r"\b(mild\w*|slight\w*|a bit|a little|little|minor|niggl\w*|twinges?|"
                   r"small|faint|barely|light)\b")
_RISING = re.compile(r"\b(getting worse|gets worse|got worse|worse and worse|worsening|"
                     r"increasing|kept building|built up|rising)\b")

# --- everything else a reason can say -------------------------------------------------------

_WEATHER: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("storm", re.compile(r"\b(storms?|stormy|thunder\w*|lightning|hurricane|typhoon|"
                         r"tornado|gales?|cyclone)\b")),
    ("snow", re.compile(r"\b(snow\w*|blizzard|sleet|hail\w*|ice|icy|black ice|frost\w*)\b")),
    ("rain", re.compile(r"\b(rain\w*|pouring|downpour|drizzl\w*|wet out|soaking|flood\w*|"
                        r"monsoon)\b")),
    ("heat", re.compile(r"\b(heat ?wave|heat|too hot|so hot|very hot|scorching|boiling|"
                        r"humid\w*|sweltering|(?:3[2-9]|4\d) ?(?:°|degrees|c\b)|"
                        r"(?:9[5-9]|1[01]\d) ?(?:°|degrees|f\b))\b")),
    ("cold", re.compile(r"\b(?:too|so|very|freezing|bitter(?:ly)?|extremely|really) cold\b|"
                        r"\bcold (?:out|outside|weather|snap|wind)\b|\bit'?s cold\b|"
                        r"\bfreezing\b|\bbelow (?:zero|freezing)\b|\b-\d+ ?(?:°|degrees)")),
    ("wind", re.compile(r"\b(very windy|too windy|so windy|high winds?|wind storm|"
                        r"gusts?|gusty)\b")),
    ("weather", re.compile(r"\b(bad weather|awful weather|terrible weather|weather)\b")),
)
_SMOKE = re.compile(r"\b(smoke|smoky|smokey|wild ?fires?|bush ?fires?|forest fires?|fires|"
                    r"air quality|aqi|haze|hazy|smog|pollution|ash)\b")
_CLOSED_WORD = (r"(closed|closure|shut|inaccessible|burnt|burned|flooded|blocked|off limits|"
                r"out of bounds|under construction|no access|not open|unavailable|broken|"
                r"out of order|under maintenance|locked)")
# Also darkness or an unsafe route: the athlete should not be sent outside either.
_GENERAL_CLOSURE = re.compile(r"\b(lockdown|curfew|evacuat\w*|everything (?:is )?closed|"
                              r"stay(?:ing)? indoors|shelter in place|fire danger|dark|"
                              r"darkness|unsafe|not safe|don'?t feel safe|unlit)\b")
_TRAVEL = re.compile(
    r"\b(travel\w*|trip|hotel|airport|flights?|flying|on the road|business trip|"
    r"conference|vacation|holiday|away (?:from home|for work|this week|for the weekend)|"
    r"abroad|airbnb|visiting)\b")
# Staying in a hotel (or a motel, an airbnb): what one has is a hotel's, not the home kit.
_HOTEL = re.compile(r"\b(hotels?|motels?|airbnb|hostel)\b")
# "time is tight" is no tight muscle: read as short of time, and taken out before pain.
_TIME_TIGHT = re.compile(r"\b(time(?: is|'s| was)? (?:so |really |a bit |pretty )?tight|"
                         r"tight (?:on|for) time|pressed for time|limited time|"
                         r"short of time|not enough time|squeezed for time)\b")
_NO_TIME = re.compile(r"\b(no time|not much time|little time|short on time|busy|swamped|"
                      r"slammed|work(?:ed)? late|running late|time crunch|no childcare|"
                      r"kids|meetings?|deadline|overtime|long day at work)\b")
ASSUMED_BUSY_MINUTES = 20  # "busy" with no minutes said: a short session fits most days
_NO_TIME_AT_ALL = re.compile(r"\b(no time at all|zero time|not a minute|no minutes)\b")

_BOREDOM_PHRASES = re.compile(r"\b(sick of|tired of|fed up with|bored of|bored with)\b")
_FATIGUE_HIGH = re.compile(
    r"\b(exhausted|wiped(?: out)?|burnt out|burned out|overtrained|overreach\w*|shattered|"
    r"knackered|destroyed|didn'?t sleep|no sleep|barely slept|couldn'?t sleep|"
    r"(?:really|so|very|extremely|completely|super) (?:tired|fatigued|drained)|"
    r"running on empty|dead on my feet)\b")
_FATIGUE = re.compile(
    r"\b(tired|fatigue\w*|drained|no energy|low energy|low on energy|sleepy|slept badly|"
    r"bad sleep|poor sleep|bad night|heavy legs|dead legs|legs feel dead|feel(?:ing)? flat|"
    r"legs (?:feel|feeling|are|were|felt) (?:so |really |super |very )?(?:heavy|like lead)|"
    r"legs (?:feel )?flat|lethargic|"
    r"sluggish|jet ?lag\w*|worn out|rundown|run down|weary|stressed|stress)\b")
_ILLNESS_STOMACH = re.compile(r"\b(stomach (?:bug|flu|upset|ache|issues?|problems?)|upset stomach|"
                              r"diarrh\w*|vomit\w*|throwing up|threw up|nause\w*|"
                              r"food poisoning|gastro\w*|tummy bug)\b")
_ILLNESS_HEAD = re.compile(
    r"\b(?:have|got|caught|getting|fighting|with|had|nursing)\s+(?:a\s+|the\s+)?"
    r"(?:bit of a\s+|bad\s+|nasty\s+|heavy\s+|slight\s+|mild\s+|little\s+|stinking\s+)?cold\b|"
    r"\b(head cold|common cold|sniffl\w*|runny nose|stuffy|blocked nose|congest\w*|"
    r"sore throat|throat is sore|sinus\w*|sneez\w*|hay ?fever|allerg\w*)\b")
_ILLNESS_GENERAL = re.compile(r"\b(sick|ill|unwell|under the weather|poorly|not feeling well|"
                              r"feel(?:ing)? off|headache|migraine|hangover|hung ?over|"
                              r"bug going round|virus|feeling rough)\b")
_FUN = re.compile(r"\b(fun|bored|boring|boredom|something different|mix(?:ing)? it up|"
                  r"switch(?:ing)? it up|change of scene|variety|play\w*|adventure|"
                  r"with (?:the|my) (?:kids|family|friends|partner)|unmotivated|"
                  r"no motivation|not motivated|don'?t feel like running|"
                  r"sick of running|tired of running|fed up|enjoy\w*)\b")

FatigueLevel = Literal["mild", "high"]
IllnessKind = Literal["above_neck", "stomach", "general"]


@dataclass(frozen=True, slots=True)
class ReasonInfo:
    """What the reason text says, as facts the engine can act on."""

    text: str
    pain: bool = False
    pain_score: int | None = None  # 0-10; estimated from words when no number is given
    pain_locations: tuple[str, ...] = ()
    conditions: frozenset[str] = frozenset()
    soreness_only: bool = False
    pain_rising: bool = False
    sharp: bool = False
    weather: str | None = None
    smoke: bool = False
    closed: frozenset[str] = frozenset()
    general_closure: bool = False
    travel: bool = False
    hotel: bool = False  # staying somewhere with a hotel's kit (substitution.HOTEL_KIT)
    mentioned_equipment: frozenset[str] = frozenset()
    lacking_equipment: frozenset[str] = frozenset()
    time_cap: int | None = None
    no_time: bool = False
    # True when the cap is our guess from "busy"/"kids" with no minutes said: the reply
    # must not pretend the athlete told us how long they have.
    time_cap_assumed: bool = False
    fatigue: FatigueLevel | None = None
    illness: IllnessKind | None = None
    fun: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def indoor_only(self) -> bool:
        """Weather, smoke or a general closure keep the athlete inside."""
        return bool(self.weather or self.smoke or self.general_closure)


def _pain_score(text: str) -> int | None:
    """A score said in numbers: the language layer's one reader ("4/10", "like a 6")."""
    return body.pain_score(text)


def _pain_facts(text: str) -> tuple[bool, int | None, bool, bool, bool]:
    """(pain, score, soreness_only, sharp, rising) for text with illness words removed."""
    hits = find_unnegated(_PAIN_WORDS, text)
    score = _pain_score(text)
    if not hits:
        if score is not None and score > 0 and re.search(r"\b(pain|hurt)", text):
            return True, score, False, False, False
        return False, None, False, False, False
    words = {m.group(0) for m in hits}
    soreness_only = words <= _SORENESS_ONLY
    sharp = bool(re.search(r"\b(sharp\w*|stabbing|shooting)\b", text))
    rising = bool(_RISING.search(text))
    if score is None:
        # An unrated pain counts as moderate (4): safety first. Soreness counts as 2.
        score = 2 if soreness_only else 4
        if _SEVERE.search(text):
            score = 8
        elif _STRONG.search(text):
            score = 6
        elif _MODERATE.search(text):
            score = max(score, 4) if not soreness_only else 3
        elif _MILD.search(text):
            score = 2 if soreness_only else 3
    if sharp or rising:
        # Pain that turns sharp or rises means stop running: treat it as at least moderate.
        score = max(score, 5)
    if score == 0:
        return False, 0, False, False, False
    return True, score, soreness_only, sharp, rising


def says_now(text: str) -> bool:
    """The reason speaks of the present ("time is tight today", "only 20 min now"); the
    words are the language layer's (``days.yaml``, ``present``)."""
    return bool(phrases("days", "present").search(normalise(text)))


def _time_cap(text: str) -> tuple[int | None, bool, bool]:
    """(minutes available, short of time, whether those minutes are our guess)."""
    caps = available_minutes(text)  # the one duration reader's "time I have"
    no_time = bool(find_unnegated(_NO_TIME, text) or find_unnegated(_TIME_TIGHT, text))
    if _NO_TIME_AT_ALL.search(text):
        return 0, True, False
    if caps:
        return min(caps), True, False
    return (ASSUMED_BUSY_MINUTES, True, True) if no_time else (None, False, False)


def _equipment(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Equipment the reason names ("the hotel has a gym") and equipment it lacks ("no
    bike", "the pool is closed"); the words are the language layer's one table."""
    mentioned: set[str] = set()
    lacking: set[str] = set()
    for word, start, end in equipment_mentions(text):
        before = text[clause_start(text, start):start]
        after = text[end:end + 30]
        if lack_pattern().search(" ".join(before.split()[-4:])) or re.match(
                rf"\s*(?:is|was|'s|are|has|got)?\s*(?:a\s+)?(?:still\s+)?(?:{_CLOSED_WORD}|"
                r"flat|punctur\w*|in the shop|being (?:repaired|fixed)|not working)", after):
            lacking.add(word)
        else:
            mentioned.add(word)
    return frozenset(mentioned - lacking - {"home"}), frozenset(lacking)


def _closures(text: str) -> tuple[frozenset[str], bool]:
    closed: set[str] = set()
    for word, start, end in equipment_places(text):
        near = text[max(0, start - 30):end + 40]
        if re.search(rf"\b{_CLOSED_WORD}\b", near):
            closed.add(word)
    general = bool(_GENERAL_CLOSURE.search(text))
    if re.search(r"\b(fires?|burnt|burned)\b", text) and re.search(r"\btrails?\b", text):
        closed.add("trails")
    return frozenset(closed), general


def parse_reason(text: str) -> ReasonInfo:
    """Facts from the reason text. Empty or unknown text gives an all-clear ReasonInfo."""
    lowered = normalise(text)
    if not lowered:
        return ReasonInfo(text=text)
    boredom_cleaned = _BOREDOM_PHRASES.sub(" bored-of ", lowered)
    body_text = _TIME_TIGHT.sub(" ", _NOT_LOCOMOTOR.sub(" ", boredom_cleaned))

    pain, score, soreness_only, sharp, rising = _pain_facts(body_text)
    locations: tuple[str, ...] = ()
    conditions: frozenset[str] = frozenset()
    if pain:
        locations, conditions = conditions_for(body_text)
        # Past fractures only shape the plan through the athlete's injuries; a break in
        # today's reason is triage's business.
        conditions -= {"fracture_recovery"}
        extra: set[str] = set()
        for match in _DOWNHILL.finditer(body_text):
            if not is_negated(body_text, match.start()):
                extra.add("downhill_pain")
        if _SPEED_PAIN.search(body_text):
            extra.add("speed_pain")
        if locations and _CLIMB_CAUSE.search(body_text) and not _DOWNHILL.search(body_text):
            extra.add("climbing_pain")
        conditions |= extra
        if extra - {"climbing_pain"} and not _pain_score(body_text) and score == 4:
            # Pain only on descents or at speed, unrated: the plan avoids those, so it
            # counts as mild (the article's author kept running flat and easy).
            score = 3

    weather = None
    for kind, pattern in _WEATHER:
        if find_unnegated(pattern, boredom_cleaned):
            weather = kind
            break
    if weather == "weather" and re.search(r"\bunder the weather\b", boredom_cleaned):
        weather = None
    smoke = bool(find_unnegated(_SMOKE, boredom_cleaned))
    closed, general_closure = _closures(boredom_cleaned)
    travel = bool(find_unnegated(_TRAVEL, boredom_cleaned))
    hotel = bool(find_unnegated(_HOTEL, boredom_cleaned))
    mentioned, lacking = _equipment(boredom_cleaned)
    time_cap, no_time, cap_assumed = _time_cap(boredom_cleaned)

    fatigue: FatigueLevel | None = None
    if find_unnegated(_FATIGUE_HIGH, boredom_cleaned):
        fatigue = "high"
    elif find_unnegated(_FATIGUE, boredom_cleaned):
        fatigue = "mild"

    illness: IllnessKind | None = None
    if find_unnegated(_ILLNESS_STOMACH, boredom_cleaned):
        illness = "stomach"
    elif find_unnegated(_ILLNESS_HEAD, boredom_cleaned):
        illness = "above_neck"
    elif find_unnegated(_ILLNESS_GENERAL, boredom_cleaned.replace("bored-of", "")):
        illness = "general"

    fun = bool(find_unnegated(_FUN, lowered)) or "bored-of" in boredom_cleaned

    return ReasonInfo(
        text=text, pain=pain, pain_score=score, pain_locations=locations,
        conditions=conditions, soreness_only=soreness_only, pain_rising=rising, sharp=sharp,
        weather=weather, smoke=smoke, closed=closed | lacking, general_closure=general_closure,
        travel=travel or hotel, hotel=hotel, mentioned_equipment=mentioned,
        lacking_equipment=lacking,
        time_cap=time_cap, no_time=no_time,
        time_cap_assumed=cap_assumed,
        fatigue=fatigue, illness=illness, fun=fun,
    )
