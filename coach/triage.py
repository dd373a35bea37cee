"""Red-flag triage: deterministic, first, before any suggestion or LLM.

A red flag in what the athlete says gives a referral to a professional and limits what may
still be suggested: nothing at all (heart, breathing, fainting, heat illness, nerves,
fever), or only non-impact work where the flag allows it (a possible bone injury: swimming
or deep-water running that doesn't hurt). Ordinary soreness, tiredness and bad weather
never refer. Negated mentions ("no chest pain", "never fainted") do not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from coach.reasons import find_unnegated, normalise


class Allowed(StrEnum):
    """What may still be suggested after triage, from most to least restrictive."""

    NOTHING = "nothing"
    NON_IMPACT = "non_impact"
    ANYTHING = "anything"


_RANK = {Allowed.NOTHING: 0, Allowed.NON_IMPACT: 1, Allowed.ANYTHING: 2}


@dataclass(frozen=True, slots=True)
class RedFlag:
    """One red flag rule: the words that raise it and what it allows."""

    id: str
    label: str
    allowed: Allowed
    urgent: bool
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class FlagHit:
    """A red flag found in the text, with the words that raised it."""

    id: str
    label: str
    allowed: Allowed
    urgent: bool
    matched: str


@dataclass(frozen=True, slots=True)
class TriageResult:
    """The outcome of triage: flags found, the referral to show, what remains allowed."""

    flags: tuple[FlagHit, ...]
    referral: str | None
    allowed: Allowed

    @property
    def refer(self) -> bool:
        return self.referral is not None

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return tuple(flag.id for flag in self.flags)


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_PAIN = r"(?:pain\w*|hurts?|hurting|aches?|aching|throb\w*|sore)"
# Soreness and aches after hard training are normal; walking and rest flags need real pain.
_REAL_PAIN = r"(?:pain\w*|hurts?|hurting|throb\w*|agony)"
# Words that place pain in a bone rather than a muscle.
_BONE = r"(?:bones?|shin ?bone|tibia|metatarsal\w*|femur|fibula|navicular|heel bone|hip bone)"
# "x words" gap inside one clause.
_GAP = r"[^.;!?]{0,40}?"

RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag("chest_pain", "chest pain or pressure", Allowed.NOTHING, True, (
        _p(rf"\bchest{_GAP}(?:{_PAIN}|pressure|tight\w*|squeez\w*|heavy|heaviness|"
           rf"crushing|discomfort|burning)"),
        _p(rf"\b(?:{_PAIN}|pressure|tightness|squeezing|heaviness|crushing|discomfort)"
           rf"\s+(?:in|on|across|around)\s+(?:(?:my|the)\s+)?chest\b"),
        _p(r"\b(?:angina|heart attack)\b"),
        _p(rf"\b(?:left arm|jaw){_GAP}(?:{_PAIN}|numb\w*|tingl\w*)"),
    )),
    RedFlag("fainting_dizziness", "fainting or dizziness", Allowed.NOTHING, True, (
        _p(r"\b(?:faint\w*|passed out|pass out|blacked out|black out|collaps\w*|"
           r"dizz\w*|light-?headed\w*|lightheaded\w*|room (?:was )?spinning|vertigo|"
           r"lost consciousness|nearly went down|keeled over|saw stars)\b"),
    )),
    RedFlag("palpitations", "palpitations or an irregular heartbeat", Allowed.NOTHING, True, (
        _p(r"\b(?:palpitations?|arrhythmi\w*|a-?fib|atrial fibrillation|irregular (?:heart ?beat|"
           r"pulse|heart rhythm)|heart (?:is |was |kept |keeps )?(?:racing|pounding|fluttering|"
           r"flutter|skipping|skipped|jumping|missing beats|doing flips|going crazy|irregular)|"
           r"racing heart|pounding heart|fluttering (?:in my|heart)|skipped beats?|heart skips|"
           r"skips? (?:a )?beats?|"
           r"heart ?beat (?:felt |feels |was |is )?(?:weird|irregular|off|erratic|all over))\b"),
        _p(r"\bheart rate\b[^.;!?]{0,40}\b(?:at rest|resting|sitting|lying|won'?t come down|"
           r"stayed (?:high|up)|jump(?:ed|ing|s)? to 1[5-9]\d|2\d\d)\b"),
    )),
    RedFlag("breathlessness", "breathlessness out of proportion to the effort",
            Allowed.NOTHING, True, (
        _p(r"\b(?:can'?t|cannot|couldn'?t|could not) (?:catch|get) my breath\b"),
        _p(r"\b(?:struggl\w* to breathe|hard to breathe|difficulty breathing|trouble breathing|"
           r"gasping for (?:air|breath)|can'?t breathe|couldn'?t breathe|breathing (?:is|was|felt|"
           r"feels) (?:really |very |so )?(?:hard|laboured|labored|difficult)|"
           r"short of breath at rest|wheez\w*)\b"),
        _p(r"\b(?:short of breath|shortness of breath|breathless\w*|out of breath|winded|"
           r"puffing)\b[^.;!?]{0,40}\b(?:at rest|resting|sitting|lying|walking|stairs|"
           r"doing nothing|for no reason|easy (?:jog|run|pace)|even|unusual|out of proportion|"
           r"more than (?:usual|normal)|talking)\b"),
        _p(r"\b(?:even|just) (?:walking|sitting|talking|climbing (?:the )?stairs)\b"
           r"[^.;!?]{0,30}\b(?:short of breath|breathless|out of breath|winded)\b"),
    )),
    RedFlag("bone_pain", "pinpoint bone pain or pain when walking or at rest",
            Allowed.NON_IMPACT, False, (
        _p(r"\b(?:pinpoint|point tender\w*|one (?:tiny |small )?spot|a (?:tiny |small )?spot|"
           r"specific spot)\b[^.;!?]{0,50}\b(?:bone|shin|foot|tibia|metatarsal|hurts|pain|"
           r"tender)\w*"),
        _p(r"\b(?:tender|sore|painful) spot\b[^.;!?]{0,40}\b(?:bones?|shin|foot|tibia|"
           r"metatarsal\w*|heel|navicular)\b"),
        _p(rf"\b{_BONE}{_GAP}(?:{_PAIN}|tender\w*)|\b(?:{_PAIN}|tender\w*){_GAP}\b(?:on|in) "
           rf"(?:the|my) {_BONE}"),
        _p(r"\b(?:stress fracture|stress reaction|fractur\w*|broke (?:my|a)|broken (?:bone|toe|"
           r"foot|ankle|leg|wrist|arm)|think (?:it'?s|i) broke|cracked (?:a |my )?bone)\b"),
        _p(rf"\b(?:{_REAL_PAIN}|tender\w*){_GAP}\b(?:when|while|if) (?:i )?(?:walk|walking|"
           rf"stand|standing|put weight|bear weight|press)\w*"),
        _p(rf"\b(?:walking|standing|every step){_GAP}(?:{_REAL_PAIN}|agony)\b"),
        _p(r"\b(?:it |that |this )?(?:hurts|is painful|painful) to (?:walk|stand)\b"),
        _p(rf"\b(?:{_REAL_PAIN}|tender\w*){_GAP}\b(?:at night|in bed|wakes? me|woke me|keeps? me "
           rf"(?:up|awake)|at rest|when resting|while resting|sitting still|even resting|"
           r"all the time|constant\w*)\b"),
        _p(rf"\b(?:at night|in bed|at rest|resting|sitting still){_GAP}(?:{_REAL_PAIN}|throb\w*)"),
        _p(rf"\b(?:wakes? me|woke me|keeps? me (?:up|awake)){_GAP}(?:{_REAL_PAIN}|throb\w*|ache)"),
    )),
    RedFlag("limp", "a limp or not bearing weight", Allowed.NON_IMPACT, False, (
        _p(r"\b(?:limp\w*|hobbl\w*|can'?t (?:put|bear) (?:any )?weight|cannot (?:put|bear) "
           r"(?:any )?weight|unable to (?:put|bear) weight|can'?t walk|cannot walk|"
           r"couldn'?t walk|non-?weight-?bearing)\b"),
    )),
    RedFlag("numbness_weakness", "numbness, tingling or weakness", Allowed.NOTHING, False, (
        _p(r"\b(?:numb\w*|tingl\w*|pins and needles|lost feeling|no feeling|foot drop|"
           r"drop foot|sudden weakness|can'?t lift my (?:foot|toes|arm))\b"),
        _p(r"\b(?:legs?|arms?|foot|feet|hands?|ankle|knee|side|face)\b[^.;!?]{0,25}\b(?:went |"
           r"goes |feels |is |felt )?(?:weak|weakness|gave way|giving way|buckl\w*|"
           r"collapsed under)\b"),
        _p(r"\bweakness in (?:my|the)\b"),
        _p(r"\bweak(?:ness)? (?:on|down) (?:one|my left|my right|the left|the right|my) side\b"),
    )),
    RedFlag("heat_confusion", "confusion or heat illness", Allowed.NOTHING, True, (
        _p(r"\b(?:heat ?stroke|heat exhaustion|sun ?stroke|stopped sweating|slurr\w*|"
           r"disorient\w*|didn'?t know where i was)\b"),
        _p(r"\b(?:confus\w*|not thinking straight|couldn'?t think straight|foggy|delirious)\b"
           r"(?=[^.;!?]{0,60}\b(?:heat|hot|sun|humid|race|run|degrees|temperature)\b)"),
        _p(r"\b(?:heat|hot|sun|humid|race|run|degrees)\b[^.;!?]{0,60}\b(?:confus\w*|"
           r"not thinking straight|delirious)\b"),
    )),
    RedFlag("swelling", "marked swelling after an injury", Allowed.NON_IMPACT, False, (
        _p(r"\b(?:swell\w*|swollen|swole up|puffed up|ballooned|balloon\w*|bruised and "
           r"swollen|big lump)\b"),
    )),
    RedFlag("fever_infection", "fever or a chest infection", Allowed.NOTHING, False, (
        _p(r"\b(?:fever\w*|feverish|febrile|chills|shivering and hot|night sweats|"
           r"chest infection|bronchitis|pneumonia|the flu|flu\b|influenza|covid\w*|"
           r"chesty cough|coughing up|cough\w* (?:up )?(?:green|yellow|phlegm|mucus|blood)|"
           r"glandular fever|mono)\b"),
        _p(r"\b(?:have|got|running|with|had|spiked) (?:a |an )?(?:high |slight |bit of a |mild )?"
           r"temperature\b"),
        _p(r"\btemperature (?:of|is|was|at) (?:3[7-9]|4[01]|9[9]|10[0-5])\b"),
        _p(r"\b(?:temp|temperature|fever)\s*(?:of|is|was|at)?\s*(?:3[89]|10[0-4])[.,]\d\b"),
        _p(r"\bthermometer\w*\b[^.;!?]{0,20}\b(?:3[89]|10[0-4])(?:[.,]\d)?\b"),
        _p(r"\b(?:3[89]|10[0-4])[.,]\d\s*(?:°|degrees)?\s*(?:c|f)?\s*(?:temp|temperature|"
           r"fever)\b"),
        _p(r"\b(?:3[89](?:[.,]\d)?|10[0-4](?:[.,]\d)?) ?(?:°|degrees) ?(?:c|f)?\b"
           r"(?=[^.;!?]{0,30}\b(?:temp|temperature|fever|thermometer)\b)"),
    )),
    RedFlag("severe_pain", "severe pain", Allowed.NON_IMPACT, False, (
        _p(r"\b(?:[89](?:[.,]5)?|10)\s*(?:/|out of)\s*10\b"),
        _p(r"\b(?:excruciating|unbearable|agony|agonising|agonizing|worst pain|screaming pain|"
           r"severe pain|pain is severe|can'?t bear (?:it|the pain))\b"),
        _p(r"\b(?:heard|felt) a (?:pop|snap|crack)\b"),
    )),
)

# The word "faint" in a sense that isn't fainting, and other innocent look-alikes.
_INNOCENT = re.compile(
    r"\bfaint (?:hope|chance|idea|memory|smell|ache|niggle|twinge|soreness)\b|"
    r"\bnot (?:one for|a fan of) \w+\b|\bheart rate monitor\b|\bchest strap\b|"
    r"\bconfused about\b|\bconfusing\b|\bfeel the burn\b|\bbone (?:broth|dry|tired|idle)\b|"
    r"\bbroke (?:a sweat|my pb|my pr|my record|even|down|up|in)\b|"
    r"\bbroken (?:watch|record|streak|garmin|phone|headphones|shoe|lace)\b|"
    r"\bsnap(?:ped)? (?:a|my) (?:lace|photo)\b|"
    # Air temperature is weather, not fever.
    r"\b(?:outside|outdoor|air|forecast|weather) temp\w*\b[^.;!?]{0,24}|"
    r"\btemp\w* (?:is|was|of|at|hit|reached|will be) \d+(?:[.,]\d)? ?(?:°|degrees)? ?(?:c|f)? "
    r"(?:outside|out|today|tomorrow|this afternoon|in the shade)\b|"
    # A healed or old fracture is history the plan works around, not a new red flag.
    r"\b(?:recovering from|recovered from|healed|healing|old|previous|history of|had a|"
    r"since|after) (?:(?:my|a|the|an) )?(?:\w+ ){0,2}?(?:fractur\w*|broken \w+|"
    r"broke (?:my|a) \w+|stress fracture)|"
    r"\bbroke (?:my|a) \w+ (?:\w+ ){0,2}?(?:(?:years?|months?) ago|last (?:year|month|"
    r"season|spring|summer|autumn|fall|winter))\b|\bflu (?:jab|shot|vaccine)\b")


def _referral_text(flags: tuple[FlagHit, ...], allowed: Allowed) -> str:
    labels = ", ".join(dict.fromkeys(flag.label for flag in flags))
    urgent = any(flag.urgent for flag in flags)
    if urgent:
        head = (f"What you describe ({labels}) needs a doctor before any training. Please "
                "stop exercising and get checked today; if it is happening now or is "
                "severe, call your local emergency number.")
    elif allowed is Allowed.NOTHING and all(f.id == "fever_infection" for f in flags):
        head = (f"What you describe ({labels}) means no training: rest until you have been "
                "free of fever for a few days, and see a doctor if it lasts or your chest "
                "is involved.")
    elif allowed is Allowed.NOTHING:
        head = (f"What you describe ({labels}) needs a doctor or physiotherapist to look at "
                "it before you train again. Rest today, and book an appointment.")
    else:
        head = (f"What you describe ({labels}) should be checked by a doctor or sports "
                "physiotherapist before you run again; your coach can also book you a "
                "running assessment.")
    if allowed is Allowed.NON_IMPACT:
        head += (" Until then, only non-impact training that doesn't hurt at all "
                 "(for example swimming or deep-water running), and stop if it does.")
    return head


def triage(text: str) -> TriageResult:
    """Red flags in ``text``, the referral to show (or None), and what is still allowed."""
    lowered = normalise(text)
    if not lowered:
        return TriageResult(flags=(), referral=None, allowed=Allowed.ANYTHING)
    cleaned = _INNOCENT.sub(" ", lowered)
    hits: list[FlagHit] = []
    for flag in RED_FLAGS:
        for pattern in flag.patterns:
            matches = find_unnegated(pattern, cleaned)
            if matches:
                hits.append(FlagHit(flag.id, flag.label, flag.allowed, flag.urgent,
                                    matches[0].group(0)))
                break
    if not hits:
        return TriageResult(flags=(), referral=None, allowed=Allowed.ANYTHING)
    allowed = min((hit.allowed for hit in hits), key=_RANK.__getitem__)
    flags = tuple(hits)
    return TriageResult(flags=flags, referral=_referral_text(flags, allowed), allowed=allowed)
