"""Questions: about their own training from their data and the rules; the rest from the
articles, with the athlete's context and a caution where their injuries call for one.

The article answerer may call an LLM, so it is awaited outside any transaction: the
snapshot is read in one, the answer composed, and the turns remembered in another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from string import Formatter

from sqlmodel import Session

from coach.answers import Answer, source_line, unanswered_line
from coach.catalogue import Activity, load_catalogue
from coach.intent import is_health_related, with_previous_question
from coach.language import read_activities, read_pain, t
from coach.language.body import sites
from coach.language.days import weekdays_in
from coach.language.durations import read_kind
from coach.language.lexicon import entry
from coach.language.lexicon import pattern as phrases
from coach.language.questions import (
    asked_day,
    embedded_question,
    is_question,
    mentions_high_impact,
    names_session_kind,
    read_own_question,
)
from coach.planning import WEEKDAY_NAMES
from coach.readiness import HARD_KINDS, PAIN_NO_RUN, advise
from coach.reasons import ReasonInfo, conditions_from_injuries, normalise, parse_reason
from coach.substitution import size_named_activity
from knowledge.text import load_lexicon, topic_terms
from storage import repository
from usecases import safety, swaps
from usecases.ports import Ports
from usecases.replies import Button, Reply
from usecases.snapshot import AthleteSnapshot, load_snapshot

LONG_TAPER_DAYS = 21  # a missed long run is not made up in the last three weeks
TAPER_DAYS = 14
MAKE_UP_WITHIN_DAYS = 2

@dataclass(frozen=True, slots=True)
class Prepared:
    snapshot: AthleteSnapshot
    question: str
    # The answer from their plan, when the articles add only one short line after it.
    lead: str | None = None
    # The situation the question narrows to, said back to them ("during your taper"),
    # when the articles are asked whether they speak to it.
    situation: str = ""
    # What we said last: a second worry in a row is pointed back to it, not told it again.
    said_before: str | None = None


@cache
def _activity_patterns() -> tuple[tuple[Activity, re.Pattern[str]], ...]:
    """Each activity (rest aside) with one pattern for its names, in catalogue order:
    compiled once per process, not once per name and question (the packaged catalogue is
    loaded once and never changes)."""
    compiled: list[tuple[Activity, re.Pattern[str]]] = []
    for activity in load_catalogue().activities:
        if activity.is_rest:
            continue
        names = {activity.name.lower(), activity.id.replace("_", " "),
                 *(alias.lower() for alias in activity.aliases)}
        # Longest first (then alphabetical): the order changes nothing about whether the
        # pattern matches, but keeps it the same from run to run.
        wanted = sorted((name for name in names if len(name) > 3), key=lambda n: (-len(n), n))
        if wanted:
            alternatives = "|".join(re.escape(name) for name in wanted)
            compiled.append((activity, re.compile(rf"\b(?:{alternatives})\b")))
    return tuple(compiled)


def _mentioned_activity(text: str, equipment: Iterable[str] = ()) -> Activity | None:
    """The activity ``text`` names by its longest name ("spin bike" is indoor cycling,
    though "bike" is road cycling's too); between activities named by the same words
    ("bike"), the one the athlete's ``equipment`` allows, then catalogue order."""
    lowered = normalise(text)
    available = frozenset(equipment) | {"home"}
    best: tuple[int, bool, Activity] | None = None
    for activity, pattern in _activity_patterns():
        longest = max((len(found.group()) for found in pattern.finditer(lowered)), default=0)
        if not longest:
            continue
        usable = activity.equipment_choice(available) is not None
        if best is None or (longest, usable) > best[:2]:
            best = (longest, usable, activity)
    return best[2] if best else None


def _day_line(snapshot: AthleteSnapshot, day: date, label: str) -> str:
    language = snapshot.language
    entry = snapshot.planned_on(day)
    if entry is None:
        return t("questions.day_not_planned", language=language, day=label)
    if entry.kind == "rest":
        return t("questions.day_rest", language=language, day=label)
    return t("questions.day_session", language=language, day=label,
             session=swaps.session_name(entry.kind), minutes=entry.minutes)


def _week(snapshot: AthleteSnapshot) -> str:
    language = snapshot.language
    lines = [t("questions.week_title", language=language)]
    days = snapshot.coming_week()
    traded = snapshot.week_traded()
    # With a one-week change ahead, the coming seven days as they stand, dated; else the
    # weekly plan, Monday first.
    for weekday in range(7):
        day = days[weekday] if traded else None
        entry = snapshot.planned_on(day) if day is not None else snapshot.plan.get(weekday)
        name = (swaps.day_label(day, language) if day is not None
                else WEEKDAY_NAMES[weekday])
        if entry is None or entry.kind == "rest":
            lines.append(t("questions.week_rest", language=language, weekday=name))
        else:
            lines.append(t("questions.week_line", language=language, weekday=name,
                           session=swaps.session_name(entry.kind), minutes=entry.minutes))
    return "\n".join(lines)


@cache
def _caution_pattern() -> re.Pattern[str] | None:
    """The answerer's caution (knowledge/lexicon.yaml) as a pattern, whatever fills it."""
    template = load_lexicon().caution
    if not template:
        return None
    parts = [re.escape(literal) + (".+?" if field is not None else "")
             for literal, field, _, _ in Formatter().parse(template)]
    return re.compile(r"\s+".join("".join(parts).split(r"\ ")), re.DOTALL)


def carries_caution(text: str) -> bool:
    """Whether an article answer already holds the answerer's injury caution."""
    pattern = _caution_pattern()
    return pattern is not None and bool(pattern.search(text))


def _pain_or_injury(snapshot: AthleteSnapshot) -> str | None:
    """What hurts, as the athlete told us (with consent), for a caution."""
    if snapshot.injuries:
        return ", ".join(snapshot.injuries)
    recent = [record for record in snapshot.recent
              if record.pain is not None and record.pain > 0
              and (snapshot.today - record.day).days <= 7]
    return "recent pain" if recent else None


def _make_up(snapshot: AthleteSnapshot, text: str,
             last_offered: swaps.MissedRun | None = None) -> str:
    language = snapshot.language
    missed = swaps.resolve_missed(snapshot, text)
    if isinstance(missed, swaps.AskWhich) or (
            not swaps.missed_day(text, snapshot.today) and not names_session_kind(text)):
        # "can I make it up?": the run last talked about, logged or offered a swap for.
        last = next((record for record in reversed(snapshot.recent)
                     if record.status in ("missed", "swapped")), None)
        entry = snapshot.planned_on(last.day) if last is not None else None
        if last_offered is not None and (last is None or last_offered.day >= last.day):
            missed = last_offered
        elif last is None or entry is None or entry.kind == "rest":
            if isinstance(missed, swaps.AskWhich):
                return t("questions.makeup_unknown", language=language)
        else:
            missed = swaps.MissedRun(day=last.day, kind=swaps.normalise_kind(entry.kind),
                                     minutes=entry.minutes, from_plan=True)
    assert isinstance(missed, swaps.MissedRun)
    session = missed.label
    days_to_race = snapshot.days_to_race()
    window = LONG_TAPER_DAYS if missed.kind == "long" else TAPER_DAYS
    if days_to_race is not None and 0 <= days_to_race <= window:
        return t("questions.makeup_taper", language=language, days=days_to_race)
    record = snapshot.record_of(missed.day)
    if record is not None and record.status == "swapped":
        return t("questions.makeup_done_instead", language=language,
                 day=swaps.day_label(missed.day))
    since = (snapshot.today - missed.day).days
    if since > MAKE_UP_WITHIN_DAYS:
        return t("questions.makeup_too_late", language=language, session=session, days=since)
    return t("questions.makeup_yes", language=language, session=session)


def _suits(snapshot: AthleteSnapshot, activity: Activity) -> str:
    language = snapshot.language
    catalogue = load_catalogue()
    if snapshot.on_hold:
        return _suits_hold(snapshot, activity)
    hurting = _pain_or_injury(snapshot)
    conditions = conditions_from_injuries(snapshot.injuries)
    name = activity.name.lower()
    if hurting and (activity.impact_level >= 2 or activity.contraindications & conditions):
        return t("questions.suits_injury", language=language, activity=name,
                 impact=activity.impact, injury=hurting)
    days = snapshot.days_to_race()
    if days is not None and 0 <= days <= TAPER_DAYS and activity.impact_level >= 2:
        return t("questions.suits_taper", language=language, days=days, activity=name)
    return "\n".join([t("questions.suits_yes", language=language, activity=name,
                        why=activity.why.strip()),
                      t("questions.suits_source", language=language,
                        source=catalogue.citation(activity.section))])


def _suits_hold(snapshot: AthleteSnapshot, activity: Activity) -> str:
    """An activity asked about on a safety pause: a non-impact one is fine when the flag
    behind the pause allows non-impact training (its referral says so), else not yet."""
    if safety.allows_on_hold(snapshot, activity.id):
        return t("questions.suits_hold_non_impact", language=snapshot.language,
                 activity=activity.name)
    return t("questions.suits_hold", language=snapshot.language)


# "swimming then?", "what about the bike?": a short question naming one activity.
ACTIVITY_ASKED_MAX_WORDS = 6


def activity_asked_on_hold(snapshot: AthleteSnapshot, text: str) -> str | None:
    """"swimming then?" on a safety pause: whether that one activity fits the pause (see
    _suits_hold); None off a pause, or for anything but a short question naming one."""
    if not snapshot.on_hold or "?" not in text or (
            len(text.split()) > ACTIVITY_ASKED_MAX_WORDS):
        return None
    named = read_activities(text.replace("?", " "))  # the likes reader skips questions
    if len(named.likes) != 1 or named.dislikes:
        return None
    try:
        activity = load_catalogue().get(named.likes[0])
    except KeyError:
        return None
    return _suits_hold(snapshot, activity)


# An activity this close to running (0-2, the catalogue's specificity) is a run: a question
# about it is about their runs, answered from the plan.
RUN_SPECIFICITY = 2.0


def _before_replaced(text: str) -> str:
    """"can i play football instead of running?": the words before what is replaced, where
    the activity asked about is."""
    return re.split(rf"\b(?:{'|'.join(entry('questions', 'replaced_by'))})\b", text)[0]


def asked_activity(text: str, equipment: Iterable[str] = ()) -> Activity | str | None:
    """The activity the asking clause of ``text`` names ("what about spin class
    instead?" -> indoor cycling), or the name of one the catalogue lacks; None for none.
    ``equipment``: the athlete's, which tells "my bike" of an indoor bike from a road one."""
    return _asked_activity(_question_clause(text), equipment)


def _asked_activity(clause: str, equipment: Iterable[str] = ()) -> Activity | str | None:
    """The activity a question's asking clause names: the catalogue's (by its names, or
    the lexicon's other words for one: "breaststroke" is swimming), else the name of one
    played, gone to or taken as a class ("play football", "go skiing"); None for none."""
    lexicon = load_lexicon()
    whole, clause = clause, _before_replaced(clause)
    activity = _mentioned_activity(clause, equipment)
    if activity is None:
        named = lexicon.activity_named(clause)
        activity = _mentioned_activity(named, equipment) if named else None
    if activity is not None:
        return activity
    unlisted = lexicon.unlisted_activity(clause)
    if unlisted is not None:
        return unlisted
    # "is yoga ok on my rest day?", "can i do pilates?", "yoga rather than an easy run?":
    # the word where the question puts what it asks about, when runners use it for
    # cross-training (and it names no run).
    return next((word for word in lexicon.asked_about(whole) if _sport_word(word)), None)


def _sport_word(word: str) -> bool:
    """Whether runners use ``word`` for cross-training ("yoga", "pilates", "skating") and
    it names no run or rest ("run", "intervals", "rest")."""
    return bool(phrases("messages", "cross_training").fullmatch(word)) and (
        read_kind(word) is None)


def _without(clause: str, asked: Activity | str) -> str:
    """``clause`` without the activity's name and the words before it that only qualify
    it ("an easy spin": "easy" is no easy run)."""
    lowered = normalise(clause)
    if isinstance(asked, str):
        name = re.escape(asked)
    else:
        name = next((pattern.pattern for activity, pattern in _activity_patterns()
                     if activity.id == asked.id), "")
    if not name:
        return lowered
    skip = "|".join(re.escape(word) for word in sorted(load_lexicon().comparison_skip))
    return re.sub(rf"(?:\b(?:{skip})\s+)*(?:{name})", " ", lowered) if skip else lowered


def activity_answer(snapshot: AthleteSnapshot, text: str) -> str | None:
    """"is it ok to play football tomorrow?", "fine to go skiing?", "knee twinges on
    stairs - is cycling ok?": whether the activity asked about fits them (its impact
    against a pain told in the same message or before, the catalogue's reason, its
    source), with what their plan holds on the day asked. A pain told beside the question
    is acknowledged first. None when ``text`` asks no leave for one activity other than
    running: comparisons, follow-ups ("what about swimming?"), a run named ("can i swim
    instead of my tempo?"), an illness or a trip go their own ways."""
    if snapshot.on_hold or not is_question(text):
        return None
    clause = _question_clause(text)
    lexicon = load_lexicon()
    if lexicon.compared(clause) is not None:
        return None
    # "can i do my long run on the bike?" asks for a swap, "ill, ok to swim?" and "in a
    # hotel, can i use the gym?" are about the illness and the trip: their own ways.
    reason = parse_reason(text)
    asked = _asked_activity(clause, snapshot.equipment)
    if asked is None or (isinstance(asked, Activity) and asked.specificity >= RUN_SPECIFICITY):
        return None
    # "can i play football tmrw instead of running?": an activity the catalogue does not
    # know cannot be sized as a swap, so the question is answered about it all the same.
    if (isinstance(asked, Activity) and read_kind(_without(clause, asked)) not in (
            None, "rest")) or reason.illness or reason.travel:
        return None
    opener = re.sub(rf"^(?:{phrases('questions', 'lead_in').pattern}\s*)+", "",
                    clause.strip())
    leave = _as_leave_asked(opener)
    # "yoga rather than an easy run?" proposes what takes a run's place: it asks leave.
    replaces = _before_replaced(clause) != clause
    if not (lexicon.asks_leave(clause, opening=leave) or replaces
            or phrases("questions", "suits").search(leave)):
        return None
    language = snapshot.language
    pain = read_pain(text) if reason.pain else None
    said = ", ".join([*pain.sites, *([f"{pain.score}/10"] if pain.score is not None else [])]
                     ) if pain is not None else ""
    lines: list[str] = []
    if pain is not None:
        lines.append(t("checkins.pain_heard", language=language, what=said) if said
                     else t("checkins.pain_heard_vague", language=language))
    source = ""
    if isinstance(asked, Activity):
        blamed = {a.family_key for a in load_catalogue().activities if a.id in reason.blamed}
        if asked.family_key in blamed:
            # "knee was sore after breaststroke, should i avoid it?": the activity the pain
            # is put down to is not for now, however gentle the catalogue finds it.
            lines.append(t("activity_asked.blamed", language=language,
                           pain=", ".join(pain.sites) if pain and pain.sites else "pain",
                           activity=asked.name.lower()))
        else:
            fits, source = _fits(snapshot, asked, pain.sites if pain is not None else ())
            lines.append(fits)
    else:
        lines.append(t("activity_asked.unlisted", language=language, activity=asked))
    day = asked_day(clause, today=snapshot.today) or asked_day(text, today=snapshot.today)
    if day is None and read_kind(clause) == "rest":
        # "on my rest day": their next one.
        day = _next_of_kind(snapshot, "rest")
    if day is not None and day >= snapshot.today and snapshot.plan:
        lines.append(_day_line(snapshot, day, swaps.day_label(day, language)))
    answer = " ".join(lines)
    return f"{answer}\n{source}" if source else answer


def _fits(snapshot: AthleteSnapshot, activity: Activity,
          sites: Sequence[str]) -> tuple[str, str]:
    """Whether ``activity`` fits them now (``_suits``'s rules, with a pain told in the
    message as one more injury), and its source line ("" when the answer is no)."""
    language = snapshot.language
    hurting = ", ".join(sites) or _pain_or_injury(snapshot)
    conditions = conditions_from_injuries([*snapshot.injuries, *sites])
    name = activity.name.lower()
    if hurting and activity.impact_level >= 2:
        return t("questions.suits_injury", language=language, activity=name,
                 impact=activity.impact, injury=hurting), ""
    if hurting and activity.contraindications & conditions:
        # Low or no impact, but the list rules it out for this pain (a sore shoulder
        # and swimming): said so, not as impact.
        return t("activity_asked.ruled_out", language=language, activity=name,
                 pain=hurting), ""
    days = snapshot.days_to_race()
    if days is not None and 0 <= days <= TAPER_DAYS and activity.impact_level >= 2:
        return t("questions.suits_taper", language=language, days=days, activity=name), ""
    key, extra = ("fits_with_pain", {"pain": hurting}) if sites else ("fits", {})
    why = activity.why.strip()
    # Inside the sentence: "fine: an indoor bike gives..."; "VersaClimber" keeps its case.
    why = why[:1].lower() + why[1:] if why[1:2].islower() else why
    said = t(f"activity_asked.{key}", language=language, activity=activity.name, why=why,
             **extra)
    # One source line as the articles' answers give it ("Title — Section").
    return said, source_line([], extra=[load_catalogue().citation(activity.section)])


def _activity_length(snapshot: AthleteSnapshot, text: str, activity: Activity) -> str:
    """"today i go to the pool. how much time i do?": the activity named, sized for the
    run of the day asked (today unless another is named) as a swap would size it; when
    that day is a rest day or the activity does not fit them, whether it suits them."""
    language = snapshot.language
    if snapshot.on_hold:
        return _suits_hold(snapshot, activity)
    day = asked_day(text, today=snapshot.today) or snapshot.today
    entry = snapshot.planned_on(day)
    if entry is None or entry.kind == "rest":
        return _suits(snapshot, activity)
    run = swaps.MissedRun(day=day, kind=swaps.normalise_kind(entry.kind),
                          minutes=entry.minutes, from_plan=True)
    option = size_named_activity(athlete=snapshot.context(), missed=run.session(),
                                 reason=text, today=snapshot.today, missed_on=day,
                                 activity_id=activity.id)
    if option is None:
        return _suits(snapshot, activity)
    label = (t("questions.label_today", language=language).lower() if day == snapshot.today
             else swaps.day_label(day, language))
    return "\n".join([
        t("questions.activity_length", language=language, activity=option.name,
          day=label, session=run.label, minutes=option.minutes, effort=option.effort,
          why=swaps.first_sentence(option.why)),
        t("questions.suits_source", language=language, source=option.source)])


def _question_clause(text: str) -> str:
    """The clause that asks ("ugh so tired, slept 4h, should i do tomorrow's run?" ->
    "should i do tomorrow's run?"): the last one before the last "?"."""
    lowered = normalise(text)
    if "?" not in lowered:
        # "im fine now tho, just asking if i can run tmrw" asks "can i run tmrw?".
        embedded = embedded_question(lowered)
        if embedded is not None:
            return embedded
    asked = lowered[:lowered.rfind("?") + 1] if "?" in lowered else lowered
    clauses = [part for part in re.split(r"[.;!,]", asked) if part.strip()]
    return clauses[-1] if clauses else asked


def _next_of_kind(snapshot: AthleteSnapshot, kind: str) -> date | None:
    """The next day (today included) the plan holds a session of ``kind``."""
    for day in snapshot.coming_week():
        entry = snapshot.planned_on(day)
        if entry is not None and swaps.normalise_kind(entry.kind) == kind:
            return day
    return None


def _ready_day(snapshot: AthleteSnapshot, text: str) -> date | None:
    """The planned day a "should I still run ... if ..." question is about: the day its
    asking clause names, else the next day of the session it names, else a day named
    anywhere in it."""
    clause = _question_clause(text)
    day = asked_day(clause, today=snapshot.today)
    if day is not None:
        return day
    kind = read_kind(clause) or read_kind(text)
    if kind is not None and kind != "rest":  # "rest day for me, right?" names no run
        return _next_of_kind(snapshot, swaps.normalise_kind(kind))
    return asked_day(text, today=snapshot.today)


@cache
def _leave_asked() -> re.Pattern[str]:
    return re.compile(entry("questions", "leave_asked"))


def _as_leave_asked(clause: str) -> str:
    """"is it safe for me to", "ok to", "safe to do ...": said as the lexicon's "is it ok
    to" (questions.yaml's ``suits``)."""
    return _leave_asked().sub(
        lambda m: f"is it {next(word for word in m.groups() if word)} to", clause)


def _asks_to_run(snapshot: AthleteSnapshot, text: str) -> bool:
    """"can i still do saturday's long run?", "should i run tomorrow?": asks leave to do a
    coming run (its asking clause opens with "can i", "should i", "is it ok to")."""
    if _leave_clause(text) is None:
        return False
    day = _ready_day(snapshot, text)
    return day is not None and day >= snapshot.today


def _leave_clause(text: str) -> str | None:
    """The asking clause of a question that asks leave ("can i", "should i", "is it ok
    to"), lead-ins taken off; None when ``text`` asks no leave."""
    if not is_question(text):
        return None
    clause = _question_clause(text).strip()
    clause = _as_leave_asked(clause)  # before "ok" is taken for a lead-in, and after one
    clause = _as_leave_asked(
        re.sub(rf"^(?:{phrases('questions', 'lead_in').pattern}\s*)+", "", clause))
    return clause if phrases("questions", "suits").search(clause) else None


def _asks_leave_to_run(text: str) -> bool:
    """"can i still run?", "is it ok to run through it?": leave asked to run, naming
    running itself but no day or session."""
    clause = _leave_clause(text)
    if clause is None:
        return False
    running = {word.lower() for word in entry("activities", "running_words")
               if " " not in word}
    return bool(running & set(re.findall(r"[a-z]+", clause.lower())))


def _next_planned_run(snapshot: AthleteSnapshot) -> date | None:
    """The next day from today with a run planned (not a rest day) and not yet settled
    (done, missed or swapped), within a week."""
    settled = {record.day for record in snapshot.recent
               if record.status in ("done", "missed", "swapped")}
    for ahead in range(7):
        day = snapshot.today + timedelta(days=ahead)
        planned = snapshot.planned_on(day)
        if planned is not None and planned.kind != "rest" and day not in settled:
            return day
    return None


def _day_word(snapshot: AthleteSnapshot, day: date) -> str:
    language = snapshot.language
    if day == snapshot.today:
        return t("questions.ready_day_today", language=language)
    if day == snapshot.today + timedelta(days=1):
        return t("questions.ready_day_tomorrow", language=language)
    return WEEKDAY_NAMES[day.weekday()]


def ready_answer(snapshot: AthleteSnapshot, text: str) -> str | None:
    """"can i still do thursday's run if im tired?", "legs are sore, ok to do the
    intervals tmrw?": whether to do a planned run given how they feel, answered from the
    plan (coach/readiness.py decides). None when ``text`` is no such question: it names
    no condition or no coming session, or asks for something instead (a swap)."""
    if not is_question(text) or phrases("messages", "substitute").search(normalise(text)):
        return None
    reason = parse_reason(text)
    told: tuple[str, ReasonInfo] | None = None
    # "is it ok to run through it?", "should i keep running?": leave to run asked with no
    # day or session named is about the next run of the plan.
    next_run = _next_planned_run(snapshot) if _asks_leave_to_run(text) else None
    if not _names_condition(reason):
        # "is it safe to do the long run on saturday with the calf like this?": no condition
        # said, but a pain told in the last few days is the condition.
        told = (_pain_told(snapshot)
                if _asks_to_run(snapshot, text) or next_run is not None else None)
        if told is None:
            return None
        reason = told[1]
    day = _ready_day(snapshot, text)
    if day is None and reason.pain:
        day = next_run
    if day is None or day < snapshot.today:
        return None
    if snapshot.on_hold:
        return safety.reminder(snapshot).text
    language = snapshot.language
    if not snapshot.plan:
        return t("questions.no_plan", language=language)
    word = _day_word(snapshot, day)
    entry = snapshot.planned_on(day)
    if entry is None:
        return t("questions.ready_not_planned", language=language, day=word)
    advice = advise(kind=swaps.normalise_kind(entry.kind), minutes=entry.minutes,
                    reason=reason)
    if advice.key == "rest_day":
        said = t("questions.ready_rest_day", language=language, day=word)
        return said[:1].upper() + said[1:]
    what = t("questions.ready_what", language=language, day=word,
             session=swaps.session_name(entry.kind, language), minutes=entry.minutes)
    if advice.key == "rest":
        key = "ready_rest_ill" if advice.condition == "ill" else "ready_rest_wiped"
        return t(f"questions.{key}", language=language, what=what)
    if advice.key == "cross_train":
        if advice.score is None:
            return t("questions.ready_cross_train_unscored", language=language, what=what)
        return t("questions.ready_cross_train", language=language, what=what,
                 score=advice.score)
    because = (t(f"questions.ready_because_{advice.condition}", language=language)
               if advice.condition in ("tired", "sore", "cold") else "")
    said = t(f"questions.ready_{advice.key}", language=language, what=what,
             minutes=advice.minutes, because=because)
    if told is not None and told[1].pain_score is not None:
        # The pain they told of, the same pain rule, and the swap if it is not kept.
        return t("questions.ready_told_pain", language=language,
                 pain=_pain_phrase(*told, language), advice=said[:1].lower() + said[1:],
                 limit=PAIN_NO_RUN)
    if advice.condition in ("tired", "sore", "cold"):
        said = f"{said} {t(f'questions.ready_note_{advice.condition}', language=language)}"
    return said


def _names_condition(reason: ReasonInfo) -> bool:
    """Whether a question names a condition of its own (tired, sore, ill, short of time)."""
    return bool(reason.fatigue or reason.pain or reason.illness or reason.no_time)


def _pain_told(snapshot: AthleteSnapshot) -> tuple[str, ReasonInfo] | None:
    """The latest pain told in the last few days (known only with consent) and how the
    rules read it; None when none was told."""
    told = snapshot.recent_pain()
    if not told:
        return None
    said = told[-1]  # the days come in order: the last is the latest
    reason = parse_reason(said)
    return (said, reason) if reason.pain else None


def _pain_phrase(said: str, told: ReasonInfo, language: str) -> str:
    """"your calf at 3/10", or "the pain at 3/10" when no place was said."""
    sites = told.pain_locations or read_pain(said).sites
    if sites:
        return t("questions.ready_told_part", language=language, part=sites[0],
                 score=told.pain_score)
    return t("questions.ready_told_unplaced", language=language, score=told.pain_score)


ARTICLE_LINE_CHARS = 160  # the one line from the articles after an answer from the plan


def article_line(answer: Answer) -> str | None:
    """The article answer's first sentence and its source line, or None when it has no
    short first sentence or no source."""
    lines = [line.strip() for line in answer.text.splitlines() if line.strip()]
    source = next((line for line in reversed(lines) if line.startswith("Source:")), None)
    if source is None or not lines or lines[0] == source:
        return None
    first = re.split(r"(?<=[.!?])\s", lines[0], maxsplit=1)[0]
    if len(first) > ARTICLE_LINE_CHARS:
        return None
    return f"{first}\n{source}"


def told_pain_answer(snapshot: AthleteSnapshot, text: str) -> str | None:
    """ready_answer's answer when ``text`` names no condition of its own and a pain told
    lately is the condition ("is it safe to do the long run with the calf like this?");
    None otherwise."""
    if _names_condition(parse_reason(text)) or _pain_told(snapshot) is None:
        return None
    return ready_answer(snapshot, text)


def with_article_line(snapshot: AthleteSnapshot, text: str, own: str) -> Reply | Prepared:
    """``own`` (the answer from their plan) as the reply; when it answers a run asked
    about with a pain told lately, the articles add one short line after it."""
    if own == told_pain_answer(snapshot, text):
        return Prepared(snapshot=snapshot, question=text, lead=own)
    return Reply(text=own)


def situation_asked(text: str) -> str:
    """The situation ``text``'s question narrows to ("is swimming ok during my taper?":
    "during your taper", said back to them), or "" when it names none."""
    lexicon = load_lexicon()
    return " ".join(lexicon.addressed.get(word, word) for word in lexicon.qualifier(text))


def with_situation(snapshot: AthleteSnapshot, text: str, own: str) -> Reply | Prepared:
    """``own`` (whether an activity fits them) as the reply; when the question narrows
    to a situation ("during my taper"), the articles are asked too, and a line says when
    they don't speak to it."""
    situation = situation_asked(text)
    if not situation:
        return Reply(text=own)
    return Prepared(snapshot=snapshot, question=text, lead=own, situation=situation)


def _hard(kind: str) -> bool:
    return kind in HARD_KINDS or kind == "long"


def move_answer(snapshot: AthleteSnapshot, text: str) -> str | None:
    """"what if im busy wednesday, can i do the intervals thursday instead?", "can i do my
    long run on sunday instead of saturday?": a session moved for one week, checked
    against the plan (a day that holds a run already; a hard session beside another).
    Nothing is stored. None when ``text`` is no such question: it names no planned
    session and another day for it, or tells of a run already missed."""
    lowered = normalise(text)
    if (not is_question(text) or not phrases("questions", "opening").match(lowered)
            or phrases("messages", "past_tense").search(lowered) or not snapshot.plan):
        return None
    said = weekdays_in(lowered)
    named = read_kind(text)
    if not said or named is None:
        return None
    kind = swaps.normalise_kind(named)
    language = snapshot.language
    for weekday, _, _ in said:
        # "should i still do my long run on thursday?" after a one-week trade put it there.
        day = swaps.coming(snapshot.today, weekday)
        changed = snapshot.changes.get(day)
        if changed is not None and swaps.normalise_kind(changed.kind) == kind:
            return t("questions.move_done_this_week", language=language,
                     day=swaps.day_label(day, language),
                     session=swaps.session_name(changed.kind, language),
                     minutes=changed.minutes)
    # The week as it stands: a one-week trade ("swap thu and sat this week") has moved
    # sessions, and the question is about where they are now.
    dates = {day.weekday(): day for day in snapshot.coming_week()}
    week = {weekday: planned for weekday, day in dates.items()
            if (planned := snapshot.planned_on(day)) is not None}
    traded = snapshot.week_traded()
    names = {weekday: swaps.day_label(day, language) if traded else WEEKDAY_NAMES[weekday]
             for weekday, day in dates.items()}
    holds = [weekday for weekday, entry in week.items()
             if swaps.normalise_kind(entry.kind) == kind]
    denied = phrases("messages", "plan_move_from")
    source = [weekday for weekday, start, _ in said
              if denied.search(lowered[max(0, start - 14):start]) and weekday in holds]
    source = source or [weekday for weekday, _, _ in said if weekday in holds]
    if not source and len(holds) == 1:
        source = holds
    if not holds and phrases("moves", "move_verbs").search(lowered):
        # "can i move my tempo to sat?" with no tempo this week: say so, with the week, so
        # the runner can name the run meant (not the week shown without a word).
        runs = [t("questions.move_week_run", language=language, day=names[weekday],
                  session=swaps.session_name(entry.kind, language), minutes=entry.minutes)
                for weekday, entry in sorted(week.items()) if entry.kind != "rest"]
        return t("questions.move_not_planned", language=language,
                 session=swaps.session_name(named, language), runs=", ".join(runs))
    targets = [weekday for weekday, _, _ in said if weekday not in source]
    if len(source) != 1 or len(targets) != 1:
        return None
    frm, to = source[0], targets[0]
    entry = week[frm]
    what = t("questions.ready_what", language=language, day=names[frm],
             session=swaps.session_name(entry.kind, language), minutes=entry.minutes)
    there = week.get(to)
    if there is not None and there.kind != "rest":
        return t("questions.move_onto_run", language=language, to=names[to],
                 other=swaps.session_name(there.kind, language), minutes=there.minutes,
                 what=what, from_day=names[frm])
    said_back = [t("questions.move_yes", language=language, what=what, to=names[to])]
    if _hard(kind):
        for step, key in ((1, "move_hard_after"), (-1, "move_hard_before")):
            weekday = (to + step) % 7
            beside = week.get(weekday)
            if weekday != frm and beside is not None and _hard(beside.kind):
                neighbour = t("questions.move_neighbour", language=language,
                              day=names[weekday],
                              session=swaps.session_name(beside.kind, language))
                said_back.append(t(f"questions.{key}", language=language,
                                   neighbour=neighbour))
                break
    return " ".join(said_back)


def own_training_answer(snapshot: AthleteSnapshot, text: str,
                        last_offered: swaps.MissedRun | None = None) -> str | None:
    """The answer from the athlete's plan and the rules, or None when the question is not
    about their own training (then the articles answer it). ``last_offered``: the run a
    swap was last offered for, which "can I make it up?" may mean."""
    activity = _mentioned_activity(_before_replaced(text), snapshot.equipment)
    asked = read_own_question(text, names_activity=activity is not None)
    if asked in (None, "tomorrow", "today", "day", "week"):
        ready = ready_answer(snapshot, text)
        if ready is not None:
            return ready
    if asked is None:
        # On a safety pause, "ok but can i still do saturday's long run?" is not for the
        # articles: no run until a professional has cleared them.
        if not _asks_to_run(snapshot, text):
            return None
        if snapshot.on_hold:
            return t("questions.suits_hold", language=snapshot.language)
        # "is it ok to run saturday?" with nothing said against it: what the plan holds.
        day = _ready_day(snapshot, text)
        return None if day is None or not snapshot.plan else _day_line(
            snapshot, day, swaps.day_label(day, snapshot.language))
    language = snapshot.language
    if asked == "make_up":
        return safety.reminder(snapshot).text if snapshot.on_hold else _make_up(
            snapshot, text, last_offered)
    if asked == "suits" and activity is not None:
        return _suits(snapshot, activity)
    if asked == "activity_length" and activity is not None:
        return _activity_length(snapshot, text, activity)
    if snapshot.on_hold:
        return safety.reminder(snapshot).text
    if not snapshot.plan:
        return t("questions.no_plan", language=language)
    if asked == "long_run_length":
        longs = [entry for entry in snapshot.plan.values() if entry.kind == "long"]
        if not longs:
            return t("questions.no_long_run", language=language)
        entry = max(longs, key=lambda e: e.minutes)
        return t("questions.long_run", language=language, minutes=entry.minutes,
                 weekday=WEEKDAY_NAMES[entry.weekday])
    if asked == "days_per_week":
        runs = [WEEKDAY_NAMES[d] for d, entry in sorted(snapshot.plan.items())
                if entry.kind != "rest"]
        return t("questions.days_per_week", language=language, count=len(runs),
                 days=", ".join(runs))
    if asked == "tomorrow":
        return _day_line(snapshot, snapshot.today + timedelta(days=1),
                         t("questions.label_tomorrow", language=language))
    if asked == "today":
        return _day_line(snapshot, snapshot.today, t("questions.label_today", language=language))
    day = asked_day(text, today=snapshot.today) if asked == "day" else None
    if day is not None:
        return _day_line(snapshot, day, swaps.day_label(day))
    return _week(snapshot)


def _last_offered(session: Session, snapshot: AthleteSnapshot) -> swaps.MissedRun | None:
    """The run a swap was last offered for in the past few days, if any."""
    for offered in repository.list_substitutions(session=session, athlete_id=snapshot.athlete_id,
                                                 limit=1):
        missed = offered.missed
        try:
            day = date.fromisoformat(str(missed["day"]))
            run = swaps.MissedRun(day=day, kind=swaps.normalise_kind(str(missed["kind"])),
                                  minutes=int(missed["minutes"]),
                                  from_plan=bool(missed.get("from_plan")))
        except (KeyError, ValueError, TypeError):
            return None
        if 0 <= (snapshot.today - day).days <= LONG_TAPER_DAYS:
            return run
    return None


def _previous_question(session: Session, athlete_id: int) -> str | None:
    return repository.last_turn_text(session=session, athlete_id=athlete_id, role="athlete")


def prepare(session: Session, snapshot: AthleteSnapshot, text: str) -> Reply | Prepared:
    """Inside the transaction: triage, then an answer from their own data if it is about
    their training; otherwise what the article answer needs."""
    flagged = safety.screen(session, snapshot, text)
    if flagged is not None:
        return flagged
    own = own_training_answer(snapshot, text, _last_offered(session, snapshot))
    if own is not None and not snapshot.on_hold:
        return with_article_line(snapshot, text, own)
    if own is not None:
        return Reply(text=own, buttons=safety.reminder(snapshot).buttons
                     if snapshot.on_hold else ())
    # A follow-up ("what about swimming?") carries the subject of the question before it,
    # and is remembered with it, so a second follow-up still knows the subject.
    question = with_previous_question(text, _previous_question(session, snapshot.athlete_id))
    # What we said last matters only to a worry after recent pain: read only then, so a
    # question costs no extra statement (tests/bot/test_statement_count.py).
    said_before = (repository.last_turn_text(session=session, athlete_id=snapshot.athlete_id,
                                             role="bot")
                   if _about_recent_pain(snapshot, question) else None)
    return Prepared(snapshot=snapshot, question=question, said_before=said_before)


async def article_answer(ports: Ports, prepared: Prepared) -> Reply:
    """The articles' answer (awaited outside any transaction), remembered after."""
    snapshot, question = prepared.snapshot, prepared.question
    # At most one offer line a month (coach/offers.py), and only when their situation fits.
    answer = await ports.answerer.aanswer(question, athlete=snapshot.context(),
                                          offer_allowed=True,
                                          last_offer_at=snapshot.last_offer_at,
                                          now=snapshot.now)
    text = said = answer.text
    if prepared.lead is not None:
        line = article_line(answer) if answer.covered else None
        if prepared.situation and (not answer.covered or answer.situation):
            # Asked about a situation the articles don't speak to: said so, not their
            # general line.
            line = unanswered_line(prepared.situation)
        text = f"{prepared.lead}\n\n{line}" if line else prepared.lead
        return Reply(text=text)
    hurting = _pain_or_injury(snapshot)
    # One caution only: the answerer's own names the high-impact parts of its answer, so
    # it is the more specific; ours covers an answer (an LLM's) that carries none.
    if hurting and answer.covered and not carries_caution(text) and (
            mentions_high_impact(question) or mentions_high_impact(text)):
        caution = t("questions.injury_caution", language=snapshot.language, injury=hurting)
        text = f"{text}\n\n{caution}"
    buttons: tuple[tuple[Button, ...], ...] = ()
    if snapshot.on_hold and not answer.covered:
        # "is that a problem?" right after a referral: not the articles' "ask your coach",
        # but the pause and the check-up, which is what they need to hear.
        pause = safety.reminder(snapshot)
        text, buttons = f"{t('safety.uncovered', language=snapshot.language)} {pause.text}", \
            pause.buttons
    elif snapshot.on_hold:
        text = f"{t('safety.question_note', language=snapshot.language)}\n\n{text}"
    elif not answer.covered and _about_recent_pain(snapshot, question):
        # "is it normal?" right after "my shins hurt": not "ask your coach", but when to
        # get it checked.
        # Remembered whole, so a third worry in a row is pointed back to it as well.
        text = said = t("safety.uncovered_after_pain", language=snapshot.language)
        if prepared.said_before == said:
            text = t("safety.uncovered_after_pain_again", language=snapshot.language)
    with ports.transaction() as session:
        if answer.offer:
            repository.record_offer_shown(session=session, athlete_id=snapshot.athlete_id,
                                          at=ports.now())
        remember(session, snapshot, question, said, now=ports.now())
    return Reply(text=text, buttons=buttons)


def _about_recent_pain(snapshot: AthleteSnapshot, question: str) -> bool:
    """A question about pain told in the last few days that names nothing else ("is it
    normal?", "should i be worried", "is shin pain bad?"): its topic words are only
    words of worry or pain (coach/language/en/followups.yaml) and the body parts named."""
    if not snapshot.recent_pain():
        return False
    lowered = normalise(question)
    named = {term for label, _ in sites(lowered, negated_too=True)
             for term in topic_terms(label)}
    return topic_terms(lowered) <= _about_it() | named


@cache
def _about_it() -> set[str]:
    return topic_terms(" ".join(entry("followups", "about_it")))


def remember(session: Session, snapshot: AthleteSnapshot, question: str, answer: str, *,
             now: datetime) -> None:
    """Keep a question and its answer for follow-ups ("what about cycling then?"). A
    question about their body is a health detail: remembered only with consent (without
    it, follow-ups to that question lose their subject)."""
    if snapshot.health_consent or not is_health_related(question):
        repository.add_turns(session=session, athlete_id=snapshot.athlete_id,
                             turns=[("athlete", question[-1000:]), ("bot", answer[:1000])],
                             now=now)


async def answer_question(*, ports: Ports, athlete_id: int, text: str) -> Reply:
    """/ask QUESTION (and questions typed as free text)."""
    if not text.strip():
        return Reply(text=t("questions.usage"))
    with ports.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=ports.now())
        prepared = prepare(session, snapshot, text)
    if isinstance(prepared, Reply):
        return prepared
    return await article_answer(ports, prepared)
