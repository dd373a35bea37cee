"""Retrieval and answering benchmark: run ``.venv/bin/python -m bench.retrieval``.

Prints, in one run on the same passages and machine, for each set separately: the
development set (tests/knowledge/fixtures/retrieval_eval.yaml, tuned on), the second to
sixteenth, independently written development sets (evals/retrieval/dev2.jsonl to
dev16.jsonl, tuned on after their first measure), the seventeenth (dev17.jsonl, a validation
set: figures only, never its misses; measured where its file is) and the held-out set
(evals/retrieval/heldout.jsonl, never tuned on). ``--sets dev dev2 dev3 dev4 dev5 dev6
dev7 dev8`` measures the development sets only and
never opens the held-out file. ``--without-questions`` indexes the same articles without
their anticipated questions (``.questions.yaml`` sidecars), for the figures without them:

- hit@1, hit@3 and MRR (section level) of the project's retriever and of three untuned
  baselines over the same passages: BM25 only (plain lower-case words), dense only
  (MiniLM cosine of each passage) and reciprocal rank fusion of the two (k=60);
- for the project's answers: the share of in-scope questions answered, of answers that
  contain every required fact, of out-of-scope questions refused (recall) beside the in-scope
  questions wrongly refused, and how many answers to a training question (not one about the
  coach's offers) are an offer; the median and longest in-scope reply, in characters, and
  how many replies open with a sentence quoted from an expected section (the answer first);
- with ``--latency``: ``Answerer.answer`` latency p50/p95 and the unchanged re-ingest time.

A passage is a hit for an expected section when the section is one of the headings on its
path below the article's title, when it is "introduction" and the passage is the text before
the first heading, or when it is a "how to" point ("Stay Consistent") that the passage holds
as a paragraph starting with that name. Held-out questions are never printed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import psutil
import yaml
from rank_bm25 import BM25Okapi

from config.settings import Settings

if TYPE_CHECKING:
    from coach.answers import Answerer
    from knowledge.documents import Chunk
    from knowledge.retriever import HybridRetriever

ROOT = Path(__file__).resolve().parent.parent
DEV_FILE = ROOT / "tests/knowledge/fixtures/retrieval_eval.yaml"
HELDOUT_FILE = ROOT / "evals/retrieval/heldout.jsonl"
DEV2_FILE = ROOT / "evals/retrieval/dev2.jsonl"
DEV3_FILE = ROOT / "evals/retrieval/dev3.jsonl"
DEV4_FILE = ROOT / "evals/retrieval/dev4.jsonl"
DEV5_FILE = ROOT / "evals/retrieval/dev5.jsonl"
DEV6_FILE = ROOT / "evals/retrieval/dev6.jsonl"
DEV7_FILE = ROOT / "evals/retrieval/dev7.jsonl"
DEV8_FILE = ROOT / "evals/retrieval/dev8.jsonl"
DEV9_FILE = ROOT / "evals/retrieval/dev9.jsonl"
DEV10_FILE = ROOT / "evals/retrieval/dev10.jsonl"
DEV11_FILE = ROOT / "evals/retrieval/dev11.jsonl"
DEV12_FILE = ROOT / "evals/retrieval/dev12.jsonl"
DEV13_FILE = ROOT / "evals/retrieval/dev13.jsonl"
DEV14_FILE = ROOT / "evals/retrieval/dev14.jsonl"
DEV15_FILE = ROOT / "evals/retrieval/dev15.jsonl"
DEV16_FILE = ROOT / "evals/retrieval/dev16.jsonl"
DEV17_FILE = ROOT / "evals/retrieval/dev17.jsonl"
RRF_K = 60
INTRODUCTION = "introduction"
# The article's call-to-action sections: a question expecting one of them asks about the
# coach's offers; every other in-scope question is a training question.
OFFER_SECTIONS = frozenset({"Ready to Run Smarter and Stronger?", "Want more help?"})
# Words that make the lead of an answer an offer rather than advice.
OFFER_WORDS = ("assessment", "masterclass", "workshop", "coaching session", "12-week",
               "strength program", "sign up", "book ")
_PLAIN_STOPWORDS = frozenset(re.findall(r"\S+", """
    a an the and or but if of to in on for with at by from as is are was were be been it its
    this that i me my we our you your he she they them what which who how why when where
    can could should would will do does did have has had not no so just"""))


@dataclass(frozen=True, slots=True)
class Item:
    question: str
    in_scope: bool
    expected: tuple[str, ...] = ()  # section names, see the module docstring
    facts: tuple[str, ...] = ()

    @property
    def about_offers(self) -> bool:
        return bool(set(self.expected) & OFFER_SECTIONS)


def load_dev() -> list[Item]:
    data: dict[str, Any] = yaml.safe_load(DEV_FILE.read_text(encoding="utf-8"))
    title = data["article"]
    names = {}
    for key, path in data["sections"].items():
        names[key] = INTRODUCTION if path == title else path.split(" > ")[-1]
    items = [Item(entry["q"], True, tuple(names[k] for k in entry["expect"]),
                  tuple(entry.get("facts", ())))
             for entry in data["covered"]]
    items += [Item(question, False) for question in data["not_covered"]]
    return items


def load_jsonl(path: Path) -> list[Item]:
    """A set in the schema of evals/retrieval/README.md (held-out and dev2)."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["in_scope"]:
            expected = (row["section"], *row.get("acceptable_sections", ()))
            items.append(Item(row["question"], True, tuple(expected), tuple(row["facts"])))
        else:
            items.append(Item(row["question"], False))
    return items


def load_heldout() -> list[Item]:
    return load_jsonl(HELDOUT_FILE)


def load_dev2() -> list[Item]:
    return load_jsonl(DEV2_FILE)


def load_dev3() -> list[Item]:
    return load_jsonl(DEV3_FILE)


def load_dev4() -> list[Item]:
    return load_jsonl(DEV4_FILE)


def load_dev5() -> list[Item]:
    return load_jsonl(DEV5_FILE)


def load_dev6() -> list[Item]:
    return load_jsonl(DEV6_FILE)


def load_dev7() -> list[Item]:
    return load_jsonl(DEV7_FILE)


def load_dev8() -> list[Item]:
    return load_jsonl(DEV8_FILE)


def load_dev9() -> list[Item]:
    return load_jsonl(DEV9_FILE)


def load_dev10() -> list[Item]:
    return load_jsonl(DEV10_FILE)


def load_dev11() -> list[Item]:
    return load_jsonl(DEV11_FILE)


def load_dev12() -> list[Item]:
    return load_jsonl(DEV12_FILE)


def load_dev13() -> list[Item]:
    return load_jsonl(DEV13_FILE)


def load_dev14() -> list[Item]:
    return load_jsonl(DEV14_FILE)


def load_dev15() -> list[Item]:
    return load_jsonl(DEV15_FILE)


def load_dev16() -> list[Item]:
    return load_jsonl(DEV16_FILE)


def load_dev17() -> list[Item]:
    return load_jsonl(DEV17_FILE)


# name -> (heading printed, loader, whether tuning may look at it)
SETS: dict[str, tuple[str, Callable[[], list[Item]], bool]] = {
    "dev": ("development set (tuned on)", load_dev, True),
    "dev2": ("second development set (tuned on)", load_dev2, True),
    "dev3": ("third development set (tuned on after its first measure)", load_dev3, True),
    "dev4": ("fourth development set (tuned on after its first measure)", load_dev4, True),
    "dev5": ("fifth development set (tuned on after its first measure)", load_dev5, True),
    "dev6": ("sixth development set (tuned on after its first measure)", load_dev6, True),
    "dev7": ("seventh development set (tuned on after its first measure)", load_dev7, True),
    "dev8": ("eighth development set (tuned on after its first measure)", load_dev8, True),
    "dev9": ("ninth development set (tuned on after its first measure)", load_dev9, True),
    "dev10": ("tenth development set (tuned on after its first measure)", load_dev10, True),
    "dev11": ("eleventh development set (released for tuning)", load_dev11, True),
    "dev12": ("twelfth development set (released for tuning)", load_dev12, True),
    "dev13": ("thirteenth development set (released for tuning)", load_dev13, True),
    "dev14": ("fourteenth development set (released for tuning)", load_dev14, True),
    "dev15": ("fifteenth development set (released for tuning)", load_dev15, True),
    "dev16": ("sixteenth development set (released for tuning)", load_dev16, True),
    # Validation only: its questions are never listed (no --dev-misses), only its figures.
    "dev17": ("seventeenth development set (validation, not tuned on)", load_dev17, False),
    "heldout": ("held-out set (never tuned on)", load_heldout, False),
}
# Sets whose file may not be committed yet (the next validation set): measured, by default
# or when named, only where their file is.
OPTIONAL_FILES: dict[str, Path] = {"dev17": DEV17_FILE}


def available(names: Sequence[str]) -> list[str]:
    """``names`` without the optional sets whose file is missing."""
    return [name for name in names
            if name not in OPTIONAL_FILES or OPTIONAL_FILES[name].exists()]


def section_matches(chunk: Chunk, name: str) -> bool:
    below = chunk.headings[1:] if chunk.headings[:1] == (chunk.title,) else chunk.headings
    if name == INTRODUCTION:
        return not below
    if name in below:
        return True
    # A "how to" point written as "Name - advice" inside the passage.
    return any(re.match(re.escape(name) + r"\s+[-–—]\s", line.strip())
               for line in chunk.text.splitlines())


def _plain_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
            if w not in _PLAIN_STOPWORDS]


class Baselines:
    """Untuned rankings over the retriever's passages: BM25, dense, and their RRF."""

    def __init__(self, retriever: HybridRetriever) -> None:
        self.retriever = retriever
        self.chunks = list(retriever.chunks)
        # As first measured: the whole heading path, the article's title included.
        texts = [f"{' > '.join(chunk.headings) or chunk.title}\n{chunk.text}"
                 for chunk in self.chunks]
        self.bm25 = BM25Okapi([_plain_words(text) for text in texts])
        vectors = np.asarray(retriever.embeddings.embed_documents(texts), dtype=np.float32)
        self.vectors = vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True),
                                         1e-12, None)

    def bm25_order(self, question: str) -> list[int]:
        scores = self.bm25.get_scores(_plain_words(question))
        return [int(i) for i in np.argsort(-scores, kind="stable")]

    def dense_order(self, question: str) -> list[int]:
        query = np.asarray(self.retriever.embeddings.embed_query(question), dtype=np.float32)
        scores = self.vectors @ (query / max(float(np.linalg.norm(query)), 1e-12))
        return [int(i) for i in np.argsort(-scores, kind="stable")]

    def rrf_order(self, question: str) -> list[int]:
        fused = np.zeros(len(self.chunks))
        for order in (self.bm25_order(question), self.dense_order(question)):
            for rank, index in enumerate(order):
                fused[index] += 1.0 / (RRF_K + rank + 1)
        return [int(i) for i in np.argsort(-fused, kind="stable")]


@dataclass(slots=True)
class Ranking:
    hit1: float
    hit3: float
    mrr: float


def score_ranking(items: Sequence[Item], rank: Callable[[str], list[Chunk]]) -> Ranking:
    in_scope = [item for item in items if item.in_scope]
    hit1 = hit3 = reciprocal = 0.0
    for item in in_scope:
        ranked = rank(item.question)
        position = next((i for i, chunk in enumerate(ranked)
                         if any(section_matches(chunk, name) for name in item.expected)), None)
        if position is not None:
            hit1 += position == 0
            hit3 += position < 3
            reciprocal += 1 / (position + 1)
    n = len(in_scope) or 1
    return Ranking(hit1 / n, hit3 / n, reciprocal / n)


def _is_offer(text: str) -> bool:
    lead = text.split("\n\n", 1)[0].lower()
    return any(word in lead for word in OFFER_WORDS)


@dataclass(slots=True)
class Answers:
    answered: int
    with_facts: int
    in_scope: int
    refused: int
    out_of_scope: int
    offers_for_training: int
    training: int
    longest: int
    misses: list[str]
    lengths: list[int] = field(default_factory=list)  # characters of each in-scope reply
    # In-scope replies whose first sentence is quoted from an expected section.
    opens_right: int = 0


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


_ASIDE = re.compile(r"\s+\([^()0-9]{1,60}\)")
# The labels a reply puts before a quoted sentence ("The coach's story: ", "Stay Consistent: ").
_REPLY_LABEL = re.compile(r"^(?:The coach's story: )?(?:[A-Z][\w’' ]{2,60}?: )?")


def opening_section_matches(text: str, chunks: Sequence[Chunk], expected: Sequence[str]) -> bool:
    """Whether the reply's first sentence is quoted from a passage of an expected section."""
    first = re.split(r"(?<=[.!?])\s", _REPLY_LABEL.sub("", text, count=1), maxsplit=1)[0]
    opening = _plain(first)[:40]
    # A reply leaves out a bracketed aside ("(Not my best moment!)"): so does the match.
    owner = next((chunk for chunk in chunks if opening and opening in _plain(
        _ASIDE.sub("", chunk.text))), None)
    return owner is not None and any(section_matches(owner, name) for name in expected)


def score_answers(items: Sequence[Item], answerer: Answerer,
                  chunks: Sequence[Chunk] = ()) -> Answers:
    result = Answers(0, 0, 0, 0, 0, 0, 0, 0, [])
    for item in items:
        answer = answerer.answer(item.question)
        result.longest = max(result.longest, len(answer.text))
        if not item.in_scope:
            result.out_of_scope += 1
            result.refused += not answer.covered
            continue
        result.in_scope += 1
        result.answered += answer.covered
        result.lengths.append(len(answer.text))
        result.opens_right += answer.covered and opening_section_matches(
            answer.text, chunks, item.expected)
        lower = answer.text.lower()
        has_facts = all(fact.lower() in lower for fact in item.facts)
        result.with_facts += has_facts
        if not item.about_offers:
            result.training += 1
            result.offers_for_training += _is_offer(answer.text)
        if not has_facts:
            missing = [fact for fact in item.facts if fact.lower() not in lower]
            result.misses.append(f"{item.question}\n    missing {missing}; expected "
                                 f"{list(item.expected)}\n    answer: "
                                 + answer.text.replace("\n", " / "))
    return result


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))
    return ordered[index]


def _peak_rss_mb() -> float:
    import resource

    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _report_set(name: str, items: Sequence[Item], retriever: HybridRetriever,
                baselines: Baselines, answerer: Answerer, *, show_misses: bool) -> None:
    in_scope = sum(item.in_scope for item in items)
    print(f"\n== {name}: {in_scope} in scope, {len(items) - in_scope} out of scope")
    print(f"{'ranking':28s} hit@1   hit@3   MRR")
    chunks = baselines.chunks
    rankers: dict[str, Callable[[str], list[Chunk]]] = {
        "project": lambda q: [r.chunk for r in retriever.rank(q)],
        "BM25 only (untuned)": lambda q: [chunks[i] for i in baselines.bm25_order(q)],
        "dense only (untuned)": lambda q: [chunks[i] for i in baselines.dense_order(q)],
        "RRF BM25+dense (untuned)": lambda q: [chunks[i] for i in baselines.rrf_order(q)],
    }
    for label, rank in rankers.items():
        figures = score_ranking(items, rank)
        print(f"{label:28s} {figures.hit1:5.3f}   {figures.hit3:5.3f}   {figures.mrr:5.3f}")
    answers = score_answers(items, answerer, chunks)
    print(f"answers: in scope answered {answers.answered}/{answers.in_scope}   "
          f"with every required fact {answers.with_facts}/{answers.in_scope} "
          f"({answers.with_facts / max(answers.in_scope, 1):.3f})   "
          f"out of scope refused {answers.refused}/{answers.out_of_scope}   "
          f"training questions answered with an offer "
          f"{answers.offers_for_training}/{answers.training}   "
          f"longest answer {answers.longest} chars")
    lengths = answers.lengths or [0]
    print(f"reply length (in scope, whole reply with its source line): median "
          f"{statistics.median(lengths):.0f}   max {max(lengths)} chars   first sentence "
          f"from an expected section {answers.opens_right}/{answers.in_scope}")
    print(f"refusals: out of scope refused {answers.refused}/{answers.out_of_scope} "
          f"(recall {answers.refused / max(answers.out_of_scope, 1):.3f})   in scope wrongly "
          f"refused {answers.in_scope - answers.answered}/{answers.in_scope}")
    if show_misses:
        for question in answers.misses:
            print(f"  facts missing: {question}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--latency", action="store_true",
                        help="also time answers and an unchanged re-ingest")
    parser.add_argument("--rounds", type=int, default=3,
                        help="times each question is asked for the latency figures")
    parser.add_argument("--reingest-runs", type=int, default=10)
    parser.add_argument("--sets", nargs="+", choices=tuple(SETS),
                        default=list(SETS),
                        help="the sets to measure (tune with --sets dev dev2; the held-out "
                             "file is opened only when named here)")
    parser.add_argument("--dev-misses", action="store_true",
                        help="list development questions whose answer lacks a fact")
    parser.add_argument("--without-questions", action="store_true",
                        help="index the articles without their .questions.yaml sidecars")
    parser.add_argument("--articles", type=Path, default=None,
                        help="the articles folder to index (default: the configured one)")
    args = parser.parse_args()

    from coach.answers import Answerer
    from knowledge.embeddings import make_embeddings
    from knowledge.ingest import ingest
    from knowledge.service import build_retriever

    missing = [name for name in args.sets if name not in available(args.sets)]
    if missing:
        print(f"not measured (no file yet): {', '.join(missing)}")
    present = available(args.sets)
    chosen = {name: SETS[name] for name in SETS if name in present}
    loaded = {name: loader() for name, (_, loader, _) in chosen.items()}
    with tempfile.TemporaryDirectory(prefix="crosstrain-bench-") as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp))
        articles = args.articles or settings.articles_dir
        if args.without_questions:
            # The same articles, without the questions they anticipate.
            bare = Path(tmp) / "articles"
            bare.mkdir()
            for article in articles.glob("*.md"):
                shutil.copy2(article, bare / article.name)
            articles = bare
        settings = Settings(_env_file=None, data_dir=Path(tmp), articles_dir=articles)
        questions = sorted(p.name for p in articles.glob("*.questions.yaml"))
        print(f"articles: {articles}  questions files: {', '.join(questions) or 'none'}")
        started = time.perf_counter()
        retriever = build_retriever(settings)
        answerer = Answerer(retriever, cautions=retriever.lexicon)  # build_answerer, no LLM
        build_seconds = time.perf_counter() - started
        baselines = Baselines(retriever)
        print(f"passages: {len(retriever.chunks)}  (cold start {build_seconds:.2f} s)")
        for name, (heading, _, tunable) in chosen.items():
            _report_set(heading, loaded[name], retriever, baselines, answerer,
                        show_misses=args.dev_misses and tunable)

        if args.latency:
            questions = [item.question for item in load_dev()]
            for question in questions[:10]:  # warm-up
                answerer.answer(question)
            latencies = []
            for _ in range(args.rounds):
                for question in questions:
                    started = time.perf_counter()
                    answerer.answer(question)
                    latencies.append((time.perf_counter() - started) * 1000)
            p50, p95 = statistics.median(latencies), _percentile(latencies, 0.95)
            print(f"\nask latency (in-process, {len(latencies)} calls): "
                  f"p50 {p50:.1f} ms   p95 {p95:.1f} ms   max {max(latencies):.1f} ms")
            embeddings = make_embeddings(settings)
            timings = []
            for _ in range(args.reingest_runs):
                started = time.perf_counter()
                report = ingest(settings, embeddings=embeddings, progress=False)
                timings.append(time.perf_counter() - started)
                assert not report.changed and report.added == 0
            print(f"re-ingest unchanged folder ({args.reingest_runs} runs): "
                  f"median {statistics.median(timings) * 1000:.1f} ms   "
                  f"p95 {_percentile(timings, 0.95) * 1000:.1f} ms")
        rss_now = psutil.Process(os.getpid()).memory_info().rss / 2**20
        print(f"resident memory: now {rss_now:.0f} MB   peak {_peak_rss_mb():.0f} MB")
        answerer.close()


if __name__ == "__main__":
    main()
