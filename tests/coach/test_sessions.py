"""Parsing the missed session from words or from {"kind", "minutes"}."""

from __future__ import annotations

import pytest

from coach.sessions import DEFAULT_MINUTES, MissedSession, SessionParseError, parse_session


@pytest.mark.parametrize(("text", "kind", "minutes"), [
    ("my 40 min tempo", "tempo", 40),
    ("long run 100 minutes", "long", 100),
    ("intervals", "intervals", DEFAULT_MINUTES["intervals"]),
    ("1h30 long run", "long", 90),
    ("1:45 long run", "long", 105),
    ("1.5 hours long", "long", 90),
    ("an hour easy", "easy", 60),
    ("half an hour recovery jog", "recovery", 30),
    ("recovery jog 25 mins", "recovery", 25),
    ("hill repeats", "hills", DEFAULT_MINUTES["hills"]),
    ("threshold 50'", "tempo", 50),
    ("easy 30-min run", "easy", 30),
    ("rest day", "rest", 0),
    ("run", "easy", DEFAULT_MINUTES["easy"]),
    ("2 hours", "long", 120),
    ("10k easy", "easy", 60),
    ("6 x 800m on the track", "intervals", DEFAULT_MINUTES["intervals"]),
    ("My 45 MIN Tempo", "tempo", 45),
    ("long", "long", DEFAULT_MINUTES["long"]),
    ("rest", "rest", 0),
    ("my tempo", "tempo", DEFAULT_MINUTES["tempo"]),
    # whole messages: the reason must not change the kind
    ("skipped my easy run, long day at work", "easy", DEFAULT_MINUTES["easy"]),
    ("missed my tempo, I need rest", "tempo", DEFAULT_MINUTES["tempo"]),
    ("lost track of time and missed my run", "easy", DEFAULT_MINUTES["easy"]),
    ("missed my long run because of rain", "long", DEFAULT_MINUTES["long"]),
])
def test_session_text(text: str, kind: str, minutes: int) -> None:
    session = parse_session(text)
    assert (session.kind, session.minutes) == (kind, minutes)


def test_interval_structure_is_kept() -> None:
    session = parse_session("5 x 4 min / 2 min intervals")
    assert (session.reps, session.work_minutes, session.rest_minutes) == (5, 4, 2)
    hills = parse_session("hill repeats 6x3' with 90 s jog")
    assert hills.kind == "hills"
    assert (hills.reps, hills.work_minutes, hills.rest_minutes) == (6, 3, 1.5)


def test_reps_without_a_length_estimate_the_session() -> None:
    session = parse_session("5 x 4 min / 2 min")
    assert session.kind == "intervals"
    assert session.minutes == 50  # 5 x 6 min + 20 min warm-up and cool-down
    assert not session.minutes_given


@pytest.mark.parametrize(("data", "kind", "minutes"), [
    ({"kind": "tempo", "minutes": 40}, "tempo", 40),
    ({"kind": "Long Run", "minutes": 120}, "long", 120),
    ({"kind": "interval"}, "intervals", DEFAULT_MINUTES["intervals"]),
    ({"kind": "rest", "minutes": 30}, "rest", 0),
    ({"kind": "easy", "minutes": 42.0}, "easy", 42),
    ({"kind": "easy", "minutes": " 35 "}, "easy", 35),
])
def test_structured_session(data: dict[str, object], kind: str, minutes: int) -> None:
    session = parse_session(data)
    assert (session.kind, session.minutes) == (kind, minutes)


@pytest.mark.parametrize("bad", [
    {"kind": "zumba", "minutes": 30},
    {"minutes": 30},
    {"kind": "easy", "minutes": -5},
    {"kind": "easy", "minutes": 100000},
    {"kind": "easy", "minutes": "forty"},
    {"kind": "easy", "minutes": True},
    "",
    "   ",
])
def test_bad_sessions_get_a_clear_error(bad: object) -> None:
    with pytest.raises(SessionParseError) as error:
        parse_session(bad)  # type: ignore[arg-type]
    assert str(error.value)


def test_a_parsed_session_passes_through() -> None:
    session = MissedSession(kind="hills", minutes=45)
    assert parse_session(session) is session


@pytest.mark.parametrize(("session", "label"), [
    (MissedSession(kind="tempo", minutes=40), "40 min tempo run"),
    (MissedSession(kind="rest", minutes=0), "rest day"),
])
def test_labels(session: MissedSession, label: str) -> None:
    assert session.label == label
