"""The substitution engine: what to do instead of a missed run, for this athlete, today.

Pure and deterministic: the same athlete, session, reason and date give the same answer,
with no I/O beyond the cached catalogue. Order of business:

1. Triage the reason for red flags (coach/triage.py). A flag that allows nothing returns
   the referral alone; one that allows non-impact work limits the options to impact none.
2. Understand the session (coach/sessions.py) and the reason (coach/reasons.py).
3. Work out the limits: equipment the athlete has (their list, plus "home", which everyone
   has; while travelling only "home" and what the reason names), indoor only when weather,
   smoke or a closure says so, the highest impact allowed by pain, injuries or illness,
   a time cap, and the taper.
4. Score every activity that passes the limits: purpose of the missed run first, then the
   article's goal-specific picks, what the athlete enjoys, lower impact when something
   hurts, closeness to running when healthy. Offer the best 1-3, one per family.
5. Load by time and effort: session RPE x minutes of the run, times the activity's time
   factor at the same effort, rounded to 5 minutes and never above the time cap.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from coach.catalogue import (
    ALWAYS_AVAILABLE,
    Activity,
    Catalogue,
    GoalPick,
    load_catalogue,
    normalise_equipment,
)
from coach.context import AthleteContext
from coach.language import body
from coach.language.texts import t
from coach.reasons import (
    ReasonInfo,
    conditions_from_injuries,
    normalise,
    parse_reason,
    says_now,
)
from coach.sessions import MissedSession, SessionKind, parse_session
from coach.triage import Allowed, TriageResult, triage

TAPER_DAYS = 14
TAPER_MAX_MINUTES = 40
LONG_MAX_MINUTES = 180  # a cross-training "long run" is capped: time on a machine wears too
MAX_OPTIONS = 3
GENTLE_MAX_MINUTES = 30
# Pain said today, or told in the last few days (``AthleteContext.recent_pain``): a
# session no longer than the run it replaces (minute for minute, no time factor on top),
# and a long run's load waits for a body that does not hurt: an easy hour at most of the
# low-impact work the article uses to train around an injury.
PAIN_MAX_MINUTES = 60
# What a hotel has, said or not: a treadmill and an exercise bike in its small gym, and
# the room for bodyweight work. A pool, or any other machine, only when the athlete says
# so; "no gym" leaves the room.
HOTEL_KIT = frozenset({"treadmill", "indoor_bike", "home"})


def skip_line(language: str = "en") -> str:
    """The note's last line, that skipping is fine too (the Skip button says it)."""
    return t("substitution.skip", language=language)


_HARD_KINDS: frozenset[str] = frozenset({"tempo", "intervals", "hills"})
# "Gym" alone does not promise these machines: an athlete must name them.
_NAMED_MACHINES = frozenset({"elliptical", "stair_climber", "versaclimber"})


class SwapInputError(ValueError):
    """The request cannot be understood; the message says what to fix."""


@dataclass(frozen=True, slots=True)
class _Purpose:
    trains: tuple[str, ...]
    effort: str
    rpe: int
    hard: bool


_PURPOSES: dict[str, _Purpose] = {
    "easy": _Purpose(("aerobic",), "zone 2", 3, False),
    "recovery": _Purpose(("aerobic",), "zone 1", 2, False),
    "long": _Purpose(("aerobic",), "zone 2", 4, False),
    "tempo": _Purpose(("threshold",), "zone 3-4 (threshold blocks)", 6, True),
    "intervals": _Purpose(("vo2", "power"), "zone 5 work / zone 1 recovery", 8, True),
    "hills": _Purpose(("climbing_strength",), "zone 4 on the climbs", 7, True),
}
# What can carry a hard session's work when its own quality is not on offer.
_HARD_SUBSTITUTES: dict[str, frozenset[str]] = {
    "threshold": frozenset({"threshold", "vo2"}),
    "vo2": frozenset({"vo2", "power", "threshold"}),
    "climbing_strength": frozenset({"climbing_strength", "threshold", "vo2"}),
}
_PURPOSE_WORDS = {
    "easy": "aerobic base", "recovery": "recovery", "long": "long aerobic endurance",
    "tempo": "threshold work", "intervals": "hard intervals", "hills": "climbing strength",
}


@dataclass(frozen=True, slots=True)
class SwapOption:
    """One suggested substitute session."""

    activity: str
    name: str
    minutes: int
    effort: str
    rpe: int
    structure: str
    impact: str
    indoor: bool
    equipment: tuple[str, ...]
    why: str
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "activity": self.activity, "name": self.name, "minutes": self.minutes,
            "effort": self.effort, "rpe": self.rpe, "structure": self.structure,
            "impact": self.impact, "indoor": self.indoor, "equipment": list(self.equipment),
            "why": self.why, "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class SwapResult:
    """Options (best first) or a referral, or a referral with non-impact options."""

    referral: str | None
    options: list[SwapOption]
    note: str | None
    missed: MissedSession | None = None
    flags: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The command-line contract: referral, options, and the kind note."""
        return {
            "referral": self.referral,
            "options": [option.to_json() for option in self.options],
            "note": self.note,
        }


@dataclass(slots=True)
class _Limits:
    available: frozenset[str]
    indoor_only: bool
    max_impact: int
    conditions: frozenset[str]
    cap: int | None
    healthy: bool
    taper_days: int | None
    hurting: bool
    gentle_max: int | None  # ill or worn out: keep any session this short
    cap_assumed: bool = False  # the cap is our guess ("busy", no minutes said)
    pain_now: bool = False  # pain said in the reason or told lately: sized down
    # (PAIN_MAX_MINUTES, no longer than the run it replaces)


def _floor5(minutes: float) -> int:
    return int(minutes // 5) * 5


def _round5(minutes: float) -> int:
    return math.floor(minutes / 5 + 0.5) * 5


def _fmt(minutes: float) -> str:
    return str(int(minutes)) if float(minutes).is_integer() else f"{minutes:g}"


def _likes_activity(likes: frozenset[str], activity: Activity) -> bool:
    if not likes:
        return False
    names = {activity.id, activity.id.replace("_", " "), normalise(activity.name),
             *(normalise(alias) for alias in activity.aliases)}
    return bool(likes & names)


def _limits(athlete: AthleteContext, info: ReasonInfo, tri: TriageResult,
            today: date) -> _Limits:
    if info.hotel:
        # A hotel's gym is a treadmill and a bike, not the athlete's gym at home.
        kit = HOTEL_KIT - ({"treadmill", "indoor_bike"} if "gym" in info.lacking_equipment
                           else frozenset())
        available = ALWAYS_AVAILABLE | kit | (info.mentioned_equipment - {"gym"})
    elif info.travel:
        # Away from home the athlete's own kit stays behind; what the reason names counts.
        available = ALWAYS_AVAILABLE | info.mentioned_equipment
    else:
        available = (normalise_equipment(list(athlete.equipment)) | ALWAYS_AVAILABLE
                     | info.mentioned_equipment)
    available -= info.closed

    max_impact = 3
    # Pain told in the last few days counts as if said now ("knee like 4" just before /swap).
    told = [body.pain_score(normalise(note)) for note in athlete.recent_pain]
    score = max([info.pain_score or 0, *(found for found in told if found is not None)])
    if tri.allowed is Allowed.NON_IMPACT or score >= 7:
        max_impact = 0
    elif score >= 4:
        max_impact = 1
    if info.illness:
        max_impact = min(max_impact, 1)
    if info.fatigue:
        max_impact = min(max_impact, 2)

    injury_conditions = conditions_from_injuries((*athlete.injuries, *athlete.recent_pain))
    conditions = info.conditions | injury_conditions
    healthy = not (info.pain or injury_conditions or athlete.recent_pain or info.fatigue
                   or info.illness or tri.flags)
    if not healthy:
        max_impact = min(max_impact, 2)  # plyometrics and other high impact need a healthy body
    days = athlete.days_to_goal(today)
    taper = days if days is not None and 0 <= days <= TAPER_DAYS else None
    return _Limits(
        available=available, indoor_only=info.indoor_only, max_impact=max_impact,
        conditions=conditions, cap=info.time_cap, cap_assumed=info.time_cap_assumed,
        healthy=healthy, taper_days=taper,
        hurting=(info.pain or bool(injury_conditions) or bool(athlete.recent_pain)
                 or bool(tri.flags)),
        gentle_max=GENTLE_MAX_MINUTES if (info.illness or info.fatigue == "high") else None,
        pain_now=(info.pain or bool(athlete.recent_pain)) and not tri.flags,
    )


def _effective_kind(session: MissedSession, info: ReasonInfo, limits: _Limits) -> SessionKind:
    """The purpose to serve today, which may be gentler than the run that was missed."""
    kind = session.kind
    if kind == "rest":
        return kind
    if info.illness or info.fatigue == "high":
        return "recovery"
    if kind == "long" and (limits.taper_days is not None or limits.pain_now):
        return "easy"
    if kind in _HARD_KINDS or kind == "long":
        if info.fatigue == "mild":
            return "easy"
        if {"speed_pain", "downhill_pain"} & limits.conditions and kind in _HARD_KINDS:
            return "easy"  # the article: when fast and downhill hurt, all zone 2 and flat
        if (info.pain_score or 0) >= 7 and kind in _HARD_KINDS:
            return "easy"
    return kind


def _base_minutes(session: MissedSession, kind: SessionKind, info: ReasonInfo,
                  limits: _Limits) -> float:
    minutes = float(session.minutes)
    if kind == "recovery" and session.kind != "recovery":
        minutes = min(minutes * 0.6, 30)
    elif kind == "easy" and session.kind == "long":
        minutes = minutes * 0.6
    if limits.taper_days is not None and session.kind == "long":
        minutes = min(minutes, TAPER_MAX_MINUTES)
    if limits.pain_now:
        minutes = min(minutes, PAIN_MAX_MINUTES)
    return max(minutes, 10)


def _applicable_picks(catalogue: Catalogue, athlete: AthleteContext,
                      limits: _Limits) -> list[GoalPick]:
    goal = athlete.goal or ""
    picks = []
    for pick in catalogue.goal_picks:
        if pick.matches_goal(goal) or (pick.condition_any & limits.conditions):
            picks.append(pick)
    return picks


def _eligible(activity: Activity, limits: _Limits, purpose: _Purpose) -> tuple[str, ...] | None:
    """The equipment it would use, or None when a hard limit rules it out."""
    if _unfit(activity, limits, purpose) is not None:
        return None
    return _equipment_for(activity, limits.available)


Unfit = Literal["rest", "impact", "indoor", "injury", "purpose", "equipment", "time",
                "refused"]


def _unfit(activity: Activity, limits: _Limits, purpose: _Purpose) -> Unfit | None:
    """The first hard limit that rules ``activity`` out, or None when none does."""
    if activity.is_rest:
        return "rest"
    if activity.impact_level > limits.max_impact:
        return "impact"
    if limits.indoor_only and not activity.indoor:
        return "indoor"
    if activity.contraindications & limits.conditions:
        return "injury"
    if purpose.hard and activity.intensity == "easy_only":
        return "purpose"
    if (purpose.hard and activity.fixed_minutes is None
            and not set(activity.trains) & _HARD_SUBSTITUTES[purpose.trains[0]]):
        return "purpose"  # brisk walking is no interval session
    if _equipment_for(activity, limits.available) is None:
        return "equipment"
    return None


def _equipment_for(activity: Activity, available: frozenset[str]) -> tuple[str, ...] | None:
    """The equipment the athlete would use for ``activity``, or None when they lack it.
    A machine only some gyms have is offered only to someone who named it."""
    if any(alternative & _NAMED_MACHINES for alternative in activity.equipment):
        available = available - {"gym"}
    return activity.equipment_choice(available)


def _is_disliked(dislikes: frozenset[str], activity: Activity) -> bool:
    return _likes_activity(dislikes, activity)


def _minutes_for(activity: Activity, base: float, kind: SessionKind,
                 limits: _Limits) -> tuple[int, str] | None:
    """Friendly minutes for the activity, and what shortened them ("" when nothing did):
    "time_cap" (the athlete's time), "taper", or "activity_max" (the most one session of
    it sensibly lasts, or the cap on a cross-training long session)."""
    shortened = ""
    if activity.fixed_minutes is not None:
        minutes = min(activity.fixed_minutes, max(_round5(base), activity.min_minutes))
    else:
        raw = base * activity.time_factor
        if kind == "long" and raw > LONG_MAX_MINUTES:
            raw, shortened = LONG_MAX_MINUTES, "activity_max"
        minutes = max(_round5(raw), activity.min_minutes)
        if minutes > activity.max_minutes:
            shortened = "activity_max"
    minutes = min(minutes, activity.max_minutes)
    if limits.taper_days is not None and kind == "easy" and minutes > TAPER_MAX_MINUTES + 5:
        minutes, shortened = TAPER_MAX_MINUTES + 5, "taper"
    if limits.gentle_max is not None and minutes > limits.gentle_max:
        minutes = limits.gentle_max
    if limits.pain_now and activity.fixed_minutes is None and minutes > _round5(base):
        minutes, shortened = max(_round5(base), activity.min_minutes), "pain"
    if limits.cap is not None and minutes > _floor5(limits.cap):
        minutes, shortened = _floor5(limits.cap), "time_cap"
    if minutes < activity.min_minutes or minutes <= 0:
        return None
    return minutes, shortened


def _score(activity: Activity, purpose: _Purpose, kind: SessionKind, base: float,
           info: ReasonInfo, limits: _Limits, likes: frozenset[str],
           picks: list[GoalPick]) -> tuple[float, GoalPick | None]:
    trains = set(activity.trains)
    if trains & set(purpose.trains):
        score = 4.0
    elif "aerobic" in trains or "climbing_strength" in trains:
        score = 1.5
    else:
        score = 1.0  # strength work complements any run
    if purpose.hard and activity.fixed_minutes is None and "aerobic" not in trains:
        score -= 0.5
    score += 0.5 * activity.specificity
    if limits.hurting:
        score -= 0.8 * activity.impact_level
    if kind == "long" and activity.fixed_minutes is None:
        wanted = min(base * activity.time_factor, LONG_MAX_MINUTES)
        if activity.max_minutes < 0.75 * wanted:
            score -= 2.5  # cannot hold a long session's load
    if kind == "recovery" and activity.impact_level >= 2:
        score -= 1.0
    if _likes_activity(likes, activity):
        score += 3.0
    if info.fun and activity.fun:
        score += 3.0
    chosen: GoalPick | None = None
    for pick in picks:
        if activity.id in pick.prefer and kind != "recovery":
            bonus = 4.5 - 0.5 * pick.prefer.index(activity.id)
            if pick.id == "everest_height" and (info.closed or info.indoor_only) and (
                    pick.prefer.index(activity.id) == 0):
                bonus += 2.0  # trails closed: the article's step-ups at home
            if chosen is None or bonus > 0:
                score += bonus
                chosen = chosen or pick
    return score, chosen


def _structure(activity: Activity, kind: SessionKind, minutes: int,
               session: MissedSession) -> str:
    if activity.is_rest:
        return activity.how
    how = activity.how.format(minutes=minutes) if activity.how else ""
    if activity.fixed_minutes is not None:
        return f"{minutes} min: {how}" if how else f"{minutes} min"
    timeline = _timeline(kind, minutes, session)
    return f"{timeline}; {how}" if how else timeline


def _timeline(kind: SessionKind, minutes: int, session: MissedSession) -> str:
    if kind == "tempo":
        return _blocks(minutes, 10, 2, "at threshold (RPE 7)", None)
    if kind == "intervals":
        work = session.work_minutes or 4
        rest = session.rest_minutes if session.rest_minutes is not None else work / 2
        return _blocks(minutes, work, rest, "hard (RPE 8-9)", session.reps)
    if kind == "hills":
        work = session.work_minutes or 3
        rest = session.rest_minutes if session.rest_minutes is not None else 2
        return _blocks(minutes, work, rest, "hard climbing (RPE 8)", session.reps)
    zone = _PURPOSES[kind].effort
    if kind == "long":
        return f"{minutes} min continuous in {zone}; drink and fuel as on a long run"
    return f"{minutes} min continuous in {zone}"


def _blocks(total: int, work: float, rest: float, label: str, reps_wanted: int | None) -> str:
    warm = 10 if total < 60 else 15
    cool = 5 if total < 45 else 10
    body = total - warm - cool
    if body < work:
        return f"{total} min building gently to a steady, comfortably hard effort"
    reps = int((body + rest) // (work + rest))
    if reps_wanted:
        reps = min(reps, reps_wanted)
    used = reps * work + (reps - 1) * rest
    cool_total = total - warm - used
    return (f"{warm} min easy, {reps} x {_fmt(work)} min {label} / {_fmt(rest)} min easy, "
            f"{_fmt(cool_total)} min easy")


def _why(activity: Activity, pick: GoalPick | None, session: MissedSession, kind: SessionKind,
         minutes: int, shortened: str, limits: _Limits) -> str:
    first = pick.story if pick is not None else activity.why
    if activity.fixed_minutes is not None:
        second = (f"It keeps you training on a day without the {session.label}, "
                  "with no running load.")
        if activity.impact_level >= 2:
            second = f"It replaces the {session.label} with explosive work at a lower volume."
    elif limits.taper_days is not None and session.kind == "long":
        second = (f"Kept to {minutes} easy minutes: with your event {limits.taper_days} "
                  "days away the long run is not made up.")
    elif shortened == "pain" or (limits.pain_now and kind != session.kind):
        second = (f"{minutes} min, no longer than your {session.label}: "
                  "it hurts today, so the load is less.")
    elif shortened == "time_cap" and limits.cap_assumed:
        second = (f"Kept to about {minutes} min as time is tight, at the same effort as "
                  f"the {session.label}.")
    elif shortened == "time_cap":
        second = (f"Kept to the {minutes} min you have, at the same effort as the "
                  f"{session.label}.")
    elif shortened == "activity_max":
        second = (f"{minutes} min is as long as one session of it sensibly goes; it keeps "
                  f"the {_PURPOSE_WORDS[kind]} of your {session.label} without matching "
                  "all its load.")
    elif kind != session.kind:
        second = (f"{minutes} min of gentle {_PURPOSE_WORDS[kind]} instead of the "
                  f"{session.label}, because today calls for less.")
    elif activity.time_factor != 1.0:
        second = (f"{minutes} min at the same effort matches the load of your "
                  f"{session.label} (about {activity.time_factor:g}x the running time).")
    else:
        second = (f"{minutes} min at the same effort matches the load of your "
                  f"{session.label}, minute for minute.")
    return f"{first} {second}"


def _rest_option(catalogue: Catalogue, session: MissedSession, limits: _Limits,
                 info: ReasonInfo) -> SwapOption:
    rest = next(a for a in catalogue.activities if a.is_rest)
    why = rest.why
    if info.illness:
        why = "Your body is fighting something; rest now gets you back to running sooner."
    elif info.fatigue:
        why = ("Tiredness is your body asking for recovery; rest today and the next run "
               "will count for more.")
    elif limits.taper_days is not None:
        why = (f"With your event {limits.taper_days} days away, rest keeps you fresh; the "
               "fitness is already banked.")
    return SwapOption(
        activity=rest.id, name=rest.name, minutes=0, effort=rest.effort or "rest",
        rpe=rest.rpe or 0, structure=rest.how, impact=rest.impact, indoor=rest.indoor,
        equipment=(), why=why, source=catalogue.citation(rest.section))


_TREADMILL_RUNS = frozenset({"tempo", "intervals", "hills"})


def _treadmill_holds_it(session: MissedSession, info: ReasonInfo, limits: _Limits) -> bool:
    """In a hotel, healthy, with time for it: a hard run can be run on the hotel's
    treadmill as planned, which beats any cross-training for it."""
    return (info.hotel and "treadmill" in limits.available and limits.healthy
            and session.kind in _TREADMILL_RUNS and limits.max_impact >= 2
            and limits.cap is None and not info.closed & {"treadmill", "gym"})


def _climbing_part(info: ReasonInfo, language: str) -> str:
    return (info.pain_locations[0] if info.pain_locations
            else t("substitution.climbing_pain_it", language=language))


def _capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _note(session: MissedSession, info: ReasonInfo, limits: _Limits, tri: TriageResult,
          options: list[SwapOption], language: str) -> str:
    """The cautions and reasons that go with the options, in the athlete's language
    (``coach/language/<lang>/replies/substitution.yaml``)."""
    keys: list[tuple[str, dict[str, object]]] = []
    first: list[str] = []
    if _treadmill_holds_it(session, info, limits):
        # Answer first: the hard run itself fits a hotel treadmill.
        first.append(t("away.hotel_treadmill", language=language,
                       session=t(f"away.kind_{session.kind}", language=language)))
    if tri.referral:
        keys.append(("non_impact_only", {}))
    if session.kind == "rest":
        keys.append(("rest_day", {}))
    if limits.taper_days is not None and session.kind == "long":
        keys.append(("taper_long", {"days": limits.taper_days}))
    if info.illness == "stomach":
        keys.append(("stomach", {}))
    elif info.illness == "above_neck":
        keys.append(("above_neck", {}))
    elif info.illness:
        keys.append(("unwell", {}))
    if info.fatigue == "high":
        keys.append(("worn_out", {}))
    climbing = "climbing_pain" in info.conditions and not tri.referral
    if (info.pain or limits.pain_now) and not tri.referral:
        if (info.pain_score or 0) >= 7:
            keys.append(("strong_pain", {}))
        # The cautions of a sore body in one short line: what the options leave out,
        # how long they go, and when to stop.
        said: list[str] = []
        if climbing:
            said.append(t("substitution.pain_no_climbing", language=language,
                          part=_climbing_part(info, language)))
        if limits.pain_now and any(option.minutes for option in options):
            said.append(t("substitution.pain_no_longer", language=language))
        if said:
            keys.append(("pain_line", {"limits": ", ".join(said)}))
        else:
            keys.append(("pain_stop", {}))
    elif climbing:
        keys.append(("climbing_pain", {"part": _climbing_part(info, language)}))
    if limits.indoor_only:
        if info.smoke:
            keys.append(("indoors_smoke", {}))
        elif info.weather and info.weather != "weather":
            keys.append(("indoors_named", {"weather": info.weather}))
        elif info.weather:
            keys.append(("indoors_weather", {}))
        else:
            keys.append(("indoors_outside", {}))
    if info.hotel and not info.mentioned_equipment - {"gym"}:
        keys.append(("hotel", {}))
    if session.kind == "long" and limits.taper_days is None and (
            limits.indoor_only or info.closed or info.no_time):
        keys.append(("long_can_move", {}))
    if limits.cap is not None:
        if limits.cap < 10:
            keys.append(("little_time", {}))
        elif limits.cap_assumed:
            keys.append(("time_assumed", {"minutes": limits.cap}))
        else:
            keys.append(("time_fits", {"minutes": limits.cap}))
    parts = first + [_capitalised(t(f"substitution.{key}", language=language, **values))
                     for key, values in keys]
    if not any(option.activity == "rest" for option in options) or len(options) > 1:
        parts.append(skip_line(language))
    return " ".join(parts)


def suggest_substitutes(
    *,
    athlete: AthleteContext,
    missed: MissedSession | str | Mapping[str, Any],
    reason: str,
    today: date,
    catalogue: Catalogue | None = None,
    missed_on: date | None = None,
) -> SwapResult:
    """1-3 ranked substitutes for a missed run, or a referral, for this athlete today.

    ``missed_on``: the day of the missed run. The time the athlete has now ("time is
    tight", "only 20 min") sizes today's and coming sessions only: a run missed on an
    earlier day is sized from the plan."""
    if not isinstance(reason, str):
        raise SwapInputError("The reason must be text, e.g. \"knee pain\" or \"rain\".")
    if not isinstance(today, date):
        raise SwapInputError("today must be a date.")
    cat = catalogue or load_catalogue()
    session = parse_session(missed)
    tri = triage(reason)
    if tri.allowed is Allowed.NOTHING:
        return SwapResult(
            referral=tri.referral, options=[], missed=session, flags=tri.flag_ids,
            note=t("substitution.no_training", language=athlete.language))

    info = parse_reason(reason)
    time_today = ""
    if missed_on is not None and missed_on < today and info.no_time:
        if says_now(reason):  # "time is tight today": said so, the reply says why not
            time_today = t("substitution.sized_from_plan", language=athlete.language)
        info = replace(info, time_cap=None, no_time=False, time_cap_assumed=False)
    limits = _limits(athlete, info, tri, today)
    kind = _effective_kind(session, info, limits)

    options: list[SwapOption] = []
    rest_first = bool(info.illness or info.fatigue == "high" or session.kind == "rest"
                      or (limits.cap is not None and limits.cap < 10))
    if kind != "rest" and info.illness != "stomach":
        options = _ranked_options(cat, athlete, session, kind, info, limits)
    want_rest = (rest_first or not options or info.fatigue is not None
                 or (info.pain_score or 0) >= 4 or tri.referral is not None
                 or (limits.taper_days is not None and session.kind == "long")
                 or (limits.cap is not None and limits.cap < 20))
    if want_rest:
        rest = _rest_option(cat, session, limits, info)
        if rest_first:
            options = [rest, *options[:MAX_OPTIONS - 1]]
        else:
            options = [*options[:MAX_OPTIONS - 1], rest]
    options = options[:MAX_OPTIONS]
    note = " ".join(part for part in (time_today, _note(session, info, limits, tri, options,
                                                        athlete.language))
                    if part)
    return SwapResult(referral=tri.referral, options=options, note=note, missed=session,
                      flags=tri.flag_ids)


def size_named_activity(
    *,
    athlete: AthleteContext,
    missed: MissedSession | str | Mapping[str, Any],
    reason: str,
    today: date,
    activity_id: str,
    catalogue: Catalogue | None = None,
    missed_on: date | None = None,
) -> SwapOption | None:
    """The one activity the athlete named for a run ("today I go to the pool, how long?"),
    sized and explained as suggest_substitutes would size it, or None when it does not fit
    them today (a flag, their equipment, an injury, the session's purpose)."""
    sized = _named(athlete=athlete, missed=missed, reason=reason, today=today,
                   activity_id=activity_id, catalogue=catalogue, missed_on=missed_on)
    return sized if isinstance(sized, SwapOption) else None


def fit_named_activity(
    *,
    athlete: AthleteContext,
    missed: MissedSession | str | Mapping[str, Any],
    reason: str,
    today: date,
    activity_id: str,
    catalogue: Catalogue | None = None,
    missed_on: date | None = None,
) -> SwapOption | Unfit:
    """The activity the athlete named ("what about swimming instead?") sized for this run
    today, or why it is no substitute: the first limit it meets."""
    return _named(athlete=athlete, missed=missed, reason=reason, today=today,
                  activity_id=activity_id, catalogue=catalogue, missed_on=missed_on)


def _named(*, athlete: AthleteContext, missed: MissedSession | str | Mapping[str, Any],
           reason: str, today: date, activity_id: str, catalogue: Catalogue | None,
           missed_on: date | None) -> SwapOption | Unfit:
    """The named activity sized for the run, or the limit that rules it out."""
    cat = catalogue or load_catalogue()
    session = parse_session(missed)
    tri = triage(reason)
    if tri.allowed is Allowed.NOTHING:
        return "rest"
    info = parse_reason(reason)
    if missed_on is not None and missed_on < today and info.no_time:
        info = replace(info, time_cap=None, no_time=False, time_cap_assumed=False)
    limits = _limits(athlete, info, tri, today)
    kind = _effective_kind(session, info, limits)
    if kind == "rest":
        return "rest"
    if activity_id in info.blamed or activity_id in info.refused:
        return "refused"
    options = _ranked_options(cat, athlete, session, kind, info, limits, only=activity_id)
    if options:
        return options[0]
    return _unfit(cat.get(activity_id), limits, _PURPOSES[kind]) or "time"


def _ranked_options(catalogue: Catalogue, athlete: AthleteContext, session: MissedSession,
                    kind: SessionKind, info: ReasonInfo, limits: _Limits,
                    only: str | None = None) -> list[SwapOption]:
    purpose = _PURPOSES[kind]
    base = _base_minutes(session, kind, info, limits)
    likes = frozenset(normalise(like) for like in athlete.likes)
    picks = _applicable_picks(catalogue, athlete, limits)
    candidates: list[tuple[float, int, Activity, tuple[str, ...], GoalPick | None, int, str]] = []
    for order, activity in enumerate(catalogue.activities):
        if ((only is not None and activity.id != only) or activity.id in info.blamed
                or activity.id in info.refused):
            continue
        equipment = _eligible(activity, limits, purpose)
        if equipment is None:
            continue
        sized = _minutes_for(activity, base, kind, limits)
        if sized is None:
            continue
        score, pick = _score(activity, purpose, kind, base, info, limits, likes, picks)
        candidates.append((score, order, activity, equipment, pick, *sized))
    candidates.sort(key=lambda c: (-c[0], c[1]))

    # What the athlete dislikes is never first: it goes after everything else that fits.
    dislikes = frozenset(normalise(dislike) for dislike in athlete.dislikes)
    candidates.sort(key=lambda c: _is_disliked(dislikes, c[2]))

    options: list[SwapOption] = []
    families: set[str] = set()
    for _score_value, _order, activity, equipment, pick, minutes, shortened in candidates:
        if activity.family_key in families:
            continue
        families.add(activity.family_key)
        fixed = activity.fixed_minutes is not None
        options.append(SwapOption(
            activity=activity.id,
            name=activity.name,
            minutes=minutes,
            effort=activity.effort if fixed and activity.effort else purpose.effort,
            rpe=activity.rpe if fixed and activity.rpe is not None else purpose.rpe,
            structure=_structure(activity, kind, minutes, session),
            impact=activity.impact,
            indoor=activity.indoor,
            equipment=equipment,
            why=_why(activity, pick, session, kind, minutes, shortened, limits),
            source=catalogue.citation(pick.section if pick else activity.section),
        ))
        if len(options) == MAX_OPTIONS:
            break
    return options
