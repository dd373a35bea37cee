"""Properties: for any plan and any missed day, the missed minutes are the plan's."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.usecases.support import plan_snapshot as snapshot
from usecases.snapshot import PlannedDay
from usecases.swaps import AskWhich, MissedRun, resolve_missed

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
KINDS = ("easy", "long", "tempo", "intervals", "hills", "recovery", "rest")


plans = st.dictionaries(
    st.integers(min_value=0, max_value=6),
    st.tuples(st.sampled_from(KINDS), st.integers(min_value=10, max_value=240)),
    min_size=1, max_size=7,
).map(lambda entries: {day: PlannedDay(day, kind, 0 if kind == "rest" else minutes)
                       for day, (kind, minutes) in entries.items()})


@settings(max_examples=150, deadline=None)
@given(plan=plans, today=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
       back=st.integers(min_value=0, max_value=6),
       phrase=st.sampled_from(["missed {day}'s run", "I missed my run on {day} 😩",
                               "couldnt run {day}", "skipped {day}s session"]))
def test_a_named_missed_day_is_sized_from_that_days_plan_entry(
    plan: dict[int, PlannedDay], today: date, back: int, phrase: str,
) -> None:
    day = today - timedelta(days=back)
    name = "yesterday" if back == 1 else ("today" if back == 0 else WEEKDAYS[day.weekday()])
    result = resolve_missed(snapshot(plan, today), phrase.format(day=name))
    entry = plan.get(day.weekday())
    if entry is None or entry.kind == "rest":
        assert isinstance(result, AskWhich)  # nothing invented on a rest day
    else:
        assert isinstance(result, MissedRun)
        assert (result.day, result.kind, result.minutes) == (day, entry.kind, entry.minutes)


@settings(max_examples=100, deadline=None)
@given(plan=plans, today=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
       kind=st.sampled_from(["long", "tempo", "intervals"]))
def test_my_kind_of_run_is_the_plans_latest_one(
    plan: dict[int, PlannedDay], today: date, kind: str,
) -> None:
    word = {"long": "long run", "tempo": "tempo", "intervals": "intervals"}[kind]
    result = resolve_missed(snapshot(plan, today), f"missed my {word}")
    entries = [entry for entry in plan.values() if entry.kind == kind]
    if not entries:
        assert isinstance(result, AskWhich)
        return
    assert isinstance(result, MissedRun)
    assert result.minutes in {entry.minutes for entry in entries}
    assert result.day <= today and plan[result.day.weekday()].kind == kind
    assert (today - result.day).days < 7
