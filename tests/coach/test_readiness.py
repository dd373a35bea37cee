"""Whether to do a planned run given how the athlete feels (tired, sore, ill, busy)."""

from __future__ import annotations

from coach.readiness import advise
from coach.reasons import parse_reason


def test_tired_before_a_hard_session_runs_it_easy_and_shorter() -> None:
    advice = advise(kind="tempo", minutes=45, reason=parse_reason("a bit tired"))
    assert (advice.key, advice.minutes, advice.condition) == ("easy_instead", 30, "tired")


def test_tired_before_a_long_run_shortens_it_and_keeps_it_easy() -> None:
    advice = advise(kind="long", minutes=90, reason=parse_reason("im tired"))
    assert (advice.key, advice.minutes) == ("shorter_easy", 60)


def test_tired_before_an_easy_run_keeps_it_with_a_way_out() -> None:
    advice = advise(kind="easy", minutes=40, reason=parse_reason("kinda tired"))
    assert (advice.key, advice.minutes) == ("easy_with_exit", 40)


def test_worn_out_or_ill_means_rest() -> None:
    assert advise(kind="easy", minutes=40, reason=parse_reason("totally wiped")).key == "rest"
    ill = advise(kind="tempo", minutes=45, reason=parse_reason("feeling sick"))
    assert (ill.key, ill.condition) == ("rest", "ill")
    stomach = advise(kind="easy", minutes=30, reason=parse_reason("stomach bug"))
    assert stomach.key == "rest"


def test_a_cold_above_the_neck_allows_an_easy_run() -> None:
    advice = advise(kind="intervals", minutes=50, reason=parse_reason("i have a cold"))
    assert (advice.key, advice.condition) == ("easy_instead", "cold")


def test_mild_soreness_keeps_it_easy_and_real_pain_means_no_run() -> None:
    sore = advise(kind="intervals", minutes=50, reason=parse_reason("legs are sore"))
    assert (sore.key, sore.condition) == ("easy_instead", "sore")
    pain = advise(kind="easy", minutes=40, reason=parse_reason("knee hurts, 5/10"))
    assert (pain.key, pain.condition, pain.score) == ("cross_train", "pain", 5)


def test_short_of_time_fits_the_run_to_the_time_there_is() -> None:
    advice = advise(kind="tempo", minutes=45, reason=parse_reason("only have 30 min"))
    assert (advice.key, advice.minutes) == ("fit_time", 30)
    busy = advise(kind="long", minutes=120, reason=parse_reason("super busy"))
    assert busy.key == "shorter_busy"
    # Time enough: nothing to change for it.
    assert advise(kind="easy", minutes=30, reason=parse_reason("only have 40 min")).key == (
        "as_planned")


def test_a_rest_day_needs_no_decision() -> None:
    assert advise(kind="rest", minutes=0, reason=parse_reason("so tired")).key == "rest_day"


def test_soreness_with_a_score_of_four_or_more_is_pain_that_stops_running() -> None:
    advice = advise(kind="easy", minutes=30, reason=parse_reason("knee's sore like 5/10"))
    assert (advice.key, advice.condition, advice.score) == ("cross_train", "pain", 5)
    mild = advise(kind="easy", minutes=30, reason=parse_reason("knee's sore like 2/10"))
    assert mild.condition == "sore"
