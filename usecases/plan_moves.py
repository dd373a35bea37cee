"""Two plan days swapped for one week ("swap thursday and saturday this week"): each day
holds the other's session for that week only, stored as plan changes; the weekly plan
stays, and the reply says what changed."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from coach.language import names as _names
from coach.language import t
from coach.language.days import read_day, weekdays_in
from coach.language.durations import read_kind
from coach.language.lexicon import normalise, pattern
from coach.language.questions import is_question
from coach.sessions import normalise_kind
from storage import repository
from usecases.replies import Reply
from usecases.snapshot import AthleteSnapshot, PlannedDay
from usecases.swaps import coming

WEEK_DAYS = 7


def _day_meant(today: date, weekday: int, *, week: str | None) -> date:
    """The day falling on ``weekday``: in next calendar week (Monday to Sunday) when the
    athlete said "next week"; in this one when they said "this week" and it is still to
    come; else in the coming seven days, today first ("this week" said on a Saturday about
    Thursday means the coming one: the reply names the dates)."""
    if week == "next":
        return today + timedelta(days=WEEK_DAYS - today.weekday() + weekday)
    this_week = today + timedelta(days=weekday - today.weekday())
    if week == "this" and this_week >= today:
        return this_week
    return coming(today, weekday)


def _session_words(entry: PlannedDay | None, language: str) -> str:
    if entry is None or entry.kind == "rest":
        return t("plan_moves.rest", language=language)
    return _names.session_label(entry.kind, entry.minutes, language=language)


def swap_days(session: Session, snapshot: AthleteSnapshot, text: str) -> Reply | None:
    """"swap thursday and saturday this week": both sessions moved for this week, said
    back. None when the text trades no two days (or trades them for good)."""
    lowered = normalise(text)
    trade, lasting = pattern("messages", "plan_day_trade"), pattern("messages",
                                                                     "plan_move_standing")
    named = list(dict.fromkeys(weekday for weekday, _, _ in weekdays_in(lowered)))
    if not trade.search(lowered) or lasting.search(lowered) or len(named) != 2 \
            or not snapshot.plan:
        return None
    week_said = pattern("messages", "plan_trade_week").search(lowered)
    first, second = sorted(
        _day_meant(snapshot.today, weekday, week=week_said.group(1) if week_said else None)
        for weekday in named)
    return _trade(session, snapshot, first, second)


def move_this_week(session: Session, snapshot: AthleteSnapshot, text: str) -> Reply | None:
    """"move my tempo to wednesday", told, not asked: the run goes to that day this week
    and the run there takes its day (never stacked, never a day rested in silence), said
    back ("can you move it?" asks the coach to: told too). None unless ``text`` moves one
    planned session to one named day; a move for good is a plan update, a question ("can
    i move it?") is answered by questions.move_answer."""
    lowered = normalise(text)
    if ((is_question(text) and not pattern("moves", "asks_coach").search(lowered))
            or not snapshot.plan or not pattern("messages", "plan_move_to").search(lowered)
            or pattern("messages", "plan_move_standing").search(lowered)
            or pattern("messages", "past_tense").search(lowered)):
        return None
    named = read_kind(text)
    targets = list(dict.fromkeys(weekday for weekday, _, _ in weekdays_in(lowered)))
    if named is None or named == "rest" or len(targets) != 1:
        return None
    kind = normalise_kind(named)
    week_said = pattern("messages", "plan_trade_week").search(lowered)
    to = _day_meant(snapshot.today, targets[0], week=week_said.group(1) if week_said else None)
    # The run as the week stands, from today on: the one day that holds that kind.
    holds = [day for day in (snapshot.today + timedelta(days=n) for n in range(WEEK_DAYS))
             if (entry := snapshot.planned_on(day)) is not None
             and normalise_kind(entry.kind) == kind]
    if len(holds) != 1 or holds[0] == to:
        return None
    return _trade(session, snapshot, *sorted((holds[0], to)))


def _trade(session: Session, snapshot: AthleteSnapshot, first: date, second: date) -> Reply:
    """The sessions of ``first`` and ``second`` traded for that week only, said back."""
    language = snapshot.language
    done = [day for day in (first, second) if (record := snapshot.record_of(day)) is not None
            and record.status != "pending"]
    if done:
        return Reply(text=t("plan_moves.already_logged", language=language,
                            day=_names.day_label(done[0], language=language)))
    was_first, was_second = snapshot.planned_on(first), snapshot.planned_on(second)
    if _session_words(was_first, language) == _session_words(was_second, language):
        return Reply(text=t("plan_moves.same", language=language,
                            first=_names.day_label(first, language=language),
                            second=_names.day_label(second, language=language)))
    rest = PlannedDay(weekday=0, kind="rest", minutes=0)
    moved_to_first, moved_to_second = was_second or rest, was_first or rest
    repository.set_plan_changes(
        session=session, athlete_id=snapshot.athlete_id, now=snapshot.now,
        changes=[(first, moved_to_first.kind, moved_to_first.minutes),
                 (second, moved_to_second.kind, moved_to_second.minutes)])
    return Reply(text=t("plan_moves.swapped", language=language,
                        first=_names.day_label(first, language=language),
                        first_now=_session_words(moved_to_first, language),
                        second=_names.day_label(second, language=language),
                        second_now=_session_words(moved_to_second, language)))


def missed_and_moved(session: Session, snapshot: AthleteSnapshot, text: str) -> Reply | None:
    """"missed today, can I move it to friday?": the run is logged as missed and moved to
    the day asked for, this week only (unless that day holds a run already). None when
    the text is not a miss followed by a move to one day."""
    lowered = normalise(text)
    ask = pattern("moves", "move_ask").search(lowered)
    if ask is None or not pattern("messages", "past_tense").search(lowered[:ask.start()]):
        return None
    targets = list(dict.fromkeys(weekday for weekday, _, _ in weekdays_in(lowered[ask.start():])))
    if len(targets) != 1 or not snapshot.plan:
        return None
    news = lowered[:ask.start()]
    missed_on = read_day(news, today=snapshot.today) or snapshot.today
    planned = snapshot.planned_on(missed_on)
    if planned is None or planned.kind == "rest" or missed_on > snapshot.today:
        return None
    to = coming(snapshot.today + timedelta(days=1), targets[0])
    language = snapshot.language
    what = t("questions.ready_what", language=language,
             day=_names.day_label(missed_on, language=language),
             session=_names.session_name(planned.kind, language=language),
             minutes=planned.minutes)
    record = snapshot.record_of(missed_on)
    if record is None or record.status == "pending":
        # The reason is given (the news itself; empty without consent, since it may tell
        # of pain): no "why did you miss it?" is waiting for the next message.
        repository.record_checkin(session=session, athlete_id=snapshot.athlete_id,
                                  day=missed_on, status="missed", now=snapshot.now,
                                  reason=news.strip(" ,;") if snapshot.health_consent else "",
                                  note=f"moved to {to.isoformat()}")
    there = snapshot.planned_on(to)
    to_label = _names.day_label(to, language=language)
    if there is not None and there.kind != "rest":
        return Reply(text=t("missed_moves.target_busy", language=language, what=what,
                            to=to_label, other=_names.session_name(there.kind,
                                                                    language=language),
                            minutes=there.minutes))
    repository.set_plan_changes(session=session, athlete_id=snapshot.athlete_id,
                                now=snapshot.now,
                                changes=[(to, planned.kind, planned.minutes)])
    return Reply(text=t("missed_moves.moved", language=language, what=what, to=to_label))
