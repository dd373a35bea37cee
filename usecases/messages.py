"""Free text: whatever an athlete types outside a command, routed to one use case.

Order: triage first (a red flag starts a hold, whatever else the text says); then an
answer the bot is waiting for (a check-in's reason or pain, "which session was it?");
then what the message is about: a missed run, pain, a profile correction, a question
about their own training, greetings and thanks, and anything else goes to the articles.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from coach.language import MessageReading, acknowledges, asks_something, read_message, t
from coach.language.days import corrects, read_day, tells_a_habit
from coach.language.durations import read_kind
from coach.language.lexicon import normalise, pattern
from coach.language.names import day_label, session_label
from coach.language.questions import is_question
from coach.reasons import parse_reason
from storage import repository
from usecases import account, checkins, glossary, plan_moves, questions, safety, swaps
from usecases.ports import Ports
from usecases.replies import Reply
from usecases.snapshot import AthleteSnapshot, load_snapshot

MAX_MESSAGE_CHARS = 4000


async def handle_text(*, ports: Ports, athlete_id: int, text: str) -> Reply:
    """The reply to one free-text message."""
    text = text.strip()
    if not text:
        return Reply(text=t("common.empty"))
    if len(text) > MAX_MESSAGE_CHARS:
        return Reply(text=t("common.too_long", limit=MAX_MESSAGE_CHARS))
    prepared: Reply | questions.Prepared | None = None
    with ports.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=ports.now())
        language = snapshot.language
        flagged = safety.screen(session, snapshot, text)
        if flagged is not None:
            return flagged
        # The athlete's own plan and day: "missed yesterday's run" is yesterday's planned
        # session, "switch my long run to saturdays" frees the day it leaves.
        # "I'd go with 1." is taken only by the very next message: any message ends it.
        recommended = swaps.take_recommendation(
            session, snapshot, swaps.latest_substitution(session, snapshot))
        reading = read_message(text, today=snapshot.today, plan=swaps.plan_map(snapshot))
        intent: str = reading.intent
        waiting = checkins.awaiting(session, snapshot)
        # A question or a thank-you is not the answer we wait for; it is answered as such.
        if (waiting is not None and intent not in ("greeting", "thanks")
                and not (waiting.status == "missed" and "?" in text)):
            return checkins.answer_awaited(session, snapshot, waiting, text)
        # "can i still do thursday's run if im tired?" asks; it answers no "which run?",
        # nor the check-in prompt.
        asks_first = bool(pattern("questions", "opening").match(normalise(text)))
        prompt = checkins.prompted(session, snapshot)
        if prompt is not None and intent not in ("greeting", "thanks", "profile_update",
                                                 "done") and "?" not in text and (
                not asks_first) and (reading.day is None or reading.day == prompt.day):
            # "kinda, did like half of it then my side stitch got bad" after "how did it
            # go?": the answer to the check-in, as the buttons would have given it.
            answered = checkins.answer_prompt(session, snapshot, prompt, text)
            if answered is not None:
                return answered
        # "move my tempo to wednesday": this week's tempo and Wednesday's run trade days;
        # a move told is never the answer to "which run?" nor a correction of options.
        if intent in ("other", "plan_question") and not snapshot.on_hold:
            moved_told = plan_moves.move_this_week(session, snapshot, text)
            if moved_told is not None:
                return moved_told
        latest = swaps.latest_substitution(session, snapshot)
        question = swaps.open_question(latest, snapshot)
        # Pain is news of its own ("knee is achy after the stairs"), never the run meant.
        # "I'm in a hotel until Thursday, what could I do instead of the tempo?" is news
        # of its own, with its own reason: travel answers no "which run?". A session named
        # with travel as its reason, asking nothing ("thursday's tempo, work trip"), does.
        news = parse_reason(text).travel and (asks_something(text) or read_kind(text) is None)
        # A run told done in words ("done it!! 25 mins") answers no "which run did you
        # miss?"; a run only named ("tempo 40 min") does.
        told_done = intent == "done" and bool(pattern("messages", "done").search(
            normalise(text)))
        # "my long run is 2.5 hrs now" changes the plan; it names no run that was missed.
        updates = intent == "profile_update" and bool(reading.update)
        if (question is not None and intent not in ("greeting", "thanks", "pain")
                and not told_done and not asks_first and not news and not updates):
            answered = swaps.answer_which_session(session, snapshot, question, text)
            if answered is not None:
                return answered
        if intent not in ("greeting", "pain"):
            # "ok", "sounds good 👍" right after "I'd go with 1.": that one, logged.
            accepted = swaps.accept_recommendation(session, snapshot, latest, recommended,
                                                   text)
            if accepted is not None:
                return accepted
        if intent not in ("greeting", "thanks", "pain"):
            # "the bike one", "option 2": an offered option chosen in words, not a tap.
            chosen = swaps.choose_by_words(session, snapshot, latest, text)
            if chosen is not None:
                return chosen
            # "what should i do?" right after options: the best fit, recommended.
            picked = swaps.pick_for_them(session, snapshot, latest, text)
            if picked is not None:
                return picked
            # "what about spin class instead?" right after options: as the substitute.
            instead = swaps.activity_asked_instead(session, snapshot, latest, text)
            if instead is not None:
                return instead
        if intent == "other" and not snapshot.on_hold and (
                (corrects(text) and not tells_a_habit(text)) or _names_a_run(text, snapshot)):
            # "sorry i meant wed" after options were offered: for the session meant; so is
            # a run named with no verb ("tuesday intervals, work ran late").
            corrected = swaps.correct_last(session, snapshot, latest, text)
            if corrected is not None:
                return corrected
        if intent in ("other", "article_question", "plan_question") or (
                intent == "missed_run" and is_question(text)):
            # "not the bike, its raining. something inside?": others for the same run (a
            # new missed run or pain is news of its own; "what can i do instead
            # tonight?" asks, and may be about the same run).
            refined = swaps.refine_last(session, snapshot, latest, text)
            if refined is not None:
                return refined
        if intent == "other" and not asks_something(text):
            # "sorry its the left one, more like a 4": the pain just reported, corrected.
            fixed = checkins.correct_pain(session, snapshot, text)
            if fixed is not None:
                return fixed
        # "swap thursday and saturday this week": both sessions move, for this week only.
        traded = plan_moves.swap_days(session, snapshot, text)
        if traded is not None:
            return traded
        defined = glossary.define(text, language)
        if defined is not None:  # "what is zone 2?": the coach's own words, defined
            return Reply(text=defined)
        # "is it ok to play football tomorrow?", "shin's sore, should i avoid
        # breaststroke?": about that activity (a pain said with it is logged too).
        about_activity = questions.activity_answer(snapshot, text)
        if about_activity is not None:
            if parse_reason(text).pain:
                checkins.record_pain(session, snapshot, snapshot.today, text)
            questions.remember(session, snapshot, text, about_activity, now=snapshot.now)
            # "is swimming ok during my taper?": and whether the articles speak to it.
            prepared = questions.with_situation(snapshot, text, about_activity)
            if isinstance(prepared, Reply):
                return prepared
        if prepared is None and intent in ("other", "plan_question") and not snapshot.on_hold:
            # "what can i do in a hotel": the next run, fitted to what a hotel has.
            away = swaps.away_options(session, snapshot, text)
            if away is not None:
                return away
        if prepared is None and intent not in ("profile_update", "done", "greeting",
                                               "thanks") and not snapshot.on_hold:
            # "knee's sore like 5/10, should i run tomorrow?": that run, fitted to how
            # they feel; the pain said is logged as a report of its own.
            # "can i move my long run to saturday?" after a pain report: the move asked,
            # not whether to run on a Saturday that holds nothing.
            ready = questions.ready_answer(snapshot, text) if questions.move_answer(
                snapshot, text) is None else None
            if ready is not None:
                if parse_reason(text).pain:  # "legs feel heavy" is no pain to log
                    checkins.record_pain(session, snapshot, snapshot.today, text)
                # With a pain told before, one line from the articles follows the answer.
                prepared = questions.with_article_line(snapshot, text, ready)
        if prepared is None:
            if intent in ("missed_run", "plan_question", "other") and not snapshot.on_hold:
                # "missed today, can I move it to friday?": both the miss and the move.
                both = plan_moves.missed_and_moved(session, snapshot, text)
                if both is not None:
                    return both
            if intent in ("missed_run", "plan_question") and not snapshot.on_hold:
                # "can i do the intervals thursday instead?": a move asked about, no miss.
                moved = questions.move_answer(snapshot, text)
                if moved is not None:
                    return Reply(text=moved)
            if intent == "missed_run" and not snapshot.on_hold:
                # "should i just skip it?" after options: about that run, not a new one.
                skipping = swaps.skip_question(snapshot, latest, text)
                if skipping is not None:
                    return skipping
            if intent in ("missed_run", "pain") and snapshot.on_hold:
                return safety.reminder(snapshot)
            # "swimming then?" on a pause: whether that activity fits it, not an article.
            asked_on_hold = questions.activity_asked_on_hold(snapshot, text)
            if asked_on_hold is not None:
                return Reply(text=asked_on_hold)
            if intent == "pain":
                return checkins.pain_reply(session, snapshot, snapshot.today, text, checkin=None)
            # "its pouring and i cant get outside, how do i stay on track??" on a rest day:
            # no run was missed; the articles answer it (prepared below).
            if intent == "missed_run" and not _asks_on_a_rest_day(text, snapshot):
                if swaps.reports_pain(text):
                    # "couldn't run, knee hurts on stairs, 3/10": the pain is logged and
                    # triaged as /swap does it, never lost to "which run?".
                    # The day told missed ("yesterday's long run") is the run meant and
                    # the day the pain was felt; a future day is no miss to log pain on.
                    told = reading.day if reading.day and reading.day <= snapshot.today \
                        else snapshot.today
                    return checkins.pain_reply(session, snapshot, told, text,
                                               checkin=None, swap_asked=True)
                return swaps.swap_for(session, snapshot, text, text)
            if intent == "done" and not asks_something(text):
                return _run_done(session, snapshot, reading)
            if intent == "greeting":
                name = snapshot.name or t("questions.there", language=language)
                key = "questions.greeting" if snapshot.onboarded else "questions.greeting_new"
                return Reply(text=t(key, language=language, name=name))
            if intent == "thanks":
                return Reply(text=t("questions.thanks", language=language))
            if intent == "other" and acknowledges(text):
                # "ok", "nope", "cool 👍": nothing asked, so nothing to look up.
                key = ("common.acknowledged_offer" if swaps.open_offer(latest, snapshot)
                       else "common.acknowledged")
                return Reply(text=t(key, language=language))
            if intent != "profile_update" or not reading.update:
                prepared = questions.prepare(session, snapshot, text)
    if intent == "profile_update" and reading.update:
        # "actually my long run is 2.5 hrs now": the profile changes and the reply says how.
        return account.apply_profile_update(ports, athlete_id=athlete_id,
                                            update=reading.update, text=text)
    if isinstance(prepared, Reply):
        return prepared
    assert prepared is not None  # every path above returns or prepares
    return await questions.article_answer(ports, prepared)


def _asks_on_a_rest_day(text: str, snapshot: AthleteSnapshot) -> bool:
    """A question about keeping on track, on a rest day, naming no run and no day: there
    is no missed run to ask about."""
    planned = snapshot.planned_on(snapshot.today)
    return (bool(snapshot.plan) and (planned is None or planned.kind == "rest")
            and is_question(text) and read_kind(text) is None
            and read_day(text, today=snapshot.today) in (None, snapshot.today))


def _names_a_run(text: str, snapshot: AthleteSnapshot) -> bool:
    """A session named by its day and kind, asking nothing ("tuesday intervals, work ran
    late"): after options, the run the athlete meant."""
    return (not asks_something(text) and read_kind(text) is not None
            and read_day(text, today=snapshot.today) is not None)


# A run told as done further back than this is no check-in to log ("did 20 min last month").
DONE_LOGGED_WITHIN = timedelta(days=7)


def _run_done(session: Session, snapshot: AthleteSnapshot, reading: MessageReading) -> Reply:
    """"ran 50 mins today instead of 40, felt great": logged as done for its day (a pain
    report already logged that day stays), and said back with what was read."""
    language = snapshot.language
    if snapshot.on_hold:
        return safety.reminder(snapshot)
    day = reading.day or snapshot.today
    if day > snapshot.today or snapshot.today - day > DONE_LOGGED_WITHIN:
        day = snapshot.today
    run = reading.session
    what = session_label(run.kind, run.minutes, language=language) if (
        run is not None and run.kind is not None and run.minutes) else None
    existing = repository.get_checkin(session=session, athlete_id=snapshot.athlete_id, day=day)
    when = day_label(day, language=language)
    if existing is not None and existing.status == "swapped" and (
            run is None or run.from_plan):
        # "did it, felt ok" after a substitute was chosen: the substitute was done, not
        # the run it replaced; the swap stays logged.
        return Reply(text=t("checkins.done_after_swap", language=language, day=when))
    if existing is None or existing.status != "pain":
        repository.record_checkin(session=session, athlete_id=snapshot.athlete_id, day=day,
                                  status="done", note=f"told: {what}" if what else None,
                                  now=snapshot.now)
    if what:
        return Reply(text=t("checkins.done_told", language=language, session=what, day=when))
    return Reply(text=t("checkins.done_told_plain", language=language, day=when))
