"""Red-flag triage against the evaluation sets: ``python -m bench.red_flags``.

For evals/red_flags/dev.jsonl, dev2.jsonl ... dev6.jsonl (tuning) and
evals/red_flags/heldout.jsonl (measurement only, never tuning) separately, and for each
triage variant, prints:

- recall: red-flag messages that get a referral, overall and per flag;
- urgent recall: messages labelled urgent that get an urgent referral;
- false referrals: benign look-alikes that get a referral;
- time per message (median and p95, milliseconds; wall clock and this thread's CPU time,
  which other processes on a shared machine disturb less), after a warm-up, uncached
  (triage's and the embedding model's remembered results are cleared before every timed
  call), and the same for a baseline measured in the same run: one call of the bundled
  embedding model (float graph, as retrieval uses it) on the whole message, so the
  figures read as ratios on a shared machine.

``--show-misses`` lists the development sets' messages a variant gets wrong (never the
held-out ones: reading them would be tuning on them).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EVALS = Path(__file__).resolve().parent.parent / "evals" / "red_flags"
SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11",
        "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18", "heldout")


@dataclass(frozen=True, slots=True)
class Verdict:
    refer: bool
    urgent: bool
    why: str = ""  # the flags raised: net, flag id and the words that raised it


Variant = Callable[[str], Verdict]


def _variants() -> dict[str, Variant]:
    """The triage variants to compare, each as text -> (refers, urgent)."""
    from coach import triage as module

    def verdict(result: Any) -> Verdict:
        urgent = bool(getattr(result, "urgent", False)) or any(
            getattr(flag, "urgent", False) for flag in result.flags)
        why = "; ".join(
            f"{getattr(flag, 'net', 'rules')}:{flag.id} {flag.matched!r}"
            + (f" {flag.score:.2f}" if getattr(flag, "score", None) is not None else "")
            for flag in result.flags)
        return Verdict(refer=result.referral is not None, urgent=urgent, why=why)

    variants: dict[str, Variant] = {}
    deterministic = getattr(module, "deterministic_triage", None)
    if deterministic is not None:
        variants["deterministic net"] = lambda text: verdict(deterministic(text))
        semantic_alone = _semantic_alone(module)
        if semantic_alone is not None:
            variants["semantic net alone"] = lambda text: verdict(semantic_alone(text))
        # The configured Triage itself: ``triage()`` remembers recent texts, and the
        # bench times each message several times.
        both = module.default_triage()
        variants["both nets"] = lambda text: verdict(both(text))
    else:  # the triage before the catalogue: one deterministic net
        variants["deterministic net"] = lambda text: verdict(module.triage(text))
    return variants


def _semantic_alone(module: Any) -> Callable[[str], Any] | None:
    """The semantic net with the rules switched off: how it does on wordings it never saw.

    The rules were written with the dev sets in view and the net learns from their
    labelled messages (knowledge/red_flag_phrasings.yaml), so on the dev sets neither says
    how well triage generalises: python -m bench.red_flags_cv does.
    """
    import dataclasses

    try:
        from coach.red_flags import load_red_flags
        from knowledge.embeddings import LocalMiniLMEmbeddings
        from knowledge.red_flag_net import RedFlagNet
    except ImportError:
        return None
    catalogue = load_red_flags()
    bare = dataclasses.replace(catalogue, flags=tuple(
        dataclasses.replace(flag, patterns=(), together=()) for flag in catalogue.flags))
    try:  # the labelled phrasings the shipped net learns from, when there are any
        from knowledge.red_flag_net import load_phrasings
        phrasings = load_phrasings()
    except (ImportError, OSError):
        phrasings = []
    triage: Callable[[str], Any] = module.Triage(bare, semantic=RedFlagNet(
        bare, LocalMiniLMEmbeddings(integer_matmul=True), phrasings=phrasings))
    return triage


def _baseline() -> Variant:
    """One embedding-model call on the whole message: a timing baseline, never refers."""
    from knowledge.embeddings import LocalMiniLMEmbeddings

    model = LocalMiniLMEmbeddings()

    def embed_only(text: str) -> Verdict:
        model.embed_array([text.lower()])
        return Verdict(refer=False, urgent=False)

    return embed_only


def load(name: str, evals: Path = EVALS) -> list[dict[str, Any]]:
    path = evals / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _forget() -> None:
    """Clear remembered results, so every timed call does the whole work."""
    from coach import triage as module

    remembered = getattr(module, "_remembered", None)
    if remembered is not None:
        remembered.cache_clear()
    try:
        from knowledge.embeddings import clear_embedding_cache
    except ImportError:  # before the embedding cache
        return
    clear_embedding_cache()


def score(rows: list[dict[str, Any]], variant: Variant, repeats: int) -> dict[str, Any]:
    for row in rows[:20]:  # warm-up: model load, catalogue vectors
        variant(row["text"])
    per_flag: dict[str, list[bool]] = defaultdict(list)
    benign: list[bool] = []
    urgent: list[bool] = []
    times: list[float] = []
    cpu: list[float] = []
    misses: list[dict[str, Any]] = []
    for row in rows:
        for _ in range(repeats):
            _forget()
            start, start_cpu = time.perf_counter(), time.thread_time()
            result = variant(row["text"])
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
        if row["flag"] == "none":
            benign.append(result.refer)
            if result.refer:
                misses.append({**row, "note": f"{row.get('note')}; raised by {result.why}"})
        else:
            per_flag[row["flag"]].append(result.refer)
            if row.get("urgent"):
                urgent.append(result.urgent)
                if not result.urgent:
                    misses.append({**row, "note": "not urgent: " + str(row.get("note"))})
            if not result.refer:
                misses.append(row)
    red = [hit for hits in per_flag.values() for hit in hits]
    return {
        "recall": sum(red) / len(red), "red": len(red),
        "per_flag": {flag: (sum(hits), len(hits)) for flag, hits in sorted(per_flag.items())},
        "false_referral": sum(benign) / len(benign), "benign": len(benign),
        "false_referrals": sum(benign),
        "urgent_recall": sum(urgent) / len(urgent) if urgent else 1.0, "urgent": len(urgent),
        "median_ms": statistics.median(times), "p95_ms": _percentile(times, 0.95),
        "cpu_median_ms": statistics.median(cpu), "cpu_p95_ms": _percentile(cpu, 0.95),
        "misses": misses,
    }


def report(name: str, variant_name: str, result: dict[str, Any], show_misses: bool,
           baseline: dict[str, Any] | None) -> None:
    print(f"\n== {name}: {variant_name}")
    print(f"recall {result['recall']:.1%} of {result['red']} red-flag messages; "
          f"urgent recall {result['urgent_recall']:.1%} of {result['urgent']}; "
          f"false referrals {result['false_referral']:.1%} "
          f"({result['false_referrals']} of {result['benign']} benign)")
    if baseline is not None:
        print(f"time per message: median {result['median_ms']:.2f} ms "
              f"({result['median_ms'] / baseline['median_ms']:.2f}x the baseline), "
              f"p95 {result['p95_ms']:.2f} ms "
              f"({result['p95_ms'] / baseline['p95_ms']:.2f}x the baseline)")
    else:
        print(f"time per message: median {result['median_ms']:.2f} ms, "
              f"p95 {result['p95_ms']:.2f} ms")
    print(f"CPU time per message: median {result['cpu_median_ms']:.2f} ms, "
          f"p95 {result['cpu_p95_ms']:.2f} ms")
    missed = [f"{flag} {hit}/{total}" for flag, (hit, total) in result["per_flag"].items()
              if hit < total]
    print("per flag below 100%: " + (", ".join(missed) if missed else "none"))
    if show_misses and name != "heldout":
        for row in result["misses"]:
            print(f"  MISS [{row['flag']}] {row['text']}  ({row.get('note')})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    parser.add_argument("--repeats", type=int, default=3, help="timed calls per message")
    parser.add_argument("--evals", type=Path, default=EVALS,
                        help="the folder of the sets (default: evals/red_flags)")
    parser.add_argument("--show-misses", action="store_true",
                        help="list the dev-set messages each variant gets wrong")
    args = parser.parse_args(argv)
    variants = _variants()
    embed_only = _baseline()
    for name in args.sets:
        if not (args.evals / f"{name}.jsonl").exists():
            print(f"\n== {name}: no file {name}.jsonl, skipped")
            continue
        rows = load(name, args.evals)
        base = score(rows, embed_only, args.repeats)
        print(f"\n== {name}: baseline, one embedding call per message: median "
              f"{base['median_ms']:.2f} ms, p95 {base['p95_ms']:.2f} ms (CPU median "
              f"{base['cpu_median_ms']:.2f} ms, p95 {base['cpu_p95_ms']:.2f} ms)")
        for variant_name, variant in variants.items():
            report(name, variant_name, score(rows, variant, args.repeats), args.show_misses,
                   base)


if __name__ == "__main__":
    main()
