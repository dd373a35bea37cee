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
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from coach.context import AthleteContext

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
# A phone screen shows about this much without scrolling; sources come on top.
MAX_ANSWER_CHARS = 480
MAX_SENTENCES = 3
# How much better a lower-ranked passage's best sentence must be to be quoted instead.
SWITCH_MARGIN = 0.12
# Retrieved passages this close to the quoted one's relevance are listed as sources too.
SOURCE_MARGIN = 0.15
SOURCE_SEPARATOR = " — "


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


@dataclass(frozen=True, slots=True)
class Retrieval:
    passages: list[Passage]
    covered: bool


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
    other = sum(1 for t in tokens if t in _OTHER_LANGUAGE_HINTS and t not in _ENGLISH_HINTS)
    if other >= 2 and other > english:
        return ("Sorry, I can only answer in English for now: the coach's articles are in "
                "English. Could you ask again in English?")
    return None


def _clip_question(question: str) -> str:
    # The embedding model reads ~256 tokens anyway; a pasted essay should not cost more.
    text = " ".join(question.split())
    return text[:MAX_QUESTION_CHARS]


# ---------------------------------------------------------------- the extractive composer

_WORD = re.compile(r"[a-z0-9]+")
_INJURY_WORDS = ("injur", "heal", "recover", "pain", "impact", "stress", "joint", "rehab")
# Equipment words from the athlete's profile and the activities they make possible.
_EQUIPMENT_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "pool": ("swimming", "swim"),
    "bike": ("cycling", "biking", "bike"),
    "stairs": ("stairs", "step-up", "step up"),
    "home": ("at home", "step-up", "bodyweight"),
    "gym": ("strength", "climbing machines", "versaclimber"),
    "versaclimber": ("versaclimber", "climbing machines"),
}


def _stems(text: str) -> set[str]:
    found = set()
    for word in _WORD.findall(text.lower().replace("’", "").replace("'", "")):
        if len(word) > 3:
            found.add(word[:5])  # a cheap stem: "injuries"/"injury" -> "injur"
    return found


def _context_boost(sentence: str, athlete: AthleteContext | None) -> float:
    if athlete is None or athlete.is_empty:
        return 0.0
    lower = sentence.lower()
    boost = 0.0
    if athlete.injuries and any(word in lower for word in _INJURY_WORDS):
        boost += 0.08
    if athlete.goal and _stems(athlete.goal) & _stems(sentence):
        boost += 0.06
    for item in athlete.equipment:
        if any(activity in lower for activity in _EQUIPMENT_ACTIVITIES.get(item.lower(), ())):
            boost += 0.08
            break
    return boost


def _context_lead(athlete: AthleteContext | None, chosen: Sequence[str]) -> str:
    """A short opening that shows the answer took the athlete's situation into account."""
    if athlete is None or athlete.is_empty:
        return ""
    body = " ".join(chosen).lower()
    if athlete.injuries and any(word in body for word in _INJURY_WORDS):
        return f"With your {athlete.injuries[0]} in mind, here is what the coach's article says.\n"
    if athlete.goal and _stems(athlete.goal) & _stems(body):
        return f"For your goal ({athlete.goal}), here is what the coach's article says.\n"
    return ""


_STORY_LABEL = "Personal Story:"
# Sentences that only make sense after the one before them.
_CONTINUES = ("instead", "we ", "this ", "these ", "that ", "not only", "the result",
              "a noticeable", "she ", "he ", "it ", "it’s also", "it's also")


def _sentence_score(question_stems: set[str], sentence: ScoredSentence,
                    athlete: AthleteContext | None) -> float:
    overlap = len(question_stems & _stems(sentence.text))
    return sentence.similarity + 0.03 * min(overlap, 4) + _context_boost(sentence.text, athlete)


def _pick_sentences(
    question: str, passage: Passage, athlete: AthleteContext | None
) -> list[ScoredSentence]:
    """The best sentence of ``passage`` and the neighbours it needs to read well.

    Reads as the coach wrote it: a story's set-up is followed by what happened, a sentence
    starting "Instead..." or "This..." keeps the one before it, and a close second-best
    neighbour adds the point it makes.
    """
    ordered = sorted(passage.sentences, key=lambda s: s.position)
    if not ordered:
        return []
    question_stems = _stems(question)
    scores = [_sentence_score(question_stems, s, athlete) for s in ordered]
    best = max(range(len(ordered)), key=lambda i: (scores[i], -i))
    first, last = best, best

    def fits(extra: int) -> bool:
        size = sum(len(ordered[i].text) + 1 for i in range(first, last + 1))
        return last - first + 1 < MAX_SENTENCES + 1 and size + len(ordered[extra].text) <= \
            MAX_ANSWER_CHARS

    def needs_next() -> bool:
        if last + 1 >= len(ordered):
            return False
        current, following = ordered[last].text, ordered[last + 1].text.lower()
        return (current.startswith(_STORY_LABEL) or current.endswith("?")
                or following.startswith(_CONTINUES))

    # Keep what a sentence refers back to.
    while first > 0 and ordered[first].text.lower().startswith(_CONTINUES) and fits(first - 1):
        first -= 1
    # Finish the thought.
    while needs_next() and fits(last + 1):
        last += 1
    # Add a strong neighbour when the answer is still a single sentence.
    if first == last:
        neighbours = [i for i in (first - 1, last + 1) if 0 <= i < len(ordered)]
        neighbours.sort(key=lambda i: scores[i], reverse=True)
        for i in neighbours:
            if scores[i] >= scores[best] - 0.2 and len(ordered[i].text) >= 25 and fits(i):
                first, last = min(first, i), max(last, i)
                break
    # Never end on a question such as "The result?".
    while last > first and ordered[last].text.endswith("?"):
        last -= 1
    return ordered[first : last + 1]


def _best_passage(
    question: str, passages: Sequence[Passage], athlete: AthleteContext | None
) -> Passage:
    """The passage to quote: the top one, unless a close runner-up holds a clearly better
    sentence (a section can rank first on its words yet answer only in passing)."""
    question_stems = _stems(question)

    def quality(passage: Passage) -> float:
        return max((_sentence_score(question_stems, s, athlete) for s in passage.sentences),
                   default=-1.0)

    top = passages[0]
    for runner_up in passages[1:3]:
        if quality(runner_up) >= quality(top) + SWITCH_MARGIN:
            top = runner_up
    return top


def _readable(sentence: str) -> str:
    # The article's "Personal Story:" label is the coach speaking; say so in a reply.
    if sentence.startswith(_STORY_LABEL):
        return "From the coach's experience: " + sentence[len(_STORY_LABEL):].lstrip()
    return sentence


def source_line(passages: Sequence[Passage]) -> str:
    labels = []
    for passage in passages:
        label = (passage.article if passage.section == passage.article
                 else f"{passage.article}{SOURCE_SEPARATOR}{passage.section}")
        if label not in labels:
            labels.append(label)
    return "Source: " + "; ".join(labels)


def not_covered_text(topics: Sequence[str]) -> str:
    text = "The coach's articles don't cover that, so I'd rather not guess."
    if topics:
        text += " They cover:\n" + "\n".join(f"• {topic}" for topic in topics)
    return text + "\nYou can also ask your coach directly."


def _best_similarity(passage: Passage) -> float:
    return max((s.similarity for s in passage.sentences), default=-1.0)


def _sources(passages: Sequence[Passage], quoted: Passage) -> list[Source]:
    """The quoted passage and the retrieved ones about as relevant, in retrieval order."""
    seen: set[tuple[str, str]] = set()
    sources = []
    floor = _best_similarity(quoted) - SOURCE_MARGIN
    for passage in passages:
        key = (passage.article, passage.section)
        if key in seen or (passage is not quoted and _best_similarity(passage) < floor):
            continue
        seen.add(key)
        sources.append(Source(passage.article, passage.section, round(passage.score, 4)))
    return sources


def compose_extractive(
    question: str, retrieval: Retrieval, *, topics: Sequence[str] = (),
    athlete: AthleteContext | None = None,
) -> Answer:
    """The no-LLM answer: the most relevant sentences, then where they come from."""
    if not retrieval.covered or not retrieval.passages:
        return Answer(not_covered_text(topics), covered=False, sources=[])
    top = _best_passage(question, retrieval.passages, athlete)
    chosen = _pick_sentences(question, top, athlete)
    if not chosen:
        return Answer(not_covered_text(topics), covered=False, sources=[])
    texts = [_readable(sentence.text) for sentence in chosen]
    body = _context_lead(athlete, texts) + " ".join(texts)
    return Answer(
        text=f"{body}\n\n{source_line([top])}",
        covered=True,
        sources=_sources(retrieval.passages, top),
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
    """Answers questions: retrieval, then an LLM when configured, else the extractive composer."""

    def __init__(
        self,
        retriever: Retriever,
        *,
        chat_model: BaseChatModel | None = None,
        llm_timeout_seconds: float = 20.0,
        prompt_name: str = "grounded_answer",
        passages_for_llm: int = 3,
    ) -> None:
        self.retriever = retriever
        self.chat_model = chat_model
        self.llm_timeout_seconds = llm_timeout_seconds
        self.prompt_name = prompt_name
        self.passages_for_llm = passages_for_llm
        self._topics: list[str] | None = None
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None

    def topics(self) -> list[str]:
        if self._topics is None:
            self._topics = list(self.retriever.topics())
        return self._topics

    # -- shared steps

    def _prepare(self, question: str, athlete: AthleteContext | None) -> Answer | Retrieval:
        if not isinstance(question, str):
            question = "" if question is None else str(question)
        problem = _problem_with_question(question)
        if problem:
            return Answer(problem, covered=False, sources=[])
        return self.retriever.retrieve(_clip_question(question), limit=self.passages_for_llm)

    def _extractive(
        self, question: str, retrieval: Retrieval, athlete: AthleteContext | None
    ) -> Answer:
        return compose_extractive(_clip_question(question), retrieval,
                                  topics=self.topics(), athlete=athlete)

    def _prompt(self, question: str, retrieval: Retrieval, athlete: AthleteContext | None) -> str:
        from prompts import render_prompt

        return render_prompt(
            self.prompt_name,
            question=_clip_question(question),
            passages=_passages_block(retrieval.passages),
            athlete=_athlete_summary(athlete),
        )

    def _llm_answer(self, reply: object, retrieval: Retrieval, fallback: Answer) -> Answer:
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
        return Answer(f"{text}\n\n{source_line(used or retrieval.passages[:1])}",
                      covered=True, sources=fallback.sources)

    # -- public

    def answer(self, question: str, *, athlete: AthleteContext | None = None) -> Answer:
        """Answer ``question``; never raises for bad input, an LLM failure or a timeout."""
        prepared = self._prepare(question, athlete)
        if isinstance(prepared, Answer):
            return prepared
        fallback = self._extractive(question, prepared, athlete)
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
        return self._llm_answer(reply, prepared, fallback)

    async def aanswer(self, question: str, *, athlete: AthleteContext | None = None) -> Answer:
        """``answer`` for the event loop: retrieval is fast, the LLM call is awaited."""
        prepared = self._prepare(question, athlete)
        if isinstance(prepared, Answer):
            return prepared
        fallback = self._extractive(question, prepared, athlete)
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
        return self._llm_answer(reply, prepared, fallback)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
