"""Swaps: what to do instead of a missed run, sized from the athlete's own plan.

The plan decides what was missed: "my long run" is the plan's long run, "yesterday's run"
and "Tuesday's intervals" are those days' entries, and words that give a duration win over
the plan. On a rest day, or with no plan, the athlete is asked which session it was (plan
sessions as buttons) rather than given an invented one. Options are logged on the day of
the missed session, and the one chosen is the one recorded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from sqlmodel import Session

from coach.catalogue import Activity, load_catalogue
from coach.intent import is_health_related
from coach.language import (
    MessageReading,
    SessionReading,
    acknowledges,
    read_answer,
    read_day,
    read_message,
    read_pain,
    read_session,
    t,
)
from coach.language import names as _names
from coach.language.days import Direction, says_weekend, tense
from coach.language.durations import read_kind
from coach.language.lexicon import entry, normalise, strip_symbols
from coach.language.lexicon import pattern as phrases
from coach.language.questions import is_question
from coach.reasons import parse_reason, says_home_now, stay_ends, without_travel_days
from coach.sessions import MissedSession, SessionKind, SessionParseError, normalise_kind
from coach.substitution import (
    SwapOption,
    SwapResult,
    fit_named_activity,
    skip_line,
    suggest_substitutes,
)
from storage import repository
from storage.models import Substitution
from storage.repository import REST_ACTIVITY, StorageError
from usecases import safety
from usecases.ports import UnitOfWork
from usecases.replies import Button, Reply
from usecases.snapshot import AthleteSnapshot, PlannedDay, load_snapshot

CHOOSE_ACTION = "swap"
DETAILS_ACTION = "swd"
SESSION_ACTION = "swq"
STALE_AFTER = timedelta(days=3)
QUESTION_OPEN_FOR = timedelta(hours=6)
MAX_TEXT = 1000
SCREEN_CHARS = 900  # one phone screen
# A pain report's reply carries its thanks before the options: the whole, buttons
# included, must still fit a phone screen with room to spare, so the options' reasons are
# cut to their first clause, then left to Details.
PAIN_SCREEN_CHARS = 700
_SHORT_WHY = 80  # an option's reason cut to a clause when the reply is over its budget
_NO_WHY = 0  # the option's name, minutes and effort only


@dataclass(frozen=True, slots=True)
class MissedRun:
    """The session that did not happen, and on which day."""

    day: date
    kind: SessionKind
    minutes: int
    from_plan: bool
    reps: int | None = None
    work_minutes: float | None = None
    rest_minutes: float | None = None

    @property
    def label(self) -> str:
        return _names.session_label(self.kind, self.minutes)

    def session(self) -> MissedSession:
        return MissedSession(kind=self.kind, minutes=self.minutes, reps=self.reps,
                             work_minutes=self.work_minutes, rest_minutes=self.rest_minutes)


@dataclass(frozen=True, slots=True)
class AskWhich:
    """Not enough to go on: ask which session (``rest_day``: the day's plan is rest;
    ``said_kind``: the kind named, which the day's plan does not have)."""

    day: date
    rest_day: bool
    said_kind: str | None = None
    already_done: bool = False  # a bare /swap on a day whose run is logged as done
    # The day was told ("last tuesday", "the 17th"), not taken as today: the session
    # picked for a rest day told is the one moved there, so it is logged on that day.
    told: bool = False


def session_name(kind: str, language: str = "en") -> str:
    """"interval session", "easy run": the names are language data (names.yaml)."""
    return _names.session_name(kind, language=language)


def day_label(day: date, language: str = "en") -> str:
    """"Tue 24 Nov"."""
    return _names.day_label(day, language=language)


def most_recent(today: date, weekday: int) -> date:
    """The latest day on or before ``today`` that falls on ``weekday``."""
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def coming(today: date, weekday: int) -> date:
    """The first day on or after ``today`` that falls on ``weekday``."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


PLAN_AHEAD_DAYS = 6  # "tomorrow instead of the intervals": a swap for the coming week


def missed_day(text: str, today: date, *, otherwise: Direction = "nearest",
               plan: dict[int, tuple[str, int]] | None = None) -> date | None:
    """The day ``text`` names for the run missed, or None when it names none.

    A message the language layer reads as a missed run takes that reading's day: it
    weighs every day told ("missed sat's easy 40 and sunday's long run", "weekend was a
    write-off", "didnt run last night (sunday)"). Otherwise (the answer to "which
    session?", a question about a run ahead) the day is read in its tense: a past day when
    told in the past ("skipped tuesday's run"), a day of the coming week when asked or
    told ahead ("what should i do instead of tuesday's run?", "cant do thursday"), else
    the nearer one (or ``otherwise``: "past" for the answer to a question about a day
    gone); never further ahead than the coming week."""
    return _said_day(text, today, otherwise=otherwise, told=_told_missed(text, today, plan))


def _said_day(text: str, today: date, *, otherwise: Direction,
              told: MessageReading | None) -> date | None:
    """``missed_day`` with the language layer's reading already taken (``told``)."""
    lowered = normalise(text)
    asked = is_question(text) and bool(phrases("questions", "opening").match(lowered))
    # "in a hotel until thursday", "flight tomorrow": the trip's days, not the run's.
    day = read_day(_run_clauses(without_travel_days(text), today), today=today,
                   direction=tense(text, ahead=asked, otherwise=otherwise))
    if day is None:
        return None  # no day told: the caller's default (or today) is the run's day
    if told is not None and told.day is not None:
        day = told.day
    if day > today + timedelta(days=PLAN_AHEAD_DAYS):
        day = most_recent(today, day.weekday())
    return day


def _told_missed(text: str, today: date,
                 plan: dict[int, tuple[str, int]] | None) -> MessageReading | None:
    """The language layer's reading of ``text`` when it tells a missed run, else None."""
    if not text.strip():
        return None
    reading = read_message(text, today=today, plan=plan)
    return reading if reading.intent == "missed_run" else None


def _run_clauses(text: str, today: date) -> str:
    """The clause telling the run missed, when a reason told beside it holds a day of
    its own ("last night i couldnt sleep so no run this morning": this morning's run);
    of several told missed, the latest, as the language reader takes it."""
    clauses = re.split(r"\b(?:so|because|cause|cos|coz|bc)\b", normalise(text))
    missed = phrases("messages", "missed")
    told = [(day, clause) for clause in clauses if missed.search(clause)
            and (day := read_day(clause, today=today)) is not None]
    if len(clauses) > 1 and told and (len(told) < len(clauses)
                                      or len({day for day, _ in told}) > 1):
        return max(told, key=lambda pair: pair[0])[1]
    return text


def plan_map(snapshot: AthleteSnapshot) -> dict[int, tuple[str, int]]:
    """The plan as the language readers take it: weekday -> (kind, minutes)."""
    return {weekday: (entry.kind, entry.minutes) for weekday, entry in snapshot.plan.items()}


def _latest_of_kind(snapshot: AthleteSnapshot, kind: str, before: date) -> PlannedDay | None:
    entries = [entry for entry in snapshot.plan.values() if entry.kind == kind]
    if not entries:
        return None
    return min(entries, key=lambda entry: (before - most_recent(before, entry.weekday)).days)


def resolve_missed(snapshot: AthleteSnapshot, text: str, *,
                   default_day: date | None = None) -> MissedRun | AskWhich:
    """Which session ``text`` says was missed, from the athlete's words and plan."""
    today = snapshot.today
    plan = plan_map(snapshot)
    told = _told_missed(text, today, plan)
    # Read as a missed run, the message's own session: of several runs told, the one
    # missed ("monday went fine, tuesday's tempo didn't happen": the tempo).
    reading = told.session if told is not None else (
        read_session(text, today=today, plan=plan) if text.strip() else None)
    if told is None and reading is not None and (reading.from_plan or reading.minutes is None):
        # "easy 45, achilles a bit niggly": minutes said in the clause naming the run are
        # the athlete's, whatever the rest of the message goes on about.
        stated = _stated_in_a_clause(snapshot, text)
        if stated is not None:
            reading = stated
    # Said about a day already named (the answer to "which session?", a correction), a
    # weekday with no tense points the same way that day does.
    otherwise: Direction = "nearest" if default_day is None else (
        "past" if default_day <= today else "future")
    said_day = _said_day(text, today, otherwise=otherwise, told=told) if text.strip() else None
    if reading is not None and reading.day is not None and says_weekend(normalise(text)):
        # "can't do the long one this weekend": the weekend's day whose plan holds it.
        said_day = reading.day
    day = said_day or default_day or today
    # Minutes the reader took from the plan belong to the day it chose; the plan is
    # consulted below for the day meant here. Only minutes the athlete wrote count.
    minutes = reading.minutes if reading is not None and not reading.from_plan else None
    if minutes is not None and minutes <= 0:
        minutes = None  # a rest day's 0 minutes is no length of a missed run
    kind: str | None = reading.kind if reading is not None else None
    # The reader may fill a kind from the weekly plan, or "easy", when none was said; only
    # a named kind counts (the day's own session, a one-week change too, is found below).
    if read_kind(text) is None:
        kind = None
    extras: dict[str, Any] = {}
    if reading is not None:
        extras = {"reps": reading.reps, "work_minutes": reading.work_minutes,
                  "rest_minutes": reading.rest_minutes}

    def made(run_day: date, run_kind: str, run_minutes: int, from_plan: bool) -> MissedRun:
        return MissedRun(day=run_day, kind=normalise_kind(run_kind), minutes=run_minutes,
                         from_plan=from_plan, **extras)

    planned = snapshot.planned_on(day)
    has_plan = bool(snapshot.plan)
    working = planned is not None and planned.kind != "rest"
    if kind is not None and kind != "rest":
        if minutes is not None:
            return made(day, kind, minutes, False)
        if working and planned is not None and planned.kind == kind:
            return made(day, kind, planned.minutes, True)
        if said_day is not None and said_day != today and working and planned is not None \
                and not (kind == "easy" and planned.kind == "recovery"):
            # "skipped yday's hills" when the plan had tempo: the words and the plan
            # disagree about a day gone, so ask (as on a rest day) rather than log a
            # session not planned. "My tempo today" is today's run, moved by the athlete.
            return AskWhich(day=day, rest_day=False, said_kind=kind)
        if said_day is not None and said_day != today and has_plan and not working:
            # "skipped yesterday's easy run" when the plan had yesterday as rest: ask
            # which run was meant rather than log a run the plan never held.
            return AskWhich(day=day, rest_day=True, said_kind=kind, told=True)
        entry = _latest_of_kind(snapshot, kind, today if said_day is None else day)
        if entry is not None:
            run_day = most_recent(day, entry.weekday) if said_day is None else day
            return made(run_day, kind, entry.minutes, True)
        return AskWhich(day=day, rest_day=has_plan and not working,
                        told=said_day is not None)
    if working and planned is not None:
        return made(day, planned.kind, minutes if minutes is not None else planned.minutes,
                    minutes is None)
    if minutes is not None:
        return made(day, "long" if minutes >= 90 else "easy", minutes, False)
    return AskWhich(day=day, rest_day=has_plan and not working, told=said_day is not None)


def _stated_in_a_clause(snapshot: AthleteSnapshot, text: str) -> SessionReading | None:
    """The first clause naming a run with minutes of its own ("easy 45" in "easy 45,
    achilles a bit niggly"), read alone; None when no clause states its minutes."""
    for clause in re.split(r"[,;.!?]|\s[-–]\s|\bbut\b", text):
        if not clause.strip() or read_kind(clause) is None:
            continue
        reading = read_session(clause, today=snapshot.today, plan=plan_map(snapshot))
        if reading is not None and not reading.from_plan and reading.minutes:
            return reading
    return None


def reports_pain(text: str) -> bool:
    """The text says where it hurts or how much ("achilles a bit niggly", "knee 4/10")."""
    pain = read_pain(text)
    return bool(pain.sites or pain.score is not None)


def stored_reason(snapshot: AthleteSnapshot, reason: str, *, health: bool) -> str | None:
    if not reason.strip():
        return None
    if (health or is_health_related(reason)) and not snapshot.health_consent:
        return None  # a health detail, and no consent to keep it
    return reason[:500]


def first_sentence(text: str, limit: int = 140, *, naming: Sequence[str] = ()) -> str:
    """The first sentence of ``text``; over ``limit``, from its first clause that can
    stand alone, as many clauses as fit ("After breaking her tailbone, ... the author
    kept fit with flat running" gives "The author kept fit with flat running.", never
    "After breaking her tailbone."; "... power for quicker, more efficient strides, like
    ..." keeps "more efficient strides"). ``naming``: words of the option the sentence is
    said of; a clause naming it is never cut ("kept fit with flat running, stairs and
    more strength work" said of strength keeps "more strength work")."""
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    if len(sentence) > limit:
        pieces = re.split(r"([;:,]\s)", sentence)
        clauses, joins = pieces[::2], pieces[1::2]
        opener = phrases("clauses", "subordinate_openers")
        start = next((i for i, c in enumerate(clauses)
                      if c.strip() and not opener.match(c.strip().lower())), 0)
        kept = clauses[start].strip()
        # Words for running itself name no one option ("deep-water running").
        words = [word for word in naming if len(word) > 3
                 and word not in entry("activities", "running_words")]
        named = next((i for i, clause in enumerate(clauses) if i >= start and any(
            word in clause.lower() for word in words)), None)
        for position, (join, clause) in enumerate(
                zip(joins[start:], clauses[start + 1:], strict=False), start=start + 1):
            needed = named is not None and position <= named
            if not needed and len(kept) + len(join) + len(clause.rstrip(".")) + 1 > limit:
                break
            kept += join + clause
        kept = kept.strip().rstrip(".,;:")
        sentence = kept[:1].upper() + kept[1:] + "."
    return sentence


def _after_first_sentence(text: str) -> str:
    first = first_sentence(text)
    rest = text.strip()[len(first):].strip() if text.strip().startswith(first) else ""
    return rest or text.strip()


def _note_lines(result: SwapResult, language: str) -> list[str]:
    """The note's cautions, without the skip line (the Skip button says it)."""
    note = (result.note or "").replace(skip_line(language), "").strip()
    return [sentence for sentence in re.split(r"(?<=[.!?])\s+", note) if sentence]


def _option_line(index: int, option: SwapOption, language: str,
                 why_limit: int = 140) -> str:
    if why_limit == _NO_WHY:
        if option.activity == REST_ACTIVITY:
            return t("swaps.rest_line_bare", language=language, index=index)
        return t("swaps.option_line_bare", language=language, index=index, name=option.name,
                 minutes=option.minutes, effort=option.effort)
    why = first_sentence(option.why, why_limit,
                         naming=re.split(r"[\s-]+", option.name.lower()))
    if option.activity == REST_ACTIVITY:
        return t("swaps.rest_line", language=language, index=index, why=why)
    return t("swaps.option_line", language=language, index=index, name=option.name,
             minutes=option.minutes, effort=option.effort, why=why)


def _option_button(index: int, option: dict[str, Any] | SwapOption, substitution_id: int,
                   language: str) -> Button:
    data = option.to_json() if isinstance(option, SwapOption) else option
    if data.get("activity") == REST_ACTIVITY:
        label = t("swaps.rest_button", language=language, index=index)
    else:
        label = t("swaps.option_button", language=language, index=index, name=data.get("name"),
                  minutes=data.get("minutes"))
    return Button(label=label, action=CHOOSE_ACTION, args=(str(substitution_id), str(index)))


def options_reply(snapshot: AthleteSnapshot, missed: MissedRun, result: SwapResult,
                  substitution_id: int, *, intro: str | None = None,
                  replacing: bool = False, pain: bool = False) -> Reply:
    """The short reply: what was missed (or is replaced), cautions, the options in a line
    each. ``pain``: the reply to a pain report, the options first and within
    PAIN_SCREEN_CHARS."""
    language = snapshot.language
    ahead = replacing or missed.day > snapshot.today
    line = "swaps.ahead_line" if ahead else "swaps.missed_line"
    head = [t(line, language=language, session=missed.label,
              day=day_label(missed.day, language))]
    notes = _note_lines(result, language)
    options = result.options
    # "Instead of: X." then "Instead, pick one:" would say it twice.
    intro_key = "swaps.options_intro_ahead" if ahead else "swaps.options_intro"
    if not options:
        notes.append(t("swaps.no_option_fits", language=language))
    budget = PAIN_SCREEN_CHARS if pain else SCREEN_CHARS

    def compose(why_limit: int) -> str:
        listed = [t(intro_key, language=language)] if options else []
        listed += [_option_line(i, option, language, why_limit)
                   for i, option in enumerate(options, 1)]
        tap = t("swaps.tap", language=language) if options else ""
        if pain:
            # A pain report: the answer (the options) first, the one caution line after.
            parts = [intro, " ".join(head), "\n".join(listed), " ".join(notes), tap]
        else:
            parts = [intro, " ".join(head), " ".join(notes), "\n".join([*listed, tap])]
        return "\n\n".join(part for part in parts if part)

    buttons: list[tuple[Button, ...]] = [
        (_option_button(i, option, substitution_id, language),)
        for i, option in enumerate(options, 1)]
    bottom = [Button(label=t("swaps.details_button", language=language), action=DETAILS_ACTION,
                     args=(str(substitution_id),))]
    if not any(option.activity == REST_ACTIVITY for option in options):
        bottom.append(Button(label=t("swaps.skip_button", language=language),
                             action=CHOOSE_ACTION, args=(str(substitution_id), "skip")))
    buttons.append(tuple(bottom))
    # A pain reply is measured as the phone shows it: the buttons take room too.
    shown = sum(len(button.label) for row in buttons for button in row) if pain else 0

    # Cautions are kept, but the reply must fit one screen: the options' reasons shrink
    # to a clause first, then (for a pain reply) go to Details, then the later cautions go.
    steps = (140, _SHORT_WHY, _NO_WHY) if pain else (140, _SHORT_WHY)
    for why_limit in steps:
        text = compose(why_limit)
        if len(text) + shown <= budget:
            break
    while len(text) + shown > budget and len(notes) > 1:
        notes.pop()
        text = compose(why_limit)
    return Reply(text=text, buttons=tuple(buttons))


def offer(session: Session, snapshot: AthleteSnapshot, missed: MissedRun, reason: str, *,
          checkin_id: int | None = None, health: bool = False,
          intro: str | None = None, replacing: bool = False, pain: bool = False) -> Reply:
    """Options for ``missed`` (the hold already checked), logged for its day;
    ``replacing``: the session is not missed but swapped ahead (a pain report); ``pain``:
    the reply to a pain report (see options_reply)."""
    reason = with_recent_stay(session, snapshot, reason)
    result = suggest_substitutes(athlete=snapshot.context(), missed=missed.session(),
                                 reason=reason, today=snapshot.today, missed_on=missed.day)
    if checkin_id is None:
        # Told outside a check-in: linked to that day's check-in if there is one. Words
        # alone change no check-in; the choice logs the day (choose_option).
        existing = repository.get_checkin(session=session, athlete_id=snapshot.athlete_id,
                                          day=missed.day)
        checkin_id = existing.id if existing is not None else None
    substitution = repository.record_substitution(
        session=session, athlete_id=snapshot.athlete_id,
        missed={"kind": missed.kind, "minutes": missed.minutes, "day": missed.day.isoformat(),
                "label": missed.label, "from_plan": missed.from_plan},
        reason=stored_reason(snapshot, reason, health=health),
        options=[option.to_json() for option in result.options],
        checkin_id=checkin_id, now=snapshot.now,
    )
    assert substitution.id is not None
    return options_reply(snapshot, missed, result, substitution.id, intro=intro,
                         replacing=replacing, pain=pain)


STAY_FOR = timedelta(days=3)  # a hotel said is where the athlete is for a few days


@cache
def _back_home() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(entry('messages', 'back_home'))})\b")


def with_recent_stay(session: Session, snapshot: AthleteSnapshot, reason: str) -> str:
    """``reason`` with the hotel the athlete told of in the last few days ("travelling all
    week, only a hotel gym", "hotel has a pool actually"), so a later swap ("missed my run
    today, flight delayed") still fits what a hotel has; unchanged when this reason names
    a hotel itself, says they are back home, or no hotel was told of lately."""
    if (parse_reason(reason).hotel or _back_home().search(normalise(reason))
            or says_home_now(reason)):
        return reason
    for row in repository.list_substitutions(session=session, athlete_id=snapshot.athlete_id,
                                             limit=5):
        if snapshot.now - row.created_at > STAY_FOR:
            break
        if row.reason and _back_home().search(normalise(row.reason)):
            break
        ends = stay_ends(row.reason, told_on=row.created_at.date()) if row.reason else None
        if ends is not None and snapshot.today > ends:
            break  # "in a hotel until thursday", and thursday has gone by
        if row.reason and parse_reason(row.reason).hotel:
            return f"{reason}; {row.reason}" if reason.strip() else row.reason
    return reason


def ask_which(session: Session, snapshot: AthleteSnapshot, ask: AskWhich, reason: str, *,
              checkin_id: int | None = None, health: bool = False,
              intro: str | None = None) -> Reply:
    """Ask which session was missed; the question is stored (no options yet), so the
    answer is understood after a restart too."""
    language = snapshot.language
    substitution = repository.record_substitution(
        session=session, athlete_id=snapshot.athlete_id,
        missed={"ask": True, "day": ask.day.isoformat(),
                **({"told": True} if ask.told and ask.rest_day else {})},
        reason=stored_reason(snapshot, reason, health=health), options=[],
        checkin_id=checkin_id, now=snapshot.now,
    )
    assert substitution.id is not None
    if not snapshot.plan:
        text = t("swaps.ask_session_no_plan", language=language)
        buttons: tuple[tuple[Button, ...], ...] = ()
    else:
        planned = snapshot.planned_on(ask.day)
        # "missed my intervals yesterday" on a rest day: where the plan has intervals.
        said_on = [entry.weekday for entry in sorted(snapshot.plan.values(),
                                                     key=lambda e: e.weekday)
                   if ask.said_kind is not None and entry.kind == ask.said_kind]
        if ask.rest_day and not ask.already_done and said_on and (
                planned is None or planned.kind == "rest"):
            text = t("swaps.ask_session_rest_day_kind_elsewhere", language=language,
                     day=day_label(ask.day, language),
                     session=session_name(str(ask.said_kind), language),
                     weekdays=t("swaps.weekdays_or", language=language,
                                first=", ".join(_names.weekday_short(w, language=language)
                                                for w in said_on[:-1]),
                                last=_names.weekday_short(said_on[-1], language=language))
                     if len(said_on) > 1 else _names.weekday_short(said_on[0],
                                                                   language=language))
        elif ask.said_kind is not None and planned is not None and planned.kind != "rest":
            text = t("swaps.ask_session_other_kind", language=language,
                     day=day_label(ask.day, language),
                     planned=_names.session_label(planned.kind, planned.minutes,
                                                  language=language),
                     said=_names.session_with_article(ask.said_kind, language=language))
        else:
            key = ("swaps.ask_session_done" if ask.already_done
                   else "swaps.ask_session_rest_day" if ask.rest_day else "swaps.ask_session")
            text = t(key, language=language, day=day_label(ask.day, language))
        buttons = _session_buttons(
            [entry for entry in sorted(snapshot.plan.values(), key=lambda e: e.weekday)
             if entry.kind != "rest"], question_id=substitution.id, language=language)
    return Reply(text=f"{intro}\n\n{text}" if intro else text, buttons=buttons)


def _session_buttons(entries: Sequence[PlannedDay], *, question_id: int | None,
                     language: str) -> tuple[tuple[Button], ...]:
    """One button a row per run ("Thu tempo 45 min"), each answering the stored "which
    session?" ``question_id`` with its weekday."""
    return tuple(
        (Button(label=t("swaps.session_button", language=language,
                        weekday=_names.weekday_short(entry.weekday, language=language),
                        session=session_name(entry.kind, language), minutes=entry.minutes),
                action=SESSION_ACTION, args=(str(question_id), str(entry.weekday))),)
        for entry in entries)


def swap_for(session: Session, snapshot: AthleteSnapshot, text: str, reason: str, *,
             default_day: date | None = None, checkin_id: int | None = None,
             health: bool = False, intro: str | None = None) -> Reply:
    """Resolve the missed session from ``text`` and offer options, or ask which it was."""
    try:
        missed = resolve_missed(snapshot, text, default_day=default_day)
    except SessionParseError as problem:
        return Reply(text=t("swaps.bad_session", language=snapshot.language,
                            problem=str(problem)))
    if isinstance(missed, AskWhich):
        return ask_which(session, snapshot, missed, reason, checkin_id=checkin_id,
                         health=health, intro=intro)
    return offer(session, snapshot, missed, reason, checkin_id=checkin_id, health=health,
                 intro=intro)


def next_planned_run(snapshot: AthleteSnapshot) -> MissedRun | None:
    """Today's planned run if it is still to do, else the next one of the coming week."""
    for ahead in range(PLAN_AHEAD_DAYS + 1):
        day = snapshot.today + timedelta(days=ahead)
        planned = snapshot.planned_on(day)
        record = snapshot.record_of(day)
        if planned is None or planned.kind == "rest" or (
                record is not None and record.status != "pending"):
            continue
        return MissedRun(day=day, kind=normalise_kind(planned.kind), minutes=planned.minutes,
                         from_plan=True)
    return None


def away_options(session: Session, snapshot: AthleteSnapshot, text: str) -> Reply | None:
    """"what can i do in a hotel", "travelling, only a hotel gym": options for the run the
    message names, else the next one planned, from what a hotel has (a treadmill, a bike,
    the room; a pool only when said). None when the text says no stay in a hotel, or no
    run is planned to fit them to."""
    if not parse_reason(text).hotel:
        return None
    named = resolve_missed(snapshot, text) if (read_kind(text) or read_day(
        text, today=snapshot.today)) else None
    missed = named if isinstance(named, MissedRun) else next_planned_run(snapshot)
    if missed is None:
        return None
    return offer(session, snapshot, missed, text, replacing=missed.day >= snapshot.today)


def _just_offered(latest: Substitution, snapshot: AthleteSnapshot) -> bool:
    """Options offered within the last few hours and none chosen: a message may still
    correct them or ask for others."""
    return (bool(latest.options) and latest.chosen_activity is None
            and snapshot.now - latest.created_at <= QUESTION_OPEN_FOR)


def correct_last(session: Session, snapshot: AthleteSnapshot, latest: Substitution | None,
                 text: str) -> Reply | None:
    """"sorry i meant wed" just after options were offered: options for the session the
    athlete meant, for the same reason; None when nothing recent is open to correct or
    the text names no other session. ``latest``: latest_substitution."""
    if latest is None or not _just_offered(latest, snapshot):
        return None
    before = _substitution_day(latest, snapshot.today)
    resized = _resized(snapshot, latest, before, text)
    if isinstance(resized, MissedRun):
        return offer(session, snapshot, resized, latest.reason or "",
                     checkin_id=latest.checkin_id,
                     intro=t("swaps.resized", language=snapshot.language,
                             minutes=resized.minutes))
    if resized is not None:
        return resized
    missed = resolve_missed(snapshot, text, default_day=before)
    if isinstance(missed, AskWhich):
        return ask_which(session, snapshot, missed, latest.reason or "",
                         checkin_id=latest.checkin_id)
    if missed.day == before and missed.kind == latest.missed.get("kind"):
        return None
    return offer(session, snapshot, missed, latest.reason or "", checkin_id=latest.checkin_id,
                 intro=t("swaps.corrected", language=snapshot.language))


def refine_last(session: Session, snapshot: AthleteSnapshot, latest: Substitution | None,
                text: str) -> Reply | None:
    """"hmm not the bike, its raining. something inside?" just after options: the same
    run offered again with what the message adds (rain, a time cap, an activity ruled
    out) on top of the reason already given. None when nothing recent is open, or the
    message names a run or day of its own (correct_last's) or asks for nothing else."""
    if latest is None or snapshot.on_hold or not _just_offered(latest, snapshot):
        return None
    lowered = normalise(strip_symbols(text))
    day = _substitution_day(latest, snapshot.today)
    said_day = read_day(text, today=snapshot.today)
    if read_kind(text) is not None or said_day not in (None, day, snapshot.today):
        return None
    info = parse_reason(text)
    if not (phrases("refine", "asks_another").search(lowered) or info.lacking_equipment
            or (_gives_a_reason(text) and not info.pain)):
        return None
    if said_day == snapshot.today != day and phrases("messages", "past_tense").search(lowered):
        return None  # "missed today's too, same again": news of today's run
    if (said_day == snapshot.today != day and _still_to_do(snapshot, snapshot.today)
            and (held := snapshot.planned_on(day)) is not None and held.kind != "rest"
            and day.weekday() != snapshot.today.weekday()):
        # "what can i do instead tonight? only 30 min" after options for Thursday, with a
        # run of today's still to do: which of the two is meant is asked, not guessed.
        return _ask_which_of_two(session, snapshot, latest, day, text)
    kind = str(latest.missed.get("kind") or "")
    minutes = latest.missed.get("minutes")
    if not kind or kind == "rest" or not isinstance(minutes, int) or minutes <= 0:
        return None
    try:
        same = MissedRun(day=day, kind=normalise_kind(kind), minutes=minutes,
                         from_plan=bool(latest.missed.get("from_plan")))
    except SessionParseError:
        return None
    # What was said before still holds ("family lunch", "knee 3/10"); the new words add.
    reason = ". ".join(part for part in (latest.reason or "", text) if part.strip())
    return offer(session, snapshot, same, reason, checkin_id=latest.checkin_id,
                 intro=t("swaps.refined", language=snapshot.language))


def _still_to_do(snapshot: AthleteSnapshot, day: date) -> bool:
    """``day`` holds a run not logged yet."""
    planned, record = snapshot.planned_on(day), snapshot.record_of(day)
    return (planned is not None and planned.kind != "rest"
            and (record is None or record.status == "pending"))


def _ask_which_of_two(session: Session, snapshot: AthleteSnapshot, latest: Substitution,
                      day: date, text: str) -> Reply:
    """One short question with two buttons: the run options were just offered for
    (``day``) or today's; stored as a "which session?" about today, so a tap or a typed
    answer ("the tempo") gets options with what ``text`` added (a time cap, rain)."""
    language = snapshot.language
    reason = ". ".join(part for part in (latest.reason or "", text) if part.strip())
    question = repository.record_substitution(
        session=session, athlete_id=snapshot.athlete_id,
        missed={"ask": True, "day": snapshot.today.isoformat()},
        reason=stored_reason(snapshot, reason, health=False), options=[],
        checkin_id=latest.checkin_id, now=snapshot.now)
    assert question.id is not None
    entries = [entry for when in (day, snapshot.today)
               if (entry := snapshot.planned_on(when)) is not None]  # both runs: see caller
    offered = str(latest.missed.get("label") or "") or session_name(
        str(latest.missed.get("kind") or ""), language)
    today_run = entries[-1]
    return Reply(
        text=t("swaps.ask_which_of_two", language=language, day=day_label(day, language),
               offered=offered, today=_names.session_label(
                   today_run.kind, today_run.minutes, language=language)),
        buttons=_session_buttons(entries, question_id=question.id, language=language))


def _length_only(snapshot: AthleteSnapshot, text: str) -> int | None:
    """The minutes a message says when it names no day and no kind of run ("it was 50
    min", "the 40 min one"); None otherwise."""
    reading = read_session(text, today=snapshot.today, plan=plan_map(snapshot))
    if (reading is None or reading.from_plan or not reading.minutes or reading.day is not None
            or read_kind(text) is not None):
        return None
    return reading.minutes


def _resized(snapshot: AthleteSnapshot, latest: Substitution, day: date,
             text: str) -> MissedRun | Reply | None:
    """"actually it was 50 min not 60" after options: the same run, its length corrected
    (options for the new length, or word that the length is already so); None when the
    text names a day or a kind of its own, or no length."""
    minutes = _length_only(snapshot, text)
    if minutes is None:
        return None
    kind = str(latest.missed.get("kind") or "")
    if not kind:
        return None
    language = snapshot.language
    if minutes == latest.missed.get("minutes"):
        return Reply(text=t("swaps.length_already", language=language,
                            session=str(latest.missed.get("label", "")),
                            day=day_label(day, language)))
    if kind == "rest":
        return None
    # The run keeps its day and kind; only the length said is the athlete's now.
    return MissedRun(day=day, kind=normalise_kind(kind), minutes=minutes, from_plan=False)


def skip_question(snapshot: AthleteSnapshot, latest: Substitution | None,
                  text: str) -> Reply | None:
    """"should i just skip it?" while options offered for a run await a choice: skipping
    is fine, said about that run, with its Skip button. None when the text is no such
    question (it tells of a run skipped) or no options await a choice. ``latest``:
    latest_substitution."""
    lowered = normalise(text)
    if not (is_question(text) and phrases("questions", "opening").match(lowered)) or (
            phrases("messages", "past_tense").search(lowered)):
        return None
    if read_kind(text) or read_day(text, today=snapshot.today):
        return None  # "can i skip tomorrow's tempo?" names its own run
    if latest is None or not open_offer(latest, snapshot):
        return None
    language = snapshot.language
    day = day_label(_substitution_day(latest, snapshot.today), language)
    text = t("swaps.skip_ok", language=language, day=day,
             session=str(latest.missed.get("label", "")))
    skip = Button(label=t("swaps.skip_button", language=language), action=CHOOSE_ACTION,
                  args=(str(latest.id or 0), "skip"))
    return Reply(text=text, buttons=((skip,),))


def latest_substitution(session: Session, snapshot: AthleteSnapshot) -> Substitution | None:
    """The athlete's latest offer or "which session?" question, if any."""
    rows = repository.list_substitutions(session=session, athlete_id=snapshot.athlete_id,
                                         limit=1)
    return rows[0] if rows else None


def open_question(latest: Substitution | None, snapshot: AthleteSnapshot) -> Substitution | None:
    """``latest`` (:func:`latest_substitution`) if it is a "which session was it?" still
    waiting for an answer."""
    if (latest is None or latest.options or not latest.missed.get("ask")
            or latest.chosen_activity is not None
            or snapshot.now - latest.created_at > QUESTION_OPEN_FOR):
        return None
    return latest


def answer_which_session(session: Session, snapshot: AthleteSnapshot, question: Substitution,
                    text: str) -> Reply | None:
    """The athlete's typed answer to "which session?", or None when it names none."""
    default_day = date.fromisoformat(str(question.missed.get("day")))
    planned = snapshot.planned_on(default_day)
    minutes = _length_only(snapshot, text)
    if minutes is not None and (planned is None or planned.kind == "rest"):
        # "the 40 min one" when the day named was a rest day: the plan's one session of
        # that length, on its latest day; never an easy run made up on the rest day.
        entries = [entry for entry in snapshot.plan.values()
                   if entry.kind != "rest" and entry.minutes == minutes]
        if len(entries) != 1:
            return None
        [entry] = entries
        missed: MissedRun | AskWhich = MissedRun(
            day=most_recent(snapshot.today, entry.weekday), kind=normalise_kind(entry.kind),
            minutes=entry.minutes, from_plan=True)
    else:
        missed = resolve_missed(snapshot, text, default_day=default_day)
    if isinstance(missed, AskWhich) and missed.day != default_day and (
            missed.rest_day or missed.said_kind is not None):
        # "wait no it was tuesday not yesterday", and Tuesday is a rest day too: asked
        # again about the day now named, never sent to the articles.
        return ask_which(session, snapshot, missed, question.reason or "",
                         checkin_id=question.checkin_id)
    if isinstance(missed, AskWhich):
        return None
    if (question.missed.get("told") and missed.day != default_day
            and read_day(text, today=snapshot.today) is None):
        # "the tempo" for a rest day told: that session, moved to the day told (as its
        # button logs it); a day named in the answer is the athlete's own.
        missed = replace(missed, day=default_day)
    # "i skipped thursday's intervals, work" after "which session?" about a rainy day: the
    # answer's own reason is the run's, not the rain told for the other day.
    reason = text if _gives_a_reason(text) else question.reason or ""
    return offer(session, snapshot, missed, reason, checkin_id=question.checkin_id)


def _gives_a_reason(text: str) -> bool:
    """Whether ``text`` says why a run was missed (pain, weather, a closure, travel, time,
    tiredness, illness), as opposed to only naming the run."""
    info = parse_reason(text)
    return bool(info.pain or info.weather or info.smoke or info.closed
                or info.general_closure or info.travel or info.time_cap is not None
                or info.no_time or info.time_cap_assumed or info.fatigue or info.illness)


# --- the use cases -----------------------------------------------------------------------


def offer_swap(*, uow: UnitOfWork, athlete_id: int, text: str) -> Reply:
    """/swap [what was missed and why]: options for that session, or which one it was."""
    if len(text) > MAX_TEXT:
        return Reply(text=t("swaps.too_long"))
    with uow.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
        flagged = safety.screen(session, snapshot, text)
        if flagged is not None:
            return flagged
        if snapshot.on_hold:
            return safety.reminder(snapshot)
        from usecases import checkins, onboarding, plan_moves  # all build on this module

        if not text.strip():
            waiting = onboarding.finish_first(snapshot, "/swap")
            if waiting is not None:
                return waiting  # "which run?" would be answered by onboarding's question
            record = snapshot.record_of(snapshot.today)
            if record is not None and record.status in ("done", "swapped"):
                # A bare /swap after today's run was logged as done is about another run.
                return ask_which(session, snapshot, AskWhich(
                    day=snapshot.today, rest_day=False, already_done=True), text)

        traded = plan_moves.swap_days(session, snapshot, text)
        if traded is not None:
            return traded  # "/swap thursday and saturday this week"
        if reports_pain(text):
            # "/swap easy 45, achilles a bit niggly": the niggle is triaged and logged as
            # a pain report, and the options are for the run said, at its minutes.
            return checkins.pain_reply(session, snapshot, snapshot.today, text, checkin=None,
                                       swap_asked=True)
        return swap_for(session, snapshot, text, text)


def choose_session(*, uow: UnitOfWork, athlete_id: int, substitution_id: str,
                   weekday: str) -> Reply:
    """A plan session pressed in answer to "which session was it?"."""
    with uow.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
        if snapshot.on_hold:
            return _pressed(safety.reminder(snapshot))
        question = _own_substitution(session, snapshot, substitution_id)
        entry = snapshot.plan.get(int(weekday)) if weekday.isdigit() else None
        if (question is None or question.options or not question.missed.get("ask")
                or entry is None or entry.kind == "rest"):
            return _expired(snapshot)
        asked_day = date.fromisoformat(str(question.missed.get("day")))
        # A rest day told ("missed my run last tuesday"): the session tapped is the one
        # moved to that day; else the tapped weekday's latest date up to the day asked.
        missed = MissedRun(day=asked_day if question.missed.get("told")
                           else most_recent(asked_day, entry.weekday),
                           kind=normalise_kind(entry.kind), minutes=entry.minutes,
                           from_plan=True)
        return _pressed(offer(session, snapshot, missed, question.reason or "",
                              checkin_id=question.checkin_id))


def _pressed(reply: Reply) -> Reply:
    return Reply(text=reply.text, buttons=reply.buttons, remove_buttons=True)


def _expired(snapshot: AthleteSnapshot) -> Reply:
    return Reply(text="", toast=t("swaps.expired", language=snapshot.language), alert=True)


def _own_substitution(session: Session, snapshot: AthleteSnapshot,
                      substitution_id: str) -> Substitution | None:
    if not substitution_id.isdigit():
        return None
    return repository.get_substitution(session=session, athlete_id=snapshot.athlete_id,
                                       substitution_id=int(substitution_id))


def open_offer(substitution: Substitution | None, snapshot: AthleteSnapshot) -> bool:
    """Options offered, none chosen yet, and not too old to choose from."""
    return (substitution is not None and substitution.chosen_activity is None
            and bool(substitution.options)
            and snapshot.now - substitution.created_at <= STALE_AFTER)


def choose_option(*, uow: UnitOfWork, athlete_id: int, substitution_id: str,
                  choice: str) -> Reply:
    """An option (or Skip) pressed: log exactly that one, on the missed session's day."""
    with uow.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
        substitution = _own_substitution(session, snapshot, substitution_id)
        if substitution is None or not open_offer(substitution, snapshot):
            return _expired(snapshot)
        if choice == "skip":
            option: dict[str, Any] = {"activity": REST_ACTIVITY, "name": "Rest", "minutes": 0}
        else:
            index = int(choice) - 1 if choice.isdigit() else -1
            if not 0 <= index < len(substitution.options):
                return _expired(snapshot)
            option = substitution.options[index]
        if not safety.allows_on_hold(snapshot, str(option.get("activity", ""))):
            return _pressed(safety.reminder(snapshot))
        logged = _log_choice(session, snapshot, substitution, option)
    return logged or _expired(snapshot)


def _log_choice(session: Session, snapshot: AthleteSnapshot, substitution: Substitution,
                option: dict[str, Any]) -> Reply | None:
    """Log ``option`` as chosen for ``substitution`` and its day's check-in; None when
    another choice got there first."""
    language = snapshot.language
    activity = str(option.get("activity", ""))
    try:
        repository.choose_substitution(session=session, athlete_id=snapshot.athlete_id,
                                       substitution_id=substitution.id or 0,
                                       activity=activity, now=snapshot.now)
    except StorageError:
        return None
    day = _substitution_day(substitution, snapshot.today)
    resting = activity == REST_ACTIVITY
    note = ("chose rest" if resting
            else f"chose {option.get('name')}, {option.get('minutes')} min")
    checkin = repository.record_checkin(
        session=session, athlete_id=snapshot.athlete_id, day=day,
        status="missed" if resting else "swapped", note=note, now=snapshot.now)
    if substitution.checkin_id is None and checkin.id is not None:
        # Offered from words, not a check-in: the choice's check-in is now its day's.
        repository.link_substitution(session=session, athlete_id=snapshot.athlete_id,
                                     substitution_id=substitution.id or 0,
                                     checkin_id=checkin.id)
    if resting:
        text = t("swaps.logged_rest", language=language, day=day_label(day, language))
    else:
        # On a hold (a non-impact flag), the choice is logged with the referral's caution.
        key = "swaps.logged_on_hold" if snapshot.on_hold else "swaps.logged"
        text = t(key, language=language, day=day_label(day, language),
                 name=option.get("name"), minutes=option.get("minutes"))
    return Reply(text=text, toast=t("swaps.toast_logged", language=language),
                 remove_buttons=True)


def choose_by_words(session: Session, snapshot: AthleteSnapshot, latest: Substitution | None,
                    text: str) -> Reply | None:
    """"the bike one", "swimming pls", "option 2": an option of the latest offer chosen in
    words instead of a tap, logged as a tap would log it; "the pool one" when two options
    need a pool asks which, with their buttons. None when the message says anything else
    ("bike is broken" names an option but is news). ``latest``: latest_substitution."""
    if latest is None or "?" in text:
        return None
    if not open_offer(latest, snapshot):
        return _already_chosen(snapshot, latest, text)
    picked = options_named(text, latest.options)
    if not picked:
        return None
    if not all(safety.allows_on_hold(snapshot, str(latest.options[i].get("activity", "")))
               for i in picked):
        return safety.reminder(snapshot)
    if len(picked) == 1:
        return _log_choice(session, snapshot, latest, latest.options[picked[0]])
    language = snapshot.language
    names = t("common.or_join", language=language).join(
        str(latest.options[i].get("name")) for i in picked)
    return Reply(text=t("swaps.which_of", language=language, names=names),
                 buttons=tuple((_option_button(i + 1, latest.options[i], latest.id or 0,
                                               language),) for i in picked))


RECOMMENDED = "recommended"  # the note on an offer whose option 1 was just recommended


def pick_for_them(session: Session, snapshot: AthleteSnapshot, latest: Substitution | None,
                  text: str) -> Reply | None:
    """"what should i do?", "which one?", "you pick" right after options: the first
    option (the best fit of the ranking) recommended with its reason, every option's
    button kept; the offer remembers it, so a plain "ok" next takes it.
    None when no offer is open or the message asks something else."""
    if latest is None or not open_offer(latest, snapshot) or not latest.options:
        return None
    lowered = normalise(text)
    if len(lowered.split()) > int(entry("choices", "max_words")) or not phrases(
            "choices", "asks_to_pick").search(lowered):
        return None
    option = latest.options[0]
    language = snapshot.language
    if option.get("activity") == REST_ACTIVITY:
        text = t("swaps.picked_rest_for_you", language=language)
    else:
        text = t("swaps.picked_for_you", language=language, index=1,
                 name=option.get("name"), minutes=option.get("minutes"),
                 effort=option.get("effort"), why=first_sentence(str(option.get("why", ""))))
    repository.note_substitution(session=session, athlete_id=snapshot.athlete_id,
                                 substitution_id=latest.id or 0, key=RECOMMENDED, value=1)
    # Every option keeps its button: the recommendation is advice, not the only choice.
    return Reply(text=text, buttons=tuple(
        (_option_button(index, each, latest.id or 0, language),)
        for index, each in enumerate(latest.options, start=1)))


def activity_asked_instead(session: Session, snapshot: AthleteSnapshot,
                           latest: Substitution | None, text: str) -> Reply | None:
    """"what about spin class instead?", "could i swim?" just after options: the activity
    asked for as the substitute of the same run. One already offered is pointed to (and
    a plain "ok" next takes it); another that fits is sized and offered with its button;
    one that does not fit is said so, with why; one the catalogue lacks is said to be
    out of its reach. None when nothing was just offered, or no activity is asked for."""
    if latest is None or snapshot.on_hold or not _just_offered(latest, snapshot):
        return None
    lowered = normalise(strip_symbols(text))
    if not is_question(text) or not (
            phrases("refine", "asks_for_activity").search(lowered)
            or len(lowered.split()) <= int(entry("refine", "asks_for_activity_words"))):
        return None  # "how do i do strength work without sore legs?" is for the articles
    from usecases import questions  # answering questions builds on this module

    asked = questions.asked_activity(text, snapshot.equipment)
    if asked is None:
        return None
    language = snapshot.language
    if isinstance(asked, str):
        return Reply(text=t("swaps.asked_unlisted", language=language,
                            activity=asked[:1].upper() + asked[1:]))
    for index, option in enumerate(latest.options, start=1):
        offered = _catalogue_activity(str(option.get("activity", "")))
        if offered is not None and asked.family_key == offered.family_key:
            repository.note_substitution(session=session, athlete_id=snapshot.athlete_id,
                                         substitution_id=latest.id or 0, key=RECOMMENDED,
                                         value=index)
            return Reply(text=t("swaps.asked_is_offered", language=language, index=index,
                                name=option.get("name"), minutes=option.get("minutes"),
                                effort=option.get("effort")),
                         buttons=((_option_button(index, option, latest.id or 0, language),),))
    day = _substitution_day(latest, snapshot.today)
    try:
        run = MissedRun(day=day, kind=normalise_kind(str(latest.missed.get("kind") or "")),
                        minutes=int(latest.missed.get("minutes") or 0),
                        from_plan=bool(latest.missed.get("from_plan")))
    except (SessionParseError, ValueError):
        return None
    reason = latest.reason or ""
    sized = fit_named_activity(athlete=snapshot.context(), missed=run.session(),
                               reason=reason, today=snapshot.today, missed_on=day,
                               activity_id=asked.id)
    if not isinstance(sized, SwapOption):  # sized once: the limit it met, if it does not fit
        limit: str = sized
        if sized == "equipment" and parse_reason(reason).travel and asked.equipment_choice(
                frozenset(snapshot.equipment) | {"home"}) is not None:
            # "what about the pool?" on a work trip: their own pool is at home, not away.
            limit = "equipment_away"
        return Reply(text=t("swaps.asked_unfit", language=language, activity=asked.name,
                            why=t(f"swaps.unfit_{limit}", language=language,
                                  session=str(latest.missed.get("label", "")),
                                  needs=_needs(asked, language))))
    # Offered as a substitution of its own, so its button logs it as any option would.
    substitution = repository.record_substitution(
        session=session, athlete_id=snapshot.athlete_id, missed=dict(latest.missed),
        reason=latest.reason, options=[sized.to_json()], checkin_id=latest.checkin_id,
        now=snapshot.now)
    assert substitution.id is not None
    return Reply(text=t("swaps.asked_sized", language=language, name=sized.name,
                        minutes=sized.minutes, effort=sized.effort,
                        session=str(latest.missed.get("label", "")),
                        why=first_sentence(sized.why)),
                 buttons=((_option_button(1, sized, substitution.id, language),),))


def _needs(activity: Activity, language: str) -> str:
    """What an activity needs, as said to the athlete ("pool", "elliptical or gym")."""
    return t("common.or_join", language=language).join(
        " + ".join(word.replace("_", " ") for word in sorted(alternative))
        for alternative in activity.equipment)


def take_recommendation(session: Session, snapshot: AthleteSnapshot,
                        latest: Substitution | None) -> int | None:
    """The option (1-based) the last reply recommended, if that reply was the latest
    offer's recommendation; the note is cleared, so only the very next message can take
    it ("ok" after anything else stays an acknowledgment)."""
    if latest is None or latest.missed.get(RECOMMENDED) is None:
        return None
    index = latest.missed.get(RECOMMENDED)
    repository.note_substitution(session=session, athlete_id=snapshot.athlete_id,
                                 substitution_id=latest.id or 0, key=RECOMMENDED, value=None)
    return index if isinstance(index, int) and open_offer(latest, snapshot) else None


def accept_recommendation(session: Session, snapshot: AthleteSnapshot,
                          latest: Substitution | None, recommended: int | None,
                          text: str) -> Reply | None:
    """"ok", "sounds good", "yep that one", "👍" right after "I'd go with 1.": that
    option, logged as its tap would log it. None for anything else ("nope", a question,
    "ok but the pool is shut")."""
    if latest is None or recommended is None or not 1 <= recommended <= len(latest.options):
        return None
    if not takes_the_pick(text):
        return None
    option = latest.options[recommended - 1]
    if not safety.allows_on_hold(snapshot, str(option.get("activity", ""))):
        return safety.reminder(snapshot)
    return _log_choice(session, snapshot, latest, option)


def takes_the_pick(text: str) -> bool:
    """A plain yes that asks and adds nothing ("ok", "sounds good 👍"), or a pointer to
    the option just named ("that one", "yep that one", "let's do that")."""
    if "?" in text or read_answer(text) == "no":
        return False
    if acknowledges(text):
        return read_answer(text) == "yes"
    lowered = normalise(text)
    pointer = phrases("messages", "takes_the_pick")
    if not pointer.search(lowered):
        return False
    rest = pointer.sub(" ", lowered)
    for key in ("acknowledgment", "acknowledgment_extra"):
        rest = phrases("messages", key).sub(" ", rest)
    return not re.sub(r"[\W_]+", "", rest)


def _already_chosen(snapshot: AthleteSnapshot, latest: Substitution, text: str) -> Reply | None:
    """"ok option 1" again, just after a choice was logged: what was logged, rather than
    an article; None when the words choose nothing or the choice is not recent."""
    chosen = latest.chosen_activity
    if (chosen is None or latest.chosen_at is None
            or snapshot.now - latest.chosen_at > QUESTION_OPEN_FOR
            or not options_named(text, latest.options)):
        return None
    language = snapshot.language
    day = day_label(_substitution_day(latest, snapshot.today), language)
    if chosen == REST_ACTIVITY:
        return Reply(text=t("swaps.already_rest", language=language, day=day))
    name = next((str(option.get("name")) for option in latest.options
                 if option.get("activity") == chosen), chosen)
    return Reply(text=t("swaps.already_chosen", language=language, name=name, day=day))


def options_named(text: str, options: list[dict[str, Any]]) -> list[int]:
    """The indexes of the offered ``options`` a short message names, by the activity's
    name, an alias or the equipment it needs ("the pool one"), else by position ("the
    second"); none when the message holds any other word."""
    words = _choice_words(text)
    if not words or len(words) > int(entry("choices", "max_words")):
        return []
    said = f" {' '.join(words)} "
    # Every option is matched against the whole message ("pool" names two of them); the
    # words matched are taken out afterwards, to see whether anything else was said.
    matched = {index: [phrase for phrase in _option_phrases(option) if f" {phrase} " in said]
               for index, option in enumerate(options)}
    named = [index for index, phrases_of in matched.items() if phrases_of]
    for phrase in sorted({p for found in matched.values() for p in found}, key=len,
                         reverse=True):
        said = said.replace(f" {phrase} ", " ")
    if not named:
        for position, phrases_of in entry("choices", "ordinals").items():
            for phrase in sorted(phrases_of, key=len, reverse=True):
                if f" {phrase} " in said and int(position) <= len(options):
                    named.append(int(position) - 1)
                    said = said.replace(f" {phrase} ", " ")
    filler = _choice_filler()
    if len(set(named)) != len(named) or any(word not in filler for word in said.split()):
        return []
    return sorted(named)


def _choice_words(text: str) -> list[str]:
    """The words of a message, hyphens as spaces ("deep-water running")."""
    return re.findall(r"[#\w']+(?:\.(?= \d))?",
                      strip_symbols(normalise(text)).replace("-", " "))


def _catalogue_activity(activity_id: str) -> Activity | None:
    try:
        return load_catalogue().get(activity_id)
    except KeyError:  # rest, or an activity the catalogue no longer has
        return None


@cache
def _choice_filler() -> frozenset[str]:
    return frozenset(str(word) for word in entry("choices", "filler"))


def _option_phrases(option: dict[str, Any]) -> set[str]:
    """How an athlete may name an offered option: its name, the catalogue's aliases and
    the single words of the equipment it needs (a home session needs nothing to name)."""
    names = [str(option.get("name", ""))]
    activity = _catalogue_activity(str(option.get("activity", "")))
    if activity is not None:
        names += activity.aliases
        names += [word.replace("_", " ") for need in activity.equipment for word in need
                  if word != "home"]
    return {" ".join(_choice_words(name)) for name in names} - {""}


def _unsaid(text: str, said: set[str], language: str = "en") -> str:
    """``text`` without the sentences already in ``said`` (minutes aside), noting the rest."""
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        key = re.sub(r"\d+", "#", sentence)
        if sentence and key not in said:
            said.add(key)
            kept.append(sentence)
    return " ".join(kept) or t("swaps.as_above", language=language)


def _grouped_sources(sources: list[str]) -> str:
    """"Title > A; B" for citations of one article (the title said once)."""
    titles: dict[str, list[str]] = {}
    for source in sources:
        title, _, section = source.partition(" > ")
        titles.setdefault(title, []).append(section)
    return "; ".join(f"{title} > {' | '.join(s for s in sections if s)}" if any(sections)
                     else title for title, sections in titles.items())


def _substitution_day(substitution: Substitution, today: date) -> date:
    stamp = substitution.missed.get("day")
    try:
        return date.fromisoformat(str(stamp)) if stamp else today
    except ValueError:
        return today


def swap_details(*, uow: UnitOfWork, athlete_id: int, substitution_id: str) -> Reply:
    """The structure, reasons and article section of each offered option."""
    with uow.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
        if snapshot.on_hold:
            return safety.reminder(snapshot)
        substitution = _own_substitution(session, snapshot, substitution_id)
        if substitution is None or not substitution.options:
            return _expired(snapshot)
        language = snapshot.language
        missed = substitution.missed
        parts = [t("swaps.details_title", language=language,
                   session=missed.get("label", "run"),
                   day=day_label(_substitution_day(substitution, snapshot.today), language))]
        sources: list[str] = []
        said: set[str] = set()
        for index, option in enumerate(substitution.options, 1):
            source = str(option.get("source", ""))
            if source and source not in sources:
                sources.append(source)
            if option.get("activity") == REST_ACTIVITY:
                parts.append(t("swaps.details_rest", language=language, index=index,
                               why=option.get("why", "")))
            else:
                parts.append(t(
                    "swaps.details_option", language=language, index=index,
                    name=option.get("name"), minutes=option.get("minutes"),
                    impact=_names.impact_words(str(option.get("impact")), language=language),
                    place=_names.place_words(bool(option.get("indoor")), language=language),
                    structure=option.get("structure", ""),
                    # The why's first sentence is in the short reply already.
                    why=_unsaid(_after_first_sentence(str(option.get("why", ""))), said,
                                language)))
        parts.append(t("swaps.details_source", language=language,
                       source=_grouped_sources(sources)))
        parts.append(skip_line(language))
        buttons = tuple(
            (_option_button(i, option, substitution.id or 0, language),)
            for i, option in enumerate(substitution.options, 1)
        ) if substitution.chosen_activity is None else ()
    return Reply(text="\n\n".join(parts), buttons=buttons)
