"""Daily check-in dispatch: planning, claiming with leases, catch-up and skipping."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from storage import repository as repo
from storage.models import Athlete
from tests.storage.conftest import NOW, MakeAthlete

# NOW is Monday 2026-03-02 06:00 UTC.


def scheduled(make_athlete: MakeAthlete, session: Session, timezone: str,
              at: str = "07:30") -> Athlete:
    athlete = make_athlete()
    repo.set_checkin_schedule(session=session, athlete_id=athlete.id, time=at,
                              timezone=timezone)
    return athlete


def test_planning_uses_each_athletes_local_time_and_only_future_times(
    session: Session, make_athlete: MakeAthlete
) -> None:
    berlin = scheduled(make_athlete, session, "Europe/Berlin")      # 07:00 local now
    new_york = scheduled(make_athlete, session, "America/New_York")  # 01:00 local now
    tokyo = scheduled(make_athlete, session, "Asia/Tokyo")          # 15:00 local now
    assert repo.plan_checkin_dispatches(session=session, now=NOW) == 5
    assert repo.plan_checkin_dispatches(session=session, now=NOW) == 0  # idempotent
    planned = {(d.athlete_id, d.local_date): d.due_at
               for d in repo.list_dispatches(session=session)}
    assert planned == {
        (berlin.id, date(2026, 3, 2)): datetime(2026, 3, 2, 6, 30, tzinfo=UTC),
        (berlin.id, date(2026, 3, 3)): datetime(2026, 3, 3, 6, 30, tzinfo=UTC),
        (new_york.id, date(2026, 3, 2)): datetime(2026, 3, 2, 12, 30, tzinfo=UTC),
        (new_york.id, date(2026, 3, 3)): datetime(2026, 3, 3, 12, 30, tzinfo=UTC),
        # Tokyo's 07:30 today has passed: a new schedule never prompts for the past.
        (tokyo.id, date(2026, 3, 3)): datetime(2026, 3, 2, 22, 30, tzinfo=UTC),
    }


def test_unscheduled_athletes_get_no_dispatches(
    session: Session, make_athlete: MakeAthlete
) -> None:
    make_athlete(onboarded=False)
    off = make_athlete()
    repo.set_checkin_schedule(session=session, athlete_id=off.id, enabled=False)
    blocked = make_athlete()
    repo.pause_athlete(session=session, athlete_id=blocked.id, reason="blocked")
    assert repo.plan_checkin_dispatches(session=session, now=NOW) == 0


def test_a_claim_is_exclusive_until_its_lease_expires(
    session: Session, make_athlete: MakeAthlete
) -> None:
    scheduled(make_athlete, session, "UTC", at="06:30")
    repo.plan_checkin_dispatches(session=session, now=NOW, days_ahead=0)
    assert repo.claim_due_dispatches(session=session, now=NOW, worker="a") == []  # not due
    due = NOW + timedelta(minutes=31)
    [claimed] = repo.claim_due_dispatches(session=session, now=due, worker="a",
                                        lease=timedelta(seconds=60))
    assert claimed.status == "claimed" and claimed.claimed_by == "a" and claimed.attempts == 1
    assert repo.claim_due_dispatches(session=session, now=due + timedelta(seconds=30),
                                   worker="b") == []
    # Worker a died holding it: after the lease, b takes it over and sends it.
    [taken_over] = repo.claim_due_dispatches(session=session, now=due + timedelta(seconds=61),
                                           worker="b")
    assert taken_over.id == claimed.id and taken_over.attempts == 2
    assert not repo.mark_dispatch_sent(session=session, dispatch_id=claimed.id, worker="a")
    assert repo.mark_dispatch_sent(session=session, dispatch_id=claimed.id, worker="b",
                                  now=due + timedelta(seconds=62))
    assert repo.claim_due_dispatches(session=session, now=due + timedelta(hours=1),
                                   worker="c") == []
    [sent] = repo.list_dispatches(session=session, status="sent")
    assert sent.sent_at == due + timedelta(seconds=62)


def test_a_failed_send_is_released_for_a_retry(session: Session,
                                               make_athlete: MakeAthlete) -> None:
    scheduled(make_athlete, session, "UTC", at="06:30")
    repo.plan_checkin_dispatches(session=session, now=NOW, days_ahead=0)
    due = NOW + timedelta(minutes=30)
    [claimed] = repo.claim_due_dispatches(session=session, now=due, worker="a")
    assert repo.release_dispatch_claim(session=session, dispatch_id=claimed.id, worker="a",
                                      retry_at=due + timedelta(seconds=5))
    assert repo.claim_due_dispatches(session=session, now=due + timedelta(seconds=1),
                                   worker="a") == []
    [again] = repo.claim_due_dispatches(session=session, now=due + timedelta(seconds=5),
                                      worker="a")
    assert again.id == claimed.id


def test_after_downtime_a_check_in_is_sent_late_that_day_and_skipped_the_next(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = scheduled(make_athlete, session, "Europe/Berlin")
    repo.plan_checkin_dispatches(session=session, now=NOW)  # Monday and Tuesday planned
    # Down from Monday 06:00 UTC until Tuesday 20:00 UTC (21:00 in Berlin).
    back_up = datetime(2026, 3, 3, 20, 0, tzinfo=UTC)
    claimed = repo.claim_due_dispatches(session=session, now=back_up, worker="a")
    assert [(d.athlete_id, d.local_date) for d in claimed] == [(athlete.id, date(2026, 3, 3))]
    skipped = repo.list_dispatches(session=session, status="skipped")
    assert [d.local_date for d in skipped] == [date(2026, 3, 2)]


def test_paused_or_switched_off_athletes_are_skipped_not_sent(
    session: Session, make_athlete: MakeAthlete
) -> None:
    stays = scheduled(make_athlete, session, "UTC", at="06:30")
    leaves_onboarding = scheduled(make_athlete, session, "UTC", at="06:30")
    pauses = scheduled(make_athlete, session, "UTC", at="06:30")
    repo.plan_checkin_dispatches(session=session, now=NOW, days_ahead=0)
    repo.update_profile(session=session, athlete_id=leaves_onboarding.id, onboarded=False)
    repo.pause_athlete(session=session, athlete_id=pauses.id, reason="Forbidden")
    claimed = repo.claim_due_dispatches(session=session, now=NOW + timedelta(hours=1),
                                      worker="a")
    assert [d.athlete_id for d in claimed] == [stays.id]
    assert {d.athlete_id for d in repo.list_dispatches(session=session)} == {
        stays.id, leaves_onboarding.id}  # the paused athlete's unsent row is gone


def test_moving_the_check_in_time_replans_the_day(session: Session,
                                                  make_athlete: MakeAthlete) -> None:
    athlete = scheduled(make_athlete, session, "UTC", at="07:30")
    repo.plan_checkin_dispatches(session=session, now=NOW, days_ahead=0)
    repo.set_checkin_schedule(session=session, athlete_id=athlete.id, time="09:15")
    repo.plan_checkin_dispatches(session=session, now=NOW, days_ahead=0)
    [dispatch] = repo.list_dispatches(session=session, athlete_id=athlete.id)
    assert dispatch.due_at == datetime(2026, 3, 2, 9, 15, tzinfo=UTC)
    assert repo.skip_dispatch(session=session, dispatch_id=dispatch.id)
    assert repo.claim_due_dispatches(session=session, now=NOW + timedelta(hours=4),
                                   worker="a") == []


# ---------------------------------------------------------------- weekly summaries, same table


def test_summaries_are_planned_in_the_same_table_at_each_persons_local_time(
    session: Session, make_athlete: MakeAthlete
) -> None:
    berlin = scheduled(make_athlete, session, "Europe/Berlin")
    coach = scheduled(make_athlete, session, "America/New_York")
    repo.set_weekly_summary(session=session, athlete_id=berlin.id, kind="athlete",
                            enabled=True, weekday=6, time="20:00")
    repo.set_weekly_summary(session=session, athlete_id=coach.id, kind="coach",
                            enabled=True, weekday=0, time="07:30")
    assert repo.plan_dispatches(session=session, now=NOW) == 6  # 4 check-ins, 2 summaries
    assert repo.plan_dispatches(session=session, now=NOW) == 0  # idempotent
    summaries = {(d.kind, d.local_date): d.due_at for d in repo.list_dispatches(
        session=session) if d.kind != "checkin"}
    assert summaries == {
        # Sunday 20:00 in Berlin; Monday 07:30 in New York is still ahead (01:00 there now).
        ("weekly_summary", date(2026, 3, 8)): datetime(2026, 3, 8, 19, 0, tzinfo=UTC),
        ("coach_digest", date(2026, 3, 2)): datetime(2026, 3, 2, 12, 30, tzinfo=UTC),
    }


def test_a_summary_whose_time_passed_today_is_planned_a_week_on(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = scheduled(make_athlete, session, "UTC")
    repo.set_weekly_summary(session=session, athlete_id=athlete.id, kind="athlete",
                            enabled=True, weekday=0, time="05:00")  # Monday, an hour ago
    repo.plan_weekly_dispatches(session=session, now=NOW)
    [planned] = repo.list_dispatches(session=session, kind="weekly_summary")
    assert planned.local_date == date(2026, 3, 9)


def test_opting_out_drops_a_summary_and_a_new_timezone_replans_it(
    session: Session, make_athlete: MakeAthlete
) -> None:
    leaves = scheduled(make_athlete, session, "UTC", at="09:00")
    moves = scheduled(make_athlete, session, "UTC", at="09:00")
    for athlete in (leaves, moves):
        repo.set_weekly_summary(session=session, athlete_id=athlete.id, kind="athlete",
                                enabled=True, weekday=0, time="07:00")
    repo.plan_dispatches(session=session, now=NOW)
    # A worker claimed the first summary, then died; the athlete opts out meanwhile.
    [claimed] = repo.claim_due_dispatches(session=session, now=NOW + timedelta(hours=1),
                                          worker="dead", limit=1)
    assert claimed.kind == "weekly_summary" and claimed.athlete_id == leaves.id
    repo.set_weekly_summary(session=session, athlete_id=leaves.id, kind="athlete",
                            enabled=False)
    assert [d.kind for d in repo.list_dispatches(session=session, athlete_id=leaves.id)] == [
        "checkin", "checkin"]
    # A new check-in time keeps the summary; a new timezone drops it to be planned anew.
    repo.set_checkin_schedule(session=session, athlete_id=moves.id, time="10:00")
    assert [d.kind for d in repo.list_dispatches(session=session, athlete_id=moves.id,
                                                 status="due")] == ["weekly_summary"]
    repo.set_checkin_schedule(session=session, athlete_id=moves.id, timezone="Asia/Tokyo")
    assert repo.list_dispatches(session=session, athlete_id=moves.id, status="due") == []
    repo.plan_weekly_dispatches(session=session, now=NOW)
    [replanned] = repo.list_dispatches(session=session, athlete_id=moves.id, status="due")
    # Monday 07:00 in Tokyo (22:00 UTC on Sunday) has passed: next Monday's.
    assert replanned.due_at == datetime(2026, 3, 8, 22, 0, tzinfo=UTC)


def test_a_paused_person_gets_no_summary(session: Session, make_athlete: MakeAthlete) -> None:
    athlete = scheduled(make_athlete, session, "UTC")
    repo.set_weekly_summary(session=session, athlete_id=athlete.id, kind="athlete",
                            enabled=True, weekday=0, time="07:00")
    repo.plan_dispatches(session=session, now=NOW)
    with_row = repo.list_dispatches(session=session, kind="weekly_summary")
    repo.pause_athlete(session=session, athlete_id=athlete.id, reason="Forbidden")
    assert len(with_row) == 1 and repo.list_dispatches(session=session, status="due") == []
    assert repo.plan_dispatches(session=session, now=NOW) == 0
