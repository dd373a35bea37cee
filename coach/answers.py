"""Answers to a runner's question from the coach's articles.

The composer is extractive by default (the most relevant sentences, then the source); with
a chat model it asks for an answer grounded in the retrieved passages and falls back to the
extractive answer on any error or timeout. Retrieval comes through the ``Retriever``
protocol, so nothing here knows about Chroma, Telegram or a particular model.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from coach.catalogue import Activity, Catalogue
from coach.context import AthleteContext
from coach.language.lexicon import alternation, entry, normalise
from coach.offers import Offer, Offers, choose_offer

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
# About a phone screen: the whole answer, source line and any extra line included.
MAX_ANSWER_CHARS = 600
# Retrieved passages this close to the quoted one's relevance are listed as sources too.
SOURCE_MARGIN = 0.15
SOURCE_SEPARATOR = " — "
# How the coach's story is introduced in an answer (the article's "Personal Story:").
STORY_PREFIX = "The coach's story: "


# ---------------------------------------------------------------- retrieval interface


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    text: str
    similarity: float  # cosine similarity to the question, -1..1
    position: int  # order inside its passage


@dataclass(frozen=True, slots=True)
class Passage:
    chunk_id: str
    article: str  # the article's title
    section: str  # heading path below the title, outermost first, joined with " > "
    text: str
    score: float  # fused relevance, 0..1, passages come best first
    sentences: tuple[ScoredSentence, ...] = ()
    # "introduction", "story", "point", "text" (advice), "general" or "offer"
    kind: str = "text"
    position: int = 0  # order of the passage in its article
    # Positions of the sentences that answer the anticipated question (the article's
    # questions sidecar) closest to the one asked, when that question is this passage's:
    # they lead the reply.
    answers: frozenset[int] = frozenset()
    # Positions of the sentences that close the writing rather than advise (a sign-off, a
    # byline, a call to action: knowledge/text.py's closing_sentences). An answer quotes
    # them only when asked for them.
    closing: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Retrieval:
    passages: list[Passage]
    covered: bool
    # Set when the question asks for a section's parts as a list ("what are the
    # benefits"): that section's path; the passages are its parts, in the article's order.
    outline: str | None = None
    # Set when the question sets two options against each other ("swimming or cycling?"):
    # its words before and after the word that does (the lexicon's ``comparison``).
    options: tuple[str, str] | None = None
    # Set when the question asks who wrote the articles ("who wrote this?", "who is
    # <author>?"): the author of the passages' article and the line she signs with, if any.
    byline: tuple[str, str] | None = None
    # The word each side of ``options`` puts next to the comparing word ("yoga", "spin"),
    # "" for a side whose word says nothing ("or am i kidding myself").
    option_heads: tuple[str, str] | None = None
    # Those of ``option_heads`` that no article, anticipated question or lexicon group
    # holds: options the articles don't cover.
    unread: frozenset[str] = frozenset()
    # The phrase narrowing the question to a situation the articles don't speak to ("in
    # race week" in "how often should i cross train in race week?"), else "".
    unanswered: str = ""


class Retriever(Protocol):
    def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
        """The passages that best answer ``question``, best first, and whether it is covered."""
        ...

    def topics(self) -> list[str]:
        """What the articles cover, as short phrases for a person."""
        ...


# ---------------------------------------------------------------- answers


@dataclass(frozen=True, slots=True)
class Source:
    article: str
    section: str
    score: float


@dataclass(slots=True)
class Answer:
    text: str
    covered: bool
    sources: list[Source] = field(default_factory=list)
    offer: str | None = None  # id of the offer whose line the answer carries, if any
    # The situation the question narrows to that the articles don't speak to ("in race
    # week"), when the answer says so; "" otherwise.
    situation: str = ""

    def to_json(self) -> dict[str, Any]:
        """The command-line contract: {"answer", "covered", "sources": [...]}."""
        return {
            "answer": self.text,
            "covered": self.covered,
            "sources": [asdict(source) for source in self.sources],
        }

    def to_json_line(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)


# ---------------------------------------------------------------- question checks

def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LATIN_LETTER = re.compile(r"[A-Za-z]")
_ENGLISH_HINTS = _word_set(
    "the a an i my me you your is are do does can how what why when which should would "
    "to of and in for with after before it this that run running"
)
_OTHER_LANGUAGE_HINTS = _word_set(
    # Spanish, French, German, Italian, Portuguese, Dutch function words.
    "el la los las que de del por para cómo como qué puedo mi mis rodilla duele correr "
    "je tu il elle les des du est une pour avec mon ma mes comment pourquoi courir "
    "der die das ist und ich mein meine nicht mit wie was warum laufen "
    "il lo gli che di per come perché posso mio mia correre "
    "o os as um uma não com meu minha porque "
    "het een ik niet hoe wat waarom lopen"
)
# Words of those languages that an English question holds too ("as", "was", "come") or
# chat spellings of English ones ("wat"): no sign of another language.
_ALSO_ENGLISH = _word_set("as was die come per wat hoe")


def _problem_with_question(question: str) -> str | None:
    """A friendly reply when ``question`` is not something we can look up, else None."""
    text = question.strip()
    if not text:
        return ("Please ask me a question about cross-training, for example: "
                "\"My knee hurts after long runs, what can I do instead?\"")
    letters = [ch for ch in text if unicodedata.category(ch).startswith("L")]
    if not letters:
        return ("I couldn't find any words in that. Ask me a question in a sentence, for "
                "example: \"What can I do instead of running when it's icy?\"")
    latin = sum(1 for ch in letters if _LATIN_LETTER.match(unicodedata.normalize("NFD", ch)))
    if latin / len(letters) < 0.5:
        return ("Sorry, I can only answer in English for now: the coach's articles are in "
                "English. Could you ask again in English?")
    tokens = re.findall(r"[a-zà-ÿ]+", text.lower())
    english = sum(1 for t in tokens if t in _ENGLISH_HINTS)
    other = sum(1 for t in tokens if t in _OTHER_LANGUAGE_HINTS
                and t not in _ENGLISH_HINTS and t not in _ALSO_ENGLISH)
    if other >= 2 and other > english:
        return ("Sorry, I can only answer in English for now: the coach's articles are in "
                "English. Could you ask again in English?")
    return None


def clip_question(question: str) -> str:
    # The embedding model reads ~256 tokens anyway; a pasted essay should not cost more.
    text = " ".join(question.split())
    return text[:MAX_QUESTION_CHARS]


# ---------------------------------------------------------------- the extractive composer

_WORD = re.compile(r"[a-z0-9]+")
_STORY_LABEL = "Personal Story:"
_LABEL = re.compile(r"^[A-Z][\w’' ]{1,30}:\s+")
_POINT = re.compile(r"^(?P<name>[A-Z][\w’'&/ ]{2,60}?)\s+[-–—]\s+(?=\S)")
# Sentences that only make sense after the one before them.
_CONTINUES = ("instead", "we ", "this ", "these ", "that ", "not only", "the result",
              "a noticeable", "she ", "he ", "it ", "it’s also", "it's also")
# In a story, sentences that turn from its situation to what was done about it.
_TURNS = ("instead",)
# An aside in brackets ("(Not my best moment!)"), without a figure: left out of a quote so
# the answer keeps room for content.
_ASIDE = re.compile(r"\s+\([^()0-9]{1,60}\)(?=[\s,.;:!?])")
# Below this similarity the nearest passage is not worth naming as the closest topic.
CLOSEST_TOPIC_FLOOR = 0.3
# Single words too common to say a question names an activity ("run", "gym", "pool").
_VAGUE_ALIASES = frozenset(re.findall(r"\S+", """
    run running jog walk walking rest skip nothing step trainer climber strength core gym
    pool weights ride versa stroll treadmill row cycle"""))
_QUALITY_WORDS = {
    "aerobic": "aerobic endurance", "threshold": "threshold", "vo2": "VO2max",
    "climbing_strength": "climbing strength", "power": "power",
    "general_strength": "general strength",
}


def _stems(text: str) -> set[str]:
    found = set()
    for word in _WORD.findall(text.lower().replace("’", "").replace("'", "")):
        if len(word) > 3:
            found.add(word[:5])  # a cheap stem: "injuries"/"injury" -> "injur"
    return found


@cache
def _asks_what_to_do_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in entry("questions", "asks_what_to_do")))


@cache
def _addresses_reader_pattern() -> re.Pattern[str]:
    return re.compile(alternation(entry("questions", "addresses_reader")))


def asks_what_to_do(question: str) -> bool:
    """Whether ``question`` asks what to do ("how do I keep my fitness?", "what now?")."""
    return bool(_asks_what_to_do_pattern().search(normalise(question)))


def addresses_reader(sentence: str) -> bool:
    """Whether an article's ``sentence`` speaks to the reader ("It's a way to train around
    injuries while your body heals"), as advice does, rather than stating a fact."""
    return bool(_addresses_reader_pattern().search(normalise(sentence)))


def _sentence_score(question_stems: set[str], sentence: ScoredSentence) -> float:
    overlap = len(question_stems & _stems(sentence.text))
    return sentence.similarity + 0.03 * min(overlap, 4)


# A "sentence" of fewer words is no sentence an answer quotes on its own.
MIN_SENTENCE_WORDS = 3
# What the coach did in a story ("we added...") counts this much more than its back-story.
STORY_ACTION_BONUS = 0.15
_FIRST_PERSON = re.compile(r"\b(?:we|I)\b")


def _readable(sentence: str) -> str:
    sentence = _ASIDE.sub("", sentence)
    # The article's "Personal Story:" label is the coach speaking; say so in a reply.
    if sentence.startswith(_STORY_LABEL):
        return STORY_PREFIX + sentence[len(_STORY_LABEL):].lstrip()
    point = _POINT.match(sentence)
    if point:  # "Keep It Short - Ten minutes ..." -> "Keep It Short: Ten minutes ..."
        return f"{point.group('name')}: {sentence[point.end():]}"
    return sentence


def topic_label(section: str) -> str:
    """The last heading of a section path, without its number ("2. Hills" -> "Hills")."""
    leaf = section.split(SECTION_PATH_SEPARATOR)[-1].strip()
    return leaf.split(". ", 1)[1] if leaf[:1].isdigit() and ". " in leaf else leaf


SECTION_PATH_SEPARATOR = " > "


# A title longer than this is cited by its part before the colon (its subtitle dropped).
SHORT_TITLE_CHARS = 50


def short_title(title: str) -> str:
    """ "Main Title: A Long Subtitle" -> "Main Title" when the title is long."""
    head = title.split(": ", 1)[0]
    return head if len(title) > SHORT_TITLE_CHARS and len(head) >= 12 else title


def source_line(passages: Sequence[Passage], *, extra: Sequence[str] = ()) -> str:
    """ONE line naming the article and the section(s) the answer comes from."""
    by_article: dict[str, list[str]] = {}
    for passage in passages:
        leaves = by_article.setdefault(passage.article, [])
        if passage.section != passage.article:
            leaf = topic_label(passage.section)
            if leaf not in leaves:
                leaves.append(leaf)
    for citation in extra:  # "Title > Section > Subsection" from the catalogue
        title, _, rest = citation.partition(SECTION_PATH_SEPARATOR)
        leaves = by_article.setdefault(title, [])
        leaf = topic_label(rest) if rest else ""
        if leaf and leaf not in leaves:
            leaves.append(leaf)
    labels = [f"{short_title(article)}{SOURCE_SEPARATOR}{'; '.join(leaves)}" if leaves
              else short_title(article) for article, leaves in by_article.items()]
    return "Source: " + "; ".join(labels)


def not_covered_text(closest: str | None = None) -> str:
    """One line: the articles don't cover it, and the closest topic they do cover, if any."""
    if closest:
        return (f"The coach's articles don't cover that; the closest topic they cover is "
                f"“{closest}”. You can also ask your coach directly.")
    return "The coach's articles don't cover that, so I'd rather not guess: ask your coach."


def _closest_topic(retrieval: Retrieval) -> str | None:
    for passage in retrieval.passages:
        if passage.kind in ("offer", "general", "introduction"):
            continue
        if _best_similarity(passage) >= CLOSEST_TOPIC_FLOOR:
            return topic_label(passage.section)
        return None
    return None


def _best_similarity(passage: Passage) -> float:
    return max((s.similarity for s in passage.sentences), default=-1.0)


def _sources(passages: Sequence[Passage], quoted: Sequence[Passage]) -> list[Source]:
    """The quoted passages and the retrieved ones about as relevant, in retrieval order."""
    seen: set[tuple[str, str]] = set()
    sources = []
    floor = max((_best_similarity(p) for p in quoted), default=0.0) - SOURCE_MARGIN
    for passage in passages:
        key = (passage.article, passage.section)
        if key in seen or (passage not in quoted and _best_similarity(passage) < floor):
            continue
        seen.add(key)
        sources.append(Source(passage.article, passage.section, round(passage.score, 4)))
    return sources


def _activity_names(activity: Activity) -> list[str]:
    """The activity's name and specific aliases, as normalised words."""
    found = []
    for phrase in (activity.name, *activity.aliases):
        normal = " ".join(_WORD.findall(phrase.lower().replace("-", " ")))
        if normal and not (" " not in normal and normal in _VAGUE_ALIASES):
            found.append(normal)
    return found


def _normal_text(text: str) -> str:
    return f" {' '.join(_WORD.findall(text.lower().replace('-', ' ')))} "


def named_activity(question: str, catalogue: Catalogue | None) -> Activity | None:
    """The catalogue activity the question names (its name or a specific alias), if any."""
    if catalogue is None:
        return None
    text = _normal_text(question)
    best: tuple[int, Activity] | None = None
    for activity in catalogue.activities:
        if activity.is_rest:
            continue
        for normal in _activity_names(activity):
            if f" {normal} " in text and (best is None or len(normal) > best[0]):
                best = (len(normal), activity)
    return best[1] if best else None


# A question with at most this many words besides the activity's name asks about the
# activity itself ("pool running?", "is aqua jogging as good as running??").
ACTIVITY_QUESTION_WORDS = 5


def _asks_about_activity(question: str, activity: Activity) -> bool:
    text = _normal_text(question)
    name = max((n for n in _activity_names(activity) if f" {n} " in text), key=len,
               default="")
    return bool(name) and len(text.replace(f" {name} ", " ", 1).split()) \
        <= ACTIVITY_QUESTION_WORDS


def _names_activity(text: str, activity: Activity) -> bool:
    normal = _normal_text(text)
    return any(f" {name} " in normal for name in _activity_names(activity))


def activity_facts(activity: Activity, *, with_how: bool = True) -> str:
    """What the catalogue knows: what it trains, its impact and (``with_how``) how to do
    it."""
    trains = [_QUALITY_WORDS.get(q, q.replace("_", " ")) for q in activity.trains]
    impact = "no impact" if activity.impact == "none" else f"{activity.impact} impact"
    text = f"{activity.name}: trains {', '.join(trains) or 'recovery'}; {impact}."
    if with_how and activity.how:
        how = activity.how.replace("{minutes}", "").strip(" ,;")
        text += f" How: {how}."
    return text


def _caution(athlete: AthleteContext | None, body: str, lexicon: CautionRules | None) -> str:
    if athlete is None or lexicon is None or not (athlete.injuries or athlete.pain_reports):
        return ""
    found = lexicon.high_impact_words(body)
    if not found or not lexicon.caution:
        return ""
    injury = athlete.injuries[0] if athlete.injuries else "pain"
    return lexicon.caution.format(injury=injury, words=", ".join(dict.fromkeys(found)))


class CautionRules(Protocol):
    """What the composer needs of the domain lexicon (knowledge/lexicon.yaml)."""

    @property
    def caution(self) -> str: ...

    def high_impact_words(self, text: str) -> list[str]: ...


def _fit(pieces: Sequence[str], budget: int) -> list[str]:
    """The pieces, in priority order, that fit in ``budget`` characters (the first always)."""
    kept: list[str] = []
    used = 0
    for index, piece in enumerate(pieces):
        if not piece:
            continue
        if index == 0 or used + len(piece) + 1 <= budget:
            kept.append(piece)
            used += len(piece) + 1
    return kept




@dataclass(frozen=True, slots=True)
class _Candidate:
    passage: int  # index into the answering passages
    position: int  # order inside its passage
    text: str  # as shown to the athlete
    score: float
    needs: int | None  # position of the sentence it cannot be read without
    # Position of the sentence that must follow it: a story's situation comes with what
    # was done about it.
    brings: int | None = None
    # Whether it answers the anticipated question closest to the one asked.
    answers: bool = False
    # Whether it names an activity the question names.
    names: bool = False


def _candidates(question: str, passages: Sequence[Passage],
                activities: Sequence[Activity] = (),
                section: int | None = None,
                keep_closing: frozenset[str] = frozenset()) -> list[_Candidate]:
    """Every sentence of the answering passages, scored against the question, with the
    sentence it needs before it ("Instead, ..." its predecessor; a story its set-up) and,
    the sentence it brings after it: in a story, the turn its set-up and back-story bring
    (what was done about them); after "not just X.", what it is instead. ``section``: how
    many of ``passages``, the first, answer together (the rest fill the room left). A
    passage's closing sentences (sign-off, byline, call to action) are left out unless its
    id is in ``keep_closing``."""
    question_stems = _stems(question)
    what_to_do = asks_what_to_do(question)
    found = []
    for index, passage in enumerate(passages):
        ordered = sorted(passage.sentences, key=lambda s: s.position)
        turn = _turn(ordered) if passage.kind == "story" else None
        for rank, sentence in enumerate(ordered):
            if sentence.position in passage.closing and passage.chunk_id not in keep_closing:
                continue
            brings = turn.position if turn is not None and rank < ordered.index(turn) \
                else None
            if (brings is None and rank + 1 < len(ordered)
                    and _leaves_open(sentence.text)):
                # "You're not just giving your legs a break." The next sentence says what
                # it is instead.
                brings = ordered[rank + 1].position
            needs: int | None = None
            previous = ordered[rank - 1] if rank else None
            if (passage.kind == "story" and rank > 1 and previous is not None
                    and sentence.text.lower().startswith(_TURNS)
                    and not previous.text.endswith(("?", ":"))):
                # "Instead, we ..." turns from the story's set-up, not from the back-story
                # between them: the set-up is enough to read it.
                needs = ordered[0].position
            elif previous is not None and (
                    sentence.text.lower().startswith(_CONTINUES)
                    or previous.text.endswith(("?", ":"))):
                needs = previous.position
            elif passage.kind == "story" and rank:
                needs = ordered[0].position
            if sentence.text.endswith("?") and rank + 1 < len(ordered):
                score = -1.0  # a question ("The result?") comes only with its answer
            elif len(sentence.text.split()) < MIN_SENTENCE_WORDS:
                score = -1.0  # a lone word between links ("Or") says nothing
            else:
                score = _sentence_score(question_stems, sentence)
                if passage.kind == "story" and rank and _FIRST_PERSON.search(sentence.text) \
                        and (section is None or index < section):
                    # What the coach did ("we added...") is what the story teaches, in the
                    # section that answers; another section's story filling the room left
                    # counts by its closeness alone, as the advice beside it does.
                    score += STORY_ACTION_BONUS
                if (what_to_do and passage.kind != "story"
                        and addresses_reader(sentence.text)):
                    # Asked what to do: the advice to the reader answers, not the problem.
                    score += WHAT_TO_DO_BONUS
                if any(_names_activity(sentence.text, activity) for activity in activities):
                    # What the article says of the activity the question names.
                    score += ACTIVITY_BONUS
                if sentence.position in passage.answers:
                    # The answer the article's questions file gives to the question
                    # anticipated closest to this one: it leads.
                    score += ANSWERS_BONUS
            found.append(_Candidate(
                index, sentence.position, _readable(sentence.text), score, needs, brings,
                answers=sentence.position in passage.answers,
                names=any(_names_activity(sentence.text, activity)
                          for activity in activities)))
    return found


_NOT_JUST = re.compile(r"\b(?:not|n[’']t) (?:just|only)\b", re.IGNORECASE)
# What completes "not just X" in the same sentence: "but Y", "X—it's Y", "X; Y".
_COMPLETED = re.compile(r"\bbut\b|[—–;]", re.IGNORECASE)


# A sentence that ends by promising more than it says ("...but it's so much more than
# that.", "There's more to it than rest."): what the more is comes next.
_MORE_THAN_SAID = re.compile(
    r"\bmore (?:than (?:that|this|you(?:['’]d| might| may)? (?:think|expect|reali[sz]e))"
    r"|to it(?: than [^,;:—–.!?]+)?)[.!]?$", re.IGNORECASE)


def _leaves_open(sentence: str) -> bool:
    """Whether ``sentence`` says what something is "not just", or that it is "more than
    that", and leaves what it is to the next sentence ("You're not just giving your legs
    a break.")."""
    if _MORE_THAN_SAID.search(sentence.rstrip()):
        return True
    found = _NOT_JUST.search(sentence)
    return found is not None and not _COMPLETED.search(sentence[found.end():])


# What was done in a story: "we added", "I turned to" (any case, "We added" too).
_ACTION = re.compile(r"\b(?:we|i)\b", re.IGNORECASE)


def _turn(ordered: Sequence[ScoredSentence]) -> ScoredSentence | None:
    """A story's turn: its first sentence after the set-up that says what was done
    ("Instead, ...", "We added ..."), or None."""
    return next((s for s in ordered[1:] if s.text.lower().startswith(_TURNS)
                 or _ACTION.search(s.text)), None)


@dataclass(frozen=True, slots=True)
class _Tier:
    """Passages whose best sentences are taken, up to ``room`` characters more, before the
    next tier is looked at; ``one``: only their single best sentence (with those it needs),
    when it fits."""

    passages: frozenset[int]
    room: int
    one: bool = False
    # Sentences of these passages count this much more when ranked against the others.
    preferred: frozenset[int] = frozenset()
    bonus: float = 0.0
    # Characters of the budget this tier leaves free for what follows the answer (the
    # catalogue's facts): the room left after the answer is theirs before it is filled.
    keep: int = 0
    # Only the sentences answering the anticipated question closest to the one asked.
    answers_only: bool = False
    # Only the sentences naming an activity the question names.
    names_only: bool = False


def _select(candidates: Sequence[_Candidate], budget: int,
            tiers: Sequence[_Tier]) -> list[_Candidate]:
    """The best sentences, each with those it needs, within ``budget`` characters, tier by
    tier. When nothing fits, the best sentence of the first tier is taken all the same (the
    answer is cut to the budget)."""
    by_key = {(c.passage, c.position): c for c in candidates}
    chosen: dict[tuple[int, int], _Candidate] = {}
    used = 0

    def closure_of(candidate: _Candidate) -> list[_Candidate]:
        closure: list[_Candidate] = []
        pending: list[_Candidate] = [candidate]
        while pending:
            current: _Candidate | None = pending.pop()
            while (current is not None and (current.passage, current.position) not in chosen
                   and current not in closure):
                closure.append(current)
                if current.brings is not None and current.brings in by_position(current):
                    pending.append(by_position(current)[current.brings])
                current = (by_key.get((current.passage, current.needs))
                           if current.needs is not None else None)
        return closure

    def by_position(candidate: _Candidate) -> dict[int, _Candidate]:
        return {c.position: c for c in candidates if c.passage == candidate.passage}

    def worth(candidate: _Candidate) -> float:
        # A sentence that brings a question or a fragment with it ("The best part? Some
        # ... are just plain fun!") is worth less for the room they take together: its
        # score is shared with them, each counted as nothing.
        fillers = sum(c.score <= -1.0 for c in closure_of(candidate))
        return candidate.score / (1 + fillers) if candidate.score > 0 else candidate.score

    def ranked(tier: _Tier) -> list[_Candidate]:
        return sorted((c for c in candidates if c.passage in tier.passages and c.score > -1.0
                       and (c.answers or not tier.answers_only)
                       and (c.names or not tier.names_only)),
                      key=lambda c: -(worth(c) + (tier.bonus if c.passage in tier.preferred
                                                  else 0.0)))

    for tier in tiers:
        for candidate in ranked(tier):
            if (candidate.passage, candidate.position) in chosen:
                if tier.one:
                    break  # the tier's best sentence is in already
                continue
            limit = min(budget - tier.keep, used + tier.room)
            closure = closure_of(candidate)
            size = sum(len(c.text) + 1 for c in closure)
            if used + size <= limit:
                for c in closure:
                    chosen[(c.passage, c.position)] = c
                used += size
                if tier.one:
                    break
    if not chosen and tiers:
        first = next((tier for tier in tiers if ranked(tier)), None)
        if first is not None:
            for c in closure_of(ranked(first)[0]):
                chosen[(c.passage, c.position)] = c
    return sorted(chosen.values(), key=lambda c: (c.passage, c.position))


def _answer_first(chosen: Sequence[_Candidate]) -> list[_Candidate]:
    """One passage's chosen sentences, the one that best answers first (after the
    sentences it cannot be read without), the others in the article's order."""
    if not chosen:
        return []
    by_position = {c.position: c for c in chosen}
    best: _Candidate | None = max(chosen, key=lambda c: c.score)
    lead: list[_Candidate] = []
    while best is not None and best not in lead:
        lead.insert(0, best)
        best = by_position.get(best.needs) if best.needs is not None else None
    return [*lead, *(c for c in chosen if c not in lead)]


def _story_answers(question: str, story: Passage, advice: Sequence[Passage]) -> bool:
    """Whether a story (its situation, what was done, how it went) answers ``question``
    better than every sentence of the advice beside it."""
    stems = _stems(question)
    story_best = max((_sentence_score(stems, s) for s in story.sentences), default=-1.0)
    advice_best = max((_sentence_score(stems, s) for p in advice for s in p.sentences),
                      default=-1.0)
    return story_best > advice_best


# Kinds of passage that hold the article's point rather than one section's.
_GENERAL_KINDS = frozenset({"general", "introduction"})


def _story_length(story: Passage) -> int:
    """The characters a story takes when quoted whole, as shown to the athlete."""
    return len(STORY_PREFIX) + sum(len(_readable(s.text)) + 1 for s in story.sentences)


def _compose_body(question: str, passages: Sequence[Passage], budget: int,
                  more: Sequence[Passage] = (), activities: Sequence[Activity] = (),
                  keep: int = 0, keep_closing: frozenset[str] = frozenset()
                  ) -> tuple[str, list[Passage]]:
    """The answering passages' sentences, the advice before the coach's story, each in the
    article's order. Returns the text and the passages it quotes.

    A passage holds one idea and the fact asked about may be in any of its sentences: the
    passage that ranked first is quoted whole when it fits (else its best sentences), after
    its best sentence the anticipated answer of another passage, when there is one; the
    room left goes to the most relevant sentences of the section's other passages and of
    ``more``, the next passages retrieved, by their own score against the question (the
    section's count ``SECTION_BONUS`` more), each with the sentence it needs before it.

    When the coach's story ranked first, the advice's best sentence still opens the answer.
    If the story's own sentences answer better than the advice's (what she did, how it went),
    the story is quoted whole and the opening sentence is the advice's best one that leaves
    it room; otherwise, or when the advice holds the anticipated answer, the advice's best
    sentence comes first and the story gets the rest."""
    anticipated = bool(passages) and bool(passages[0].answers)
    # The passage holding the anticipated answer comes first, a story too.
    arranged = [*sorted(passages, key=lambda p: (not (anticipated and p is passages[0]),
                                                 p.kind == "story")), *more]
    section = frozenset(range(len(passages)))
    lead = frozenset({arranged.index(passages[0])}) if passages else section
    advice = frozenset(i for i in section if arranged[i].kind != "story")
    tiers = [_Tier(lead, budget), _Tier(section, budget)]
    if passages and passages[0].kind != "story":
        # The first passage's best sentence (with those it needs) first; another
        # passage's anticipated answer may come before the rest of it.
        tiers.insert(0, _Tier(lead, budget, one=True))
    candidates = _candidates(question, arranged, activities, len(passages), keep_closing)
    if passages and passages[0].kind == "story" and advice:
        if anticipated:
            # The story answers the question anticipated closest: it leads, the advice's
            # best sentence follows it before any other section's.
            tiers.insert(1, _Tier(advice, budget, one=True))
        elif (_story_answers(question, passages[0], [arranged[i] for i in advice])
              # The advice holding the anticipated answer leads, whatever room it leaves
              # the story: else a sentence that fits beside the whole story answers nothing.
              and not any(arranged[i].answers for i in advice)):
            tiers = [_Tier(advice, budget - _story_length(passages[0]), one=True),
                     _Tier(lead, budget), _Tier(advice, budget, one=True),
                     _Tier(section, budget)]
        else:
            tiers.insert(0, _Tier(advice, budget, one=True))
    seconded = frozenset(i for i in range(len(arranged))
                         if arranged[i].answers and arranged[i] is not passages[0])
    if seconded:
        # Another passage answers the anticipated question closest to the one asked: its
        # answer follows the first passage's. Another section's comes before the rest of
        # the first section (the first passage may have missed the point); one of the same
        # section right after the first passage, before the catalogue's facts take the
        # room; a general passage's (an introduction, a call to action) after a story
        # that ranked first has made its point, and the advice's best beside it: it holds
        # the article's point, not this question's.
        if all(arranged[i].kind in _GENERAL_KINDS for i in seconded) and \
                passages[0].kind == "story":
            where = len(tiers) - 1
        elif seconded <= section:
            where = max(n for n, tier in enumerate(tiers) if tier.passages == lead) + 1
        else:
            where = 1
        tiers.insert(where, _Tier(seconded, budget, one=True, answers_only=True))
    naming = frozenset(c.passage for c in candidates if c.names and c.score > -1.0)
    if naming and not naming & lead:
        # The question names an activity the first passage does not: what another passage
        # retrieved says of it is taken first ("can step-ups replace hills?" - the story of
        # the athlete who did step-ups, beside the one about a climbing machine that
        # ranked first, which would take the room whole).
        tiers.insert(0, _Tier(naming, budget, one=True, names_only=True))
    # The room left goes to the best sentences of the section and of the next passages
    # together (the first may have missed the point), the section's counting a little more;
    # a closing line of the section ("Happy running...") gives way to an answering one.
    answering = len(tiers) - 1  # the tiers that answer; the rest fill the room left
    tiers.insert(-1, _Tier(frozenset(range(len(arranged))), budget, preferred=section,
                           bonus=SECTION_BONUS))
    for index in range(len(passages), len(arranged)):  # in retrieval order
        tiers.append(_Tier(frozenset({index}), budget))
    # ``keep`` characters stay free for the catalogue's facts unless the answer needs them.
    tiers = [tier if number < answering else replace(tier, keep=keep)
             for number, tier in enumerate(tiers)]
    chosen = _select(candidates, budget, tiers)
    pieces: list[str] = []
    quoted: list[Passage] = []
    for index, passage in enumerate(arranged):
        own = [c for c in chosen if c.passage == index]
        # The answer opens with the sentence that best answers; the rest keep their order.
        # A named point keeps its name first ("Keep It Short: ...").
        leads = not pieces and passage.kind != "point"
        mine = [c.text for c in (_answer_first(own) if leads else own)]
        if not mine:
            continue
        quoted.append(passage)
        if passage.kind == "story" and not mine[0].startswith(STORY_PREFIX):
            mine[0] = STORY_PREFIX + mine[0]
        pieces.append(" ".join(mine))
    text = " ".join(pieces)
    if len(text) > budget:
        text = text[: max(budget - 1, 0)].rsplit(" ", 1)[0] + "…"
    return text, quoted


def _siblings(passage: Passage, other: Passage) -> bool:
    """Whether two passages are parts of one section (its "how to" points, its
    numbered benefits): the same heading path above their own."""
    parent, _, own = passage.section.rpartition(SECTION_PATH_SEPARATOR)
    other_parent, _, other_own = other.section.rpartition(SECTION_PATH_SEPARATOR)
    return bool(parent) and parent == other_parent and own != other_own


def _quotes_whole(body: str, passage: Passage) -> bool:
    """Whether every sentence of ``passage`` is in ``body`` (as shown to the athlete)."""
    return all(_readable(s.text).removeprefix(STORY_PREFIX) in body for s in passage.sentences)


# Passages of other sections whose best sentence may fill the room an answer has left.
MORE_PASSAGES = 2
# Filling the room an answer has left, a sentence of the section that ranked first counts
# this much more than one of the next passages retrieved (chosen on the development sets).
SECTION_BONUS = 0.15
# A paragraph of an introduction ranked this far above its siblings answers first; closer,
# the introduction answers in its paragraphs' order (chosen on the development sets).
CLEAR_LEAD_MARGIN = 0.2
# A sentence naming the activity the question names counts this much more (as a story's
# action does: what the article says of it is what was asked).
ACTIVITY_BONUS = 0.15
# Asked what to do, a sentence of advice that speaks to the reader counts this much more
# than one stating a fact ("Running is a high-impact sport").
WHAT_TO_DO_BONUS = 0.1
# A sentence answering the anticipated question closest to the one asked (the article's
# questions file) counts this much more: enough to lead its passage's sentences.
ANSWERS_BONUS = 1.0
# Passages retrieved for an answer (the first one's section joins them). The fourth is one
# more candidate to fill the room the first passages leave: on the twelve development sets
# 3 facts more and none lost; a fifth added nothing, and three more passages of other
# sections filling the room (``MORE_PASSAGES``) lost as many as they gained.
PASSAGES = 4
# Times an answer is recomposed while its source line grows (then it is cut).
RECOMPOSE_TRIES = 3
# The answer itself keeps at least this much room from an offer line.
MIN_BODY_CHARS = 250
# The answer to a question narrowed to a situation the articles don't speak to ("in race
# week"): the first passage's one or two best sentences, then a line saying so.
NARROWED_BODY_CHARS = 260


def unanswered_line(situation: str) -> str:
    """One line: the articles say nothing specific about the question's situation."""
    return f"The coach's articles don't say anything specific about doing it {situation}."


def compose_outline(question: str, retrieval: Retrieval) -> Answer:
    """A list question's answer: the section's parts, one numbered line each, with the
    part's sentence that best matches the question while there is room; one source line."""
    outline = retrieval.outline or ""
    parts: dict[str, list[Passage]] = {}
    for passage in retrieval.passages:
        parts.setdefault(passage.section, []).append(passage)
    question_stems = _stems(question)
    lines: list[tuple[str, str]] = []
    for section, passages in parts.items():
        advice = [p for p in passages if p.kind != "story"] or passages
        sentences = [s for p in advice for s in p.sentences
                     if len(s.text.split()) >= MIN_SENTENCE_WORDS and not s.text.endswith("?")]
        best = max(sentences, key=lambda s: _sentence_score(question_stems, s), default=None)
        text = ""
        if best is not None:
            text = _readable(best.text)
            label = topic_label(section)
            text = text.removeprefix(f"{label}: ")
        lines.append((topic_label(section), text))
    first = retrieval.passages[0]
    source = f"Source: {short_title(first.article)}{SOURCE_SEPARATOR}{topic_label(outline)}"
    budget = MAX_ANSWER_CHARS - len(source) - 2
    header = f"{topic_label(outline)}:"
    shown = [f"{number}. {label}" for number, (label, _) in enumerate(lines, start=1)]
    used = len(header) + sum(len(line) + 1 for line in shown)
    # The shorter sentences first: a line for every part rather than two long ones.
    for index, (_, sentence) in sorted(enumerate(lines), key=lambda item: len(item[1][1])):
        if sentence and used + len(sentence) + 3 <= budget:
            shown[index] += f" — {sentence}"
            used += len(sentence) + 3
    body = "\n".join([header, *shown])
    if len(body) > budget:
        body = body[: max(budget - 1, 0)].rsplit(" ", 1)[0] + "…"
    return Answer(
        text=f"{body}\n\n{source}",
        covered=True,
        sources=[Source(first.article, outline, round(first.score, 4))],
    )


def _closing_asked(passages: Sequence[Passage]) -> frozenset[str]:
    """The passages whose closing sentences (sign-off, byline, call to action) an answer
    may quote: asked about the offers (the first passage names one: its call to action
    answers), or the anticipated answer closest to the question is one of them. (The
    retriever leaves ``closing`` empty on a passage whose closing the question asks for.)"""
    if not passages:
        return frozenset()
    if passages[0].kind == "offer":
        return frozenset(p.chunk_id for p in passages)
    return frozenset(p.chunk_id for p in passages if p.answers & p.closing)


def _only_closing(passage: Passage) -> bool:
    """Whether every sentence of ``passage`` closes the writing (a sign-off passage)."""
    return bool(passage.closing) and all(s.position in passage.closing
                                         for s in passage.sentences)


# An option of a comparison is the activity named within this many words of the word that
# sets the options against each other ("yoga or an easy spin": "spin").
COMPARISON_WINDOW = 4


def _compared(options: tuple[str, str] | None, catalogue: Catalogue | None
              ) -> tuple[Activity, Activity] | None:
    """The catalogue activities a comparison sets against each other (the one named last
    before the comparing word, the one named first after it, each within
    ``COMPARISON_WINDOW`` words of it); None unless both sides name one, and two different
    ones ("is waterskiing legit or am i kidding myself" compares nothing)."""
    if options is None or catalogue is None:
        return None
    before, after = options
    left = named_activity(" ".join(before.split()[-COMPARISON_WINDOW:]), catalogue)
    right = named_activity(" ".join(after.split()[:COMPARISON_WINDOW]), catalogue)
    if left is None or right is None or left.id == right.id:
        return None
    return left, right


def _lower_name(name: str) -> str:
    """An activity's name inside a sentence ("Deep-water running" -> "deep-water
    running"; "VersaClimber" stays)."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _qualities(activity: Activity) -> list[str]:
    return [_QUALITY_WORDS.get(q, q.replace("_", " ")) for q in activity.trains]


def _listed(words_: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"; "" for none."""
    if len(words_) <= 1:
        return "".join(words_)
    return f"{', '.join(words_[:-1])} and {words_[-1]}"


# Two activities this far apart in ``specificity`` (0-2, how close to running): the closer
# one is named as such.
SPECIFICITY_GAP = 1.0
# The sentence comparing two activities stays about this short: what only one of them
# trains is left out beyond it (the answer's room is the article's).
COMPARISON_CHARS = 160


def comparison_sentence(first: Activity, second: Activity) -> str:
    """One sentence setting what the coach's activity list knows of two activities side by
    side: what both train, their impact, which is closer to running, and what only one
    trains while the sentence stays within ``COMPARISON_CHARS``."""
    a, b = _lower_name(first.name), _lower_name(second.name)
    qa, qb = _qualities(first), _qualities(second)
    shared = [q for q in qa if q in qb]
    impact = {x.id: "no impact" if x.impact == "none" else f"{x.impact} impact"
              for x in (first, second)}
    if shared:
        parts = [f"{a} and {b} both train {_listed(shared)}"
                 + (f", with {impact[first.id]}" if first.impact == second.impact else "")]
    else:
        parts = [f"{a} trains {_listed(qa) or 'recovery'}, {b} {_listed(qb) or 'recovery'}"]
    if first.impact != second.impact or not shared:
        parts.append(f"{a} has {impact[first.id]}, {b} {impact[second.id]}")
    if abs(first.specificity - second.specificity) >= SPECIFICITY_GAP:
        parts.append(f"{a if first.specificity > second.specificity else b} is closer to "
                     "running")
    if shared:
        for name, only in ((a, [q for q in qa if q not in shared]),
                           (b, [q for q in qb if q not in shared])):
            extra = f"{name} also trains {_listed(only)}"
            if only and len("; ".join([*parts, extra])) <= COMPARISON_CHARS:
                parts.insert(1, extra)
    text = "; ".join(parts) + "."
    return text[:1].upper() + text[1:]


def _compose_comparison(question: str, retrieval: Retrieval,
                        compared: tuple[Activity, Activity],
                        keep_closing: frozenset[str]) -> Answer:
    """A question setting two activities against each other: one sentence that answers it
    first, what the coach's activity list knows of both (``comparison_sentence``), then the
    passage ranked first and its section, the sentences naming either activity first, and
    one source line naming that section."""
    lead = retrieval.passages[0]
    answering = [lead, *(p for p in retrieval.passages[1:]
                         if p.section == lead.section and p.article == lead.article
                         and p.kind != "offer")]
    opening = comparison_sentence(*compared)
    source = source_line([lead])
    budget = MAX_ANSWER_CHARS - len(source) - 2 - len(opening) - 1
    body, quoted = _compose_body(question, answering, max(budget, 0), (), compared, 0,
                                 keep_closing)
    return Answer(
        text=f"{opening} {body}\n\n{source_line(quoted or [lead])}",
        covered=True,
        sources=_sources(retrieval.passages, quoted or [lead]),
    )


def _one_sided(retrieval: Retrieval, catalogue: Catalogue | None
               ) -> tuple[Activity, str] | None:
    """A comparison one of whose options the catalogue knows and the other it does not
    ("yoga or an easy spin?", "pilates vs a walk?"): the known activity and the other
    option's word. Each option is the word next to the comparing word
    (``Retrieval.option_heads``), and the known one must be that word's activity; None
    otherwise (both known is ``_compared``'s; "is waterskiing legit or am i kidding
    myself" sets no activity against it), or when the articles know the other word
    ("than running does", "keep running or stop?")."""
    if retrieval.options is None or retrieval.option_heads is None or catalogue is None:
        return None
    before, after = retrieval.options
    sides = (named_activity(" ".join(before.split()[-COMPARISON_WINDOW:]), catalogue),
             named_activity(" ".join(after.split()[:COMPARISON_WINDOW]), catalogue))
    heads = retrieval.option_heads
    # A word naming several activities ("walk") names the one whose own name holds it.
    left, right = (side or _named_by(head.split()[-1] if head else "", catalogue)
                   for side, head in zip(sides, heads, strict=True))
    sides = (left, right)
    known = [(activity, head) for activity, head in zip(sides, heads, strict=True)
             if activity is not None and head
             and any(set(head.split()) & set(name.split())
                     for name in _activity_names(activity))]
    if len(known) != 1:
        return None
    other = heads[1] if known[0][1] == heads[0] else heads[0]
    every = {word for activity in catalogue.activities
             for phrase in (activity.name, *activity.aliases)
             for word in _WORD.findall(phrase.lower())}
    if not other or set(other.split()) & every or other not in retrieval.unread:
        return None
    return known[0][0], other


def _named_by(word: str, catalogue: Catalogue) -> Activity | None:
    """The one activity (rest aside) whose name holds ``word`` ("walk": "Easy walk"); None
    for none or several."""
    if any(activity.specificity >= RUN_SPECIFICITY and word in _activity_words(activity)
           for activity in catalogue.activities):
        return None  # "my running or nah": running itself, no other option
    named = [activity for activity in catalogue.activities if word and not activity.is_rest
             and word in _WORD.findall(activity.name.lower())]
    return named[0] if len(named) == 1 else None


# An activity this close to running (0-2, the catalogue's specificity) is running itself.
RUN_SPECIFICITY = 2.0


def _activity_words(activity: Activity) -> set[str]:
    """Every word of the activity's name and aliases."""
    return {word for phrase in (activity.name, *activity.aliases)
            for word in _WORD.findall(phrase.lower())}


def compose_one_sided(retrieval: Retrieval, activity: Activity, other: str,
                      catalogue: Catalogue) -> Answer:
    """A comparison with one option the coach's activity list knows: one sentence on what
    it knows of that one, one that the articles don't cover the other, one source line."""
    impact = "no impact" if activity.impact == "none" else f"{activity.impact} impact"
    text = (f"Of the two, the coach's activity list knows {_lower_name(activity.name)}: "
            f"it trains {_listed(_qualities(activity)) or 'recovery'}, with {impact}. "
            f"The coach's articles don't cover {other}, so I can't compare the two.")
    source = source_line([], extra=[catalogue.citation(activity.section)])
    return Answer(f"{text}\n\n{source}", covered=retrieval.covered)


def compose_byline(retrieval: Retrieval, byline: tuple[str, str]) -> Answer:
    """Asked who wrote the articles: who, from the article's front matter, the line she
    signs with, and the source of that line; that the articles don't say, when they
    don't."""
    author, line = byline
    if not author:
        return Answer("I answer from the coach's articles; they don't say who wrote them.",
                      covered=True)
    text = (f"The coach's articles are by {author}, signed “{line}”." if line
            else f"The coach's articles are by {author}.")
    holding = [p for p in retrieval.passages if line and line in p.text]
    cited = holding[:1] or retrieval.passages[:1]
    if not cited:
        return Answer(text, covered=True)
    return Answer(f"{text}\n\n{source_line(cited)}", covered=True,
                  sources=_sources(retrieval.passages, cited))


def compose_extractive(
    question: str, retrieval: Retrieval, *, topics: Sequence[str] = (),
    athlete: AthleteContext | None = None, catalogue: Catalogue | None = None,
    cautions: CautionRules | None = None, offer: Offer | None = None,
) -> Answer:
    """The no-LLM answer: the answering sentences first, the coach's story when it supports
    them, the catalogue's facts on an activity the question names, a caution for an injured
    athlete, then one source line; at most ``MAX_ANSWER_CHARS`` characters."""
    del topics  # the out-of-scope line names the closest topic, not a list
    if retrieval.byline is not None:
        return compose_byline(retrieval, retrieval.byline)
    one_sided = _one_sided(retrieval, catalogue)
    if one_sided is not None and catalogue is not None:
        return compose_one_sided(retrieval, *one_sided, catalogue)
    activity = named_activity(question, catalogue)
    covered = retrieval.covered and bool(retrieval.passages)
    if not covered:
        text = not_covered_text(_closest_topic(retrieval))
        if activity is not None and catalogue is not None:
            # Not in the articles, but the coach's catalogue knows the activity.
            citation = catalogue.citation(activity.section)
            title, _, path = citation.partition(SECTION_PATH_SEPARATOR)
            leaf = path.split(SECTION_PATH_SEPARATOR)[-1]
            where = f"{short_title(title)}{SOURCE_SEPARATOR}{leaf}"
            text += f"\nWhat the coach's activity list says: {activity_facts(activity)} ({where})"
        return Answer(text, covered=False, sources=[])

    if retrieval.outline:
        return compose_outline(question, retrieval)
    keep_closing = _closing_asked(retrieval.passages)
    # A sign-off that ranked first for a question not asking for it ("keep it easy" for
    # "ok on my easy days?") has nothing to say: the next passage answers.
    kept = [p for p in retrieval.passages
            if p.chunk_id in keep_closing or not _only_closing(p)]
    if kept and kept[0] is not retrieval.passages[0]:
        retrieval = replace(retrieval, passages=kept)
    lead = retrieval.passages[0]
    if lead.kind != "offer":
        compared = _compared(retrieval.options, catalogue)
        if compared is not None:
            return _compose_comparison(question, retrieval, compared, keep_closing)
    # Asked about a situation the articles don't speak to ("in race week"): the first
    # passage answers the rest in a sentence or two, one line says so, one source.
    narrowed = retrieval.unanswered if lead.kind != "offer" else ""
    unanswered = unanswered_line(narrowed) if narrowed else ""
    # The passages of the first one's section answer together: its advice and the
    # coach's story beside it.
    answering = [lead, *(p for p in retrieval.passages[1:]
                         if p.section == lead.section and p.article == lead.article
                         and p.kind != "offer" and not narrowed)]
    if lead.kind in ("general", "introduction") and not lead.answers and lead.score < max(
            (p.score for p in answering[1:]), default=0.0) + CLEAR_LEAD_MARGIN:
        # An introduction states its point first: its paragraphs answer in their order,
        # unless one of them ranked clearly first ("has it helped you personally?").
        answering.sort(key=lambda p: p.position)
    activity_text = activity_whole = ""
    activity_citation = ""
    if activity is not None and catalogue is not None:
        # The article's answer keeps the room: the catalogue's short facts (what it trains,
        # its impact) are reserved, how to do it joins when there is room left.
        activity_text = activity_facts(activity, with_how=False)
        activity_whole = activity_facts(activity)
        activity_citation = catalogue.citation(activity.section)
    # The caution covers the whole section: the jumping or downhill may be in the story.
    caution = _caution(athlete, " ".join(p.text for p in answering), cautions)
    offer_line = offer.text() if offer is not None else ""
    # Other sections of the same article may fill the room left, when about as relevant;
    # the other parts of the first passage's section (its "how to" points) at any distance
    # among those retrieved: they are the same advice.
    floor = max(_best_similarity(p) for p in answering) - SOURCE_MARGIN
    if lead.kind == "offer":
        # Asked about the offers: the other offers retrieved answer too, not the pitch.
        answering = [lead, *(p for p in retrieval.passages[1:] if p.kind == "offer")]
        others: list[Passage] = []
    elif narrowed:
        others = []
    else:
        others = [p for p in retrieval.passages[1:]
                  if p not in answering and (p.kind not in ("offer", "general", "introduction")
                                             or p.section == p.article)
                  and p.article == lead.article
                  and (_best_similarity(p) >= floor or _siblings(p, lead))
                  and not p.answers][:MORE_PASSAGES]
        # The passage answering the anticipated question closest to the one asked, when
        # another ranked first: its answer joins after the first passage's.
        others = [*(p for p in retrieval.passages[1:] if p.answers and p not in answering),
                  *others]

    def compose(with_activity: bool) -> tuple[str, list[Passage], str, bool]:
        extra = [activity_citation] if with_activity else []
        source = source_line([lead], extra=extra)
        budget = MAX_ANSWER_CHARS - len(source) - 2
        reserved = len(caution) + 1 if caution else 0
        reserved += len(unanswered) + 1 if unanswered else 0
        offer_kept = (bool(offer_line)
                      and budget - reserved - len(offer_line) - 1 >= MIN_BODY_CHARS)
        if offer_kept:
            reserved += len(offer_line) + 1
        # The catalogue's facts take the room the article's answer leaves, before the
        # sentences that would fill it.
        keep = len(activity_text) + 1 if with_activity else 0
        cap = NARROWED_BODY_CHARS + keep if narrowed else MAX_ANSWER_CHARS
        room = min(budget - reserved, cap)
        for _ in range(RECOMPOSE_TRIES):
            body, quoted = _compose_body(question, answering, max(room, 0), others,
                                         [activity] if activity else [], keep, keep_closing)
            source = source_line(quoted or [lead], extra=extra)
            # Another section quoted too: the source line names it; recompose if it grew
            # into the room the body or the catalogue's facts need.
            left = min(MAX_ANSWER_CHARS - len(source) - 2 - reserved, cap)
            grew = left < room
            room = left
            if not grew or len(body) + keep <= room:
                break
        if len(body) > room:
            body = body[: max(room - 1, 0)].rsplit(" ", 1)[0] + "…"
        return body, quoted, source, offer_kept

    def room_after(body: str, source: str, offer_kept: bool) -> int:
        used = len(body) + len(source) + 2 + (len(caution) + 1 if caution else 0) + (
            len(unanswered) + 1 if unanswered else 0)
        return MAX_ANSWER_CHARS - used - (len(offer_line) + 1 if offer_kept else 0)

    # The catalogue's facts on the activity the question names join the article's answer,
    # after it, with their citation, when they fit beside it (how to do it too, if room).
    body, quoted, source, offer_kept = compose(bool(activity_text))
    if activity_text:
        if room_after(body, source, offer_kept) >= len(activity_whole) + 1:
            activity_text = activity_whole
        elif room_after(body, source, offer_kept) < len(activity_text) + 1:
            activity_text = ""
            body, quoted, source, offer_kept = compose(False)
    pieces = (body, activity_text)
    if activity is not None and activity_text and _asks_about_activity(question, activity) \
            and not any(_names_activity(p.text, activity) for p in quoted or [lead]):
        # Asked about an activity the article's answer does not name: what the catalogue
        # knows of it answers first, the article's general point follows.
        pieces = (activity_text, body)
    text = " ".join(piece for piece in pieces if piece)
    if unanswered:
        text += f"\n{unanswered}"
    if caution:
        text += f"\n{caution}"
    if offer_kept:
        text += f"\n{offer_line}"
    return Answer(
        text=f"{text}\n\n{source}",
        covered=True,
        sources=_sources(retrieval.passages, quoted or [lead]),
        offer=offer.id if offer is not None and offer_kept else None,
        situation=narrowed,
    )


# ---------------------------------------------------------------- with a chat model


def _athlete_summary(athlete: AthleteContext | None) -> str:
    if athlete is None or athlete.is_empty:
        return "nothing known"
    parts = []
    if athlete.goal:
        parts.append(f"goal: {athlete.goal}"
                     + (f" on {athlete.goal_date.isoformat()}" if athlete.goal_date else ""))
    if athlete.injuries:
        parts.append("injuries or limits: " + ", ".join(athlete.injuries))
    if athlete.equipment:
        parts.append("equipment and access: " + ", ".join(athlete.equipment))
    if athlete.likes:
        parts.append("enjoys: " + ", ".join(athlete.likes))
    return "; ".join(parts)


def _passages_block(passages: Sequence[Passage]) -> str:
    return "\n\n".join(
        f"[{number}] {passage.article}{SOURCE_SEPARATOR}{passage.section}\n{passage.text}"
        for number, passage in enumerate(passages, start=1)
    )


_CITATION = re.compile(r"\[(\d+)\]")


def _log_llm_failure(error: Exception) -> None:
    # Only the type at WARNING: a provider's error message may quote the prompt, and the
    # prompt holds the athlete's question and profile. The message is there at DEBUG.
    log.warning("the chat model failed (%s); sending the extractive answer",
                type(error).__name__)
    log.debug("chat model failure: %s", error, exc_info=True)


class Answerer:
    """Answers questions: retrieval, then an LLM when configured, else the extractive composer.

    ``catalogue`` (default: knowledge/activities.yaml) adds an activity's facts when the
    question names one; ``cautions`` (the domain lexicon) flags high-impact advice for an
    injured athlete; ``offers`` (default: knowledge/offers.yaml) are the coach's offers.
    """

    def __init__(
        self,
        retriever: Retriever,
        *,
        chat_model: BaseChatModel | None = None,
        llm_timeout_seconds: float = 20.0,
        prompt_name: str = "grounded_answer",
        passages_for_llm: int = PASSAGES,
        catalogue: Catalogue | None = None,
        cautions: CautionRules | None = None,
        offers: Offers | None = None,
    ) -> None:
        from coach.catalogue import load_catalogue
        from coach.offers import load_offers

        self.retriever = retriever
        self.chat_model = chat_model
        self.llm_timeout_seconds = llm_timeout_seconds
        self.prompt_name = prompt_name
        self.passages_for_llm = passages_for_llm
        self.catalogue = catalogue if catalogue is not None else load_catalogue()
        self.cautions = cautions
        self.offers = offers if offers is not None else load_offers()
        self._topics: list[str] | None = None
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None

    def topics(self) -> list[str]:
        if self._topics is None:
            self._topics = list(self.retriever.topics())
        return self._topics

    # -- shared steps

    def _prepare(self, question: str) -> Answer | Retrieval:
        if not isinstance(question, str):
            question = "" if question is None else str(question)
        problem = _problem_with_question(question)
        if problem:
            return Answer(problem, covered=False, sources=[])
        return self.retriever.retrieve(clip_question(question), limit=self.passages_for_llm)

    def _offer(self, question: str, athlete: AthleteContext | None, offer_allowed: bool,
               last_offer_at: datetime | None, now: datetime | None) -> Offer | None:
        if not offer_allowed:
            return None
        return choose_offer(str(question), athlete, last_offer_at, now or datetime.now(UTC),
                            offers=self.offers)

    def _extractive(
        self, question: str, retrieval: Retrieval, athlete: AthleteContext | None,
        offer: Offer | None = None,
    ) -> Answer:
        answer = compose_extractive(clip_question(question), retrieval,
                                    athlete=athlete, catalogue=self.catalogue,
                                    cautions=self.cautions, offer=offer)
        lead = retrieval.passages[0] if retrieval.passages else None
        if answer.covered and lead is not None and lead.kind == "offer":
            # Asked about an offer: the coach's links from knowledge/offers.yaml.
            links = [o.text() for o in self.offers.mentioned(lead.text) if o.link]
            body, _, source = answer.text.rpartition("\n\n")
            for link in links:
                if len(body) + len(link) + len(source) + 3 <= MAX_ANSWER_CHARS:
                    body += f"\n{link}"
            answer.text = f"{body}\n\n{source}"
        return answer

    def _prompt(self, question: str, retrieval: Retrieval, athlete: AthleteContext | None) -> str:
        from prompts import render_prompt

        return render_prompt(
            self.prompt_name,
            question=clip_question(question),
            passages=_passages_block(retrieval.passages),
            athlete=_athlete_summary(athlete),
        )

    def _llm_answer(self, reply: object, retrieval: Retrieval, fallback: Answer,
                    offer: Offer | None) -> Answer:
        content = getattr(reply, "content", reply)
        text = content if isinstance(content, str) else ""
        text = text.strip()
        if not text:
            log.warning("the chat model returned an empty answer; sending the extractive one")
            return fallback
        cited = [int(n) for n in _CITATION.findall(text)]
        used = [retrieval.passages[n - 1] for n in dict.fromkeys(cited)
                if 1 <= n <= len(retrieval.passages)]
        # The model may only cite what it was given; strip the markers, add a real source.
        text = _CITATION.sub("", text).replace(" .", ".").strip()
        shown = offer if offer is not None and fallback.offer == offer.id else None
        if shown is not None:
            text += f"\n{shown.text()}"
        return Answer(f"{text}\n\n{source_line(used or retrieval.passages[:1])}",
                      covered=True, sources=fallback.sources,
                      offer=shown.id if shown is not None else None)

    # -- public

    def answer(self, question: str, *, athlete: AthleteContext | None = None,
               offer_allowed: bool = False, last_offer_at: datetime | None = None,
               now: datetime | None = None) -> Answer:
        """Answer ``question``; never raises for bad input, an LLM failure or a timeout.

        ``offer_allowed``: whether one offer line may join the answer (``choose_offer``
        decides which, given ``last_offer_at``); ``Answer.offer`` names the one added.
        """
        prepared = self._prepare(question)
        if isinstance(prepared, Answer):
            return prepared
        offer = self._offer(question, athlete, offer_allowed, last_offer_at, now)
        fallback = self._extractive(question, prepared, athlete, offer)
        if self.chat_model is None or not fallback.covered:
            return fallback
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(
                max_workers=2, thread_name_prefix="llm")
        prompt = self._prompt(question, prepared, athlete)
        future = self._executor.submit(self.chat_model.invoke, prompt)
        try:
            reply = future.result(timeout=self.llm_timeout_seconds)
        except concurrent.futures.TimeoutError:
            future.cancel()
            log.warning("the chat model took over %.1fs; sending the extractive answer",
                        self.llm_timeout_seconds)
            return fallback
        except Exception as error:
            _log_llm_failure(error)
            return fallback
        return self._llm_answer(reply, prepared, fallback, offer)

    async def aanswer(self, question: str, *, athlete: AthleteContext | None = None,
                      offer_allowed: bool = False, last_offer_at: datetime | None = None,
                      now: datetime | None = None) -> Answer:
        """``answer`` for the event loop: retrieval and embedding run in a worker thread,
        the LLM call is awaited with its timeout."""
        prepared = await asyncio.to_thread(self._prepare, question)
        if isinstance(prepared, Answer):
            return prepared
        offer = self._offer(question, athlete, offer_allowed, last_offer_at, now)
        fallback = self._extractive(question, prepared, athlete, offer)
        if self.chat_model is None or not fallback.covered:
            return fallback
        prompt = self._prompt(question, prepared, athlete)
        try:
            reply = await asyncio.wait_for(self.chat_model.ainvoke(prompt),
                                           timeout=self.llm_timeout_seconds)
        except TimeoutError:
            log.warning("the chat model took over %.1fs; sending the extractive answer",
                        self.llm_timeout_seconds)
            return fallback
        except Exception as error:
            _log_llm_failure(error)
            return fallback
        return self._llm_answer(reply, prepared, fallback, offer)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
