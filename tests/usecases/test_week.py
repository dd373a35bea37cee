"""/week and /coach week as use cases, over a real SQLite file and the real charts."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from bot.charts import roster_chart, week_chart
from config.settings import Settings
from storage import repository
from tests.coach.runfile_builders import START, fit_activity, tcx_activity
from tests.usecases.week_support import MONDAY, NOW, SqliteUnitOfWork, add_athlete
from usecases.replies import Reply
from usecases.runfiles import log_run_file
from usecases.week import coach_week, load_roster, load_week, show_week

CANARY = "zebra-canary-41"
COACH = 9000


@pytest.fixture
def uow(settings: Settings, tmp_path: Path) -> Iterator[SqliteUnitOfWork]:
    coached = settings.model_copy(update={"coach_ids": [COACH]})
    unit = SqliteUnitOfWork(coached, tmp_path / "week.db")
    yield unit
    unit.close()


def fill_week(uow: SqliteUnitOfWork, athlete_id: int) -> None:
    log_run_file(uow, athlete_id=athlete_id, filename="mon.fit", data=fit_activity(minutes=45))
    log_run_file(uow, athlete_id=athlete_id, filename="wed.tcx",
                 data=tcx_activity(start=START + timedelta(days=2), sport="Biking", minutes=60))
    with uow.transaction() as session:
        repository.record_checkin(session=session, athlete_id=athlete_id,
                                  day=MONDAY + timedelta(days=5), status="pain", pain=6,
                                  reason=f"knee {CANARY}", note=CANARY)


def test_the_week_reply_is_a_photo_with_a_summary_and_alt_text(uow: SqliteUnitOfWork) -> None:
    anna = add_athlete(uow, telegram_id=1)
    fill_week(uow, anna)
    reply = show_week(uow, athlete_id=anna, draw=week_chart)
    assert reply.attachment is not None and reply.attachment.kind == "photo"
    Image.open(io.BytesIO(reply.attachment.data)).load()
    caption = reply.attachment.caption
    summary, alt = caption.split("\n\n")
    assert summary == ("Week of 2 March: 105 of 195 planned minutes; 1 done, 1 missed, "
                       "1 swapped (cycling); pain up to 6/10.")
    assert "Mon easy 50 min: 45 min, done" in alt
    assert "Wed tempo 45 min: cycling 60 min instead" in alt
    assert "Sat long 100 min: missed, pain 6/10" in alt
    assert CANARY not in caption
    assert len(caption) <= 1024


def test_without_consent_the_week_shows_no_pain(uow: SqliteUnitOfWork) -> None:
    ben = add_athlete(uow, telegram_id=2, consent=False)
    with uow.transaction() as session:
        repository.record_checkin(session=session, athlete_id=ben, day=MONDAY, status="missed")
    week, _ = load_week(uow, athlete_id=ben)
    assert week.max_pain is None
    assert "pain" not in show_week(uow, athlete_id=ben, draw=week_chart).attachment.caption  # type: ignore[union-attr]


def test_last_week_is_the_week_before(uow: SqliteUnitOfWork) -> None:
    anna = add_athlete(uow, telegram_id=1)
    week, _ = load_week(uow, athlete_id=anna, which="last")
    assert week.start == MONDAY - timedelta(days=7)


def test_the_picture_changes_when_a_file_is_logged(uow: SqliteUnitOfWork) -> None:
    anna = add_athlete(uow, telegram_id=1)
    before = show_week(uow, athlete_id=anna, draw=week_chart).attachment
    log_run_file(uow, athlete_id=anna, filename="mon.fit", data=fit_activity(minutes=45))
    after = show_week(uow, athlete_id=anna, draw=week_chart).attachment
    assert before is not None and after is not None and before.data != after.data


def test_coach_week_is_refused_to_anybody_but_a_coach(uow: SqliteUnitOfWork) -> None:
    add_athlete(uow, telegram_id=1)
    reply = coach_week(uow, telegram_user_id=1, draw=roster_chart)
    assert reply.attachment is None and "not available" in reply.text


def test_the_roster_puts_holds_and_pain_first_and_shows_no_free_text(
    uow: SqliteUnitOfWork,
) -> None:
    calm = add_athlete(uow, telegram_id=11, name="Calm")
    sore = add_athlete(uow, telegram_id=12, name="Sore")
    held = add_athlete(uow, telegram_id=13, name="Held")
    log_run_file(uow, athlete_id=calm, filename="mon.fit", data=fit_activity(minutes=50))
    fill_week(uow, sore)
    with uow.transaction() as session:
        repository.start_safety_hold(session=session, athlete_id=held, reason=CANARY, since=NOW)
    roster = load_roster(uow, telegram_user_id=COACH)
    assert not isinstance(roster, Reply)
    assert [label for label, _, _ in roster.rows] == ["Held", "Sore", "Calm"]
    reply = coach_week(uow, telegram_user_id=COACH, draw=roster_chart)
    assert reply.attachment is not None and reply.attachment.kind == "photo"
    assert reply.attachment.caption == "Team week of 2 March: 3 athletes, 3 to look at."
    lines = reply.text.splitlines()
    assert lines[0].startswith("• Held (id 13): HOLD · 0/3 done")
    assert lines[1] == "• Sore (id 12): pain 6/10 · 2/3 done · 1 missed"
    assert lines[2].startswith("• Calm (id 11): 1/3 done")
    assert CANARY not in reply.text + reply.attachment.caption


def test_days_before_the_athlete_joined_are_not_missed(uow: SqliteUnitOfWork) -> None:
    # Joined on Thursday: Monday's easy run and Wednesday's tempo were never theirs to miss.
    new = add_athlete(uow, telegram_id=3, joined=datetime(2026, 3, 5, 8, 0, tzinfo=UTC))
    week, _ = load_week(uow, athlete_id=new)
    assert [day.compliance for day in week.days if day.compliance == "missed"] == ["missed"]
    assert week.days[5].compliance == "missed"  # Saturday's long run came after joining
    veteran, _ = load_week(uow, athlete_id=add_athlete(uow, telegram_id=4))
    assert veteran.count("missed") == 3  # the same plan, tracked all week


def test_a_chosen_substitute_is_named_as_it_was_offered(uow: SqliteUnitOfWork) -> None:
    anna = add_athlete(uow, telegram_id=1)
    day = MONDAY + timedelta(days=2)  # Wednesday's tempo 45
    with uow.transaction() as session:
        checkin = repository.record_checkin(session=session, athlete_id=anna, day=day,
                                            status="missed")
        offered = repository.record_substitution(
            session=session, athlete_id=anna, missed={"kind": "tempo", "minutes": 45},
            reason="rain", checkin_id=checkin.id, now=NOW,
            options=[{"activity": "indoor_cycling", "name": "Indoor cycling",
                      "minutes": 60, "rpe": 6}])
        repository.choose_substitution(session=session, athlete_id=anna,
                                       substitution_id=offered.id or 0,
                                       activity="indoor_cycling", now=NOW)
    caption = show_week(uow, athlete_id=anna, draw=week_chart).attachment.caption  # type: ignore[union-attr]
    assert "1 swapped (Indoor cycling)" in caption
    assert "Wed tempo 45 min: Indoor cycling" in caption
    assert "indoor_cycling" not in caption


def test_a_substitute_chosen_shorter_than_the_run_counts_as_chosen(
    uow: SqliteUnitOfWork,
) -> None:
    # "only 30 min tonight": the 30 min option was logged, so the week must not say 45.
    ben = add_athlete(uow, telegram_id=2)
    day = MONDAY + timedelta(days=2)  # Wednesday's tempo 45
    with uow.transaction() as session:
        checkin = repository.record_checkin(session=session, athlete_id=ben, day=day,
                                            status="missed")
        offered = repository.record_substitution(
            session=session, athlete_id=ben, missed={"kind": "tempo", "minutes": 45},
            reason="time", checkin_id=checkin.id, now=NOW,
            options=[{"activity": "rowing", "name": "Rowing", "minutes": 20},
                     {"activity": "indoor_cycling", "name": "Indoor cycling", "minutes": 30}])
        repository.choose_substitution(session=session, athlete_id=ben,
                                       substitution_id=offered.id or 0,
                                       activity="indoor_cycling", now=NOW)
    week, _ = load_week(uow, athlete_id=ben)
    assert week.days[2].done_minutes == 30
    caption = show_week(uow, athlete_id=ben, draw=week_chart).attachment.caption  # type: ignore[union-attr]
    assert "Indoor cycling 30 min" in caption and "Indoor cycling 45 min" not in caption


def test_a_plan_that_starts_after_this_weeks_runs_is_not_called_missing(
    uow: SqliteUnitOfWork,
) -> None:
    # Joined on Sunday, the plan's rest day: this week has nothing planned left to count,
    # but the athlete has a plan and must not be told to set one.
    sunday = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    late = add_athlete(uow, telegram_id=5, joined=sunday)
    caption = show_week(uow, athlete_id=late, draw=week_chart).attachment.caption  # type: ignore[union-attr]
    summary, alt = caption.split("\n\n")
    assert "/plan" not in summary
    assert summary == ("Week of 2 March: 0 minutes logged. Your plan counts from Sun 8 Mar, "
                       "when you joined; /week next Monday compares the whole week.")
    # The six days before joining said once, as a span, not six times.
    assert "Mon–Sat before you joined" in alt and alt.count("before you joined") == 1
    assert "Mon rest" not in alt


def test_a_plan_with_only_rest_this_week_says_so(uow: SqliteUnitOfWork) -> None:
    rest: list[dict[str, object]] = [{"weekday": day, "kind": "rest", "minutes": 0}
                                     for day in range(7)]
    resting = add_athlete(uow, telegram_id=6, plan=rest)
    week, _ = load_week(uow, athlete_id=resting)
    assert week.has_plan and week.tracked_from is None
    caption = show_week(uow, athlete_id=resting, draw=week_chart).attachment.caption  # type: ignore[union-attr]
    assert caption.startswith("Week of 2 March: 0 minutes logged; no runs planned this week.")


def test_without_a_plan_the_week_asks_for_one(uow: SqliteUnitOfWork) -> None:
    planless = add_athlete(uow, telegram_id=7, plan=[])
    caption = show_week(uow, athlete_id=planless, draw=week_chart).attachment.caption  # type: ignore[union-attr]
    assert "Set a weekly plan with /plan" in caption


def test_a_day_recorded_before_joining_is_shown_as_recorded(uow: SqliteUnitOfWork) -> None:
    # Joined on Sunday after telling of Saturday's missed long run: Saturday is shown
    # as missed, the untouched days before it as before joining.
    late = add_athlete(uow, telegram_id=8, joined=datetime(2026, 3, 8, 9, 0, tzinfo=UTC))
    with uow.transaction() as session:
        repository.record_checkin(session=session, athlete_id=late,
                                  day=MONDAY + timedelta(days=5), status="missed")
    caption = show_week(uow, athlete_id=late, draw=week_chart).attachment.caption  # type: ignore[union-attr]
    assert "Sat long 100 min: missed" in caption
    assert "Fri before you joined" in caption
    assert "1 missed" in caption
