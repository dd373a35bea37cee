"""Sum up a CROSSTRAIN_TEST_TIMELINE file (see tests/conftest.py): per worker its busy time
and when it finished, and the slowest files, to see how evenly the workers were used."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path


def main(path: str) -> None:
    rows = [line.split(" ", 3) for line in Path(path).read_text().splitlines() if line]
    begin = min(float(start) for _, start, _, _ in rows)
    busy: dict[str, float] = defaultdict(float)
    last: dict[str, float] = defaultdict(float)
    per_file: dict[str, float] = defaultdict(float)
    for worker, start, end, nodeid in rows:
        busy[worker] += float(end) - float(start)
        last[worker] = max(last[worker], float(end) - begin)
        per_file[nodeid.split("::", 1)[0]] += float(end) - float(start)
    for worker in sorted(busy):
        print(f"{worker}: busy {busy[worker]:7.1f} s, last test ended at {last[worker]:7.1f} s")
    print("slowest files:")
    for name, seconds in sorted(per_file.items(), key=lambda item: -item[1])[:15]:
        print(f"  {seconds:7.1f} s  {name}")


if __name__ == "__main__":
    main(sys.argv[1])
