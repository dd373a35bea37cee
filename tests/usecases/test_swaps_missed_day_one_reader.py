"""The day and session of a missed run are the language layer's reading of the message:
every day told is weighed (a second day missed, a day in brackets, a day told done before
the one missed), where the swap once read the first day and session it found."""

from __future__ import annotations

from datetime import date

import pytest

from tests.usecases.support import plan_snapshot
from usecases.snapshot import AthleteSnapshot, PlannedDay
from usecases.swaps import AskWhich, MissedRun, resolve_missed

WEDNESDAY = date(2026, 12, 2)
PLAN = {0: PlannedDay(0, "easy", 30), 1: PlannedDay(1, "tempo", 50),
        2: PlannedDay(2, "rest", 0), 3: PlannedDay(3, "intervals", 45),
        4: PlannedDay(4, "rest", 0), 5: PlannedDay(5, "easy", 40),
        6: PlannedDay(6, "long", 100)}


def _snapshot() -> AthleteSnapshot:
    return plan_snapshot(PLAN, WEDNESDAY)


@pytest.mark.parametrize(("text", "day", "kind", "minutes"), [
    # Two days told missed, the second joined by "as well", "too": the later one is
    # still to act on.
    ("bailed on saturday's easy run and sunday's long run as well",
     date(2026, 11, 29), "long", 100),
    ("skipped monday's easy and tuesday's tempo too, work is mad",
     date(2026, 12, 1), "tempo", 50),
    ("missed the easy one saturday and the long run on sunday also",
     date(2026, 11, 29), "long", 100),
    # A day told done first, then the day missed.
    ("monday went fine but then tuesday the tempo never happened",
     date(2026, 12, 1), "tempo", 50),
    ("saturday i ran, sunday's long one didnt happen", date(2026, 11, 29), "long", 100),
    ("easy run on monday was ok, tuesday's session didn't happen tho",
     date(2026, 12, 1), "tempo", 50),
    # The day named in brackets after "last night".
    ("didnt get out last night (tuesday) what now", date(2026, 12, 1), "tempo", 50),
    ("last night (tue) the run got skipped", date(2026, 12, 1), "tempo", 50),
])
def test_the_missed_day_weighs_every_day_told(text: str, day: date, kind: str,
                                              minutes: int) -> None:
    missed = resolve_missed(_snapshot(), text)
    assert isinstance(missed, MissedRun), (text, missed)
    assert (missed.day, missed.kind, missed.minutes) == (day, kind, minutes), text


@pytest.mark.parametrize("text", [
    "missed sunday's easy run, cat was sick",
    "skipped the easy one on sunday",
    "didnt get my easy run done sun",
])
def test_an_easy_run_told_missed_on_a_long_run_day_is_asked_about(text: str) -> None:
    # Sunday holds the long run (100 min): an easy run said for it is asked about, never
    # sized from another day's easy run (once "40 min easy run (Sun)").
    missed = resolve_missed(_snapshot(), text)
    assert isinstance(missed, AskWhich), (text, missed)
    assert missed.day == date(2026, 11, 29) and missed.said_kind == "easy", text
