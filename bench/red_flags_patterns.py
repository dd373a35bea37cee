"""Which rules refer, and which lean on guards: ``python -m bench.red_flags_patterns``.

Fresh sets of look-alikes are referred by the rules at about 8-10% while the sets the
rules were tuned on are referred at 0-2%: the guards that quiet a look-alike (negation,
innocent phrases, someone else, history, questions to learn) are fitted to the wordings
seen. This bench shows, for every rule of the catalogue (each pattern, and each
"together" group, alone), over the tuning sets (never the held-out set, nor dev7, the
validation set):

- ``red``: red-flag messages it refers;
- ``alone``: red-flag messages no other rule refers (what the rule is needed for);
- ``benign raw``: benign messages whose words it matches before any guard (the lower-cased
  text, no negation, innocent phrase or context removed): how often its words appear in a
  look-alike, so how much it leans on the guards;
- ``benign now``: benign messages it refers with the guards.

A rule with many ``benign raw`` is where a fresh look-alike is likely to get through; one
with few ``alone`` as well is a candidate for needing the clinical context (an effort, a
time, a severity) rather than the body word alone.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.reasons import normalise
from coach.red_flags import RedFlagCatalogue, RedFlagRule, load_red_flags
from coach.triage import Triage

EVALS = Path(__file__).resolve().parent.parent / "evals" / "red_flags"
# The tuning sets; dev7 (validation) and the held-out set are never read here.
TUNING_SETS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6")


@dataclass(slots=True)
class RuleCount:
    flag: str
    rule: str  # "pattern 3" or "together 0"
    text: str  # the pattern(s), for the reader
    red: int = 0
    alone: int = 0
    benign_raw: int = 0
    benign_now: int = 0


def _single(catalogue: RedFlagCatalogue, flag: RedFlagRule, *, pattern: int | None = None,
            group: int | None = None) -> Triage:
    """Triage by one rule of one flag (the catalogue's context and innocent phrases kept)."""
    one = dataclasses.replace(
        flag,
        patterns=(flag.patterns[pattern],) if pattern is not None else (),
        together=(flag.together[group],) if group is not None else ())
    return Triage(dataclasses.replace(catalogue, flags=(one,)))


def count_rules(rows: Iterable[dict[str, Any]],
                catalogue: RedFlagCatalogue | None = None) -> list[RuleCount]:
    """Per rule of ``catalogue``: red referred, red referred by it alone, benign raw, now."""
    catalogue = catalogue or load_red_flags()
    rules: list[tuple[RuleCount, Triage, tuple[Any, ...]]] = []
    for flag in catalogue.flags:
        for index, compiled in enumerate(flag.patterns):
            rules.append((RuleCount(flag.id, f"pattern {index}", compiled.pattern),
                          _single(catalogue, flag, pattern=index), (compiled,)))
        for index, group in enumerate(flag.together):
            rules.append((RuleCount(flag.id, f"together {index}",
                                    " & ".join(p.pattern for p in group)),
                          _single(catalogue, flag, group=index), tuple(group)))
    for row in rows:
        text = row["text"]
        if row["flag"] == "none":
            lowered = normalise(text)
            for count, single, patterns in rules:
                if all(p.search(lowered) for p in patterns):
                    count.benign_raw += 1
                    if single(text).referral is not None:
                        count.benign_now += 1
            continue
        refer = [count for count, single, _ in rules if single(text).referral is not None]
        for count in refer:
            count.red += 1
        if len(refer) == 1:
            refer[0].alone += 1
    return [count for count, _, _ in rules]


def load_rows(names: Iterable[str], evals: Path = EVALS) -> list[dict[str, Any]]:
    rows = []
    for name in names:
        if name not in TUNING_SETS:
            raise ValueError(f"{name} is not a tuning set")
        for line in (evals / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=TUNING_SETS, default=list(TUNING_SETS))
    parser.add_argument("--top", type=int, default=30, help="rules to print (default 30)")
    args = parser.parse_args(argv)
    counts = count_rules(load_rows(args.sets))
    counts.sort(key=lambda c: (-c.benign_raw, c.alone))
    print(f"{'flag':24} {'rule':12} {'red':>5} {'alone':>6} {'benign raw':>11} "
          f"{'benign now':>11}  pattern")
    for c in counts[:args.top]:
        print(f"{c.flag:24} {c.rule:12} {c.red:5} {c.alone:6} {c.benign_raw:11} "
              f"{c.benign_now:11}  {c.text[:70]}")


if __name__ == "__main__":
    main()
