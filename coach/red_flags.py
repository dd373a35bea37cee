"""The red-flag catalogue: knowledge/red_flags.yaml loaded into typed, validated rules.

The file is data a coach or physiotherapist can read and edit; this module checks it and
compiles its patterns. A bad entry fails at load time with its id in the message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from coach.yaml_files import parse_yaml

DEFAULT_RED_FLAGS_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "red_flags.yaml"
EMERGENCY_PLACEHOLDER = "{emergency}"
# A referral is read on a phone screen, often in a hurry.
MAX_REFERRAL_CHARS = 420

Urgency = Literal["urgent", "soon"]
AllowedWord = Literal["nothing", "upper_body", "non_impact"]

_FRAGMENT = re.compile(r"<([A-Z_]+)>")


class Allowed(StrEnum):
    """What the swap engine may still suggest after triage, most restrictive first."""

    NOTHING = "nothing"
    NON_IMPACT = "non_impact"
    ANYTHING = "anything"


ALLOWED_RANK = {Allowed.NOTHING: 0, Allowed.NON_IMPACT: 1, Allowed.ANYTHING: 2}
# The engine has no upper-body-only list: it offers nothing and the referral says what
# is still fine.
_ENGINE_ALLOWED: dict[str, Allowed] = {
    "nothing": Allowed.NOTHING, "upper_body": Allowed.NOTHING,
    "non_impact": Allowed.NON_IMPACT,
}


class RedFlagCatalogueError(ValueError):
    """The catalogue file is malformed; the message names the entry."""


class _FlagEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=3)
    what: str = Field(min_length=10)
    why: str = Field(min_length=10)
    source: str = Field(min_length=5)
    urgency: Urgency
    see: str = Field(min_length=3)
    allowed: AllowedWord
    still_fine: str = Field(min_length=5)
    referral: str = Field(min_length=20, max_length=MAX_REFERRAL_CHARS)
    patterns: list[str] = Field(default_factory=list)
    together: list[list[str]] = Field(default_factory=list)
    examples: list[str] = Field(min_length=3)
    # The athlete's own past counts too (PAR-Q asks whether they EVER fainted or had chest
    # pain on exertion): "fainted in a race last month, fine now" still refers.
    history_matters: bool = False
    # A sentence these match is not this flag for the semantic net, however close it reads
    # (the rules still decide): "achilles hurts, 7/10" reads like "achilles 9/10" to the
    # model, but a stated score below the flag's own threshold settles it.
    net_overruled_by: list[str] = Field(default_factory=list)
    # Words of the flag's family (body parts, symptoms, signs): with the catalogue's
    # ``cue_gate`` on, a semantic hit for this flag needs one in its sentence.
    net_cues: list[str] = Field(default_factory=list)

    @field_validator("together")
    @classmethod
    def _groups_have_two_parts(cls, groups: list[list[str]]) -> list[list[str]]:
        for group in groups:
            if len(group) < 2:
                raise ValueError("each 'together' group needs at least two patterns")
        return groups

    @model_validator(mode="after")
    def _consistent(self) -> _FlagEntry:
        if not self.patterns and not self.together:
            raise ValueError("needs at least one pattern or 'together' group")
        if self.urgency == "urgent" and EMERGENCY_PLACEHOLDER not in self.referral:
            raise ValueError("an urgent referral must name the emergency number "
                             f"({EMERGENCY_PLACEHOLDER})")
        return self


class _SemanticSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    threshold: float = Field(gt=0, le=1)
    anchor_margin: float = Field(ge=-1, le=1)
    # A sentence this close to a flag's example needs only this smaller margin over the
    # anchors (a near-copy of a red flag is not vetoed by a loosely similar anchor).
    strong_threshold: float | None = Field(default=None, gt=0, le=1)
    strong_margin: float = Field(default=0.0, ge=-1, le=1)
    # The neighbourhood tier: a sentence at least `threshold` close to a flag refers when
    # the mean of its `neighbours` closest examples of that flag beats the mean of its
    # `neighbours` closest anchors by `neighbour_margin` (several agreeing examples are
    # surer than one).
    neighbours: int = Field(default=3, ge=1, le=10)
    neighbour_margin: float | None = Field(default=None, ge=-1, le=1)
    # Windows: a sentence longer than `window_words` that refers in no tier is read again
    # in overlapping pieces of that many words (`window_step` apart); a piece refers when
    # it passes the anchor or strong tier AND the neighbourhood tier at `window_margin`.
    window_words: int | None = Field(default=None, ge=3, le=40)
    window_step: int = Field(default=4, ge=1, le=40)
    window_margin: float | None = Field(default=None, ge=-1, le=1)
    # Only sentences whose closest example is at most this far below their closest anchor
    # are read in windows (the others are far from every flag; windows cost model time).
    window_gate: float | None = Field(default=None, ge=-1, le=1)
    # At most this many windows a message, from its closest sentences first.
    window_limit: int = Field(default=4, ge=1, le=40)
    # The classifier (knowledge/red_flag_net.RedFlagClassifier): when no sentence refers
    # by the tiers above, a sentence whose logit is at least this refers (null: off).
    classifier_threshold: float | None = Field(default=None, ge=-50, le=50)
    # ... and whose closest example is at most this far below its closest anchor (null:
    # any sentence): a second opinion where the nearest phrasings hesitate, not a third
    # net over sentences plainly nearer the benign ones.
    classifier_gate: float | None = Field(default=None, ge=-1, le=1)
    # The classifier's veto on the nearest-example tiers (single, strong, neighbourhood,
    # windows): a sentence or window whose logit is below this does not refer by them
    # (null: no veto). A near benign sentence that only happens to sit by one red example
    # ("knee is sore but 7am is fine") is one the classifier reads as plainly benign.
    classifier_veto: float | None = Field(default=None, ge=-50, le=50)
    # The second opinion on the rules' hits (coach/triage.Triage._second_opinion): a rule
    # hit whose sentence reads as benign by its structure (context.general_question,
    # context.habitual) is dropped when the net refers none of the message's sentences and
    # each is at least this much closer to a benign anchor than to any flag (null: off).
    second_opinion_margin: float | None = Field(default=None, ge=0, le=1)
    # The clause check (coach/triage.Triage._semantic_hits): a semantic hit on a sentence
    # this splits into clauses (a turn, a comma) stands only if one clause refers on its
    # own (null: off).
    clause_split: str | None = None
    # ... for the hits of these flags only (empty: every flag).
    clause_flags: list[str] = Field(default_factory=list)
    # The cue gate: a semantic hit for a flag with ``net_cues`` stands only if its sentence
    # names one of them (a body part, symptom or sign of the flag's family).
    cue_gate: bool = False


class _ContextSettings(BaseModel):
    """Who a clause is about and whether it is over: see coach/triage.not_about_now."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    first_person: list[str] = Field(default_factory=list)
    other_person: list[str] = Field(default_factory=list)
    animal: list[str] = Field(default_factory=list)
    illness: list[str] = Field(default_factory=list)
    remote: list[str] = Field(default_factory=list)
    recovered: list[str] = Field(default_factory=list)
    earlier: list[str] = Field(default_factory=list)
    present: list[str] = Field(default_factory=list)
    cleared: list[str] = Field(default_factory=list)
    learning: list[str] = Field(default_factory=list)
    curious: list[str] = Field(default_factory=list)
    serious: list[str] = Field(default_factory=list)
    earlier_today: list[str] = Field(default_factory=list)
    ongoing: list[str] = Field(default_factory=list)
    brief: list[str] = Field(default_factory=list)
    present_state: list[str] = Field(default_factory=list)
    family: list[str] = Field(default_factory=list)
    sudden_death: list[str] = Field(default_factory=list)
    referring_back: list[str] = Field(default_factory=list)
    general_question: list[str] = Field(default_factory=list)
    lasting: list[str] = Field(default_factory=list)
    habitual: list[str] = Field(default_factory=list)


class _TypoSettings(BaseModel):
    """Symptom words read as meant when mistyped by one slip ("dizy", "breathles")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    targets: list[str] = Field(default_factory=list)
    min_length: int = Field(default=5, ge=3)


class _CatalogueFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    emergency_number: str = Field(min_length=3)
    semantic: _SemanticSettings
    fragments: dict[str, str] = Field(default_factory=dict)
    innocent: list[str] = Field(default_factory=list)
    context: _ContextSettings = Field(default_factory=_ContextSettings)
    anchors: list[str] = Field(default_factory=list)
    typos: _TypoSettings = Field(default_factory=lambda: _TypoSettings())
    flags: list[Any] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class RedFlagRule:
    """One red flag: what it is, its source, how urgent, what stays allowed, its rules."""

    id: str
    name: str
    what: str
    why: str
    source: str
    urgency: Urgency
    see: str
    allows: AllowedWord
    still_fine: str
    referral: str
    patterns: tuple[re.Pattern[str], ...]
    together: tuple[tuple[re.Pattern[str], ...], ...]
    examples: tuple[str, ...]
    history_matters: bool = False
    net_overruled_by: tuple[re.Pattern[str], ...] = ()
    net_cues: re.Pattern[str] | None = None

    @property
    def urgent(self) -> bool:
        return self.urgency == "urgent"

    @property
    def allowed(self) -> Allowed:
        """What the swap engine may still offer."""
        return _ENGINE_ALLOWED[self.allows]


@dataclass(frozen=True, slots=True)
class ClauseContext:
    """Patterns that tell who a clause is about and whether what it tells is over.

    A clause about someone else's illness ("my kid has a fever") or about something over
    and done ("broke my foot years ago, healed fine") is not a red flag the athlete has now,
    unless it says so ("still", "again", "now").
    """

    first_person: re.Pattern[str] | None
    other_person: re.Pattern[str] | None
    animal: re.Pattern[str] | None
    illness: re.Pattern[str] | None
    remote: re.Pattern[str] | None
    recovered: re.Pattern[str] | None
    earlier: re.Pattern[str] | None
    present: re.Pattern[str] | None
    # A doctor, physio or test has checked it and said it is fine: the sentence is over,
    # even for the flags whose history matters.
    cleared: re.Pattern[str] | None = None
    # A question asked to learn about a condition ("what are the signs of heat stroke?",
    # "i read that dark urine can mean rhabdo, is that true?"): with these words gone, the
    # sentence says nothing of the athlete.
    learning: re.Pattern[str] | None = None
    # Said anywhere in the message, it makes its questions general ("just curious",
    # "asking for a friend").
    curious: re.Pattern[str] | None = None
    # A serious sign in a sentence: the semantic net never reads it as over.
    serious: re.Pattern[str] | None = None
    # Recent words ("yesterday", "this morning") that do not make an episode said to be
    # over ("fine now") go on.
    earlier_today: re.Pattern[str] | None = None
    # Going on now, said of someone else ("still", "right now", "keeps"): a dated word
    # ("yesterday", "today") does not make another person's episode the athlete's concern.
    ongoing: re.Pattern[str] | None = None
    # A brief episode told whole ("for a day", "fine in 2 min"): with a word saying it is
    # over and no serious sign, the sentence is over.
    brief: re.Pattern[str] | None = None
    # Someone else's state in the present tense ("she is confused"): not told in passing.
    present_state: re.Pattern[str] | None = None
    # What a relative's illness says about the athlete (a sudden death, an inherited
    # condition, "family should get tested"): never set aside as someone else's.
    family: re.Pattern[str] | None = None
    # A relative's sudden death: the clauses after it in its sentence tell how it came
    # ("... while jogging, when he was 41") and are kept with it.
    sudden_death: re.Pattern[str] | None = None
    # A later sentence that still speaks of someone else ("she", "him", "they"): the
    # message is about them, not only a story told in passing.
    referring_back: re.Pattern[str] | None = None
    # A sentence that opens as a question about something in general ("what prevents...?",
    # "how does X affect...?"): evidence for the second opinion on a rule hit, not a verdict.
    general_question: re.Pattern[str] | None = None
    # A body's ordinary response told as usual for the athlete ("like always", "in a good
    # way"): evidence for the second opinion too.
    habitual: re.Pattern[str] | None = None
    # A lasting heart condition or treatment (a stent, a pacemaker): with ``own_history``,
    # the athlete's own is kept however long ago it was.
    lasting: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class RedFlagCatalogue:
    """All red flags, in the catalogue's order, with the shared innocent words and anchors."""

    emergency_number: str
    flags: tuple[RedFlagRule, ...]
    innocent: re.Pattern[str] | None
    anchors: tuple[str, ...]
    threshold: float
    anchor_margin: float
    context: ClauseContext | None = None
    strong_threshold: float | None = None
    strong_margin: float = 0.0
    neighbours: int = 3
    neighbour_margin: float | None = None
    window_words: int | None = None
    window_step: int = 4
    window_margin: float | None = None
    window_gate: float | None = None
    window_limit: int = 4
    classifier_threshold: float | None = None
    classifier_gate: float | None = None
    classifier_veto: float | None = None
    second_opinion_margin: float | None = None
    clause_split: re.Pattern[str] | None = None
    clause_flags: tuple[str, ...] = ()
    cue_gate: bool = False
    # Symptom words a one-slip typo is read as (coach/triage.correct_typos).
    typo_targets: tuple[str, ...] = ()
    typo_min_length: int = 5

    def get(self, flag_id: str) -> RedFlagRule:
        for flag in self.flags:
            if flag.id == flag_id:
                return flag
        raise KeyError(flag_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(flag.id for flag in self.flags)


def _expand(pattern: str, fragments: Mapping[str, str], where: str) -> re.Pattern[str]:
    expanded = pattern
    for _ in range(3):  # fragments may name fragments
        expanded = _FRAGMENT.sub(lambda m: fragments.get(m.group(1), m.group(0)), expanded)
    unknown = _FRAGMENT.findall(expanded)
    if unknown:
        raise RedFlagCatalogueError(f"{where}: unknown fragment <{unknown[0]}>")
    try:
        return re.compile(expanded)
    except re.error as error:
        raise RedFlagCatalogueError(f"{where}: bad pattern {pattern!r}: {error}") from error


_CONTEXT_NAMES = ("first_person", "other_person", "animal", "illness", "remote", "recovered",
                  "earlier", "present", "cleared", "learning", "curious",
                  "serious", "earlier_today", "ongoing", "brief", "present_state", "family",
                  "sudden_death",
                  "referring_back", "general_question", "habitual", "lasting")


def _union(patterns: Sequence[str], fragments: Mapping[str, str],
           where: str) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return _expand("|".join(f"(?:{p})" for p in patterns), fragments, where)


def _entry_name(raw: object, index: int) -> str:
    if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
        return f"red flag {raw['id']!r}"
    return f"red flag #{index + 1}"


def parse_red_flags(data: object, *, source: str = "red_flags.yaml") -> RedFlagCatalogue:
    """Validate and compile catalogue ``data`` (as loaded from YAML)."""
    try:
        file = _CatalogueFile.model_validate(data)
    except ValidationError as error:
        raise RedFlagCatalogueError(f"{source}: {error}") from error
    flags: list[RedFlagRule] = []
    seen: set[str] = set()
    for index, raw in enumerate(file.flags):
        where = f"{source}: {_entry_name(raw, index)}"
        try:
            entry = _FlagEntry.model_validate(raw)
        except ValidationError as error:
            raise RedFlagCatalogueError(f"{where}: {error}") from error
        if entry.id in seen:
            raise RedFlagCatalogueError(f"{where}: duplicate id")
        seen.add(entry.id)
        flags.append(RedFlagRule(
            id=entry.id, name=entry.name, what=entry.what, why=entry.why,
            source=entry.source, urgency=entry.urgency, see=entry.see, allows=entry.allowed,
            still_fine=entry.still_fine,
            referral=entry.referral.replace(EMERGENCY_PLACEHOLDER, file.emergency_number),
            patterns=tuple(_expand(p, file.fragments, where) for p in entry.patterns),
            together=tuple(tuple(_expand(p, file.fragments, where) for p in group)
                           for group in entry.together),
            examples=tuple(entry.examples),
            history_matters=entry.history_matters,
            net_overruled_by=tuple(_expand(p, file.fragments, where)
                                   for p in entry.net_overruled_by),
            net_cues=(_union(entry.net_cues, file.fragments, f"{where}: net_cues")
                      if entry.net_cues else None),
        ))
    innocent = _union(file.innocent, file.fragments, f"{source}: innocent")
    words = file.context
    context = ClauseContext(**{
        name: _union(getattr(words, name), file.fragments, f"{source}: context.{name}")
        for name in _CONTEXT_NAMES})
    return RedFlagCatalogue(
        emergency_number=file.emergency_number, flags=tuple(flags), innocent=innocent,
        anchors=tuple(file.anchors), threshold=file.semantic.threshold,
        anchor_margin=file.semantic.anchor_margin, context=context,
        strong_threshold=file.semantic.strong_threshold,
        strong_margin=file.semantic.strong_margin,
        neighbours=file.semantic.neighbours,
        neighbour_margin=file.semantic.neighbour_margin,
        window_words=file.semantic.window_words,
        window_step=file.semantic.window_step,
        window_margin=file.semantic.window_margin,
        window_gate=file.semantic.window_gate,
        window_limit=file.semantic.window_limit,
        classifier_threshold=file.semantic.classifier_threshold,
        classifier_gate=file.semantic.classifier_gate,
        classifier_veto=file.semantic.classifier_veto,
        second_opinion_margin=file.semantic.second_opinion_margin,
        clause_split=(_expand(file.semantic.clause_split, file.fragments,
                              f"{source}: semantic.clause_split")
                      if file.semantic.clause_split else None),
        clause_flags=tuple(file.semantic.clause_flags),
        cue_gate=file.semantic.cue_gate,
        typo_targets=tuple(target.lower() for target in file.typos.targets),
        typo_min_length=file.typos.min_length,
    )


def load_red_flags(path: Path | None = None) -> RedFlagCatalogue:
    """The catalogue at ``path`` (default: the packaged knowledge/red_flags.yaml)."""
    if path is None:
        return _load_default()
    return _load(path)


@lru_cache(maxsize=1)
def _load_default() -> RedFlagCatalogue:
    return _load(DEFAULT_RED_FLAGS_PATH)


def _load(path: Path) -> RedFlagCatalogue:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RedFlagCatalogueError(f"{path}: cannot read the catalogue: {error}") from error
    return parse_red_flags(data, source=path.name)


def flag_sequence(catalogue: RedFlagCatalogue, ids: Sequence[str]) -> tuple[RedFlagRule, ...]:
    """The flags named by ``ids``, in the catalogue's order."""
    wanted = set(ids)
    return tuple(flag for flag in catalogue.flags if flag.id in wanted)


_URGENCY_WORDS = {
    "urgent": "Urgent: stop and seek care now",
    "soon": "Soon: see someone before training again",
}
_ALLOWS_WORDS = {
    "nothing": "nothing (no options offered)",
    "upper_body": "upper-body work only (the swap engine offers nothing)",
    "non_impact": "non-impact options only",
}


def render_safety_doc(catalogue: RedFlagCatalogue) -> str:
    """docs/safety.md, from the catalogue: what each flag is, its source, what the bot says."""
    lines = [
        "# Safety: the red flags the coach refers on",
        "",
        "<!-- Generated from knowledge/red_flags.yaml by `python -m coach.red_flags`; "
        "a test checks it is current. Edit the catalogue, not this file. -->",
        "",
        "Every message an athlete sends (free text, check-in answers, onboarding answers "
        "about injuries, `/swap` reasons, questions) goes through triage before anything "
        "else. Two nets look for the red flags below:",
        "",
        "1. **Rules**: each flag's word patterns, with negation handled (\"no chest pain\" "
        "is not a flag) and known innocent phrases removed (\"broke my PR\", \"heart rate "
        "zones\", \"killer hills\"). What is not about the athlete now is set aside: "
        "someone else's illness, or a story about someone else told in passing (\"a guy "
        "collapsed at the finish, paramedics came. My own run was fine\") unless it is a "
        "family history such as a sudden death; history that is over (\"healed, pain "
        "free now\", \"no swelling since\"), a brief spell told whole with no serious "
        "sign (\"walking funny for a day, fine now\"); and what a doctor, physio or test "
        "has checked and found fine or explained (\"the physio said it's just scar "
        "tissue\"); so is a symptom given an everyday cause in the same "
        "clause (the gym, laughing, hay fever, coffee), unless the sentence also has a "
        "serious word (fainting, blood, vomiting, confusion, wheezing...). A question asked "
        "to learn (\"is exercise-induced asthma common in runners?\", \"does caffeine "
        "cause palpitations?\") does not refer when "
        "it opens a message that says nothing of the athlete (no \"I\", \"me\" or "
        "\"my\") and no time a symptom has lasted, or asks how long a recovery takes or "
        "what prevents a condition, unless the athlete adds it may be theirs (\"I think "
        "I have one\", \"I'm still...\"); nor does a prediction or a figure of "
        "speech (\"I'll be limping to the pub\", \"I'd rather faint than...\"), "
        "carrying an EpiPen or inhaler, or a heart rate the athlete calls normal for them "
        "(\"HR hit 185 on the hill, normal for me\"). Lay words count: a temperature told "
        "as a bare figure with a sign of illness (\"38.6 and shivery\"), being knocked "
        "out or not remembering the fall even when fine now, both legs giving way to the "
        "ground, meals skipped while weight drops.",
        "2. **Meaning**: the bundled sentence-embedding model (all-MiniLM-L6-v2, offline) "
        "compares each sentence with example phrasings of every flag; a sentence close "
        f"enough to one (cosine similarity at least {catalogue.threshold:.2f}, and "
        f"{catalogue.anchor_margin:.2f} closer than to any benign phrasing, such as DOMS "
        "or a head cold) refers too" + _neighbourhood_words(catalogue)
        + _classifier_words(catalogue) + _gate_words(catalogue) + ". The example "
        "and benign phrasings are the "
        f"catalogue's own ({len(catalogue.anchors)} benign) and the sentences of the "
        "labelled athlete messages of the development sets "
        "(`knowledge/red_flag_phrasings.yaml`), never the held-out set.",
        "",
        "A flag replaces coaching with a referral. Urgent referrals name "
        f"{catalogue.emergency_number}. When several flags are found, the most urgent "
        "and most restrictive one speaks. Ordinary soreness, tiredness, DOMS, weather, a "
        "cold \"above the neck\", a healed old injury and the words of the sport do not "
        "refer.",
        "",
        "| Flag | Urgency | Still allowed | Source |",
        "| --- | --- | --- | --- |",
    ]
    for flag in catalogue.flags:
        lines.append(f"| [{flag.name}](#{flag.id}) | {flag.urgency} | "
                     f"{_ALLOWS_WORDS[flag.allows]} | {flag.source} |")
    for flag in catalogue.flags:
        lines += [
            "",
            f"## {flag.name[0].upper()}{flag.name[1:]}",
            f'<a id="{flag.id}"></a>',
            "",
            f"- **Id:** `{flag.id}`",
            f"- **What it is:** {flag.what}",
            f"- **Why it matters:** {flag.why}",
            f"- **Source:** {flag.source}",
            f"- **Urgency:** {_URGENCY_WORDS[flag.urgency]}; see {flag.see}.",
            f"- **Still allowed:** {_ALLOWS_WORDS[flag.allows]}. {flag.still_fine}",
            f"- **What the bot says:** \"{flag.referral}\"",
        ]
    return "\n".join(lines) + "\n"


def _classifier_words(catalogue: RedFlagCatalogue) -> str:
    """How the classifier reads a sentence, in words (or nothing when it is off)."""
    if catalogue.classifier_threshold is None:
        return ""
    gate = "" if catalogue.classifier_gate is None else (
        ", if that phrasing is at most "
        f"{-catalogue.classifier_gate:.2f} less close to it than its closest benign one"
        if catalogue.classifier_gate <= 0 else
        f", if that phrasing is at least {catalogue.classifier_gate:.2f} closer to it than "
        "its closest benign one")
    veto = "" if catalogue.classifier_veto is None else (
        ". The classifier also has a veto: a sentence (or piece of one) it scores below "
        f"{catalogue.classifier_veto:.2f} does not refer by its nearest example phrasing "
        "alone, however close that phrasing is")
    return (". When no sentence is that close, a classifier learnt from the same phrasings "
            "(a logistic regression over the same sentence vectors, refer or not) reads "
            "each sentence too; one it scores at least "
            f"{catalogue.classifier_threshold:.2f} (its log-odds) refers, to the flag whose "
            "example phrasing is nearest" + gate + veto)


def _gate_words(catalogue: RedFlagCatalogue) -> str:
    """The checks a sentence the model refers must still pass, in words (or nothing)."""
    words = ""
    if catalogue.clause_split is not None:
        words += (". A sentence of several clauses (\"knee is sore but 7am is fine\") "
                  "refers by its meaning only if one of its clauses does on its own, so "
                  "that plans told beside a mild symptom do not carry it to a red example")
    if catalogue.cue_gate and any(flag.net_cues is not None for flag in catalogue.flags):
        words += (". A sentence must also name something of the flag's own family (a "
                  "body part, a symptom or a sign): news of a session that names none "
                  "(\"did a 30 min jog as well\") does not refer by its shape alone")
    return words


def _neighbourhood_words(catalogue: RedFlagCatalogue) -> str:
    """How the neighbourhood tier and the windows read a message, in words (or nothing)."""
    words = ""
    k = catalogue.neighbours
    if catalogue.neighbour_margin is not None:
        words += (f"; so does a sentence at least {catalogue.threshold:.2f} close to a flag "
                  f"whose {k} closest example phrasings of one flag are on average "
                  f"{catalogue.neighbour_margin:.2f} closer than its {k} closest benign ones")
    if catalogue.window_words is not None and catalogue.window_margin is not None \
            and catalogue.window_gate is not None:
        gate = catalogue.window_gate
        near = ("already nearer a flag's example than any benign phrasing" if gate >= 0 else
                f"at most {-gate:.2f} less close to a flag's example than to its closest "
                "benign phrasing")
        words += (f". When nothing refers, a long sentence {near} is read again in pieces of "
                  f"{catalogue.window_words} words; a piece refers when it passes the test "
                  f"above and its {k} closest example phrasings of one flag are on average "
                  f"{catalogue.window_margin:.2f} closer than its {k} closest benign ones, "
                  "so that a symptom told in a few words inside other news is not drowned "
                  "by them")
    return words


SAFETY_DOC_PATH = DEFAULT_RED_FLAGS_PATH.parent.parent / "docs" / "safety.md"


def main() -> None:
    """Write docs/safety.md from the packaged catalogue."""
    SAFETY_DOC_PATH.parent.mkdir(parents=True, exist_ok=True)
    SAFETY_DOC_PATH.write_text(render_safety_doc(load_red_flags()), encoding="utf-8")
    print(f"wrote {SAFETY_DOC_PATH}")


if __name__ == "__main__":
    main()
