"""Handlers through ``Application.process_update`` with an offline Bot API."""

from __future__ import annotations

import asyncio
from datetime import date, time
from typing import Any

import pytest
from sqlmodel import select

from bot import jobs
from bot.callback_data import MAX_CALLBACK_BYTES
from bot.handlers.errors import APOLOGY
from coach.answers import Answer, Answerer
from config.settings import Settings
from storage import repository
from storage.models import Athlete, CheckIn, Substitution
from tests.bot.conftest import BotHarness
from tests.bot.updates import (
    TgUser,
    location_update,
    photo_update,
    sticker_update,
    text_update,
    voice_update,
)

ANNA = TgUser(id=7101, first_name="Anna")
BEN = TgUser(id=7102, first_name="Ben")
COACH = TgUser(id=9000, first_name="Dayna")


def onboarded(h: BotHarness, user: TgUser, *, consent: bool = True, plan: bool = True,
              injuries: tuple[str, ...] = (), checkins: bool = True) -> Athlete:
    """An athlete as onboarding leaves them, written through the repository (one who
    asked for daily check-ins unless ``checkins`` is False: they are opt-in)."""
    with h.services.transaction() as session:
        athlete = repository.get_or_create_athlete(session=session, telegram_user_id=user.id,
                                                   chat_id=user.id, name=user.first_name)
        assert athlete.id is not None
        repository.set_health_consent(session=session, athlete_id=athlete.id, consent=consent)
        repository.update_profile(session=session, athlete_id=athlete.id, onboarded=True,
                                  equipment=["pool", "bike", "gym"], likes=["swimming"],
                                  injuries=list(injuries), checkin_enabled=checkins)
        if plan:
            repository.set_weekly_plan(session=session, athlete_id=athlete.id, sessions=[
                {"weekday": day, "kind": "tempo", "minutes": 45} for day in range(7)
                if day != 4] + [{"weekday": 4, "kind": "rest", "minutes": 0}])
        return athlete


# ------------------------------------------------------------------ onboarding
async def test_start_asks_a_new_athlete_and_greets_a_returning_one(harness: BotHarness) -> None:
    replies = await harness.send(ANNA, "/start")
    assert any("What should I call you?" in text for text in replies)
    onboarded(harness, BEN)
    replies = await harness.send(BEN, "/start")
    assert any("Welcome back, Ben" in text for text in replies)
    assert not any("What should I call you?" in text for text in replies)


async def test_onboarding_saves_answers_and_cancel_keeps_them(harness: BotHarness) -> None:
    await harness.send(ANNA, "/start")
    await harness.send(ANNA, "Annie")
    replies = await harness.send(ANNA, "marathon PR")
    assert any("When is it?" in text for text in replies)
    bad = await harness.send(ANNA, "whenever-ish")
    assert any("couldn't read that date" in text for text in bad)
    replies = await harness.send(ANNA, "/cancel")
    assert any("Stopped" in text for text in replies)
    athlete = harness.athlete(ANNA)
    assert athlete is not None
    assert (athlete.name, athlete.goal_event, athlete.goal_date) == ("Annie", "marathon PR", None)
    # After /cancel, free text is routed normally again, not taken as a date.
    replies = await harness.send(ANNA, "what is cross-training?")
    assert any("Source" in text for text in replies)


async def test_without_consent_no_injury_question_and_nothing_health_stored(
    harness: BotHarness,
) -> None:
    await harness.send(ANNA, "/start")
    for _ in range(2):  # name, goal (no goal: no date); consent comes before the plan
        await harness.send(ANNA, "/skip")
    consent_prompt = harness.last_message(ANNA)
    assert "May I store health details" in consent_prompt["text"]
    replies = await harness.press(ANNA, consent_prompt, "No, don't")
    assert any("won't store" in text for text in replies)
    assert not any("injuries" in text.lower() and "?" in text for text in replies)
    assert any("usual running week" in text for text in replies)
    athlete = harness.athlete(ANNA)
    assert athlete is not None and not athlete.health_consent and athlete.injuries == []


async def test_every_onboarding_step_can_be_skipped_to_the_end(harness: BotHarness) -> None:
    await harness.send(ANNA, "/start")
    for _ in range(12):
        message = harness.last_message(ANNA)
        if "All set" in message["text"]:
            break
        await harness.press(ANNA, message, "Skip")
    assert "All set" in harness.last_message(ANNA)["text"]
    athlete = harness.athlete(ANNA)
    assert athlete is not None and athlete.onboarded
    # Check-ins are opt-in: skipping the question means none, and no wake-up job.
    assert not athlete.checkin_enabled
    assert harness.app.job_queue is not None
    assert not [job for job in harness.app.job_queue.get_jobs_by_name(
        jobs.job_name(athlete.id or 0)) if not job.removed]


# ------------------------------------------------------------------ questions
async def test_a_question_gets_an_escaped_sourced_answer(harness: BotHarness) -> None:
    replies = await harness.send(ANNA, "my knee hurts after long runs, what can I do instead?")
    assert len(replies) == 1
    assert "Source:" in replies[0]
    assert "Cross-Training" in replies[0]
    assert "sendChatAction" not in harness.request.methods()  # fast answers need no indicator


async def test_a_slow_answer_shows_typing(harness: BotHarness,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    answerer = harness.services.answerer
    fast = answerer.aanswer

    async def slow(question: str, **kwargs: Any) -> Answer:
        await asyncio.sleep(0.5)
        return await fast(question, **kwargs)

    monkeypatch.setattr(answerer, "aanswer", slow)
    replies = await harness.send(ANNA, "is cycling good cross-training?")
    assert any("Source" in text for text in replies)
    methods = harness.request.methods()
    assert methods.index("sendChatAction") < methods.index("sendMessage")


async def test_a_follow_up_uses_the_previous_question(harness: BotHarness) -> None:
    await harness.send(ANNA, "which activities help with a race that has a lot of climbing?")
    replies = await harness.send(ANNA, "and what about at home?")
    assert any("Source" in text for text in replies)


async def test_bad_text_gets_a_clear_answer(harness: BotHarness) -> None:
    huge = await harness.send(ANNA, "x" * 20_000)
    assert any("too long" in text for text in huge)
    emoji = await harness.send(ANNA, "🏃‍♀️🔥💯")
    assert emoji and not any(APOLOGY in text for text in emoji)
    foreign = await harness.send(ANNA, "¿Qué puedo hacer en vez de correr?")
    assert foreign and not any(APOLOGY in text for text in foreign)
    html = await harness.send(ANNA, "<b>is cycling</b> & swimming good for runners?")
    assert html and not any(APOLOGY in text for text in html)


async def test_non_text_messages_get_a_friendly_line(harness: BotHarness) -> None:
    for payload in (sticker_update(ANNA), photo_update(ANNA), voice_update(ANNA),
                    location_update(ANNA)):
        before = len(harness.request.texts(ANNA.id))
        await harness.process(payload)
        replies = harness.request.texts(ANNA.id)[before:]
        assert replies == [replies[0]] and "only read text" in replies[0]


async def test_unknown_command_is_explained(harness: BotHarness) -> None:
    replies = await harness.send(ANNA, "/dance")
    assert any("don't know that command" in text for text in replies)


# ------------------------------------------------------------------ safety and swaps
async def test_red_flag_refers_before_anything_else(harness: BotHarness) -> None:
    onboarded(harness, ANNA)
    replies = await harness.send(ANNA, "I missed my run because I felt chest pressure and "
                                       "got dizzy")
    text = "\n".join(replies)
    assert "doctor" in text.lower() or "professional" in text.lower()
    with harness.services.transaction() as session:
        offered = session.exec(select(Substitution)).all()
    for substitution in offered:
        assert all(option["impact"] in ("none", "low") for option in substitution.options)


async def test_swap_offers_buttons_and_logs_the_choice_once(harness: BotHarness) -> None:
    onboarded(harness, ANNA)
    replies = await harness.send(ANNA, "/swap 40 min tempo, no time, only 30 minutes")
    assert any("Tap the one" in text for text in replies)
    offer = harness.last_message(ANNA)
    first = offer["reply_markup"]["inline_keyboard"][0][0]
    confirmed = await harness.press_data(ANNA, offer, first["callback_data"])
    assert any("Logged:" in text for text in confirmed)
    again = await harness.press_data(ANNA, offer, first["callback_data"])
    assert again == []
    assert "already made" in harness.callback_answers()[-1]["text"]
    with harness.services.transaction() as session:
        [substitution] = session.exec(select(Substitution)).all()
        checkins = session.exec(select(CheckIn)).all()
    assert substitution.chosen_activity == substitution.options[0]["activity"]
    assert [c.status for c in checkins] == ["swapped"]
    for answer in harness.callback_answers():
        assert answer["callback_query_id"]


async def test_skip_today_logs_a_rest_day(harness: BotHarness) -> None:
    onboarded(harness, ANNA)
    await harness.send(ANNA, "/swap 40 min easy, feeling flat")
    # Feeling flat puts rest among the options, so it is an option, not a Skip button.
    replies = await harness.press(ANNA, harness.last_message(ANNA), "Rest today")
    assert any("Logged: rest for Thu 26 Nov" in text for text in replies)
    with harness.services.transaction() as session:
        [substitution] = session.exec(select(Substitution)).all()
        [checkin] = session.exec(select(CheckIn)).all()
    assert substitution.chosen_activity == "rest"
    assert (checkin.status, checkin.note) == ("missed", "chose rest")


async def test_forged_foreign_malformed_and_oversized_buttons_change_nothing(
    harness: BotHarness,
) -> None:
    onboarded(harness, ANNA)
    onboarded(harness, BEN)
    await harness.send(ANNA, "/swap long run 100 minutes, rain")
    offer = harness.last_message(ANNA)
    anna_data = harness.button_data(offer, "1.")
    forged = [anna_data,  # Anna's own button, pressed by Ben
              "swap:1:1:AAAAAAAA", "swap", "", "ci:2026-11-26:done:xx",
              "swap:1:1:" + "A" * (MAX_CALLBACK_BYTES + 10)]
    for data in forged:
        before = len(harness.callback_answers())
        replies = await harness.press_data(BEN, offer, data)
        assert replies == []
        assert len(harness.callback_answers()) == before + 1  # every press is answered
    with harness.services.transaction() as session:
        assert all(s.chosen_activity is None for s in session.exec(select(Substitution)))
        assert session.exec(select(CheckIn)).all() == []


async def test_pain_report_suggests_low_impact_and_stores_only_with_consent(
    harness: BotHarness,
) -> None:
    onboarded(harness, ANNA, consent=False)
    replies = await harness.send(ANNA, "my left knee hurts 5/10 after yesterday's run")
    assert any("Tap the one" in text for text in replies)
    with harness.services.transaction() as session:
        [substitution] = session.exec(select(Substitution)).all()
    assert substitution.reason is None  # health detail, no consent
    assert all(option["impact"] in ("none", "low") for option in substitution.options)


async def test_where_it_hurts_after_a_pain_checkin_is_not_stored_without_consent(
    harness: BotHarness,
) -> None:
    onboarded(harness, ANNA, consent=False)
    await harness.send(ANNA, "/checkin now")
    await harness.press(ANNA, harness.last_message(ANNA), "Pain")
    # No pain word the triage knows, but it answers "where does it hurt and how bad?".
    replies = await harness.send(ANNA, "left calf, 4")
    assert any("Tap the one" in text for text in replies)
    with harness.services.transaction() as session:
        [substitution] = session.exec(select(Substitution)).all()
        checkins = session.exec(select(CheckIn)).all()
    assert substitution.reason is None
    assert all(checkin.reason is None and checkin.pain is None for checkin in checkins)


# ------------------------------------------------------------------ check-ins
async def test_checkin_missed_reason_and_choice_are_logged(harness: BotHarness) -> None:
    athlete = onboarded(harness, ANNA)
    harness.clock.now = harness.clock.now.replace(day=26)  # a Thursday: tempo 45
    replies = await harness.send(ANNA, "/checkin now")
    assert any("tempo run, 45 min" in text for text in replies)
    prompt = harness.last_message(ANNA)
    await harness.press(ANNA, prompt, "Missed")
    reasons = harness.last_message(ANNA)
    replies = await harness.press(ANNA, reasons, "Weather")
    assert any("Tap the one" in text for text in replies)
    offer = harness.last_message(ANNA)
    for row in offer["reply_markup"]["inline_keyboard"][:-1]:
        assert "Road cycling" not in row[0]["text"]  # bad weather: indoor only
    await harness.press(ANNA, offer, "1.")
    with harness.services.transaction() as session:
        checkin = repository.get_checkin(session=session, athlete_id=athlete.id or 0,
                                         day=date(2026, 11, 26))
    assert checkin is not None and checkin.status == "swapped"
    assert checkin.reason and "weather" in checkin.reason
    history = await harness.send(ANNA, "/history")
    # The swapped day told once, with the substitute done instead.
    assert any("Thu 26 Nov: " in text and "instead of 45 min tempo run" in text
               for text in history)


async def test_typed_reason_after_missed_is_understood(harness: BotHarness) -> None:
    onboarded(harness, ANNA)
    await harness.send(ANNA, "/checkin now")
    await harness.press(ANNA, harness.last_message(ANNA), "Missed")
    replies = await harness.send(ANNA, "stuck at the airport, only 20 minutes in the hotel")
    assert any("Tap the one" in text for text in replies)


async def test_rest_day_gets_no_checkin_prompt(harness: BotHarness) -> None:
    onboarded(harness, ANNA)
    harness.clock.now = harness.clock.now.replace(day=27)  # Friday: rest in the plan
    replies = await harness.send(ANNA, "/checkin now")
    assert replies == ["Today is a rest day in your plan — enjoy it! Nothing to check in."]


async def test_stale_checkin_button_is_refused(harness: BotHarness) -> None:
    onboarded(harness, ANNA)
    await harness.send(ANNA, "/checkin now")
    prompt = harness.last_message(ANNA)
    harness.clock.now = harness.clock.now.replace(day=29)  # three days later
    replies = await harness.press(ANNA, prompt, "Done")
    assert replies == []
    assert "expired" in harness.callback_answers()[-1]["text"]


async def test_checkin_command_controls_the_schedule(harness: BotHarness) -> None:
    athlete = onboarded(harness, ANNA)
    job_queue = harness.app.job_queue
    assert job_queue is not None
    replies = await harness.send(ANNA, "/checkin 06:45")
    assert any("06:45" in text for text in replies)
    assert len(job_queue.get_jobs_by_name(jobs.job_name(athlete.id or 0))) == 1
    await harness.send(ANNA, "/checkin off")
    assert not [j for j in job_queue.get_jobs_by_name(jobs.job_name(athlete.id or 0))
                if not j.removed]
    bad = await harness.send(ANNA, "/checkin 25:99")
    assert any("/checkin on" in text for text in bad)


@pytest.mark.parametrize("command", ["/checkin 06:45", "/checkin on", "/settings checkin on",
                                     "/settings checkin 06:45"])
async def test_turning_checkins_on_resumes_an_athlete_paused_after_blocking(
    harness: BotHarness, command: str
) -> None:
    athlete = onboarded(harness, ANNA)
    with harness.services.transaction() as session:
        repository.pause_athlete(session=session, athlete_id=athlete.id or 0,
                                 reason="blocked the bot")
    job_queue = harness.app.job_queue
    assert job_queue is not None
    await harness.send(ANNA, command)
    refreshed = harness.athlete(ANNA)
    assert refreshed is not None and not refreshed.paused and refreshed.checkin_enabled
    assert [j for j in job_queue.get_jobs_by_name(jobs.job_name(athlete.id or 0))
            if not j.removed]


async def test_jobs_are_rebuilt_from_the_database_one_per_active_athlete(
    harness: BotHarness,
) -> None:
    active = onboarded(harness, ANNA)
    paused = onboarded(harness, BEN)
    with harness.services.transaction() as session:
        repository.set_checkin_schedule(session=session, athlete_id=active.id or 0,
                                        time=time(6, 15), timezone="America/Los_Angeles")
        repository.pause_athlete(session=session, athlete_id=paused.id or 0, reason="test")
    job_queue = harness.app.job_queue
    assert job_queue is not None
    for job in job_queue.jobs():
        job.schedule_removal()
    assert jobs.rebuild_checkin_jobs(harness.app) == 1
    live = [j for j in job_queue.jobs() if not j.removed]
    # One wake-up per active athlete, plus this worker's dispatcher, which sends them.
    assert sorted(j.name or "" for j in live) == sorted(
        [jobs.job_name(active.id or 0), jobs.DISPATCH_JOB])
    [job] = [j for j in live if j.name == jobs.job_name(active.id or 0)]
    trigger = job.job.trigger  # APScheduler's cron trigger, in the athlete's own zone
    assert str(trigger.timezone) == "America/Los_Angeles"
    assert "hour='6', minute='15'" in str(trigger)


async def test_a_blocked_athlete_is_paused_and_not_retried(harness: BotHarness) -> None:
    athlete = onboarded(harness, ANNA)
    harness.request.block_chat(ANNA.id)
    await harness.send(ANNA, "/help")
    refreshed = harness.athlete(ANNA)
    assert refreshed is not None and refreshed.paused
    with harness.services.transaction() as session:
        scheduled = repository.list_scheduled_athletes(session=session)
    assert athlete.id not in {row.id for row in scheduled}  # no check-in is planned again


def _context(h: BotHarness):  # type: ignore[no-untyped-def]
    from telegram.ext import CallbackContext

    return CallbackContext(h.app)


async def test_flood_control_is_honoured(harness: BotHarness) -> None:
    harness.request.fail_chat(ANNA.id, "retry_after", times=1, retry_after=1,
                              methods=["sendMessage"])
    replies = await harness.send(ANNA, "/help")
    assert any("/swap" in text for text in replies)


# ------------------------------------------------------------------ account
async def test_export_sends_everything_as_json(harness: BotHarness) -> None:
    onboarded(harness, ANNA, injuries=("canary-ankle",))
    await harness.send(ANNA, "/swap easy 40, raining")
    await harness.send(ANNA, "/export")
    [(name, content)] = harness.request.documents(ANNA.id)
    assert name.endswith(".json")
    assert b"canary-ankle" in content and b"substitution" in content.lower()


async def test_forget_needs_confirmation_and_erases_only_that_athlete(
    harness: BotHarness,
) -> None:
    onboarded(harness, ANNA)
    onboarded(harness, BEN)
    await harness.send(ANNA, "/forget")
    confirm = harness.last_message(ANNA)
    await harness.press(ANNA, confirm, "No, keep it")
    assert harness.athlete(ANNA) is not None
    await harness.send(ANNA, "/forget")
    await harness.press(ANNA, harness.last_message(ANNA), "Yes, erase")
    assert harness.athlete(ANNA) is None
    assert harness.athlete(BEN) is not None


async def test_after_forget_settings_commands_and_buttons_create_nothing(
    harness: BotHarness,
) -> None:
    onboarded(harness, ANNA)
    await harness.send(ANNA, "/checkin now")
    prompt = harness.last_message(ANNA)
    await harness.send(ANNA, "/forget")
    await harness.press(ANNA, harness.last_message(ANNA), "Yes, erase")
    assert harness.athlete(ANNA) is None
    for command in ("/checkin off", "/checkin 07:00", "/week", "/cleared", "/profile"):
        replies = await harness.send(ANNA, command)
        assert replies == ["I don't know you yet. Send /start to begin."], command
        assert harness.athlete(ANNA) is None, command
    # A check-in button from before /forget: still nobody.
    await harness.press(ANNA, prompt, "Missed")
    assert harness.athlete(ANNA) is None
    # /start starts anew: a row again, with check-ins off.
    await harness.send(ANNA, "/start")
    row = harness.athlete(ANNA)
    assert row is not None and not row.checkin_enabled


async def test_coach_report_only_for_coaches(harness: BotHarness) -> None:
    onboarded(harness, ANNA)
    await harness.send(ANNA, "/checkin now")
    await harness.press(ANNA, harness.last_message(ANNA), "Missed")
    refused = await harness.send(ANNA, "/coach")
    assert refused == ["Sorry, that command is not available."]
    report = await harness.send(COACH, "/coach")
    assert any("Anna" in text and "missed 1" in text for text in report)


async def test_plan_profile_settings_and_help(harness: BotHarness) -> None:
    onboarded(harness, ANNA, plan=False)
    updated = await harness.send(ANNA, "/plan Mon easy 40, Sat long 100")
    assert any("Saturday: long 100 min" in text for text in updated)
    bad = await harness.send(ANNA, "/plan whenever I feel like it")
    assert any("Which day" in text for text in bad)
    profile = await harness.send(ANNA, "/profile")
    assert any("Equipment: pool, bike, gym" in text for text in profile)
    settings = await harness.send(ANNA, "/settings timezone Europe/Berlin")
    assert any("Timezone: Europe/Berlin" in text for text in settings)
    nonsense = await harness.send(ANNA, "/settings colour blue")
    assert any("didn't understand" in text for text in nonsense)
    help_text = await harness.send(ANNA, "/help")
    assert any("/forget" in text and "/cleared" in text for text in help_text)


async def test_command_menu_is_set_at_start(harness: BotHarness) -> None:
    [call] = harness.request.calls_to("setMyCommands")
    names = [command["command"] for command in call.params["commands"]]
    assert {"swap", "checkin", "cleared", "ask", "forget", "export"} <= set(names)


async def test_a_replayed_update_is_handled_once(harness: BotHarness) -> None:
    payload = text_update(ANNA, "/help", update_id=424242)
    await harness.process(payload)
    await harness.process(payload)
    assert len(harness.request.texts(ANNA.id)) == 1


async def test_old_processed_update_ids_are_pruned(harness: BotHarness) -> None:
    from datetime import timedelta

    from storage.models import ProcessedUpdate

    now = harness.clock.now
    with harness.services.transaction() as session:
        repository.mark_update_processed(session=session, update_id=1,
                                         now=now - timedelta(days=5))
        repository.mark_update_processed(session=session, update_id=2,
                                         now=now - timedelta(hours=2))
    assert harness.app.job_queue is not None
    assert harness.app.job_queue.get_jobs_by_name(jobs.PRUNE_JOB)
    await jobs.prune_processed_updates(_context(harness))
    with harness.services.transaction() as session:
        kept = [row.update_id for row in session.exec(select(ProcessedUpdate))]
    assert 1 not in kept and 2 in kept


async def test_a_health_question_is_not_remembered_without_consent(harness: BotHarness) -> None:
    from storage.models import ConversationTurn

    onboarded(harness, ANNA, consent=False)
    onboarded(harness, BEN, consent=True)
    for user in (ANNA, BEN):
        replies = await harness.send(user, "is swimming ok when my achilles is sore?")
        assert replies
    await harness.send(ANNA, "is cycling good for runners?")
    with harness.services.transaction() as session:
        turns = session.exec(select(ConversationTurn)).all()
    anna = harness.athlete(ANNA)
    assert anna is not None
    remembered = [t.text for t in turns if t.athlete_id == anna.id and t.role == "athlete"]
    assert remembered == ["is cycling good for runners?"]
    assert any("achilles" in t.text for t in turns if t.athlete_id != anna.id)


async def test_the_terminal_chat_never_dispatches_other_athletes_checkins(
    bot_settings: Settings, shared_answerer: Answerer,
) -> None:
    from tests.bot.conftest import Clock, bot_harness, make_services

    clock = Clock()
    services = make_services(bot_settings, shared_answerer, clock)
    async with bot_harness(bot_settings, services, clock, sends_checkins=False) as terminal:
        assert terminal.app.job_queue is not None
        assert terminal.app.job_queue.get_jobs_by_name(jobs.DISPATCH_JOB) == ()
        assert jobs.dispatcher_of(terminal.app) is None


async def test_an_athlete_who_unblocks_and_writes_again_gets_checkins_again(
    harness: BotHarness,
) -> None:
    athlete = onboarded(harness, ANNA)
    harness.request.block_chat(ANNA.id)
    await harness.send(ANNA, "/help")
    paused = harness.athlete(ANNA)
    assert paused is not None and paused.paused
    harness.request.block_chat(ANNA.id, blocked=False)
    replies = await harness.send(ANNA, "/help")
    assert any("/swap" in text for text in replies)
    resumed = harness.athlete(ANNA)
    assert resumed is not None and not resumed.paused
    assert harness.app.job_queue is not None
    assert [job for job in harness.app.job_queue.get_jobs_by_name(jobs.job_name(athlete.id or 0))
            if not job.removed]


# ------------------------------------------------------------------ use cases, multi-turn
async def test_a_red_flag_holds_every_workout_until_cleared(harness: BotHarness) -> None:
    onboarded(harness, ANNA, consent=False)
    flagged = await harness.send(ANNA, "had to stop, chest tightness and my left arm "
                                       "feels weird")
    assert any("doctor" in text for text in flagged)
    for command in ("/swap 40 min tempo", "/checkin now", "missed my run, what now?"):
        replies = await harness.send(ANNA, command)
        assert replies and all("safety pause" in text for text in replies), (command, replies)
        assert "min" not in " ".join(replies)
    held = harness.athlete(ANNA)
    assert held is not None and held.hold_since is not None and held.hold_reason is None
    cleared = await harness.press(ANNA, harness.last_message(ANNA), "checked and cleared")
    assert any("back on" in text for text in cleared)
    offer = await harness.send(ANNA, "/swap")
    assert any("Tap the one" in text for text in offer)


async def test_cleared_command_ends_a_hold(harness: BotHarness) -> None:
    onboarded(harness, ANNA)
    await harness.send(ANNA, "I fainted on my run yesterday")
    replies = await harness.send(ANNA, "/cleared")
    assert any("back on" in text for text in replies)
    row = harness.athlete(ANNA)
    assert row is not None and row.hold_since is None


async def test_the_pain_button_answer_is_read_and_the_coach_sees_it(harness: BotHarness) -> None:
    onboarded(harness, ANNA)
    await harness.send(ANNA, "/checkin now")
    asked = await harness.press(ANNA, harness.last_message(ANNA), "Pain")
    assert any("Where does it hurt" in text for text in asked)
    replies = await harness.send(ANNA, "left knee, 6/10, worse on stairs")
    assert replies[0].startswith("Thanks for telling me: left knee, 6/10.")
    with harness.services.transaction() as session:
        [checkin] = session.exec(select(CheckIn)).all()
    assert (checkin.status, checkin.pain) == ("pain", 6)
    report = await harness.send(COACH, "/coach")
    assert any("Anna" in text and "6/10" in text for text in report)


async def test_on_a_rest_day_swap_asks_which_session_then_offers_and_shows_details(
    harness: BotHarness,
) -> None:
    onboarded(harness, ANNA)
    harness.clock.now = harness.clock.now.replace(day=27)  # Friday: rest in the plan
    asked = await harness.send(ANNA, "/swap")
    assert any("rest day" in text and "Which session" in text for text in asked)
    offer = await harness.press(ANNA, harness.last_message(ANNA), "Thu tempo run, 45 min")
    assert any("45 min tempo run (Thu 26 Nov)" in text for text in offer)
    assert all(len(text) <= 900 for text in offer)
    details = await harness.press(ANNA, harness.last_message(ANNA), "Details")
    assert any("Source:" in text and "Why:" in text for text in details)
    logged = await harness.press(ANNA, harness.last_message(ANNA), "1.")
    assert any("for Thu 26 Nov" in text for text in logged)
    anna = harness.athlete(ANNA)
    assert anna is not None and anna.id is not None
    with harness.services.transaction() as session:
        checkin = repository.get_checkin(session=session, athlete_id=anna.id,
                                         day=date(2026, 11, 26))
    assert checkin is not None and checkin.status == "swapped"


async def test_a_later_correction_updates_the_profile_and_says_what_changed(
    harness: BotHarness,
) -> None:
    athlete = onboarded(harness, ANNA, plan=False)
    with harness.services.transaction() as session:
        repository.set_weekly_plan(session=session, athlete_id=athlete.id or 0, sessions=[
            {"weekday": 1, "kind": "easy", "minutes": 40},
            {"weekday": 5, "kind": "long", "minutes": 120}])
    [long_run] = await harness.send(ANNA, "actually my long run is 2.5 hrs now")
    assert "150 min" in long_run and "was 120 min" in long_run
    [trainer] = await harness.send(ANNA, "I got a bike trainer")
    assert "equipment: +" in trainer
    with harness.services.transaction() as session:
        plan = repository.get_weekly_plan(session=session, athlete_id=athlete.id or 0)
        row = repository.get_athlete_by_telegram_id(session=session, telegram_user_id=ANNA.id)
    assert {(p.weekday, p.kind, p.minutes) for p in plan} == {(1, "easy", 40), (5, "long", 150)}
    assert row is not None and "indoor_bike" in row.equipment
