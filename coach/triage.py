"""Red-flag triage: first, before any suggestion or LLM, on every text the athlete sends.

Two nets over the red-flag catalogue (knowledge/red_flags.yaml, loaded by
coach/red_flags.py):

1. Deterministic rules: each flag's patterns, and its "together" groups (every pattern of
   a group in one sentence, or in two sentences in a row). Negated mentions ("no chest
   pain", "never fainted") do not count, and known innocent phrases ("broke my PR",
   "heart rate zones") are removed first.
2. A semantic net (knowledge/red_flag_net.py, the bundled embedding model): each sentence
   of the message is compared with every flag's example phrasings; a sentence close enough
   to one, and closer to it than to the benign anchors, refers too. It runs unless the
   rules already found an urgent flag.

A flag gives a referral (urgent ones: stop and seek care now, naming the emergency number;
others: whom to see and what is still fine) and limits what the swap engine may suggest.
Ordinary soreness, tiredness, weather and the words of the sport never refer.

``triage(text)`` is the one entry point; ``Triage`` builds one with another catalogue or
semantic net (tests pass a fake embedder).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal, Protocol

from rapidfuzz.distance import OSA, Indel

from coach.reasons import find_unnegated, normalise
from coach.red_flags import (
    ALLOWED_RANK,
    Allowed,
    ClauseContext,
    RedFlagCatalogue,
    RedFlagRule,
    Urgency,
    load_red_flags,
)

__all__ = [
    "Allowed", "FlagHit", "SemanticHit", "SemanticNet", "Triage", "TriageResult",
    "about_now", "correct_typos", "default_triage", "deterministic_triage", "semantic_units",
    "set_default_semantic_net", "triage", "warm_up",
]

log = logging.getLogger(__name__)

Net = Literal["rules", "semantic"]


@dataclass(frozen=True, slots=True)
class FlagHit:
    """A red flag found in the text, with the words that raised it and the net that did."""

    id: str
    label: str
    allowed: Allowed
    urgent: bool
    matched: str
    net: Net = "rules"
    score: float | None = None


@dataclass(frozen=True, slots=True)
class SemanticHit:
    """A sentence the semantic net found close to a flag's example phrasings."""

    flag_id: str
    sentence: str
    score: float


class SemanticNet(Protocol):
    """The second net: which of these sentences are close to which flags."""

    def match(self, sentences: Sequence[str], *, windows: bool = True) -> list[SemanticHit]:
        """``windows``: may long sentences be read again in pieces (a recall aid that
        costs model time; triage skips it when the rules already refer)."""
        ...


@dataclass(frozen=True, slots=True)
class TriageResult:
    """The outcome of triage: flags found, the referral to show, what remains allowed."""

    flags: tuple[FlagHit, ...]
    referral: str | None
    allowed: Allowed
    still_fine: str | None = None

    @property
    def refer(self) -> bool:
        return self.referral is not None

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return tuple(flag.id for flag in self.flags)

    @property
    def urgent(self) -> bool:
        """True when the athlete must stop and seek care now."""
        return any(flag.urgent for flag in self.flags)

    @property
    def urgency(self) -> Urgency | None:
        """"urgent" (stop, seek care now), "soon" (see someone before training) or None."""
        if not self.flags:
            return None
        return "urgent" if self.urgent else "soon"


_ALL_CLEAR = TriageResult(flags=(), referral=None, allowed=Allowed.ANYTHING)
# A full stop between digits is a decimal point ("38.6 and shivery"), not a sentence end.
_SENTENCE = re.compile(r"(?:[;!?\n]|(?<!\d)\.|\.(?!\d))+|\s[-–—]\s")
# Sentences, not clauses: a short clause ("hit every rep") is too little for the model.
_UNIT_BREAK = _SENTENCE
# A denied symptom ("no fever or chest pain, only a cold") says nothing the semantic net
# should match: drop it up to the next comma or turn.
# Some negations are the symptom itself ("no period for months", "not making sense",
# "reliever isn't working", "no feeling in my toes"): those stay.
_SYMPTOM_NEGATED = (
    r"(?!(?:a |my |her |any )?(?:periods?|menstrua\w*|feeling|sensation|sweat\w*|appetite|"
    r"energy|strength|control|relief|movements?|kicks|pee|urine|sense|making sense|"
    r"helping|working|moving|breathing|able|stopping|going away|getting better|improving|"
    r"eating|responding|right|better|longer|coming|much better|touching|"
    # "for no reason", "without warning" say how it came, not that it did not (flags21).
    r"(?:apparent |obvious |real )?reason|warning|"
    r"(?:been )?(?:running|training|exercising|racing|riding))\b)")
_DENIED = re.compile(
    r"\b(?:no|never|without|zero|not|isn't|wasn't|aren't|don't have|didn't have|haven't had|"
    r"nothing like)\s" + _SYMPTOM_NEGATED +
    r"[^,]*?(?=,|\bjust\b|\bonly\b|\bbut\b|\bthough\b|$)")
_MIN_UNIT_WORDS = 2
# The model was trained on short texts and costs time per word: a run-on sentence is read
# in pieces of at most this many words (nothing is dropped).
_MAX_UNIT_WORDS = 40
# Where the catalogue's innocent phrases were: the rules see a blank there, the semantic
# net drops the whole clause ("went a bit woozy in the sauna, fine after a drink" would
# otherwise leave "went ... after my run so i got out", which reads like a collapse).
# The whole sentence, not only the innocent phrase's clause: flags23 measured by leave-one-
# set-out over dev..dev15 dropping only the clause (at commas and "and", "but"...) or only
# what comes before a turn after the phrase ("old knee fine but calf swollen" keeping "calf
# swollen"); both referred more benign look-alikes ("legs wobbly but peeing normal": the
# phrase speaks for its whole sentence) and no more red flags (evals/red_flags/README.md).
_INNOCENT_MARK = "\u2298"


def semantic_units(text: str) -> list[str]:
    """The sentences the semantic net reads, denied symptoms and innocent clauses removed."""
    return list(_units_with_clauses(text, None))


def _units_with_clauses(text: str, split: re.Pattern[str] | None) -> dict[str, list[str]]:
    """``semantic_units`` with each unit's clauses, split where ``split`` finds a turn or
    a new clause (none without ``split``, or when the unit is one clause)."""
    units: dict[str, list[str]] = {}
    for piece in _UNIT_BREAK.split(text):
        if _INNOCENT_MARK in piece:
            continue
        kept = _DENIED.sub(" ", piece)
        words = kept.replace(",", " ").split()
        clauses = [] if split is None else [
            " ".join(part.replace(",", " ").split()) for part in split.split(kept)]
        clauses = [clause for clause in clauses if clause]
        for start in range(0, len(words), _MAX_UNIT_WORDS):
            unit = " ".join(words[start:start + _MAX_UNIT_WORDS])
            if len(unit.split()) >= _MIN_UNIT_WORDS and unit not in units:
                # A run-on sentence read in pieces keeps no clauses (rare; not judged).
                units[unit] = clauses if len(clauses) > 1 and len(words) <= _MAX_UNIT_WORDS \
                    else []
    return units


# Clauses: a sentence breaks at commas and at "and", "but", "so", "also", "though"...
_CLAUSE = re.compile(r",|\s[-–—]\s|\s(?:and|but|so|also|though|although|while|plus|then)\s")


_WORD = re.compile(r"[a-z]+")


def correct_typos(lowered: str, targets: Sequence[str], *, min_length: int = 5) -> str:
    """``lowered`` with symptom words mistyped by one slip read as meant ("dizy" ->
    "dizzy", "breathles" -> "breathless", "swolen" -> "swollen").

    As coach/language/typos.py reads day and session words: a word of ``min_length``
    letters or more, with the target's first letter, one letter dropped or added or two
    swapped; a changed letter is not a slip ("breeding" is not "bleeding"), and a word
    that starts with a target is a known word with an ending ("fainted").
    """
    if not targets:
        return lowered
    return _WORD.sub(lambda m: _correct_word(m.group(0), tuple(targets), min_length),
                     lowered)


@lru_cache(maxsize=8192)
def _correct_word(word: str, targets: tuple[str, ...], min_length: int) -> str:
    if len(word) < min_length or word in targets:
        return word
    near = _by_first_letter(targets).get(word[0], ())
    # A letter dropped from a longer target first: "breathles" is "breathless", not
    # "breath" with an ending.
    for target in near:
        if len(target) == len(word) + 1 and Indel.distance(word, target, score_cutoff=1) <= 1:
            return target
    if any(word.startswith(target) for target in near):
        return word
    for target in near:
        if abs(len(target) - len(word)) <= 1 and (
                Indel.distance(word, target, score_cutoff=1) <= 1 or (
                    sorted(word) == sorted(target) and OSA.distance(word, target) == 1)):
            return target
    return word


@lru_cache(maxsize=8)
def _by_first_letter(targets: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for target in targets:
        grouped.setdefault(target[0], []).append(target)
    return {letter: tuple(words) for letter, words in grouped.items()}


def _found(pattern: re.Pattern[str] | None, text: str) -> bool:
    return bool(pattern and find_unnegated(pattern, text, clause_commas=True))


def _without(patterns: Sequence[re.Pattern[str] | None], text: str) -> str:
    for pattern in patterns:
        if pattern is not None:
            text = pattern.sub(" ", text)
    return text


# A sentence with its closing marks; a decimal point does not close it.
_SENTENCE_WITH_END = re.compile(r"(?:[^.;!?\n]|(?<=\d)\.(?=\d))+[.;!?\n]*")


def about_now(text: str, context: ClauseContext | None, *, own_history: bool = False,
              over: bool = False, passing: bool = True) -> str:
    """``text`` without what is not about the athlete now.

    Dropped, unless it says it is going on now ("still", "again", "now", "today"):
    - a sentence that says a doctor, physio or test checked it and found it fine ("my
      physio cleared my stress fracture"), even with ``own_history``;
    - a sentence of history: far in the past ("years ago", "as a kid", "in 2019"), or dated
      and over ("had the flu two weeks ago, fully recovered");
    - a clause that only says something is over ("fully healed", "fine now");
    - a clause about someone else's illness or past ("my kid has a fever", "my buddy
      fainted at a race last year"), or about an animal ("my dog is limping");
    - a sentence about someone else only, that says it is over ("saw someone collapse at
      parkrun, they're ok now");
    - with ``passing``, a clause whose subject is someone named ("my son", "a guy"), when
      the message goes on and never speaks of anyone else again: a story told in passing
      ("a guy collapsed at the finish, paramedics came. my own run was fine"), unless it
      says it goes on now or tells a family history (a sudden death, an inherited
      condition).
    Someone else in danger now ("my teammate collapsed in the heat") is kept: the referral
    is still right. A clause without a subject of its own ("... and has a fever") is about
    whoever the clause before was about; in a clause naming both, the first named is the
    subject ("my son's got a fever so I'm home" is about the son).

    With ``own_history`` the athlete's own recent past is kept, even when over ("fainted
    last month, fine now"): for flags where PAR-Q asks about the last 12 months; only the
    far past, someone else's illness or past, and animals are dropped.

    With ``over`` (what the semantic net reads), a sentence that says it is over ("tummy
    bug yesterday, fine now") is dropped whole, not only its "fine now", unless it says
    it is back or names a serious sign (``context.serious``): the net matches a whole
    sentence's meaning, and the symptom half alone reads like a red flag.
    """
    if context is None or not text:
        return text
    past = (context.remote, context.recovered, context.earlier)
    curious = _found(context.curious, text)
    kept: list[str] = []
    sentences = [m.group(0) for m in _SENTENCE_WITH_END.finditer(text)]
    for index, sentence in enumerate(sentences):
        later = [s for s in sentences[index + 1:] if re.search(r"\w", s)]
        # Someone else's episode told in passing: the message goes on and never speaks of
        # them again ("a guy collapsed at the finish. my own run was fine").
        # The athlete asks what to do: someone else may be in danger now, whatever else.
        help_asked = any(_HELP.search(s) for s in later)
        if later:
            in_passing = passing and not any(_mentions_other(s, context) for s in later)
        else:  # ... or the sentence ends on the athlete: "... but i was fine"
            in_passing = passing and _ends_fine(_CLAUSE.split(sentence), context)
        made_mine = any(_MINE_TOO.search(s) for s in later)
        if _learning(sentence, context, curious=curious) and not made_mine:
            continue  # a question to learn: "what are the signs of heat stroke?"
        # "came back normal" is a test result, not a symptom that came back.
        back = bool(context.present and context.present.search(
            _without((*past, context.cleared), sentence)))
        if not back and _found(context.cleared, sentence):
            # Checked and cleared ("the cardiologist checked and said harmless"); what
            # follows a turn after the clearance is news of its own ("physio cleared my
            # ankle but my calf is swollen since the flight").
            sentence = _after_clearance(sentence, context.cleared)
            if not sentence.strip():
                continue
        # A lasting heart condition of the athlete's own is never history ("stent in 2019").
        lasting = own_history and _found(context.lasting, sentence) and not _only_others(
            sentence, context)
        if not back and not lasting and (_found(context.remote, sentence) or (
                not own_history and (_found(context.recovered, sentence)
                                     and _found(context.earlier, sentence)))):
            continue
        if not back and not own_history and _found(context.recovered, sentence) and _found(
                context.brief, sentence) and not (
                context.serious and context.serious.search(sentence)):
            continue  # brief and over: "walking funny for a day, it's fine now"
        if _found(context.recovered, sentence) and _only_others(sentence, context) and not (
                _ongoing(sentence, context)):
            continue  # someone else's event, over: "saw someone collapse, they're ok now"
        if over and _found(context.recovered, sentence) and not (
                context.serious and context.serious.search(sentence)) and not (
                context.present and context.present.search(
                    _without((*past, context.cleared, context.earlier_today), sentence))):
            continue
        pieces = _CLAUSE.split(sentence)
        other = False
        # Someone else's dated past ("my dad had chest pain last week") goes on in the
        # clauses after it that name no one ("... and is seeing a cardiologist").
        others_past = False
        # The clause's subject is someone named ("my son", "a guy"), not "they" or a
        # person named after the verb ("bumped heads with my dog").
        their_story = False
        keep: list[str] = []
        sudden = False
        # Per clause: is it about someone else, and does it say they are over it.
        others_of: list[bool] = []
        theirs_over: list[bool] = []
        for position, piece in enumerate(pieces):
            mine = context.first_person.search(piece) if context.first_person else None
            theirs = context.other_person.search(piece) if context.other_person else None
            if theirs and (not mine or theirs.start() <= mine.start()):
                other = True
                # "... and they had an epipen" goes on with the story of the clause before.
                their_story = _named_subject(piece, theirs) or (
                    their_story and theirs.group(0).split()[0] in _PRONOUNS)
            elif mine:
                other = False
                others_past = False
                their_story = False
            others_of.append(other)
            theirs_over.append(other and _found(context.recovered, piece)
                               and not _ongoing(piece, context))
            now = bool(context.present and context.present.search(_without(past, piece)))
            # Of someone else, "yesterday" or "today" is when it happened, not that it goes on.
            theirs_now = other and (
                help_asked or (_ongoing(piece, context) if context.ongoing else now))
            if not now and not (own_history and not other) and _found(
                    context.recovered, piece):
                continue
            if not mine and context.animal and context.animal.search(piece):
                continue
            if _learning(piece, context, curious=False) and not made_mine and not any(
                    _MINE_TOO.search(after) for after in pieces[position + 1:]):
                continue  # "heard marathoners can collapse from water, how much do i drink?"
            # A relative's sudden death or inherited condition is the athlete's own risk,
            # and so are the clauses that go on telling it ("... while jogging at 41").
            family = bool(context.family and context.family.search(piece)) or (
                sudden and other and not mine)
            sudden = (sudden and other and not mine) or bool(
                context.sudden_death and context.sudden_death.search(piece))
            if other and not theirs_now and not family and (
                    _found(context.earlier, piece) or _found(context.remote, piece)):
                others_past = True
                continue
            if other and not theirs_now and not family and (
                    others_past or _found(context.illness, piece)):
                continue
            if other and their_story and in_passing and not theirs_now and not family and not (
                    context.present_state and context.present_state.search(
                        _without(past, piece))):
                continue
            keep.append(piece.strip())
        if any(theirs_over):  # "my mate's mum has red-s, she's recovering": all theirs
            keep = [piece.strip() for piece, theirs in zip(pieces, others_of, strict=True)
                    if not theirs and piece.strip() in keep]
        if len(keep) == len(pieces):
            kept.append(sentence)
        elif keep:
            kept.append(", ".join(p for p in keep if p) + ". ")
    return " ".join(kept) if kept else ""


# A turn in a sentence: what follows is news of its own.
_TURN_WORDS = re.compile(r",?\s(?:but|though|although|however|except|yet|whereas)\s")


def _after_clearance(sentence: str, cleared: re.Pattern[str] | None) -> str:
    """What follows the last turn after a clearance in ``sentence`` ("" when nothing)."""
    parts = _TURN_WORDS.split(sentence)
    last = max((i for i, part in enumerate(parts) if _found(cleared, part)), default=None)
    if last is None:  # the clearance spans a turn: the whole sentence is its
        return ""
    return " ".join(parts[last + 1:])


# The athlete's own clause that ends a story about someone else ("saw people collapse at
# the end but i was fine"): the story was told in passing.
_ATHLETE_FINE = re.compile(
    r"\b(?:i was|i'm|im|i am|i felt|i feel|i'?ve been|my (?:own )?(?:run|race|legs?|time) "
    r"(?:was|were|felt|went)) (?:totally |perfectly |absolutely |all )?(?:fine|ok|okay|good|"
    r"great|grand|alright|well)\b")
# A later sentence asking what to do for someone else.
_HELP = re.compile(r"\bwhat (?:should|do|can|shall) (?:i|we) do\b|"
                   r"\bshould (?:i|we) (?:call|ring|get)\b|"
                   r"\bhow (?:do|can|should) (?:i|we) help (?:her|him|them)\b|"
                   r"\b(?:call|ring|dial)(?:ed)? (?:an ambulance|911|999|112)\b")
# A later sentence that makes a general question the athlete's own ("do you get dark pee
# after hills? mine's cola coloured").
_MINE_TOO = re.compile(r"\b(?:mine(?:'s| is| are| was)?|me too|same here|same with me|"
                       r"that'?s me|happens to me|like mine)\b|"
                       # The athlete fears the condition asked about is theirs: "how long
                       # does X take to heal, i think i have one".
                       r"\bi (?:think|reckon|suspect|worry|fear|'?m worried|am worried|"
                       r"'?m scared|am scared)(?: that)? i(?:'ve| have| got|'ve got| might| may|"
                       r"'m| am)\b|\b(?:might|may|could) (?:have|be) (?:got )?(?:one|it|that)\b|"
                       r"\b(?:do|could|would|have) i (?:have|got|get) (?:one|it|that|this)\b|"
                       # ... or says it goes on for them: "how long does X last? i'm
                       # still ..."
                       r"\bi(?:'m| am) still\b|\bi still (?:have|get|feel|can'?t)\b")


def _learning(sentence: str, context: ClauseContext, *, curious: bool) -> bool:
    """True when ``sentence`` asks to learn about a condition and says nothing of the athlete.

    A learning phrase ("what are the signs of", "i read that", "is it true") or, in a
    message that says it asks out of curiosity, a question; and, the learning phrase
    aside, no "i", "me" or "my": "how do i know if i have a stress fracture?" still refers.
    """
    learning = _found(context.learning, sentence)
    if not learning and not (curious and "?" in sentence):
        return False
    rest = _without((context.learning, context.curious), sentence)
    if context.first_person and context.first_person.search(rest):
        return False
    return not (context.present and context.present.search(rest))


def _ongoing(text: str, context: ClauseContext) -> bool:
    """True when ``text`` says it goes on now ("still", "right now", "keeps"), its
    words of something over aside ("she's fine now" is over)."""
    past = (context.remote, context.recovered, context.earlier, context.cleared)
    return bool(context.ongoing and context.ongoing.search(_without(past, text)))


_PRONOUNS = frozenset({"she", "he", "they", "their", "his", "her"})
# Verbs of a bystander: "saw someone collapse" is someone else's story.
_WITNESSED = frozenset({"saw", "watched", "seen", "heard", "witnessed", "noticed"})


def _ends_fine(pieces: Sequence[str], context: ClauseContext) -> bool:
    """True when a clause after the first says the athlete was fine and nothing after it
    speaks of anyone else ("saw people collapse at the end but i was fine, 3:45!")."""
    for index in range(1, len(pieces)):
        if _ATHLETE_FINE.search(pieces[index]):
            return not any(_mentions_other(piece, context) for piece in pieces[index:])
    return False


def _named_subject(piece: str, theirs: re.Match[str]) -> bool:
    """True when the person ``theirs`` found opens ``piece`` (or follows a bystander's
    verb: "saw someone...") and is named, not a bare pronoun ("they found an irregular
    ecg" may be doctors; "took the dog out" is the athlete's walk)."""
    named = theirs.group(0).strip().split()
    if not named or named[0] in _PRONOUNS:
        return False
    before = piece[:theirs.start()].split()
    return not before or (len(before) == 1 and before[0] in _WITNESSED)


def _mentions_other(sentence: str, context: ClauseContext) -> bool:
    """True when ``sentence`` speaks of someone else ("she", "him", "my mate")."""
    return bool(context.referring_back and context.referring_back.search(sentence)) or bool(
        context.other_person and context.other_person.search(sentence))


def _only_others(sentence: str, context: ClauseContext) -> bool:
    """True when ``sentence`` names someone else and not the athlete."""
    return bool(context.other_person and context.other_person.search(sentence)) and not (
        context.first_person and context.first_person.search(sentence))


def _hit_sentence(matched: str, sentences: Sequence[str]) -> str | None:
    """The sentence that holds a rule's match (its first part, for a "together" group)."""
    first = matched.split(" … ")[0]
    return next((sentence for sentence in sentences if first in sentence), None)


def _benign_structure(sentence: str | None, context: ClauseContext, *, message: str) -> bool:
    """True when ``sentence`` reads as benign by its structure: a question about something
    in general (no "i", "me" or "my" in it, nothing said to go on now in the message), or
    an ordinary response told as the athlete's usual with no serious sign."""
    if sentence is None:
        return False
    if context.general_question and context.general_question.search(sentence) and not (
            context.first_person and context.first_person.search(sentence)) and not (
            context.present and context.present.search(message)):
        return True
    return bool(context.habitual and context.habitual.search(sentence)) and not (
        context.serious and context.serious.search(sentence))


def _rule_match(flag: RedFlagRule, text: str, sentences: Sequence[str]) -> str | None:
    for pattern in flag.patterns:
        matches = find_unnegated(pattern, text, clause_commas=True)
        if matches:
            return matches[0].group(0)
    for group in flag.together:
        # A sentence, or two in a row ("bumped heads... since then a headache"), kept apart
        # by a full stop so that a negation in one does not reach into the next.
        for sentence in (*sentences, *(f"{a}. {b}" for a, b in pairwise(sentences))):
            found: list[list[re.Match[str]]] = []
            for pattern in group:  # the first pattern that finds nothing settles it
                matches = find_unnegated(pattern, sentence, clause_commas=True)
                if not matches:
                    break
                found.append(matches)
            else:
                return " … ".join(matches[0].group(0) for matches in found)
    return None


def _primary(hits: Sequence[FlagHit], catalogue: RedFlagCatalogue) -> RedFlagRule:
    # Urgent first, then the most restrictive, then the catalogue's order.
    order = {flag_id: index for index, flag_id in enumerate(catalogue.ids)}
    best = min(hits, key=lambda hit: (not hit.urgent, ALLOWED_RANK[hit.allowed], order[hit.id]))
    return catalogue.get(best.id)


class Triage:
    """Triage over one catalogue, with or without the semantic net."""

    def __init__(self, catalogue: RedFlagCatalogue | None = None,
                 semantic: SemanticNet | None = None) -> None:
        self.catalogue = catalogue or load_red_flags()
        self.semantic = semantic

    def _marked(self, lowered: str) -> tuple[str, str]:
        """``lowered`` with innocent phrases marked, and that without what is not now."""
        innocent = self.catalogue.innocent
        marked = innocent.sub(_INNOCENT_MARK, lowered) if innocent else lowered
        return marked, about_now(marked, self.catalogue.context)

    def _lowered(self, text: str) -> str:
        catalogue = self.catalogue
        return correct_typos(normalise(text), catalogue.typo_targets,
                             min_length=catalogue.typo_min_length)

    def semantic_sentences(self, text: str) -> list[str]:
        """The sentences of ``text`` the semantic net reads (also to train it on phrasings).

        Both readings of a story about someone else told in passing: as triage reads it
        (the story set aside) and whole, so that a benign phrasing keeps its words as an
        anchor ("new baby at home" stays an anchor for "the baby kept me up").
        """
        lowered = self._lowered(text)
        if not lowered:
            return []
        marked, cleaned = self._marked(lowered)
        units = semantic_units(cleaned)
        whole = semantic_units(about_now(marked, self.catalogue.context, passing=False))
        return units + [unit for unit in whole if unit not in units]

    def __call__(self, text: str) -> TriageResult:
        """Red flags in ``text``, the referral to show (or None), and what is still allowed."""
        lowered = self._lowered(text)
        if not lowered:
            return _ALL_CLEAR
        marked, cleaned_marked = self._marked(lowered)
        without_innocent = marked.replace(_INNOCENT_MARK, " ")
        cleaned = cleaned_marked.replace(_INNOCENT_MARK, " ")
        sentences = [s for s in _SENTENCE.split(cleaned) if s.strip()]
        # For flags whose history matters, only what is about someone else is dropped.
        own = about_now(without_innocent, self.catalogue.context, own_history=True)
        own_sentences = [s for s in _SENTENCE.split(own) if s.strip()]
        hits: list[FlagHit] = []
        for flag in self.catalogue.flags:
            matched = (_rule_match(flag, own, own_sentences) if flag.history_matters
                       else _rule_match(flag, cleaned, sentences))
            if matched is not None:
                hits.append(FlagHit(flag.id, flag.name, flag.allowed, flag.urgent, matched))
        context = self.catalogue.context
        # Only a message that says something is over reads differently for the net.
        for_net = (about_now(marked, context, over=True)
                   if context and context.recovered and context.recovered.search(marked)
                   else cleaned_marked)
        if hits and self._second_opinion(hits, cleaned, for_net):
            return _ALL_CLEAR
        if self.semantic is not None and not any(hit.urgent for hit in hits):
            hits.extend(self._semantic_hits(for_net, {hit.id for hit in hits},
                                            windows=not hits))
        if not hits:
            return _ALL_CLEAR
        allowed = min((hit.allowed for hit in hits), key=ALLOWED_RANK.__getitem__)
        primary = _primary(hits, self.catalogue)
        return TriageResult(flags=tuple(hits), referral=primary.referral, allowed=allowed,
                            still_fine=primary.still_fine)

    def _second_opinion(self, hits: Sequence[FlagHit], cleaned: str, for_net: str) -> bool:
        """True when the rules' hits are benign on a second look: each hit's sentence is
        benign by its structure (a general question, an ordinary response told as usual),
        and the semantic net refers none of the message's sentences and reads each at
        least the catalogue's ``second_opinion_margin`` closer to a benign anchor than to
        any flag. Recall first: any doubt keeps the hits."""
        margin = self.catalogue.second_opinion_margin
        context = self.catalogue.context
        view = getattr(self.semantic, "benign_margin", None)
        if margin is None or context is None or view is None or self.semantic is None:
            return False
        sentences = [m.group(0) for m in _SENTENCE_WITH_END.finditer(cleaned)]
        if not all(_benign_structure(_hit_sentence(hit.matched, sentences), context,
                                     message=cleaned) for hit in hits):
            return False
        units = semantic_units(for_net)
        if not units or self.semantic.match(units, windows=True):
            return False
        return bool(view(units) <= -margin)

    def _semantic_hits(self, cleaned: str, found: set[str], *,
                       windows: bool = True) -> list[FlagHit]:
        assert self.semantic is not None
        catalogue = self.catalogue
        clauses = _units_with_clauses(cleaned, catalogue.clause_split)
        units = list(clauses)
        if not units:
            return []
        best: dict[str, SemanticHit] = {}
        for hit in self.semantic.match(units, windows=windows):
            if hit.flag_id not in found and (
                    hit.flag_id not in best or hit.score > best[hit.flag_id].score):
                best[hit.flag_id] = hit
        hits = []
        judged: dict[str, bool] = {}
        for flag_id, hit in best.items():
            flag = catalogue.get(flag_id)
            if any(rule.search(hit.sentence) for rule in flag.net_overruled_by):
                continue
            if catalogue.cue_gate and flag.net_cues is not None \
                    and not flag.net_cues.search(hit.sentence):
                # Matched by its shape alone: the sentence names nothing of the flag's
                # family (no body part, symptom or sign of it).
                continue
            parts = (clauses.get(hit.sentence) or []) if (
                not catalogue.clause_flags or flag_id in catalogue.clause_flags) else []
            if parts:
                # A sentence of several clauses ("knee is sore but 7am is fine") refers
                # only if one clause does on its own: the news beside a mild symptom
                # must not carry it to a red example.
                if hit.sentence not in judged:
                    judged[hit.sentence] = bool(self.semantic.match(parts, windows=False))
                if not judged[hit.sentence]:
                    continue
            hits.append(FlagHit(flag.id, flag.name, flag.allowed, flag.urgent, hit.sentence,
                                net="semantic", score=hit.score))
        return hits


_lock = threading.Lock()
_default: Triage | None = None
_deterministic: Triage | None = None
_semantic_override: SemanticNet | None = None
_override_set = False


def set_default_semantic_net(net: SemanticNet | None) -> None:
    """Use ``net`` (None: rules alone) in ``triage`` from now on; for tests and tools."""
    global _default, _semantic_override, _override_set
    with _lock:
        _semantic_override, _override_set, _default = net, True, None
        _remembered.cache_clear()


def _default_semantic_net(catalogue: RedFlagCatalogue) -> SemanticNet | None:
    if _override_set:
        return _semantic_override
    try:
        from knowledge.red_flag_net import make_red_flag_net

        return make_red_flag_net(catalogue)
    except Exception:  # a broken model install must not silence the rules
        log.exception("red-flag semantic net unavailable; triage uses the rules alone")
        return None


def default_triage() -> Triage:
    """The configured triage (the packaged catalogue, both nets), built once."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                catalogue = load_red_flags()
                _default = Triage(catalogue, semantic=_default_semantic_net(catalogue))
    return _default


def triage(text: str) -> TriageResult:
    """Red flags in ``text`` (both nets), the referral to show (or None), what is allowed.

    One message is screened by several steps (the safety screen, intent routing, whether a
    reason is health-related, the substitution engine); the result is a pure function of
    the text, so it is computed once and remembered for the recent texts.
    """
    return _remembered(text)


# Small: only the steps of the message being handled need it, and it holds their words.
@lru_cache(maxsize=256)
def _remembered(text: str) -> TriageResult:
    return default_triage()(text)


def warm_up() -> None:
    """Load the model and embed the catalogue now (about a second), not at the first message.

    The bot calls it while it starts, so the first message after a restart is answered as
    fast as any other.
    """
    net = default_triage().semantic
    warm = getattr(net, "warm_up", None)
    if callable(warm):
        warm()


def deterministic_triage(text: str) -> TriageResult:
    """Triage by the catalogue's rules alone (the first net), for benchmarks and tools."""
    global _deterministic
    if _deterministic is None:
        _deterministic = Triage(load_red_flags(), semantic=None)
    return _deterministic(text)
