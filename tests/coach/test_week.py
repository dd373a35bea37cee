"""The week model: compliance colours, substitutes, pain, and who the coach sees first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.week import DayInput, Session, attention, build_week, classify, needs_attention

MONDAY = date(2026, 3, 2)


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


@pytest.mark.parametrize(
    ("done", "expected"),
    [(50, "done"), (40, "done"), (60, "done"), (39, "partial"), (25, "partial"),
     (61, "partial"), (75, "partial"), (24, "off"), (76, "off"), (5, "off")],
)
def test_done_minutes_against_a_50_minute_plan(done: int, expected: str) -> None:
    assert classify(planned_minutes=50, planned_kind="easy", done_minutes=done, status="done",
                    swapped=False, upcoming=False) == expected


def test_rest_swapped_missed_and_upcoming() -> None:
    common = {"done_minutes": 0, "swapped": False, "upcoming": False}
    assert classify(planned_minutes=0, planned_kind="rest", status=None, **common) == "rest"
    assert classify(planned_minutes=30, planned_kind=None, status=None, **common) == "rest"
    assert classify(planned_minutes=30, planned_kind="easy", status="missed",
                    **common) == "missed"
    assert classify(planned_minutes=30, planned_kind="easy", status=None, done_minutes=0,
                    swapped=True, upcoming=False) == "swapped"
    assert classify(planned_minutes=30, planned_kind="easy", status=None, done_minutes=0,
                    swapped=False, upcoming=True) == "upcoming"
    # A past planned day with nothing recorded counts as missed.
    assert classify(planned_minutes=30, planned_kind="easy", status=None, **common) == "missed"


def test_a_week_with_files_check_ins_substitutes_and_pain() -> None:
    week = build_week(start=MONDAY, today=day(6), days={
        day(0): DayInput("easy", 50, "done", None, (Session("running", 45),)),
        day(2): DayInput("tempo", 45, "swapped", 3, (Session("cycling", 60),)),
        day(3): DayInput("rest", 0),
        day(4): DayInput("intervals", 40, "missed", 6),
        day(5): DayInput("long", 100, "done", 2, (Session("running", 130),)),
        day(6): DayInput("easy", 30),
    })
    assert [d.compliance for d in week.days] == [
        "done", "rest", "swapped", "rest", "missed", "partial", "upcoming"]
    assert week.days[2].substitute == "cycling" and week.days[2].done_minutes == 60
    assert week.planned_minutes == 265
    assert week.done_minutes == 45 + 60 + 130
    assert week.max_pain == 6 and week.planned_sessions == 5


def test_a_self_reported_done_takes_the_plan_at_its_word() -> None:
    week = build_week(start=MONDAY, today=day(6), days={day(0): DayInput("easy", 40, "done")})
    assert week.days[0].compliance == "done" and week.days[0].done_minutes == 40


def test_a_chosen_substitute_is_named_even_without_a_file() -> None:
    week = build_week(start=MONDAY, today=day(6), days={
        day(1): DayInput("tempo", 45, "swapped", substitute="elliptical")})
    assert week.days[1].compliance == "swapped"
    assert week.days[1].substitute == "elliptical"


def test_a_run_and_a_ride_on_the_same_day_count_the_run() -> None:
    week = build_week(start=MONDAY, today=day(6), days={
        day(0): DayInput("easy", 50, "done", None,
                         (Session("running", 50), Session("cycling", 30)))})
    assert week.days[0].compliance == "done" and week.days[0].substitute is None
    assert week.days[0].done_minutes == 80


def test_holds_then_pain_then_missed_sessions_come_first() -> None:
    calm = build_week(start=MONDAY, today=day(6), days={day(0): DayInput("easy", 40, "done")})
    missed = build_week(start=MONDAY, today=day(6), days={
        day(0): DayInput("easy", 40, "missed"), day(1): DayInput("easy", 40, "missed")})
    sore = build_week(start=MONDAY, today=day(6), days={day(0): DayInput("easy", 40, "pain", 7)})
    held = build_week(start=MONDAY, today=day(6), days={}, on_hold=True)
    ordered = sorted([calm, missed, sore, held], key=attention)
    assert ordered == [held, sore, missed, calm]
    assert needs_attention(held) and needs_attention(sore) and needs_attention(missed)
    assert not needs_attention(calm)


def test_pain_told_today_is_no_run_missed_yet() -> None:
    # Found playing: a pain report in the morning showed today's run as missed in /week.
    week = build_week(start=MONDAY, today=day(2), days={
        day(0): DayInput("easy", 40, "pain", 3), day(2): DayInput("tempo", 45, "pain", 4)})
    by_day = {entry.day: entry.compliance for entry in week.days}
    assert by_day[day(2)] == "upcoming"
    assert by_day[day(0)] == "missed"  # a past day with pain and nothing done
    assert week.max_pain == 4
