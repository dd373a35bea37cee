"""Red-flag triage with the static embedding in the semantic net (an experiment).

Run: ``python -m bench.static_embedding [--sets dev5 dev6] [--data-dir DIR]``.

An experiment beside ``bench.red_flags`` (which runs triage as configured, on the int8
MiniLM): for each named development set, recall (red-flag messages referred), urgent recall
and benign referred, and the time per message (median, p95; uncached), for the bundled
int8 MiniLM and for the static table (knowledge/static_embedding.py), each with both nets
(rules and semantic net) and with the semantic net alone; then the embedding time of one
sentence with each model, measured in the same run.

The catalogue's thresholds were chosen on the int8 model's similarities; the static
vectors' similarities run higher, so the static net is measured with its own
``--static-set field=value`` overrides of the catalogue (default: the ones chosen on dev5,
see the report of this experiment). The held-out set is refused.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import red_flags
from bench.red_flags import Verdict

# Chosen on dev5 among anchor_margin 0.08-0.14, strong_threshold 0.68-0.80 and
# strong_margin 0.02-0.10 (the int8 model's: 0.08, 0.7, 0.02).
STATIC_OVERRIDES = ("anchor_margin=0.10", "strong_threshold=0.75", "strong_margin=0.04")
DEV_SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6")


def _overrides(items: list[str]) -> dict[str, float | int | None]:
    changes: dict[str, float | int | None] = {}
    for item in items:
        name, _, value = item.partition("=")
        changes[name] = None if value == "none" else float(value) if "." in value \
            else int(value)
    return changes


def _triage(embedder: Any, overrides: dict[str, Any], *, alone: bool) -> Callable[[str], Verdict]:
    from coach.red_flags import load_red_flags
    from coach.triage import Triage
    from knowledge.red_flag_net import RedFlagNet, load_phrasings

    catalogue = dataclasses.replace(load_red_flags(), **overrides)
    if alone:  # the rules switched off
        catalogue = dataclasses.replace(catalogue, flags=tuple(
            dataclasses.replace(flag, patterns=(), together=()) for flag in catalogue.flags))
    net = RedFlagNet(catalogue, embedder, phrasings=load_phrasings())
    net.warm_up()
    triage = Triage(catalogue, semantic=net)

    def verdict(text: str) -> Verdict:
        result = triage(text)
        urgent = any(getattr(flag, "urgent", False) for flag in result.flags)
        return Verdict(refer=result.referral is not None, urgent=urgent)

    return verdict


def _embedding_time(embedder: Any, texts: list[str]) -> float:
    """Median milliseconds to embed one text, uncached."""
    from knowledge.embeddings import clear_embedding_cache

    times = []
    for text in texts:
        clear_embedding_cache()
        started = time.perf_counter()
        embedder.embed_array([text])
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=DEV_SETS, default=["dev5", "dev6"])
    parser.add_argument("--repeats", type=int, default=1, help="timed calls per message")
    parser.add_argument("--static-set", action="append", default=None,
                        help="a catalogue override for the static net, field=value")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="where the static table is (distilled there if missing; "
                        "default: a temporary folder)")
    args = parser.parse_args(argv)
    from knowledge.embeddings import LocalMiniLMEmbeddings
    from knowledge.static_embedding import StaticEmbeddings

    with tempfile.TemporaryDirectory(prefix="crosstrain-static-") as folder:
        static = StaticEmbeddings(data_dir=args.data_dir or Path(folder), lazy=False)
        integer = LocalMiniLMEmbeddings(integer_matmul=True)
        overrides = _overrides(args.static_set if args.static_set is not None
                               else list(STATIC_OVERRIDES))
        models = {"int8 MiniLM": (integer, {}), f"static {overrides}": (static, overrides)}
        texts: list[str] = []
        for name in args.sets:
            rows = red_flags.load(name)
            texts += [row["text"] for row in rows]
            for model, (embedder, changes) in models.items():
                for alone in (False, True):
                    result = red_flags.score(rows, _triage(embedder, changes, alone=alone),
                                             args.repeats)
                    print(f"{name:5} {model:<75} {'net alone' if alone else 'both nets'}: "
                          f"recall {result['recall']:.1%} of {result['red']}, urgent "
                          f"{result['urgent_recall']:.1%}, benign referred "
                          f"{result['false_referral']:.1%} ({result['false_referrals']}/"
                          f"{result['benign']}); {result['median_ms']:.2f} ms median, "
                          f"{result['p95_ms']:.2f} ms p95")
        float_model = LocalMiniLMEmbeddings()
        sample = texts[:200]
        print(f"one message embedded, median: float MiniLM "
              f"{_embedding_time(float_model, sample):.3f} ms, int8 MiniLM "
              f"{_embedding_time(integer, sample):.3f} ms, static "
              f"{_embedding_time(static, sample):.3f} ms")


if __name__ == "__main__":
    main()
