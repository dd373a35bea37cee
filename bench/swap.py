"""Substitutions per second in one process: ``python -m bench.swap [--requests N]``.

Builds a varied, seeded set of requests (sessions, reasons with pain, weather, smoke,
travel, time caps, fatigue, red flags; athletes with different goals, injuries, equipment
and likes), warms up, then times each call. Prints the median and p95 latency of the
engine (suggest_substitutes), of its first steps alone (triage, reason parsing) as a
baseline, and of a whole JSON Lines round trip (decode, answer, encode), and the swaps
per second for each.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

from bot.cli.swap_commands import answer_line
from coach.catalogue import EQUIPMENT_WORDS, load_catalogue
from coach.context import AthleteContext
from coach.reasons import parse_reason
from coach.substitution import suggest_substitutes
from coach.triage import triage

TODAY = date(2025, 6, 1)
SESSIONS: list[Any] = [
    "my 40 min tempo", "long run 100 minutes", "intervals", "1h30 long run",
    "5 x 4 min / 2 min intervals", "hill repeats 6x3' with 90 s jog", "easy 30 min",
    "recovery jog", "2 hours", "10k easy", {"kind": "tempo", "minutes": 50},
    {"kind": "long", "minutes": 150}, {"kind": "hills", "minutes": 45},
    {"kind": "easy", "minutes": 35}, {"kind": "intervals", "minutes": 60},
]
REASONS = [
    "", "knee pain", "knee pain 6/10", "sharp pain in my achilles", "sore legs", "rain",
    "thunderstorm and lightning", "wildfire smoke, AQI 200", "trails closed after the fires",
    "travelling for work, hotel has a gym", "only 30 minutes today", "busy at work", "tired",
    "exhausted, didn't sleep", "I have a cold", "want something fun", "heatwave",
    "downhill and fast paces hurt", "no chest pain, just heavy legs", "chest pain",
    "pinpoint pain on my shin bone", "I'm limping", "stomach bug",
    "slight hamstring niggle 2/10 and it's raining", "bored of running, got an hour",
]
GOALS = [None, "100K ultra with 4000 m climbing", "29029 Everest challenge", "marathon PR",
         "off-season speed", "first half marathon"]
INJURIES = ["knee", "achilles", "shoulder", "broken tailbone", "lower back"]
LIKES = ["swimming", "cycling", "hiking", "rowing", "stairs", "mountain biking"]


def build_requests(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    words = sorted(EQUIPMENT_WORDS)
    requests = []
    for _ in range(count):
        goal_date = (TODAY + timedelta(days=rng.randint(-10, 120))) if rng.random() < 0.6 else None
        requests.append({
            "athlete": {
                "goal": rng.choice(GOALS),
                "goal_date": goal_date.isoformat() if goal_date else None,
                "injuries": rng.sample(INJURIES, rng.randint(0, 2)),
                "equipment": rng.sample(words, rng.randint(0, 7)),
                "likes": rng.sample(LIKES, rng.randint(0, 2)),
            },
            "missed": rng.choice(SESSIONS),
            "reason": rng.choice(REASONS),
            "today": TODAY.isoformat(),
        })
    return requests


def _json_round_trip(line: str, number: int) -> str:
    return json.dumps(answer_line(line, number=number, default_today=TODAY))


def _time(calls: list[Callable[[], object]]) -> list[float]:
    samples = []
    for call in calls:
        start = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    return samples


def _report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    rate = len(samples) / (sum(samples) / 1000)
    print(f"{name:<34} median {median:7.3f} ms   p95 {p95:7.3f} ms   {rate:9.0f} /s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    load_catalogue()  # cached once, as in the bot
    requests = build_requests(args.requests)
    athletes = [AthleteContext(
        goal=r["athlete"]["goal"],
        goal_date=date.fromisoformat(r["athlete"]["goal_date"]) if r["athlete"]["goal_date"]
        else None,
        injuries=tuple(r["athlete"]["injuries"]), equipment=tuple(r["athlete"]["equipment"]),
        likes=tuple(r["athlete"]["likes"])) for r in requests]
    lines = [json.dumps(r) for r in requests]

    def swap_call(i: int) -> Callable[[], object]:
        return lambda: suggest_substitutes(athlete=athletes[i], missed=requests[i]["missed"],
                                           reason=requests[i]["reason"], today=TODAY)

    engine = [swap_call(i) for i in range(len(requests))]
    stages: dict[str, list[Callable[[], object]]] = {
        "triage only (baseline)": [partial(triage, r["reason"]) for r in requests],
        "reason parsing only (baseline)": [partial(parse_reason, r["reason"]) for r in requests],
        "suggest_substitutes": engine,
        "JSON line in -> JSON line out": [
            partial(_json_round_trip, line, n) for n, line in enumerate(lines, start=1)],
    }
    for call in engine[:300]:  # warm-up
        call()
    print(f"{len(requests)} varied requests x {args.rounds} rounds, one process, "
          "catalogue cached; latency pooled over the rounds")
    pooled: dict[str, list[float]] = {name: [] for name in stages}
    wall_rates: list[float] = []
    for _ in range(args.rounds):
        for name, calls in stages.items():
            pooled[name] += _time(calls)
        wall_start = time.perf_counter()
        for call in engine:
            call()
        wall_rates.append(len(engine) / (time.perf_counter() - wall_start))
    for name, samples in pooled.items():
        _report(name, samples)
    rates = ", ".join(f"{rate:,.0f}" for rate in wall_rates)
    print(f"{'swaps/s, wall clock per round':<34} {rates} (median "
          f"{statistics.median(wall_rates):,.0f})")


if __name__ == "__main__":
    main()
