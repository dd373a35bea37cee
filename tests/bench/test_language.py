"""The language scorer compares equipment at the eval sets' granularity."""

from __future__ import annotations

from bench.language import _equipment, _goal_like, _text_like, _week, goal_lenient


def test_a_mountain_bike_counts_as_the_sets_bike() -> None:
    assert _equipment(["mountain_bike", "trails"]) == _equipment(["bike", "trails"])


def test_other_bikes_stay_apart() -> None:
    assert _equipment(["indoor_trainer"]) != _equipment(["bike"])
    assert _equipment(["mountain_bike"]) != _equipment(["bike", "trails"])


# The lenient goal figure (printed beside the exact headline).

def test_lenient_goal_takes_equivalent_targets_as_one() -> None:
    assert goal_lenient("Berlin Marathon sub 3:30", "berlin marathon under 3:30")
    assert goal_lenient("Chicago Marathon sub 4:00", "chicago marathon sub 4")
    assert goal_lenient("marathon 3:05 boston qualifier", "berlin marathon 3:05 bq")
    assert goal_lenient("marathon", "berlin marathon")


def test_lenient_goal_of_a_message_with_no_goal_wants_no_reading() -> None:
    assert goal_lenient(None, None)
    assert goal_lenient(None, "")
    assert not goal_lenient(None, "get fit")
    assert _goal_like(None, None)
    assert not _goal_like(None, "get fit")


def test_lenient_goal_fails_a_reader_that_returns_the_whole_message() -> None:
    message = "marathon on the 28th feb, just finish it"
    assert not goal_lenient("finish a marathon", message)
    assert not goal_lenient("Boston Marathon sub 3", "Boston in april, want to go sub 3")


def test_lenient_goal_fails_a_reading_that_drops_the_distance_or_target() -> None:
    assert not goal_lenient("Berlin Marathon sub 3:30", "berlin sub 3:30")
    assert not goal_lenient("Berlin Marathon sub 3:30", "berlin marathon")
    assert not goal_lenient("half marathon sub 1:45", "marathon sub 1:45")
    assert not goal_lenient("10k under 45:00", "10k under 50")
    assert not goal_lenient("half marathon", None)


def test_the_exact_goal_check_stays_strict() -> None:
    assert not _goal_like("Berlin Marathon sub 3:30", "berlin marathon under 3:30")
    assert _goal_like("Berlin Marathon sub 3:30", "berlin marathon sub 3:30")


def test_a_day_a_plan_leaves_out_is_a_rest_day() -> None:
    listed = {"tue": ("easy", 40), "sat": ("long", 90)}
    every_day = {day: ("rest", 0) for day in ("mon", "wed", "thu", "fri", "sun")} | listed
    assert _week(listed) == _week(every_day)
    assert _week(listed) != _week({"tue": ("easy", 40)})
    assert _week({}) == {}


def test_lenient_goal_takes_minute_spellings_as_one() -> None:
    assert goal_lenient("run 30 minutes pain free", "run 30 mins pain free")


def test_an_abbreviated_site_is_the_site_spelled_out() -> None:
    assert _text_like("left ITB", "left it band")
    assert not _text_like("left ITB", "right it band")
