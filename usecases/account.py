"""The athlete's own data and settings: profile, plan, history, settings, export, forget,
corrections to the profile, and the coach's roster.

Every use case here finds the athlete and never creates one: only ``/start`` does
(``usecases.identity``), so after ``/forget`` none of these brings a row back. Consent
rules live here: health details are shown, written or kept only with consent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from coach import planning
from coach.catalogue import EQUIPMENT_WORDS, load_catalogue
from coach.intent import is_health_related
from coach.language import (
    read_answer,
    read_clock_time,
    read_duration,
    read_equipment,
    read_goal,
    read_pain,
    read_plan,
    t,
)
from coach.language.names import (
    date_label,
    dates_in,
    day_label,
    month_label,
    session_label,
    weekday_short,
    zone_label,
)
from coach.language.readers import WEEKDAYS
from storage import repository
from storage.models import Substitution
from usecases.identity import ATHLETE_ID_KEY, find_athlete_id
from usecases.onboarding import display, display_activities
from usecases.ports import UnitOfWork
from usecases.replies import Attachment, Button, Reply
from usecases.snapshot import AthleteSnapshot, load_snapshot

HISTORY_DAYS = 28
ROSTER_DAYS = 7
EXPORT_FILENAME = "crosstrain-export.json"
FORGET_ACTION = "forget"
COMMAND_NAMES: tuple[str, ...] = (
    "start", "ask", "swap", "checkin", "cleared", "plan", "week", "profile", "history",
    "settings", "export", "forget", "help", "cancel",
)


def commands() -> list[tuple[str, str]]:
    """The command menu: each command and what it does."""
    return [(name, t(f"account.cmd_{name}")) for name in COMMAND_NAMES]


def help_reply() -> Reply:
    lines = [f"/{name}: {description}" for name, description in commands()]
    return Reply(text=t("account.help_intro") + "\n\n" + "\n".join(lines))


def _unknown() -> list[Reply]:
    return [Reply(text=t("account.unknown_athlete"))]


def _snapshot(uow: UnitOfWork, session: Session, telegram_user_id: int
              ) -> AthleteSnapshot | None:
    athlete_id = find_athlete_id(session, telegram_user_id=telegram_user_id)
    if athlete_id is None:
        return None
    return load_snapshot(session, athlete_id=athlete_id, now=uow.now())


def _words(items: tuple[str, ...] | list[str]) -> str:
    return ", ".join(items) or t("account.dash")


def _checkins(snap: AthleteSnapshot) -> str:
    state = (t("account.checkins_daily", time=snap.checkin_time) if snap.checkins_enabled
             else t("account.checkins_off"))
    return state + (t("account.checkins_paused") if snap.paused else "")


# --- profile ---------------------------------------------------------------------------


def profile(uow: UnitOfWork, *, telegram_user_id: int) -> list[Reply]:
    """``/profile``: everything that shapes the suggestions (health only with consent)."""
    with uow.transaction() as session:
        snap = _snapshot(uow, session, telegram_user_id)
    if snap is None:
        return _unknown()
    injuries = (", ".join(snap.injuries) or t("account.none")) if snap.health_consent \
        else t("account.profile_no_consent")
    if snap.health_consent and snap.limitations:
        injuries += f" ({dates_in(snap.limitations, today=snap.today, language=snap.language)})"
    goal = snap.goal or t("account.dash")
    if snap.race_date is not None:
        goal = t("account.goal_around" if snap.race_date_approximate else "account.goal_on",
                 goal=goal, date=race_day_label(snap))
    return [Reply(text=t(
        "account.profile", name=snap.name or t("account.dash"), goal=goal, injuries=injuries,
        pain=_pain_told(snap),
        equipment=_words(display(snap.equipment)),
        likes=_words(display_activities(snap.likes)),
        dislikes=_words(display_activities(snap.dislikes)),
        timezone=zone_label(snap.timezone, language=snap.language),
        checkins=_checkins(snap),
    ))]


# Pain reports shown in /profile, newest first: enough to see the latest were heard.
PAIN_SHOWN = 3


def _pain_told(snap: AthleteSnapshot) -> str:
    """The recent pain reports (with consent), as a line under the injuries: a pain told
    in a message is heard even when no injury was stored for it."""
    if not snap.health_consent:
        return ""
    told = []
    hurt = sorted((record for record in snap.recent if record.hurt),
                  key=lambda record: record.day, reverse=True)
    for record in hurt[:PAIN_SHOWN]:
        where = ", ".join(read_pain(record.reason or "").sites)
        score = t("account.pain_score", score=record.pain) if record.pain is not None else ""
        what = " ".join(part for part in (where, score) if part) or t("account.pain_unplaced")
        told.append(t("account.pain_report", what=what,
                      day=day_label(record.day, language=snap.language)))
    return t("account.pain_line", reports="; ".join(told)) if told else ""


# --- plan ------------------------------------------------------------------------------


def _plan_text(snap: AthleteSnapshot) -> str:
    return planning.format_plan([
        planning.PlannedRun(day.weekday, day.kind, day.minutes)
        for _, day in sorted(snap.plan.items())
    ])


def show_plan(uow: UnitOfWork, *, telegram_user_id: int) -> list[Reply]:
    """``/plan``: the weekly plan."""
    with uow.transaction() as session:
        snap = _snapshot(uow, session, telegram_user_id)
    if snap is None:
        return _unknown()
    return [Reply(text=t("account.plan_shown", plan=_plan_text(snap)))]


def replace_plan(uow: UnitOfWork, *, telegram_user_id: int, text: str) -> list[Reply]:
    """``/plan Mon easy 40, Sat long 90``: the weekly plan replaced; one day alone
    (``/plan Thu tempo 40``, as onboarding suggests for a day it couldn't read) changes
    that day and keeps the rest of the week. Bad text changes nothing and says what is
    wrong."""
    try:
        plan = read_plan(text)
    except ValueError as problem:
        return [Reply(text=t("account.plan_unread", problem=str(problem)))]
    with uow.transaction() as session:
        athlete_id = find_athlete_id(session, telegram_user_id=telegram_user_id)
        if athlete_id is None:
            return _unknown()
        if len(plan) == 1:
            plan = sorted([*plan, *(
                planning.PlannedRun(entry.weekday, entry.kind, entry.minutes)
                for entry in repository.get_weekly_plan(session=session, athlete_id=athlete_id)
                if entry.weekday != plan[0].weekday)], key=lambda run: run.weekday)
        repository.set_weekly_plan(
            session=session, athlete_id=athlete_id,
            sessions=[{"weekday": run.weekday, "kind": run.kind, "minutes": run.minutes}
                      for run in plan],
        )
    return [Reply(text=t("account.plan_updated", plan=planning.format_plan(plan)))]


# --- history ---------------------------------------------------------------------------


def activity_name(activity_id: str) -> str:
    """The catalogue's display name of an activity ("road_cycling" -> "Road cycling")."""
    try:
        return load_catalogue().get(activity_id).name
    except KeyError:
        return activity_id.replace("_", " ")


def _missed_label(missed: Mapping[str, object]) -> str:
    text = missed.get("text") or missed.get("label")
    if text:
        return str(text)
    kind, minutes = missed.get("kind"), missed.get("minutes")
    if kind and minutes:
        return f"{kind} {minutes} min"
    return str(kind) if kind else t("account.history_a_run")


def history(uow: UnitOfWork, *, telegram_user_id: int) -> list[Reply]:
    """``/history``: the last four weeks of check-ins and the substitutes chosen, each on
    the day of the missed session, with display names."""
    with uow.transaction() as session:
        snap = _snapshot(uow, session, telegram_user_id)
        if snap is None:
            return _unknown()
        since = snap.today - timedelta(days=HISTORY_DAYS)
        checkins = repository.list_checkins(
            session=session, athlete_id=snap.athlete_id, since=since)
        substitutions = repository.list_substitutions(session=session,
                                                      athlete_id=snap.athlete_id)
        days_of = {checkin.id: checkin.day for checkin in repository.list_checkins(
            session=session, athlete_id=snap.athlete_id)}
    chosen = [s for s in substitutions if s.chosen_activity]
    if not checkins and not chosen:
        return [Reply(text=t("account.history_empty"))]
    # A swapped day is told once, with what was done instead; a substitute whose day has
    # no check-in line is listed below.
    chosen_on: dict[date, Substitution] = {}
    for substitution in chosen:  # the latest first: the one that stands for its day
        day = _substitution_day(substitution.missed, days_of.get(substitution.checkin_id),
                                substitution.created_at.astimezone(_zone(snap)).date())
        chosen_on.setdefault(day, substitution)
    lines = [t("account.history_heading", weeks=HISTORY_DAYS // 7)]
    told: set[date] = set()
    for checkin in sorted(checkins, key=lambda c: c.day, reverse=True):
        status, pain = checkin.status, ""
        if checkin.pain is not None and snap.health_consent:
            # A pain check-in with its score is "pain 4/10", not "pain (pain 4/10)".
            if status == "pain":
                status = t("account.history_pain_status", score=checkin.pain)
            else:
                pain = t("account.history_pain", score=checkin.pain)
        label = date_label(checkin.day, today=snap.today, language=snap.language)
        detail = f" — {checkin.reason}" if checkin.reason else ""
        swap = chosen_on.get(checkin.day) if status == "swapped" else None
        if swap is not None:
            told.add(checkin.day)
            lines.append(t("account.history_swapped_line", day=label,
                           activity=_chosen_label(swap), missed=_missed_label(swap.missed),
                           pain=pain, detail=detail))
            continue
        lines.append(t(
            "account.history_line", day=label, status=status, pain=pain, detail=detail,
            note=(f" [{dates_in(checkin.note, today=snap.today, language=snap.language)}]"
                  if checkin.note else ""),
        ))
    rest = [(day, swap) for day, swap in chosen_on.items() if day not in told]
    if rest:
        lines.append("\n" + t("account.history_chosen_heading"))
        for day, substitution in rest[:10]:
            lines.append(t(
                "account.history_chosen_line",
                day=date_label(day, today=snap.today, language=snap.language),
                activity=activity_name(str(substitution.chosen_activity)),
                missed=_missed_label(substitution.missed),
            ))
    return [Reply(text="\n".join(lines))]


def _chosen_label(substitution: Substitution) -> str:
    """The substitute chosen, with its minutes when the offer had them ("Rowing 55 min")."""
    name = activity_name(str(substitution.chosen_activity))
    minutes = next((option.get("minutes") for option in substitution.options
                    if option.get("activity") == substitution.chosen_activity), None)
    return t("account.history_chosen_minutes", activity=name, minutes=minutes) if (
        isinstance(minutes, int) and minutes > 0) else name


def race_day_label(snap: AthleteSnapshot) -> str:
    """The race day as told: its month alone when only that was ("April 2027")."""
    assert snap.race_date is not None
    label = month_label if snap.race_date_approximate else date_label
    return label(snap.race_date, today=snap.today, language=snap.language)


def _zone(snap: AthleteSnapshot) -> ZoneInfo:
    return ZoneInfo(snap.timezone)


def _substitution_day(missed: Mapping[str, object], checkin_day: date | None,
                      created: date) -> date:
    """The day of the missed session: the one it records, its check-in's, else the day
    it was offered."""
    recorded = missed.get("day")
    if isinstance(recorded, str):
        try:
            return date.fromisoformat(recorded)
        except ValueError:
            pass
    return checkin_day or created


# --- settings --------------------------------------------------------------------------


def _settings_reply(snap: AthleteSnapshot, *, lead: str = "", changed: bool = False
                    ) -> Reply:
    health = t("account.settings_health_on") if snap.health_consent \
        else t("account.settings_health_off")
    text = t("account.settings", timezone=zone_label(snap.timezone, language=snap.language),
             checkins=_checkins(snap), health=health, usage=t("account.settings_usage"))
    return Reply(text=f"{lead}\n\n{text}" if lead else text, schedule_changed=changed,
                 extra={ATHLETE_ID_KEY: str(snap.athlete_id)} if changed else {})


def set_consent(session: Session, *, athlete_id: int, consent: bool, now: datetime) -> None:
    """Record consent or withdraw it; withdrawing also clears every health detail and the
    free text that reads as health-related (check-in reasons, the athlete's messages)."""
    repository.set_health_consent(session=session, athlete_id=athlete_id, consent=consent,
                                  now=now)
    if not consent:
        repository.clear_athlete_texts(session=session, athlete_id=athlete_id,
                                       where=is_health_related, now=now)


def settings(uow: UnitOfWork, *, telegram_user_id: int, args: str) -> list[Reply]:
    """``/settings [timezone ZONE | checkin HH:MM|on|off | consent on|off]``."""
    words = args.split()
    what = words[0].lower() if words else ""
    rest = " ".join(words[1:])
    with uow.transaction() as session:
        snap = _snapshot(uow, session, telegram_user_id)
        if snap is None:
            return _unknown()
        if not words:
            return [_settings_reply(snap)]
        problem = _apply_setting(session, snap, what, rest)
        if problem:
            return [Reply(text=f"{problem}\n\n{t('account.settings_usage')}")]
        after = load_snapshot(session, athlete_id=snap.athlete_id, now=snap.now)
    return [_settings_reply(after, changed=True)]


def _on_off(text: str) -> bool | None:
    word = text.strip().lower()
    if word in ("on", "off"):
        return word == "on"
    answer = read_answer(text)
    return None if answer in (None, "skip") else answer == "yes"


def _apply_setting(session: Session, snap: AthleteSnapshot, what: str, rest: str
                   ) -> str | None:
    """Apply one setting; the problem to tell the athlete, or None when done."""
    if what == "timezone" and rest:
        try:
            zone = planning.parse_timezone(rest)
        except ValueError:
            return t("account.settings_bad_zone")
        repository.set_checkin_schedule(session=session, athlete_id=snap.athlete_id,
                                        timezone=zone, now=snap.now)
        return None
    if what == "checkin" and rest:
        enabled = _on_off(rest)
        at = None if enabled is not None else read_clock_time(rest)
        if enabled is None and at is None:
            return t("account.settings_bad_time")
        repository.set_checkin_schedule(
            session=session, athlete_id=snap.athlete_id,
            enabled=enabled if enabled is not None else True,
            time=at.strftime("%H:%M") if at is not None else None, now=snap.now,
        )
        if (enabled is not False) and not snap.onboarded:
            # Asking for check-ins is enough to get them, onboarded or not.
            repository.update_profile(session=session, athlete_id=snap.athlete_id,
                                      onboarded=True, now=snap.now)
        return None
    if what == "consent" and rest:
        consent = _on_off(rest)
        if consent is None:
            return t("account.settings_unread")
        set_consent(session, athlete_id=snap.athlete_id, consent=consent, now=snap.now)
        return None
    return t("account.settings_unread")


# --- export and forget -----------------------------------------------------------------


def export(uow: UnitOfWork, *, telegram_user_id: int) -> list[Reply]:
    """``/export``: everything stored about the athlete, as a JSON document."""
    with uow.transaction() as session:
        athlete_id = find_athlete_id(session, telegram_user_id=telegram_user_id)
        if athlete_id is None:
            return [Reply(text=t("account.nothing_stored"))]
        data = repository.export_athlete(session=session, athlete_id=athlete_id,
                                         now=uow.now())
    payload = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()
    return [Reply(text="", attachment=Attachment(
        kind="document", filename=EXPORT_FILENAME, data=payload,
        caption=t("account.export_caption")))]


def ask_forget(uow: UnitOfWork, *, telegram_user_id: int) -> list[Reply]:
    """``/forget``: asks for confirmation first."""
    with uow.transaction() as session:
        athlete_id = find_athlete_id(session, telegram_user_id=telegram_user_id)
    if athlete_id is None:
        return [Reply(text=t("account.nothing_stored"))]
    return [Reply(text=t("account.forget_ask"), buttons=(
        (Button(t("account.forget_yes_button"), FORGET_ACTION, ("yes",)),
         Button(t("account.forget_no_button"), FORGET_ACTION, ("no",))),
    ))]


def confirm_forget(uow: UnitOfWork, *, telegram_user_id: int, confirmed: bool) -> list[Reply]:
    """The answer to ``/forget``: erase everything about the athlete, in every table, or
    keep it. Their check-in wake-up goes with them (``schedule_changed``)."""
    pressed = Reply(text="", remove_buttons=True)
    if not confirmed:
        return [pressed, Reply(text=t("account.forget_kept"))]
    with uow.transaction() as session:
        athlete_id = find_athlete_id(session, telegram_user_id=telegram_user_id)
        if athlete_id is not None:
            repository.erase_athlete(session=session, athlete_id=athlete_id)
    done = Reply(text=t("account.forget_done"), schedule_changed=athlete_id is not None,
                 extra={ATHLETE_ID_KEY: str(athlete_id)} if athlete_id is not None else {})
    return [pressed, done]


# --- the coach -------------------------------------------------------------------------


def coach_roster(uow: UnitOfWork, *, telegram_user_id: int) -> list[Reply]:
    """``/coach``: athletes with missed runs or pain this week (coaches only)."""
    if telegram_user_id not in uow.settings.coach_ids:
        return [Reply(text=t("account.coach_only"))]
    since = uow.now().date() - timedelta(days=ROSTER_DAYS)
    with uow.transaction() as session:
        items = repository.athletes_needing_attention(session=session, since=since)
    if not items:
        return [Reply(text=t("account.coach_none"))]
    lines = [t("account.coach_heading")]
    for item in items:
        pain = ""
        if item.pain_reports:
            pain = (t("account.coach_pain", reports=item.pain_reports, max=item.max_pain)
                    if item.max_pain is not None
                    else t("account.coach_pain_no_score", reports=item.pain_reports))
        lines.append(t("account.coach_line", name=item.name or t("account.coach_athlete"),
                       user_id=item.telegram_user_id, missed=item.missed, pain=pain,
                       day=date_label(item.last_day, today=uow.now().date())))
    return [Reply(text="\n".join(lines))]


# --- corrections and additions after onboarding ----------------------------------------


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(item) for item in value]
    return [str(value)]


def _as_minutes(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return round(value)
    if isinstance(value, str):
        return read_duration(value)
    return None


def apply_profile_update(uow: UnitOfWork, *, athlete_id: int,
                         update: Mapping[str, object], text: str = "") -> Reply:
    """A later message that corrects or adds something ("actually my long run is 2.5 hrs
    now", "I got a bike trainer"): the profile is updated and the reply says what changed.

    ``update`` is ``MessageReading.update``: keys ``<kind>_minutes`` (``long_run_minutes``
    or ``long_minutes``, ``tempo_minutes``...), ``equipment_add``/``equipment_remove``,
    ``likes_add``, ``dislikes_add``, ``injuries_add``/``injuries_remove`` (only with
    consent), ``injuries_none``, ``race_date``, ``goal``, ``plan_set`` (the new week),
    ``timezone``, ``checkin_time`` (a ``time`` or text). Unknown keys (``plan_weeks``:
    no field holds it yet) are ignored; nothing is written when nothing could be applied.
    ``text``: the message read, which tells whose date a race date is.
    """
    with uow.transaction() as session:
        snap = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
        changes = _apply_update(session, snap, update, text)
    if not changes:
        return Reply(text=t("onboarding.update_nothing"))
    # "Updated:" heads the changed fields; sentences alone (nothing changed) need no head.
    changed = any(not line.endswith(".") for line in changes)
    return Reply(text="\n".join(
        [t("onboarding.update_intro")] * changed
        + [f"• {line}" if not line.endswith(".") else line for line in changes]))


def _apply_update(session: Session, snap: AthleteSnapshot, update: Mapping[str, object],
                  text: str = "") -> list[str]:
    said: list[str] = []
    fields: dict[str, object] = {}
    for key, value in update.items():
        kind = _kind_of_minutes_key(key)
        if kind is not None:
            minutes = _as_minutes(value)
            if minutes is not None and 0 < minutes <= planning.MAX_SESSION_MINUTES:
                said.append(_set_kind_minutes(session, snap, kind, minutes))
    equipment = list(snap.equipment)
    added = [item for item in _equipment_words(update.get("equipment_add"))
             if item not in equipment]
    removed = [item for item in _equipment_words(update.get("equipment_remove"))
               if item in equipment]
    if added or removed:
        fields["equipment"] = [item for item in equipment + added if item not in removed]
        if added:
            said.append(t("onboarding.update_equipment_add", items=", ".join(display(added))))
        if removed:
            said.append(t("onboarding.update_equipment_remove",
                          items=", ".join(display(removed))))
    likes_added = [item.lower() for item in _as_list(update.get("likes_add"))
                   if item.lower() not in snap.likes]
    if likes_added:
        fields["likes"] = [*snap.likes, *likes_added]
        fields["dislikes"] = [d for d in snap.dislikes if d not in likes_added]
        said.append(t("onboarding.update_likes_add", items=", ".join(likes_added)))
    dislikes_added = [item.lower() for item in _as_list(update.get("dislikes_add"))
                      if item.lower() not in snap.dislikes]
    if dislikes_added:
        fields["dislikes"] = [*snap.dislikes, *dislikes_added]
        fields["likes"] = [like for like in fields.get("likes", snap.likes)  # type: ignore[attr-defined]
                           if like not in dislikes_added]
        said.append(t("onboarding.update_dislikes_add", items=", ".join(dislikes_added)))
    healed = [item.lower() for item in _as_list(update.get("injuries_remove"))]
    if healed:
        if not snap.health_consent:
            said.append(t("onboarding.update_injuries_no_consent"))
        else:
            # "my achilles is fine now": every stored injury naming that part goes.
            gone = [i for i in snap.injuries if any(part in i.lower() for part in healed)]
            if gone:
                fields["injuries"] = [i for i in snap.injuries if i not in gone]
                said.append(t("onboarding.update_injuries_remove", items=", ".join(gone)))
            elif snap.injuries:
                # Said what is on file, so a runner sees which injury the bot still has.
                said.append(t("onboarding.update_injuries_not_on_file",
                              items=", ".join(healed), stored=", ".join(snap.injuries)))
            else:
                said.append(t("onboarding.update_injuries_none_on_file"))
    injuries = _as_list(update.get("injuries_add"))
    if injuries or update.get("injuries_none"):
        if not snap.health_consent:
            said.append(t("onboarding.update_injuries_no_consent"))
        elif update.get("injuries_none"):
            fields["injuries"] = []
            said.append(t("onboarding.update_injuries_none"))
        else:
            fields["injuries"] = list(dict.fromkeys([*snap.injuries, *injuries]))
            said.append(t("onboarding.update_injuries_add", items=", ".join(injuries)))
    race_date = update.get("race_date")
    if isinstance(race_date, str):
        try:
            race_date = date.fromisoformat(race_date)
        except ValueError:
            race_date = None
    other = _another_race(snap, text) if "goal" not in update else None
    if isinstance(race_date, date) and race_date > snap.today and other is not None:
        # "the 10k warm-up race is on the 12th" with a marathon as the goal: the 10k's
        # date, not the marathon's; only the goal race's date is kept.
        kept = t("onboarding.update_goal_race_kept_on", goal=snap.goal, date=race_day_label(
            snap)) if snap.race_date is not None else t("onboarding.update_goal_race_kept",
                                                        goal=snap.goal)
        said.append(t("onboarding.update_other_race", race=other, date=date_label(
            race_date, today=snap.today, language=snap.language), kept=kept))
    elif isinstance(race_date, date) and race_date > snap.today:
        roughly = bool(update.get("race_date_approximate"))
        fields["goal_date"], fields["goal_date_approximate"] = race_date, roughly
        label = month_label if roughly else date_label
        said.append(t("onboarding.update_race_month" if roughly
                      else "onboarding.update_race_date",
                      date=label(race_date, today=snap.today, language=snap.language)))
    goal = update.get("goal")
    if isinstance(goal, str) and goal.strip():
        fields["goal_event"] = goal.strip()[:120]
        said.append(t("onboarding.update_goal", goal=goal.strip()[:120]))
        if "goal_date" not in fields and snap.race_date is not None and (
                goal.strip().lower() != (snap.goal or "").lower()):
            # A new race without its date: the old race's date is not the new one's.
            fields["goal_date"], fields["goal_date_approximate"] = None, False
            said.append(t("onboarding.update_race_date_cleared"))
    if fields:
        repository.update_profile(session=session, athlete_id=snap.athlete_id, now=snap.now,
                                  **fields)
    # "my long run is 4 hours now, and I've moved it to fridays": the minutes said are
    # the moved run's too.
    said_minutes = {kind: minutes for key, value in update.items()
                    if (kind := _kind_of_minutes_key(key)) is not None
                    and (minutes := _as_minutes(value)) is not None
                    and 0 < minutes <= planning.MAX_SESSION_MINUTES}
    said.extend(_plan_update(session, snap, update.get("plan_set"),
                             partial=update.get("plan_partial") is True,
                             said_minutes=said_minutes))
    said.extend(_schedule_update(session, snap, update))
    return said


def _another_race(snap: AthleteSnapshot, text: str) -> str | None:
    """The race ``text`` names when it is not the goal race ("the 10k warm-up" with a
    marathon as the goal), else None (the goal's own race, or no race named)."""
    if not text or not snap.goal:
        return None
    said = read_goal(text, today=snap.today).race
    goal = read_goal(snap.goal, today=snap.today).race
    return said if said and goal and said != goal else None


def _plan_update(session: Session, snap: AthleteSnapshot, value: object, *,
                 partial: bool = False, said_minutes: Mapping[str, int] | None = None
                 ) -> list[str]:
    """``plan_set``: the new week as [{"day": "mon", "kind": "easy", "minutes": 40}];
    ``partial`` (``plan_partial`` in the update): only those days change, the rest of the
    week stays ("wednesdays are rest from now on")."""
    if not isinstance(value, list) or not value:
        return []
    runs: list[tuple[int, str, int]] = []
    for item in value:
        if not isinstance(item, Mapping) or str(item.get("day")) not in WEEKDAYS:
            return []
        minutes = _as_minutes(item.get("minutes"))
        kind = str(item.get("kind"))
        if kind not in planning.SESSION_KINDS or minutes is None:
            return []
        runs.append((WEEKDAYS.index(str(item["day"])), kind,
                     (said_minutes or {}).get(kind, minutes)))
    runs.sort()
    notes: list[str] = []
    if partial:
        runs = _with_day_left(snap, runs)
        runs, notes = _place_displaced(snap, runs)
    changed = {weekday for weekday, _, _ in runs}
    # The plan as it now stands: minutes changed by the same message ("long run is 4
    # hours now") are kept, not written back from the snapshot taken before them.
    kept = [(e.weekday, e.kind, e.minutes)
            for e in repository.get_weekly_plan(session=session, athlete_id=snap.athlete_id)
            if e.weekday not in changed] if partial else []
    repository.set_weekly_plan(session=session, athlete_id=snap.athlete_id, sessions=[
        {"weekday": weekday, "kind": kind, "minutes": minutes}
        for weekday, kind, minutes in sorted([*kept, *runs])])
    week = ", ".join(f"{WEEKDAYS[weekday].capitalize()} {kind}" + (
        f" {minutes}" if kind != "rest" else "") for weekday, kind, minutes in runs)
    return [t("onboarding.update_plan", week=week), *notes]


def _with_day_left(snap: AthleteSnapshot, runs: list[tuple[int, str, int]]
                   ) -> list[tuple[int, str, int]]:
    """A run put on a new day ("my tempo is on wednesdays now") moves there: the one day
    the plan held it, untouched by the message, is freed (so the run there before takes
    it); never two tempos where there was one. A kind the plan holds on several days
    ("easy") names no day it leaves."""
    said = {weekday for weekday, _, _ in runs}
    freed: list[tuple[int, str, int]] = []
    for weekday, kind, _minutes in runs:
        if kind == "rest" or (snap.plan.get(weekday) is not None
                              and snap.plan[weekday].kind == kind):
            continue
        held = [entry.weekday for entry in snap.plan.values() if entry.kind == kind]
        if len(held) == 1 and held[0] not in said and all(k != kind for _, k, _ in freed):
            freed.append((held[0], "rest", 0))
    return sorted([*runs, *freed])


def _place_displaced(snap: AthleteSnapshot, runs: list[tuple[int, str, int]]
                     ) -> tuple[list[tuple[int, str, int]], list[str]]:
    """A run moved onto a day that holds another run ("moving my long run to saturday for
    good" when Saturday has an easy run): the run already there is never dropped in
    silence. It takes the day the moved run left, when there is one, and the reply says
    so; else the reply says it is gone and how to put it back."""
    language = snap.language
    freed = [weekday for weekday, kind, _ in runs if kind == "rest"
             and (entry := snap.plan.get(weekday)) is not None and entry.kind != "rest"]
    placed = list(runs)
    notes: list[str] = []
    for weekday, kind, _minutes in runs:
        old = snap.plan.get(weekday)
        if kind == "rest" or old is None or old.kind in ("rest", kind):
            continue
        label = session_label(old.kind, old.minutes, language=language)
        day = weekday_short(weekday, language=language)
        if freed:
            to = freed.pop(0)
            placed = [(w, k, m) if w != to else (to, old.kind, old.minutes)
                      for w, k, m in placed]
            notes.append(t("onboarding.update_plan_displaced_moved", language=language,
                           session=label, day=day, to=weekday_short(to, language=language)))
        else:
            notes.append(t("onboarding.update_plan_displaced_dropped", language=language,
                           session=label, day=day, kind=old.kind, minutes=old.minutes))
    return placed, notes


def _schedule_update(session: Session, snap: AthleteSnapshot, update: Mapping[str, object]
                     ) -> list[str]:
    said = []
    zone = update.get("timezone")
    if isinstance(zone, str):
        try:
            name = planning.parse_timezone(zone)
        except ValueError:
            name = None
        if name:
            repository.set_checkin_schedule(session=session, athlete_id=snap.athlete_id,
                                            timezone=name, now=snap.now)
            said.append(t("onboarding.update_timezone",
                          zone=zone_label(name, language=snap.language)))
    at = update.get("checkin_time")
    clock = at if isinstance(at, time) else read_clock_time(at) if isinstance(at, str) else None
    if clock is not None:
        # Moving the time is not asking for check-ins: whether they are on stays as it is.
        repository.set_checkin_schedule(session=session, athlete_id=snap.athlete_id,
                                        time=clock.strftime("%H:%M"), now=snap.now)
        said.append(t("onboarding.update_checkin_time", time=clock.strftime("%H:%M")))
    return said


def _equipment_words(value: object) -> list[str]:
    """Catalogue equipment words in ``value``: given as such ("indoor_bike"), or read
    ("indoor_trainer", "a bike trainer"); anything else is not equipment we know."""
    words: list[str] = []
    for item in _as_list(value):
        known = item.lower() if item.lower() in EQUIPMENT_WORDS else None
        for word in (known,) if known else read_equipment(item.replace("_", " ")):
            if word not in words:
                words.append(word)
    return words


def _kind_of_minutes_key(key: str) -> str | None:
    """``long_run_minutes`` / ``long_minutes`` -> ``long``; None for other keys."""
    if not key.endswith("_minutes"):
        return None
    kind = key.removesuffix("_minutes").removesuffix("_run")
    return kind if kind in planning.SESSION_KINDS and kind != "rest" else None


def _set_kind_minutes(session: Session, snap: AthleteSnapshot, kind: str, minutes: int
                      ) -> str:
    days = [day for day in snap.plan.values() if day.kind == kind]
    if not days:
        return t("onboarding.update_no_such_run", kind=kind, minutes=minutes)
    old = days[0].minutes
    if all(day.minutes == minutes for day in days):
        return t("onboarding.update_minutes_same", kind=kind.capitalize(), minutes=minutes)
    for day in days:
        repository.set_planned_session(session=session, athlete_id=snap.athlete_id,
                                       weekday=day.weekday, kind=kind, minutes=minutes)
    return t("onboarding.update_minutes", kind=kind.capitalize(), minutes=minutes, old=old)


__all__ = [
    "apply_profile_update", "ask_forget", "coach_roster", "commands", "confirm_forget",
    "export", "help_reply", "history", "profile", "replace_plan", "set_consent", "settings",
    "show_plan",
]
