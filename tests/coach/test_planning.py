"""The weekly plan as athletes type it, its display, and time zones."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.planning import (
    DEFAULT_MINUTES,
    MAX_SESSION_MINUTES,
    WEEKDAY_NAMES,
    PlannedRun,
    PlanParseError,
    format_plan,
    parse_timezone,
    parse_weekly_plan,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def plan(text: str) -> list[tuple[int, str, int]]:
    return [(run.weekday, run.kind, run.minutes) for run in parse_weekly_plan(text)]


# ---------------------------------------------------------------- parse_weekly_plan


def test_the_documented_example() -> None:
    assert plan("Mon easy 40, Wed tempo 45, Sat long 100") == [
        (MON, "easy", 40),
        (WED, "tempo", 45),
        (SAT, "long", 100),
    ]


def test_days_come_back_in_weekday_order() -> None:
    assert [d for d, _, _ in plan("Sun long 90; Tue tempo 45\nMon easy 30")] == [MON, TUE, SUN]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("mon easy 40", MON),
        ("Monday easy 40", MON),
        ("MONDAYS easy 40", MON),
        ("Tues easy 40", TUE),
        ("tuesday easy 40", TUE),
        ("Wed easy 40", WED),
        ("Weds easy 40", WED),
        ("Wednesdays easy 40", WED),
        ("Thu easy 40", THU),
        ("Thur easy 40", THU),
        ("Thurs easy 40", THU),
        ("Fri easy 40", FRI),
        ("Sat easy 40", SAT),
        ("Saturday easy 40", SAT),
        ("Sun easy 40", SUN),
        ("sunday: easy 40", SUN),
    ],
)
def test_weekday_spellings(text: str, day: int) -> None:
    assert plan(text) == [(day, "easy", 40)]


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("easy", "easy"),
        ("base", "easy"),
        ("jog", "easy"),
        ("long", "long"),
        ("tempo", "tempo"),
        ("threshold", "tempo"),
        ("intervals", "intervals"),
        ("interval", "intervals"),
        ("track", "intervals"),
        ("fartlek", "intervals"),
        ("hills", "hills"),
        ("hill", "hills"),
        ("recovery", "recovery"),
        ("shakeout", "recovery"),
    ],
)
def test_session_kind_words(words: str, kind: str) -> None:
    assert plan(f"Tue {words} 35") == [(TUE, kind, 35)]


@pytest.mark.parametrize("text", ["Sun rest", "Sunday off", "Sun: rest day", "Sun rest 60"])
def test_rest_days_have_no_minutes(text: str) -> None:
    assert plan(text) == [(SUN, "rest", 0)]


@pytest.mark.parametrize("kind", ["easy", "long", "tempo", "intervals", "hills", "recovery"])
def test_a_missing_length_takes_the_kinds_default(kind: str) -> None:
    assert plan(f"Wed {kind}") == [(WED, kind, DEFAULT_MINUTES[kind])]


def test_a_day_alone_is_a_default_easy_run() -> None:
    assert plan("Fri") == [(FRI, "easy", DEFAULT_MINUTES["easy"])]


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Sat long 100", 100),
        ("Sat long 100 min", 100),
        ("Sat long 100min", 100),
        ("Sat long 100 minutes", 100),
        ("Sat long 100'", 100),
        ("Sat long 2 hours", 120),
        ("Sat long 2h", 120),
        ("Sat long 1h30", 90),
        ("Sat long 1 h 45 min", 105),
        ("Sat long 1hr 15", 75),
        ("Sat long 1.5h", 90),
        ("Sat long 1,5 hours", 90),
        ("Sat long 1:45", 105),
        ("Sat long an hour and a half", 90),
        ("Sat long an hour", 60),
        ("Sat long 10k", 60),  # at about 6 min/km, to the nearest 5
        ("Sat long 16 km", 100),
        ("Sat long 10 miles", 100),
    ],
)
def test_lengths_in_minutes_hours_or_distance(text: str, minutes: int) -> None:
    assert plan(text) == [(SAT, "long", minutes)]


def test_reps_are_not_the_session_length() -> None:
    assert plan("Tue intervals 6x800m 50") == [(TUE, "intervals", 50)]
    assert plan("Tue intervals 5 x 4 min") == [(TUE, "intervals", DEFAULT_MINUTES["intervals"])]
    assert plan("Thu track 8 x 400 60") == [(THU, "intervals", 60)]


def test_a_time_of_day_is_not_the_length() -> None:
    assert plan("Mon 7am easy 40") == [(MON, "easy", 40)]


def test_missing_separators_between_days() -> None:
    assert plan("Mon easy 40 Wed tempo 45 Sat long 90") == [
        (MON, "easy", 40),
        (WED, "tempo", 45),
        (SAT, "long", 90),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Tue and Thu tempo 45",
        "Tue & Thu tempo 45",
        "Tue/Thu tempo 45",
        "Tue + Thu: tempo 45",
        "tempo 45 on Tue and Thu",
        "Tuesday and Thursday, tempo 45",
        "Tue, Thu: tempo 45",
    ],
)
def test_days_can_share_a_session(text: str) -> None:
    assert plan(text) == [(TUE, "tempo", 45), (THU, "tempo", 45)]


def test_a_mixed_week_in_free_form() -> None:
    assert plan("Mon/Wed/Fri easy 35, Tue intervals 50 and Thu hills, Sun long 1h45") == [
        (MON, "easy", 35),
        (TUE, "intervals", 50),
        (WED, "easy", 35),
        (THU, "hills", DEFAULT_MINUTES["hills"]),
        (FRI, "easy", 35),
        (SUN, "long", 105),
    ]


def test_listed_days_share_the_next_described_run() -> None:
    assert plan("Mon, Wed, Fri easy 35, Sun long 90") == [
        (MON, "easy", 35),
        (WED, "easy", 35),
        (FRI, "easy", 35),
        (SUN, "long", 90),
    ]


def test_days_listed_last_with_nothing_said_are_default_easy_runs() -> None:
    assert plan("Sat long 90, Mon, Wed") == [
        (MON, "easy", DEFAULT_MINUTES["easy"]),
        (WED, "easy", DEFAULT_MINUTES["easy"]),
        (SAT, "long", 90),
    ]


def test_filler_words_are_ignored() -> None:
    assert plan("My plan: Mon easy 40, then Sat long 90. Thanks!") == [
        (MON, "easy", 40),
        (SAT, "long", 90),
    ]


def test_the_same_day_twice_keeps_the_last() -> None:
    assert plan("Mon easy 40, Mon tempo 45") == [(MON, "tempo", 45)]


def test_words_that_merely_start_like_a_day_are_not_days() -> None:
    # "month", "sunny", "saturation", "wedding", "fries" contain day prefixes.
    with pytest.raises(PlanParseError, match="Which day"):
        parse_weekly_plan("easy 40 on a sunny month")


@pytest.mark.parametrize("text", ["", "   ", ",,,", "\n\n"])
def test_nothing_at_all_is_a_friendly_error(text: str) -> None:
    with pytest.raises(PlanParseError, match="couldn't find any days"):
        parse_weekly_plan(text)


@pytest.mark.parametrize("text", ["whenever I feel like it", "hello there", "three runs a week"])
def test_text_without_days_asks_which_day(text: str) -> None:
    with pytest.raises(PlanParseError, match=f"Which day is “{text.lower()}”"):
        parse_weekly_plan(text)


def test_a_part_without_a_day_says_which_part() -> None:
    with pytest.raises(PlanParseError) as caught:
        parse_weekly_plan("Mon easy 40, tempo 45")
    assert "tempo 45" in str(caught.value)
    assert "Mon easy 40" in str(caught.value)  # the example of what to write


def test_too_long_names_the_day_and_the_limit() -> None:
    with pytest.raises(PlanParseError) as caught:
        parse_weekly_plan("Sat long 700")
    assert "Saturday" in str(caught.value)
    assert str(MAX_SESSION_MINUTES) in str(caught.value)
    assert plan(f"Sat long {MAX_SESSION_MINUTES}") == [(SAT, "long", MAX_SESSION_MINUTES)]


def test_a_four_digit_number_is_too_long_not_silently_cut() -> None:
    with pytest.raises(PlanParseError, match="1000 minutes"):
        parse_weekly_plan("Sat long 1000")


def test_zero_minutes_suggests_a_rest_day() -> None:
    with pytest.raises(PlanParseError, match="rest"):
        parse_weekly_plan("Mon easy 0")


def test_plan_parse_error_is_a_value_error() -> None:
    # The /plan handler catches ValueError.
    assert issubclass(PlanParseError, ValueError)


_day_names = st.sampled_from(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
_kinds = st.sampled_from(["easy", "long", "tempo", "intervals", "hills", "recovery", "rest"])


@settings(max_examples=200, deadline=None)
@given(
    week=st.dictionaries(
        _day_names, st.tuples(_kinds, st.integers(1, MAX_SESSION_MINUTES)), min_size=1
    ),
    separator=st.sampled_from([", ", "; ", "\n", " "]),
)
def test_property_format_then_parse_round_trips(
    week: dict[str, tuple[str, int]], separator: str
) -> None:
    text = separator.join(f"{day} {kind} {minutes}" for day, (kind, minutes) in week.items())
    parsed = parse_weekly_plan(text)
    expected = sorted(
        (WEEKDAY_NAMES.index(next(n for n in WEEKDAY_NAMES if n.startswith(day))), kind,
         0 if kind == "rest" else minutes)
        for day, (kind, minutes) in week.items()
    )
    assert [(r.weekday, r.kind, r.minutes) for r in parsed] == expected
    # format_plan's output reads back as the same plan.
    assert parse_weekly_plan(format_plan(parsed)) == parsed


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_property_any_text_is_a_plan_or_a_plan_parse_error(text: str) -> None:
    try:
        runs = parse_weekly_plan(text)
    except PlanParseError as problem:
        assert str(problem)
        return
    assert runs
    assert len({r.weekday for r in runs}) == len(runs)
    assert all(0 <= r.minutes <= MAX_SESSION_MINUTES for r in runs)


# ---------------------------------------------------------------- format_plan


def test_format_plan() -> None:
    runs = [PlannedRun(MON, "easy", 40), PlannedRun(WED, "rest", 0), PlannedRun(SAT, "long", 90)]
    assert format_plan(runs) == "Monday: easy 40 min\nWednesday: rest\nSaturday: long 90 min"


def test_format_empty_plan() -> None:
    assert format_plan([]) == "No weekly plan yet."



# ---------------------------------------------------------------- parse_timezone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("  Europe/Berlin  ", "Europe/Berlin"),
        ("America/Los_Angeles", "America/Los_Angeles"),
        ("america/los angeles", "America/Los_Angeles"),
        ("Berlin", "Europe/Berlin"),
        ("tokyo", "Asia/Tokyo"),
        ("Kolkata", "Asia/Kolkata"),
        ("New York", "America/New_York"),
        ("New_York", "America/New_York"),
        ("nyc", "America/New_York"),
        ("LA", "America/Los_Angeles"),
        ("London", "Europe/London"),
        ("São Paulo", "America/Sao_Paulo"),
        ("UTC", "UTC"),
        ("gmt", "UTC"),
        ("Australia/Lord_Howe", "Australia/Lord_Howe"),
        ("Etc/GMT-2", "Etc/GMT-2"),
    ],
)
def test_zone_names_and_cities(text: str, expected: str) -> None:
    assert parse_timezone(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EST", "America/New_York"),
        ("edt", "America/New_York"),
        ("PST", "America/Los_Angeles"),
        ("pacific", "America/Los_Angeles"),
        ("CST", "America/Chicago"),
        ("MST", "America/Denver"),
    ],
)
def test_us_abbreviations_mean_the_region_with_daylight_saving(text: str, expected: str) -> None:
    # tzdata's own "EST" is a fixed UTC-5: a New York athlete would be an hour off in summer.
    assert parse_timezone(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UTC+2", "Etc/GMT-2"),
        ("utc +2", "Etc/GMT-2"),
        ("GMT-5", "Etc/GMT+5"),
        ("+3", "Etc/GMT-3"),
        ("UTC+14", "Etc/GMT-14"),
        ("UTC-12", "Etc/GMT+12"),
        ("UTC+0", "UTC"),
        ("UTC+02:00", "Etc/GMT-2"),
    ],
)
def test_whole_hour_offsets(text: str, expected: str) -> None:
    zone = parse_timezone(text)
    assert zone == expected
    ZoneInfo(zone)  # a real zone the scheduler can use


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Mars/Olympus_Mons",
        "Europe",  # a folder in the zone database, not a zone
        "America",
        "localtime",
        "posixrules",
        "Factory",
        "right/UTC",
        "../../etc/passwd",
        "/etc/localtime",
        "Europe/Berlin\x00",
        "UTC+15",
        "UTC+5:30",
        "Springfield",
    ],
)
def test_unknown_zones_are_a_friendly_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="Europe/Berlin"):
        parse_timezone(text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30))
def test_property_any_text_is_a_loadable_zone_or_a_value_error(text: str) -> None:
    try:
        zone = parse_timezone(text)
    except ValueError:
        return
    ZoneInfo(zone)


# ---------------------------------------------------------------- plans written in many forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each day's run on its own side of "and"
        ("tempo 30 on tuesday and a 2h long run on sunday",
         [(TUE, "tempo", 30), (SUN, "long", 120)]),
        ("wed/fri 35 min easy and a long one sunday about 80 min",
         [(WED, "easy", 35), (FRI, "easy", 35), (SUN, "long", 80)]),
        # short day names where a part starts
        ("Mo easy 30, Tu rest, W hills 40, F easy 20", [(MON, "easy", 30), (TUE, "rest", 0),
                                                      (WED, "hills", 40), (FRI, "easy", 20)]),
        # a slash between days' runs, a rest day before the next day
        ("tue 30 easy / thu rest / sat 80 long", [(TUE, "easy", 30), (THU, "rest", 0),
                                                  (SAT, "long", 80)]),
        # one day a line, with dashes
        ("mon - easy 30\nthu - tempo 40\nrest sun", [(MON, "easy", 30), (THU, "tempo", 40),
                                                     (SUN, "rest", 0)]),
        # a length said after the days it belongs to, or in brackets
        ("easy runs mon and wed, 35ish", [(MON, "easy", 35), (WED, "easy", 35)]),
        ("thu track (8x400, roughly 50 min total)", [(THU, "intervals", 50)]),
        # every day not named
        ("wed tempo 40, sat long 90, the rest of the week rest",
         [(MON, "rest", 0), (TUE, "rest", 0), (WED, "tempo", 40), (THU, "rest", 0),
          (FRI, "rest", 0), (SAT, "long", 90), (SUN, "rest", 0)]),
        ("tue intervals 8x400, thu tempo 45', sat long 2h30, others rest",
         [(MON, "rest", 0), (TUE, "intervals", 50), (WED, "rest", 0), (THU, "tempo", 45),
          (FRI, "rest", 0), (SAT, "long", 150), (SUN, "rest", 0)]),
        ("mon easy 30, sat long 90, everything else off",
         [(MON, "easy", 30), (TUE, "rest", 0), (WED, "rest", 0), (THU, "rest", 0),
          (FRI, "rest", 0), (SAT, "long", 90), (SUN, "rest", 0)]),
        ("sat long about 100 min", [(SAT, "long", 100)]),
        # every day but the ones left out, which rest
        ("daily except tue and thu, 30 easy, sat long 90",
         [(MON, "easy", 30), (TUE, "rest", 0), (WED, "easy", 30), (THU, "rest", 0),
          (FRI, "easy", 30), (SAT, "long", 90), (SUN, "easy", 30)]),
    ],
)
def test_plans_written_in_many_forms(text: str, expected: list[tuple[int, str, int]]) -> None:
    assert plan(text) == expected
