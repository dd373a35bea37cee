"""Opt-in weekly summaries through the real Application: opted in by command, planned in
the one outbox of scheduled sends beside the check-ins, sent once at the athlete's (or
coach's) local time by the same dispatcher, skipped when blocked or on a safety hold."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import jobs
from storage import repository
from storage.models import Dispatch
from tests.bot.conftest import BotHarness
from tests.bot.updates import TgUser

ANNA = TgUser(id=4501, first_name="Anna")
COACH = TgUser(id=9000, first_name="Coach")  # in bot_settings' coach_ids
SUNDAY_EVENING = datetime(2026, 11, 29, 19, 1, tzinfo=UTC)  # Berlin 20:01
MONDAY_MORNING = datetime(2026, 11, 30, 7, 31, tzinfo=UTC)


async def run_job(harness: BotHarness) -> int:
    """One pass of this worker's dispatcher (what its repeating job runs); how many sent."""
    return (await jobs.ensure_dispatcher(harness.app).run_pass()).sent


def sends_of(harness: BotHarness, user: TgUser, kind: str) -> list[Dispatch]:
    with harness.services.transaction() as session:
        athlete = repository.get_athlete_by_telegram_id(session=session,
                                                        telegram_user_id=user.id)
        assert athlete is not None and athlete.id is not None
        return repository.list_dispatches(session=session, athlete_id=athlete.id, kind=kind)


async def test_an_athlete_gets_the_week_once_on_the_chosen_evening(harness: BotHarness) -> None:
    assert harness.app.job_queue is not None
    assert harness.app.job_queue.get_jobs_by_name(jobs.DISPATCH_JOB)
    await harness.send(ANNA, "/start")  # only /start creates an athlete
    await harness.send(ANNA, "/cancel")
    await harness.send(ANNA, "/settings timezone Europe/Berlin")
    [confirmed] = await harness.send(ANNA, "/week on sun 20:00")
    assert "every Sunday at 20:00" in confirmed
    assert await run_job(harness) == 0  # Thursday: planned, not due
    harness.clock.now = SUNDAY_EVENING
    assert await run_job(harness) == 1
    [photo] = harness.request.calls_to("sendPhoto", chat_id=ANNA.id)
    assert "Week of 23 November" in photo.params["caption"]
    assert await run_job(harness) == 0  # sent once
    jobs.ensure_dispatcher(harness.app).request_planning()
    assert await run_job(harness) == 0
    statuses = [d.status for d in sends_of(harness, ANNA, "weekly_summary")]
    assert statuses[0] == "sent" and statuses[1:] == ["due"]  # next Sunday's is planned


async def started(harness: BotHarness, user: TgUser) -> None:
    """Only /start creates an athlete; /week and /coach week never do."""
    await harness.send(user, "/start")
    await harness.send(user, "/cancel")


async def test_turning_it_off_stops_it(harness: BotHarness) -> None:
    await started(harness, ANNA)
    await harness.send(ANNA, "/week on sunday 19:00")
    assert await run_job(harness) == 0
    assert await harness.send(ANNA, "/week off") == ["Weekly summaries are off."]
    harness.clock.now = SUNDAY_EVENING
    assert await run_job(harness) == 0
    assert harness.request.calls_to("sendPhoto") == []


async def test_bad_days_and_times_get_the_usage(harness: BotHarness) -> None:
    await started(harness, ANNA)
    [usage] = await harness.send(ANNA, "/week on someday")
    assert "/week on [day] [HH:MM]" in usage
    [bad_time] = await harness.send(ANNA, "/week on sun 25:00")
    assert "not a time" in bad_time


async def test_a_blocked_chat_is_skipped_not_retried(harness: BotHarness) -> None:
    await started(harness, ANNA)
    await harness.send(ANNA, "/week on sun 19:00")
    await run_job(harness)
    harness.request.block_chat(ANNA.id)
    harness.clock.now = SUNDAY_EVENING
    assert await run_job(harness) == 0
    first = sends_of(harness, ANNA, "weekly_summary")[0]
    assert first.status == "skipped"
    assert len(harness.request.calls_to("sendPhoto", chat_id=ANNA.id)) == 1  # tried once


async def test_a_coach_gets_the_team_on_monday_morning(harness: BotHarness) -> None:
    refused = await harness.send(ANNA, "/coach week on")
    await started(harness, COACH)
    assert refused == ["Sorry, that command is not available."]
    [confirmed] = await harness.send(COACH, "/coach week on 07:30")
    assert "every Monday at 07:30" in confirmed
    with harness.services.transaction() as session:
        anna = repository.get_or_create_athlete(session=session, telegram_user_id=ANNA.id,
                                                chat_id=ANNA.id, name="Anna")
        repository.update_profile(session=session, athlete_id=anna.id, onboarded=True)
    await run_job(harness)
    harness.clock.now = MONDAY_MORNING
    assert await run_job(harness) == 1
    [photo] = harness.request.calls_to("sendPhoto", chat_id=COACH.id)
    assert photo.params["caption"].startswith("Team week of 23 November")
    assert harness.request.calls_to("sendPhoto", chat_id=ANNA.id) == []


async def test_a_summary_set_for_a_few_minutes_ahead_is_planned_and_sent_on_time(
    harness: BotHarness,
) -> None:
    """Opting in asks the dispatcher to plan at its next pass, as a check-in time does;
    otherwise it would plan only every quarter of an hour and miss tonight's."""
    await started(harness, ANNA)
    harness.clock.now = datetime(2026, 11, 26, 19, 50, tzinfo=UTC)  # Thursday
    assert await run_job(harness) == 0  # planned just now: the next planning is far off
    [confirmed] = await harness.send(ANNA, "/week on thu 20:00")
    assert "every Thursday at 20:00" in confirmed
    assert await run_job(harness) == 0
    harness.clock.now = datetime(2026, 11, 26, 20, 0, 20, tzinfo=UTC)
    assert await run_job(harness) == 1
    [photo] = harness.request.calls_to("sendPhoto", chat_id=ANNA.id)
    assert "Week of 23 November" in photo.params["caption"]  # Thursday: the week so far
