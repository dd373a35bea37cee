"""Retrieval and answering benchmark: run ``.venv/bin/python -m bench.retrieval``.

Prints, in one run on the same chunks and machine:
- hit@1, hit@3 and MRR of the hybrid retriever and of BM25-only and dense-only baselines,
  on the eval questions of tests/knowledge/fixtures/retrieval_eval.yaml;
- the share of in-scope questions answered and of out-of-scope questions refused;
- ``Answerer.answer`` latency p50/p95, in-process, after warm-up;
- the time to re-ingest the unchanged articles folder (median/p95);
- peak resident memory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil
import yaml

from config.settings import Settings
from knowledge.retriever import Method

EVAL_FILE = Path(__file__).resolve().parent.parent / "tests/knowledge/fixtures/retrieval_eval.yaml"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _peak_rss_mb() -> float:
    import resource

    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5,
                        help="times each question is asked for the latency figures")
    parser.add_argument("--reingest-runs", type=int, default=20)
    args = parser.parse_args()

    from coach.answers import Answerer
    from knowledge.embeddings import make_embeddings
    from knowledge.ingest import ingest
    from knowledge.service import build_retriever

    data: dict[str, Any] = yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))
    sections = data["sections"]
    with tempfile.TemporaryDirectory(prefix="crosstrain-bench-") as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp))
        started = time.perf_counter()
        retriever = build_retriever(settings)
        answerer = Answerer(retriever)  # what build_answerer gives without an LLM
        build_seconds = time.perf_counter() - started
        print(f"chunks: {len(retriever.chunks)}  questions: {len(data['covered'])} in scope, "
              f"{len(data['not_covered'])} out of scope  (cold start {build_seconds:.2f} s)")

        print("\nretrieval            hit@1   hit@3   MRR")
        methods: tuple[Method, ...] = ("hybrid", "bm25", "dense")
        for method in methods:
            hit1 = hit3 = reciprocal = 0.0
            for item in data["covered"]:
                expected = {sections[key] for key in item["expect"]}
                ranked = retriever.rank(item["q"], method=method)
                rank = next((i for i, r in enumerate(ranked) if r.chunk.section in expected),
                            None)
                if rank is not None:
                    hit1 += rank == 0
                    hit3 += rank < 3
                    reciprocal += 1 / (rank + 1)
            n = len(data["covered"])
            label = {"hybrid": "hybrid (project)", "bm25": "BM25 only", "dense": "dense only"}
            print(f"{label[method]:20s} {hit1 / n:5.3f}   {hit3 / n:5.3f}   {reciprocal / n:5.3f}")

        answered = sum(answerer.answer(item["q"]).covered for item in data["covered"])
        refused = sum(not answerer.answer(q).covered for q in data["not_covered"])
        print(f"\nin scope answered: {answered}/{len(data['covered'])}   "
              f"out of scope refused: {refused}/{len(data['not_covered'])}")

        questions = [item["q"] for item in data["covered"]] + list(data["not_covered"])
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
