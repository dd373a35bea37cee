"""Onboarding through the real application (in process): the state survives a restart,
/skip and /cancel work anywhere, stale buttons change nothing, check-ins are opt-in, and
after /forget no command brings the athlete back."""

from __future__ import annotations

import subprocess
import sys

from sqlmodel import select

from bot import jobs
from coach.answers import Answerer
from config.settings import Settings
from storage.models import Athlete
from tests.bot.conftest import BotHarness, Clock, bot_harness, make_services
from tests.bot.updates import TgUser

ZOE = TgUser(id=7301, first_name="Zoe")


def live_jobs(h: BotHarness, athlete_id: int) -> list[object]:
    assert h.app.job_queue is not None
    return [job for job in h.app.job_queue.get_jobs_by_name(jobs.job_name(athlete_id))
            if not job.removed]


async def test_a_restart_mid_onboarding_resumes_where_it_was(
    bot_settings: Settings, shared_answerer: Answerer,
) -> None:
    clock = Clock()
    async with bot_harness(bot_settings, make_services(bot_settings, shared_answerer, clock),
                           clock) as first:
        await first.send(ZOE, "/start")
        await first.send(ZOE, "it's Zoe")
        replies = await first.send(ZOE, "Valencia marathon on dec 6 2027")
        assert any("May I store health details" in text for text in replies)
    # A new process: nothing in memory, the database says which question awaits.
    async with bot_harness(bot_settings, make_services(bot_settings, shared_answerer, clock),
                           clock) as second:
        replies = await second.send(ZOE, "yes ok")
        assert any("injuries or niggles" in text for text in replies)
        athlete = second.athlete(ZOE)
        assert athlete is not None and athlete.name == "Zoe" and athlete.health_consent
        assert athlete.onboarding_step == "injuries"
        resumed = await second.send(ZOE, "/start")
        assert any("pick up where we were" in text and "injuries" in text for text in resumed)


async def test_skip_and_cancel_work_anywhere_and_questions_pass_on_after(
    harness: BotHarness,
) -> None:
    assert any("no question to skip" in t for t in await harness.send(ZOE, "/skip"))
    await harness.send(ZOE, "/start")
    await harness.send(ZOE, "/skip")
    # A command in the middle does not end onboarding; the next answer still counts.
    assert any("Name:" in text for text in await harness.send(ZOE, "/profile"))
    replies = await harness.send(ZOE, "/cancel")
    assert any("Stopped" in text for text in replies)
    athlete = harness.athlete(ZOE)
    assert athlete is not None and athlete.onboarding_step is None
    assert any("Nothing is pending" in text for text in await harness.send(ZOE, "/cancel"))


async def test_a_button_of_an_answered_question_changes_nothing(harness: BotHarness) -> None:
    await harness.send(ZOE, "/start")
    name_question = harness.last_message(ZOE)
    await harness.send(ZOE, "Zoe")
    await harness.press(ZOE, name_question, "Skip")
    athlete = harness.athlete(ZOE)
    assert athlete is not None and athlete.onboarding_step == "goal"
    assert any("question is done" in str(answer.get("text"))
               for answer in harness.callback_answers())


async def test_check_ins_are_opt_in(harness: BotHarness) -> None:
    await harness.send(ZOE, "/start")
    for _ in range(12):
        athlete = harness.athlete(ZOE)
        assert athlete is not None
        if athlete.onboarding_step == "checkins":
            break
        await harness.send(ZOE, "/skip")
    await harness.send(ZOE, "rather not, no")
    athlete = harness.athlete(ZOE)
    assert athlete is not None and athlete.onboarded and not athlete.checkin_enabled
    assert athlete.id is not None and not live_jobs(harness, athlete.id)
    replies = await harness.send(ZOE, "/settings checkin 6:15")
    assert any("daily at 06:15" in text for text in replies)
    assert live_jobs(harness, athlete.id)


async def test_after_forget_no_command_creates_the_athlete_again(harness: BotHarness) -> None:
    await harness.send(ZOE, "/start")
    await harness.send(ZOE, "Zoe")
    await harness.send(ZOE, "/forget")
    replies = await harness.press(ZOE, harness.last_message(ZOE), "Yes, erase")
    assert any("erased" in text for text in replies)
    for command in ("/profile", "/plan", "/plan Mon easy 30", "/history", "/settings",
                    "/settings checkin 07:00", "/export", "/forget", "/skip", "/cancel"):
        await harness.send(ZOE, command)
    with harness.services.transaction() as session:
        assert session.exec(select(Athlete)).all() == []
    await harness.send(ZOE, "/start")
    athlete = harness.athlete(ZOE)
    assert athlete is not None and not athlete.checkin_enabled


def test_the_handlers_helpers_do_not_import_the_jobs() -> None:
    """bot/handlers/common.py and bot/jobs.py used to import each other."""
    code = ("import sys, bot.handlers.common; "
            "assert 'bot.jobs' not in sys.modules, 'common imports jobs'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
