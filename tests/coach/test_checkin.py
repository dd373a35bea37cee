"""Daily check-in rules: when it is due (across DST), what it says, which reasons we offer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.callback_data import MAX_CALLBACK_BYTES, CallbackSigner
from coach.checkin import (
    CHECKIN_STATUSES,
    MISSED_REASONS,
    checkin_prompt,
    local_today,
    next_checkin_utc,
    reason_label,
    status_reply,
)
from coach.planning import PlannedRun
from coach.reasons import parse_reason
from coach.triage import triage


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


# ---------------------------------------------------------------- next_checkin_utc


@pytest.mark.parametrize(("now", "zone", "at", "expected"), [
    # 06:00 UTC is 08:00 in Berlin in summer; 19:30 local is 17:30 UTC.
    pytest.param(utc(2026, 6, 10, 6, 0), "Europe/Berlin", time(19, 30), utc(2026, 6, 10, 17, 30),
                 id="later_today_when_the_time_has_not_come_yet"),
    pytest.param(utc(2026, 6, 10, 18, 0), "Europe/Berlin", time(19, 30),
                 utc(2026, 6, 11, 17, 30), id="tomorrow_when_the_time_has_passed"),
    pytest.param(utc(2026, 6, 10, 17, 30), "Europe/Berlin", time(19, 30),
                 utc(2026, 6, 11, 17, 30),
                 id="exactly_now_means_tomorrow_so_a_job_never_fires_twice"),
    # The local date decides, not the UTC date: 23:30 UTC on the 10th is already 01:30 on
    # the 11th in Berlin, so 07:00 on the 11th is next; 03:00 UTC on the 11th is still the
    # 10th (20:00) in Los Angeles, so 21:00 on the 10th.
    pytest.param(utc(2026, 6, 10, 23, 30), "Europe/Berlin", time(7, 0), utc(2026, 6, 11, 5, 0),
                 id="the_local_date_decides_already_tomorrow_in_berlin"),
    pytest.param(utc(2026, 6, 11, 3, 0), "America/Los_Angeles", time(21, 0),
                 utc(2026, 6, 11, 4, 0), id="the_local_date_decides_still_today_in_la"),
    # 2026-03-08: 02:00 PST becomes 03:00 PDT. 06:00 local: 14:00 UTC on Saturday, 13:00 on
    # Sunday. 2026-11-01: 02:00 PDT becomes 01:00 PST. 06:00 local on Sunday is 14:00 UTC.
    pytest.param(utc(2026, 3, 7, 15, 0), "America/Los_Angeles", time(6, 0),
                 utc(2026, 3, 8, 13, 0), id="los_angeles_spring_forward"),
    pytest.param(utc(2026, 10, 31, 14, 0), "America/Los_Angeles", time(6, 0),
                 utc(2026, 11, 1, 14, 0), id="los_angeles_fall_back"),
    # 09:10 UTC on 2026-11-01 is 01:10 PST, the second 01:xx; the first 01:30 was 08:30 UTC.
    pytest.param(utc(2026, 11, 1, 9, 10), "America/Los_Angeles", time(1, 30),
                 utc(2026, 11, 2, 9, 30), id="los_angeles_repeated_hour_is_never_in_the_past"),
    # Sydney leaves DST on 2026-04-05 (AEDT +11 to AEST +10).
    pytest.param(utc(2026, 4, 4, 20, 0), "Australia/Sydney", time(18, 0), utc(2026, 4, 5, 8, 0),
                 id="southern_hemisphere"),
    pytest.param(utc(2026, 1, 1, 0, 0), "Asia/Kathmandu", time(6, 0), utc(2026, 1, 1, 0, 15),
                 id="a_quarter_hour_zone"),
    pytest.param(datetime(2026, 6, 10, 6, 0), "Europe/Berlin", time(19, 30),
                 utc(2026, 6, 10, 17, 30), id="naive_now_is_taken_as_utc"),
    pytest.param(datetime(2026, 6, 10, 15, 0, tzinfo=ZoneInfo("Asia/Tokyo")),  # 06:00 UTC
                 "Europe/Berlin", time(19, 30), utc(2026, 6, 10, 17, 30),
                 id="now_in_another_zone_is_the_same_instant"),
])
def test_the_next_checkin(now: datetime, zone: str, at: time, expected: datetime) -> None:
    assert next_checkin_utc(now_utc=now, timezone=zone, at=at) == expected


@pytest.mark.parametrize(("now", "saturday_at", "sunday_at", "hours"), [
    # 2026-03-29: 02:00 CET becomes 03:00 CEST. Saturday 07:00 is 06:00 UTC, Sunday's 05:00.
    pytest.param(utc(2026, 3, 27, 12, 0), utc(2026, 3, 28, 6, 0), utc(2026, 3, 29, 5, 0), 23,
                 id="berlin_spring_forward_last_sunday_of_march"),
    # 2026-10-25: 03:00 CEST becomes 02:00 CET. Saturday 07:00 is 05:00 UTC, Sunday's 06:00.
    pytest.param(utc(2026, 10, 23, 12, 0), utc(2026, 10, 24, 5, 0), utc(2026, 10, 25, 6, 0), 25,
                 id="berlin_fall_back_last_sunday_of_october"),
])
def test_the_night_the_clocks_change_keeps_the_local_time(
        now: datetime, saturday_at: datetime, sunday_at: datetime, hours: int) -> None:
    saturday = next_checkin_utc(now_utc=now, timezone="Europe/Berlin", at=time(7, 0))
    sunday = next_checkin_utc(now_utc=saturday, timezone="Europe/Berlin", at=time(7, 0))
    assert saturday == saturday_at
    assert sunday == sunday_at
    assert sunday - saturday == timedelta(hours=hours)
    assert sunday.astimezone(ZoneInfo("Europe/Berlin")).time() == time(7, 0)


def test_a_time_skipped_by_spring_forward_fires_once_an_hour_later_on_the_new_clock() -> None:
    # 02:30 does not exist in Berlin on 2026-03-29; it becomes 03:30 CEST (01:30 UTC).
    result = next_checkin_utc(
        now_utc=utc(2026, 3, 28, 23, 0), timezone="Europe/Berlin", at=time(2, 30)
    )
    assert result == utc(2026, 3, 29, 1, 30)
    assert result.astimezone(ZoneInfo("Europe/Berlin")).time() == time(3, 30)
    # And the day after it is 02:30 again.
    following = next_checkin_utc(now_utc=result, timezone="Europe/Berlin", at=time(2, 30))
    assert following == utc(2026, 3, 30, 0, 30)


def test_a_time_repeated_by_fall_back_fires_once_at_its_first_occurrence() -> None:
    # 02:30 happens twice in Berlin on 2026-10-25: 00:30 UTC (CEST) and 01:30 UTC (CET).
    first = next_checkin_utc(
        now_utc=utc(2026, 10, 24, 22, 0), timezone="Europe/Berlin", at=time(2, 30)
    )
    assert first == utc(2026, 10, 25, 0, 30)
    after_first = next_checkin_utc(now_utc=first, timezone="Europe/Berlin", at=time(2, 30))
    assert after_first == utc(2026, 10, 26, 1, 30), "the repeated 02:30 must not fire again"


def test_between_the_two_occurrences_of_a_repeated_time_the_answer_is_never_in_the_past() -> None:
    # 01:15 UTC is 02:15 CET (the second pass): the first 02:30 (00:30 UTC) is past. Comparing
    # wall clocks would return that past instant, and a job scheduled in the past fires at once.
    now = utc(2026, 10, 25, 1, 15)
    result = next_checkin_utc(now_utc=now, timezone="Europe/Berlin", at=time(2, 30))
    assert result > now
    assert result == utc(2026, 10, 26, 1, 30)


def test_a_zone_that_skipped_a_whole_day() -> None:
    # Samoa skipped 2011-12-30 entirely; the next 09:00 on its clocks is on the 31st.
    result = next_checkin_utc(
        now_utc=datetime(2011, 12, 29, 22, 0, tzinfo=UTC), timezone="Pacific/Apia", at=time(9, 0)
    )
    local = result.astimezone(ZoneInfo("Pacific/Apia"))
    assert (local.date(), local.time()) == (date(2011, 12, 31), time(9, 0))


def test_the_result_is_in_utc() -> None:
    result = next_checkin_utc(now_utc=utc(2026, 6, 10), timezone="Asia/Tokyo", at=time(7, 0))
    assert result.utcoffset() == timedelta(0)


_ZONES = [
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "America/Los_Angeles",
    "America/New_York",
    "America/St_Johns",
    "Australia/Sydney",
    "Australia/Lord_Howe",  # a 30-minute DST shift
    "Asia/Kathmandu",
    "Pacific/Chatham",
]


@settings(max_examples=400, deadline=None)
@given(
    now=st.datetimes(
        min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
    ),
    zone_name=st.sampled_from(_ZONES),
    at=st.times(),
)
def test_property_next_checkin(now: datetime, zone_name: str, at: time) -> None:
    zone = ZoneInfo(zone_name)
    result = next_checkin_utc(now_utc=now, timezone=zone_name, at=at)
    assert result > now
    assert result - now <= timedelta(hours=26)
    local = result.astimezone(zone)
    local_now = now.astimezone(zone)
    assert local.date() in (local_now.date(), local_now.date() + timedelta(days=1))
    wall = at.replace(tzinfo=None, fold=0)
    round_trip = datetime.combine(local.date(), wall, tzinfo=zone)
    exists = round_trip.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == datetime.combine(
        local.date(), wall
    )
    if exists:
        assert local.time() == wall
    # Never twice on one local day: the one before it fell on an earlier local day.
    previous = next_checkin_utc(
        now_utc=result - timedelta(hours=27), timezone=zone_name, at=at
    )
    if previous != result:
        assert previous.astimezone(zone).date() < local.date()


# ---------------------------------------------------------------- local_today


@pytest.mark.parametrize(
    ("now", "zone", "expected"),
    [
        (utc(2026, 6, 10, 21, 59), "Europe/Berlin", date(2026, 6, 10)),
        (utc(2026, 6, 10, 22, 0), "Europe/Berlin", date(2026, 6, 11)),
        (utc(2026, 6, 11, 6, 59), "America/Los_Angeles", date(2026, 6, 10)),
        (utc(2026, 6, 11, 7, 0), "America/Los_Angeles", date(2026, 6, 11)),
        (utc(2026, 6, 10, 12, 0), "Pacific/Kiritimati", date(2026, 6, 11)),  # UTC+14
        (utc(2026, 6, 10, 10, 0), "Pacific/Pago_Pago", date(2026, 6, 9)),  # UTC-11
        (datetime(2026, 6, 10, 22, 30), "Europe/Berlin", date(2026, 6, 11)),  # naive = UTC
    ],
)
def test_local_today(now: datetime, zone: str, expected: date) -> None:
    assert local_today(now_utc=now, timezone=zone) == expected


# ---------------------------------------------------------------- checkin_prompt

MONDAY = date(2026, 6, 8)


def test_a_planned_run_is_named_with_its_length() -> None:
    prompt = checkin_prompt(
        planned=PlannedRun(weekday=0, kind="tempo", minutes=45), name="Ann", day=MONDAY,
        has_plan=True,
    )
    assert prompt == "Daily check-in, Ann! Today's plan: tempo run, 45 min. How did it go?"


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("easy", "easy run, 40 min"),
        ("long", "long run, 40 min"),
        ("recovery", "recovery run, 40 min"),
        ("intervals", "interval session, 40 min"),
        ("hills", "hill session, 40 min"),
    ],
)
def test_every_session_kind_reads_naturally(kind: str, words: str) -> None:
    prompt = checkin_prompt(
        planned=PlannedRun(0, kind, 40), name=None, day=MONDAY, has_plan=True
    )
    assert prompt is not None
    assert words in prompt
    assert prompt.startswith("Daily check-in! ")


def test_a_rest_day_gets_no_prompt() -> None:
    assert (
        checkin_prompt(planned=PlannedRun(0, "rest", 0), name="Ann", day=MONDAY, has_plan=True)
        is None
    )


def test_a_day_not_in_the_plan_is_a_rest_day() -> None:
    assert checkin_prompt(planned=None, name="Ann", day=MONDAY, has_plan=True) is None


def test_without_a_plan_we_ask_whether_they_trained() -> None:
    prompt = checkin_prompt(planned=None, name="Ann", day=MONDAY, has_plan=False)
    assert prompt is not None
    assert prompt.startswith("Daily check-in, Ann!")
    assert "Did you train today?" in prompt
    assert "Monday" in prompt
    assert "/plan" in prompt


def test_without_a_name_the_greeting_has_none() -> None:
    prompt = checkin_prompt(planned=None, name=None, day=date(2026, 6, 14), has_plan=False)
    assert prompt is not None
    assert prompt.startswith("Daily check-in! ")
    assert "Sunday" in prompt


def test_the_prompt_is_plain_text_the_sender_escapes() -> None:
    prompt = checkin_prompt(planned=None, name="<b>Ann & Co</b>", day=MONDAY, has_plan=False)
    assert prompt is not None
    assert "<b>Ann & Co</b>" in prompt  # kept as typed; bot.jobs escapes the whole prompt


# ---------------------------------------------------------------- status_reply, reasons


@pytest.mark.parametrize("status", CHECKIN_STATUSES)
def test_every_status_has_a_reply(status: str) -> None:
    assert status_reply(status).strip()


def test_missed_asks_for_the_reason_and_pain_asks_where_and_how_bad() -> None:
    assert "?" in status_reply("missed")
    assert "0-10" in status_reply("pain")
    assert "done" in status_reply("done")


def test_missed_reasons_have_labels_and_texts() -> None:
    assert set(MISSED_REASONS) == {"time", "weather", "tired", "sore", "travel", "fun"}
    for code, text in MISSED_REASONS.items():
        assert reason_label(code).strip() and text.strip()


def test_missed_reason_buttons_fit_in_callback_data() -> None:
    signer = CallbackSigner(b"secret")
    for code in MISSED_REASONS:
        data = signer.pack(9_999_999_999, "cr", "2026-10-25", code)
        assert len(data.encode()) <= MAX_CALLBACK_BYTES


def test_the_engine_reads_each_missed_reason_as_intended() -> None:
    time_reason = parse_reason(MISSED_REASONS["time"])
    assert time_reason.no_time and time_reason.time_cap == 30
    assert parse_reason(MISSED_REASONS["weather"]).weather is not None
    assert parse_reason(MISSED_REASONS["tired"]).fatigue is not None
    sore = parse_reason(MISSED_REASONS["sore"])
    assert sore.pain and sore.pain_score == 3
    assert parse_reason(MISSED_REASONS["travel"]).travel
    assert parse_reason(MISSED_REASONS["fun"]).fun


def test_no_quick_reason_raises_a_red_flag() -> None:
    for text in MISSED_REASONS.values():
        assert triage(text).referral is None, text
