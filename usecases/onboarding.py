"""Onboarding: ``/start``, each answer (typed or tapped), ``/skip`` and ``/cancel``.

The question awaiting an answer is ``Athlete.onboarding_step`` in the database, so a
restart mid-onboarding resumes where the athlete was. Each answer is read for every fact
it holds (a goal with its race date, a plan with a pain score); a fact already given is
not asked for again, and an answer we are unsure of gets one short confirmation with
buttons. Health details are stored only after consent; check-ins are off unless the
athlete asks for them (skipping or any "no" means off).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import cache

from sqlmodel import Session

from coach import planning
from coach.catalogue import load_catalogue
from coach.language import (
    acknowledges,
    asks_something,
    is_none_answer,
    leaves_the_choice_open,
    read_activities,
    read_answer,
    read_clock_time,
    read_day,
    read_equipment,
    read_goal,
    read_injuries,
    read_message,
    read_name,
    read_pain,
    read_plan_and_aside,
    t,
)
from coach.language.body import pain_score, sites
from coach.language.days import corrects, tells_a_habit
from coach.language.lexicon import (
    alternation,
    entry,
    is_symbol,
    normalise,
    pattern,
    strip_symbols,
)
from coach.language.names import date_label, month_label, zone_label
from coach.language.plans import PlannedRun
from coach.language.readers import list_parts
from coach.language.zones import towns_named
from coach.triage import triage
from storage import repository
from storage.models import Athlete, CheckIn
from usecases import questions, safety, swaps
from usecases.identity import ATHLETE_ID_KEY, enrol, find_athlete_id
from usecases.ports import Ports, UnitOfWork
from usecases.replies import Button, Reply
from usecases.snapshot import AthleteSnapshot, snapshot_of

ACTION = "onb"
MAX_ANSWER = 500
STEPS: tuple[str, ...] = (
    "name", "goal", "race_date", "consent", "injuries", "plan", "equipment", "likes",
    "timezone", "checkins",
)
DEFAULT_CHECKIN_TIME = "07:30"
SHORT_ANSWER_WORDS = 4  # "maybe later", "not now for me": longer is more than a skip
TIMEZONE_CHOICES = ("UTC", "Europe/London", "America/New_York", "America/Los_Angeles")
CHECKIN_CHOICES = ("07:00", "19:00")
# Zones offered for a town found on several clocks ("Keswick").
MOST_TOWN_CHOICES = 4
REDO = "redo"
# Stored after a step's name when its answer was unclear once and a short confirmation
# was asked: a second unclear answer is not asked again (see ``_unclear_twice``).
UNSURE = "?"


# --- reading answers (the language layer's readers, plus what a step adds) -------------


def answer_of(text: str) -> str | None:
    """yes/no/skip as the readers hear it ("yes ok", "sure 👍", "no thanks")."""
    whole = read_answer(text)
    if whole == "skip" and asks_something(text):
        return None  # "hmm what for": a question deserves the short confirmation
    if whole == "skip" and not _deferral_clause(text):
        # "almost blacked out at the end of my run today": a deferral word inside a
        # sentence about something else is no "later".
        return None
    return whole


def _deferral_clause(text: str) -> bool:
    """Whether a clause of ``text`` is a deferral: short ("maybe later", "not now tbh")
    or opening with one ("let me think about it and get back to you", "ask me later,
    ..."), never one said in passing ("... blacked out at the end of my run")."""
    deferral = pattern("answers", "skip")
    for clause in re.split(r"[,.;!?\n]+|\s[-–]\s", normalise(text)):
        words = clause.split()
        if not words or read_answer(clause) != "skip":
            continue
        found = deferral.search(clause)
        opening = len(" ".join(words[:DEFERRAL_OPENS_WITHIN]))
        if len(words) <= SHORT_ANSWER_WORDS + 1 or (found is not None
                                                    and found.start() <= opening):
            return True
    return False


DEFERRAL_OPENS_WITHIN = 2  # words: "let me think..", "ok ask me later" open with it


def _reads_content(step: str, text: str, *, today: date) -> bool:
    """Whether the step's reader finds its kind of answer in ``text``: then a deferral word
    inside it ("achilles, maybe 4 of 10", "knee sore at the end of long runs") is no
    skip, and nothing the athlete said is thrown away."""
    if step == "injuries":
        return _tells_health(text)
    if step == "equipment":
        return bool(read_equipment(text))
    if step == "likes":
        found = read_activities(text)
        liked, disliked = _unknown_activities(text, known=[])
        # "no clue, bouldering maybe": an activity the catalogue lacks is content too.
        return bool(found.likes or found.dislikes) or (not _tells_health(text) and any(
            read_answer(name) is None for name in (*liked, *disliked)))
    if step == "goal":
        return read_goal(text, today=today).race is not None
    if step == "timezone":
        return _zone_in(text) is not None
    if step == "plan":
        try:
            read_plan_and_aside(text)
        except ValueError:
            return False
        return True
    return False


def _unsure(text: str) -> bool:
    """ "idk", "dunno", "not sure": the athlete does not know (a question is no such)."""
    lowered = normalise(text)
    return (bool(pattern("answers", "unsure").search(lowered)) and not asks_something(text)
            and len(lowered.split()) <= 4)


def means_none(text: str) -> bool:
    """ "none", "nothing", "none rn", "nothing really": nothing to report."""
    return is_none_answer(text)


@dataclass(frozen=True, slots=True)
class GoalAnswer:
    goal: str | None
    race_date: date | None
    race: str | None = None  # the race named, if any: a goal, never a refusal
    no_date_yet: bool = False  # "tbc", "no date yet": the date is not asked for
    approximate: bool = False  # "end of june": a day chosen for the month said


def goal_in(text: str, *, today: date) -> GoalAnswer:
    """The goal and, when the answer gives one, its race date ("Berlin marathon on
    sept 27"): a race goal as the coach notes it ("Berlin marathon sub 3:15"), any other
    goal in the athlete's words without filler."""
    text = strip_symbols(text)
    reading = read_goal(text, today=today)
    # A race is stored as the reader's note ("um my first half i guess, under 2 and a half
    # hours if my knees let me" -> "first half marathon sub 2:30"), with the race's name
    # as the athlete capitalised it; the note keeps "first", the name, distance, target and
    # climbing. Where it would still drop a word the athlete said about the race ("the
    # Valentine's 10k", "wharfedale fell half"), the athlete's words are the goal, so
    # nothing is lost.
    words = reading.words
    if reading.race_date is not None and reading.race_date > today:
        words = _without_connector(words)
    goal = words or reading.goal
    if reading.race is not None and reading.goal and not _words_lost(
            words, reading.goal, reading.race, today=today):
        goal = _as_written(reading.goal, text, reading.race)
    if goal:
        # "xc season!! state meet": shouting is no part of the goal as the coach reads it.
        goal = re.sub(r"\s*[!?]+(?=\s|$)", ",", goal).strip(" ,") or None
        goal = re.sub(r",\s*(?=,|$)", "", goal) if goal else None
    dated = reading.race_date is not None and reading.race_date > today
    return GoalAnswer(goal=goal, race_date=reading.race_date if dated else None,
                      race=reading.race, no_date_yet=reading.no_date_yet,
                      approximate=dated and reading.race_date_approximate)


def _words_lost(words: str | None, note: str, race: str, *, today: date) -> bool:
    """Whether the athlete said a word about the race that the reader's note lacks ("the
    Valentine's 10k" -> "10k"): a word the note says its own way ("nyc" for "new york city",
    a cue, a filler) is not lost."""
    kept = set(note.split())
    said_by_note = set(entry("goals", "said_by_note"))
    for word in re.findall(r"[a-z][a-z'&-]*", (words or "").lower()):
        if len(word) < 3 or word in kept or word in said_by_note:
            continue
        alone = read_goal(f"{word} {race}", today=today).goal or ""
        if not set(alone.split()) <= kept or alone.split() == race.split():
            return True
    return False


def _as_written(note: str, text: str, race: str) -> str:
    """The note with each name word as the athlete capitalised it ("berlin marathon" from
    "I want run Berlin marathon" -> "Berlin marathon"); the distance, target and other
    words the note adds stay as noted."""
    capitalised = {w.lower(): w for w in re.findall(r"[A-Za-z][\w'-]*", text)
                   if not w.islower()}
    plain = set(race.split()) | set(entry("goals", "note_words"))
    return " ".join(capitalised.get(w, w) if w not in plain else w for w in note.split())


def _without_connector(goal: str | None) -> str | None:
    """The goal without the connecting words left before its date ("on", "in", "-")."""
    head = (goal or "").split()
    leftovers = set(entry("goals", "date_leftovers"))
    while head and (len(head[-1].strip(",.-–")) <= 2 or not head[-1].strip(",.-–")
                    or head[-1].lower() in leftovers):
        head = head[:-1]
    return " ".join(head).strip(" ,.-–") or None


# --- the steps ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an answer did: what to say, and whether the step is settled (else asked
    again, with ``buttons`` when we are unsure)."""

    said: str
    settled: bool = True
    buttons: tuple[Button, ...] = ()
    skip_to: str | None = None
    # The athlete asked something instead of answering: answered, and the step asked
    # again in full; never read as a refusal, nor counted as an unclear answer.
    asked: bool = False


def _update(session: Session, snap: AthleteSnapshot, **fields: object) -> Athlete:
    return repository.update_profile(
        session=session, athlete_id=snap.athlete_id, now=snap.now, **fields
    )


def _join(items: Sequence[str]) -> str:
    return ", ".join(items)


def display(words: Sequence[str]) -> list[str]:
    """Stored words as an athlete reads them ("indoor_bike" -> "indoor bike")."""
    return [word.replace("_", " ") for word in words]


def display_activities(activity_ids: Sequence[str]) -> list[str]:
    """Liked or disliked activities by the catalogue's names, as in a sentence
    ("strength_lower" -> "lower-body strength"); words of the athlete's own
    ("bouldering") as they were."""
    catalogue = load_catalogue()
    shown = []
    for activity_id in activity_ids:
        try:
            name = catalogue.get(activity_id).name
        except KeyError:
            shown.append(activity_id.replace("_", " "))
            continue
        keep_case = len(name) > 1 and name[1].isupper()  # "HIIT", not "hIIT"
        shown.append(name if keep_case else name[0].lower() + name[1:])
    return shown


def _name(session: Session, snap: AthleteSnapshot, text: str) -> Outcome:
    # An emoji parts a name from a goal as a comma does: "nadia here 👋 first marathon".
    parted = "".join("\n" if is_symbol(char) else char for char in text)
    clauses = [clause for clause in _NAME_CLAUSES.split(parted) if clause.strip(" !?.🙂")]
    goal_told = [clause for clause in clauses if _tells_a_race(clause, whole=text,
                                                               today=snap.today)]
    if not goal_told and len(text.split()) > 1 and _reads_content("plan", text,
                                                                 today=snap.today):
        # "mon easy 40, sat long 90" is no name: the week is asked for in its turn.
        return Outcome(t("onboarding.plan_before_name"), asked=True)
    if not goal_told:
        name = _with_capitals(read_name(text))
        _update(session, snap, name=name)
        return Outcome(t("onboarding.name_saved", name=name))
    # "half marathon in like 7 weeks!! sub 2 🤞" is a goal, not a name: the goal is
    # kept (so its step is not asked), and the name taken beside it or asked again.
    named = [clause for clause in clauses if clause not in goal_told
             and _names_someone(clause, first=clause == clauses[0])][:1]
    goal = _goal(session, snap, ", ".join(
        clause for clause in clauses if clause not in named and not _only_filler(clause)))
    after = goal.skip_to or "race_date"
    if named:
        name = _with_capitals(read_name(named[0]))
        _update(session, snap, name=name)
        return Outcome(f"{t('onboarding.name_saved', name=name)} {goal.said}",
                       skip_to=after)
    repository.set_onboarding_step(session=session, athlete_id=snap.athlete_id,
                                   step=f"name{TOLD_AHEAD}{after}", now=snap.now)
    return Outcome(goal.said, asked=True)


def _with_capitals(name: str) -> str:
    """A name typed all in lower case ("kofi", "mary-jane") with its capitals, as it is
    greeted and stored; a name with capitals of its own ("McKenna", "dj Ana"), or with
    anything but letters ("r2", an emoji), is left as typed."""
    if name.islower() and _PLAIN_NAME.fullmatch(name):
        return name.title()
    return name


# Words of letters only, joined by spaces, hyphens or apostrophes.
_PLAIN_NAME = re.compile(r"[^\W\d_]+(?:[\s'’-]+[^\W\d_]+)*")


# Between the parts of a name answer: "Ana, half marathon in may", "hi! I'm Jo - 10k".
_NAME_CLAUSES = re.compile(r"[,;.!?\n]+|\s[-–]\s")
# A stored step, this marker and a later step: the steps between were answered early
# ("half marathon in 7 weeks" at the name question), so the next question is that one.
TOLD_AHEAD = ">"


def _tells_a_race(clause: str, *, whole: str, today: date) -> bool:
    """Whether a part of a name answer names a race: said in words ("half marathon",
    "my first ultra"), never a lone town read as its marathon ("Berlin" is a name)."""
    race = read_goal(clause, today=today).race
    if race is None:
        return False
    return len(whole.split()) > 1 or race in normalise(clause)


def _names_someone(clause: str, *, first: bool) -> bool:
    """Whether a part of an answer beside a goal is a name: introduced ("I'm Ana", "call
    me jo") or a lone word opening the answer ("Sam, 10k in june")."""
    words = strip_symbols(clause).split()
    left = _without_filler(clause).split()
    introduced = left != words and 0 < len(left) <= NAME_WORDS
    return introduced or (first and len(words) == 1 and len(left) == 1)


NAME_WORDS = 2  # "Mary Ann": a longer rest beside "I'm" is a sentence, not a name


def _without_filler(clause: str) -> str:
    """A name answer's part without the words around a name ("hey I'm Jo" -> "Jo")."""
    return re.sub(alternation(entry("names", "filler")), " ", strip_symbols(clause),
                  flags=re.IGNORECASE)


def _only_filler(clause: str) -> bool:
    """ "hi", "hey!!": words around a name with no name in them."""
    return not re.search(r"\w", _without_filler(clause))


def _goal(session: Session, snap: AthleteSnapshot, text: str) -> Outcome:
    found = goal_in(text, today=snap.today)
    # "first 50k trail race in may, no date yet" names a race: its "no" is about the date.
    if found.race is None and (means_none(text) or answer_of(text) == "no"):
        return Outcome(t("onboarding.no_goal"), skip_to="consent")
    goal = _clipped((found.goal or strip_symbols(text) or text).strip())
    if found.race_date is None:
        _update(session, snap, goal_event=goal)
        if found.no_date_yet:  # said already: the date is not asked for
            return Outcome(t("onboarding.goal_saved_date_later", goal=goal), skip_to="consent")
        return Outcome(t("onboarding.goal_saved", goal=goal))
    _update(session, snap, goal_event=goal, goal_date=found.race_date,
            goal_date_approximate=found.approximate)
    key = "onboarding.goal_and_month_saved" if found.approximate else (
        "onboarding.goal_and_date_saved")
    return Outcome(t(key, goal=goal, date=_race_day(found.race_date, snap,
                                                   roughly=found.approximate)),
                   skip_to="consent")


def _race_day(day: date, snap: AthleteSnapshot, *, roughly: bool) -> str:
    """A race day said back: its month alone when only that was told ("around March")."""
    label = month_label if roughly else date_label
    return label(day, today=snap.today, language=snap.language)


GOAL_CHARS = 120  # a goal said back and kept: one line on a phone


def _clipped(goal: str) -> str:
    """A long goal cut after its last whole clause that fits, else its last whole word
    ("... this time I want to finish insid" is no way to say a goal back)."""
    if len(goal) <= GOAL_CHARS:
        return goal
    head = goal[:GOAL_CHARS + 1]
    clause = max(head.rfind(mark) for mark in (", ", " - ", "; ", ". "))
    if clause >= GOAL_CHARS // 3:
        return head[:clause].rstrip(" ,;.-")
    return head[:head.rfind(" ")].rstrip(" ,;.-") + "…"


def _race_date(session: Session, snap: AthleteSnapshot, text: str) -> Outcome:
    said = goal_in(text, today=snap.today)
    if said.no_date_yet:
        return Outcome(t("onboarding.date_later"))  # "not booked yet": the goal stands
    if means_none(text) or answer_of(text) in ("no", "skip"):
        return Outcome(t("onboarding.no_goal"))
    found = said.race_date or read_day(text, today=snap.today)
    if found is None:
        return Outcome(t("onboarding.date_unread"), settled=False)
    if found <= snap.today:
        past = date_label(found, today=snap.today, language=snap.language)
        return Outcome(t("onboarding.date_past", date=past), settled=False)
    _update(session, snap, goal_date=found, goal_date_approximate=said.approximate)
    key = "onboarding.month_saved" if said.approximate else "onboarding.date_saved"
    return Outcome(t(key, date=_race_day(found, snap, roughly=said.approximate)))


def _consent_buttons() -> tuple[Button, ...]:
    return (
        Button(t("onboarding.consent_yes_button"), ACTION, ("consent", "yes")),
        Button(t("onboarding.consent_no_button"), ACTION, ("consent", "no")),
    )


def _consent(session: Session, snap: AthleteSnapshot, text: str) -> Outcome:
    answer = _consent_answer(text)
    if answer is None and _tells_health(text):
        # The injuries came before the permission to keep them: ask for it, plainly.
        return Outcome(t("onboarding.consent_for_health_told"), settled=False,
                       buttons=_consent_buttons())
    if answer is None:
        return Outcome(t("onboarding.consent_unsure"), settled=False, buttons=_consent_buttons())
    consent = answer == "yes"
    repository.set_health_consent(
        session=session, athlete_id=snap.athlete_id, consent=consent, now=snap.now
    )
    if consent:
        return Outcome(t("onboarding.consent_yes"))
    return Outcome(t("onboarding.consent_no"), skip_to="plan")


# Steps whose reader takes no pain: a pain report there is news, not an answer.
PAIN_NEWS_STEPS = frozenset({"name", "goal", "equipment", "likes", "timezone", "checkins"})


def _pain_news(step: str, text: str, snap: AthleteSnapshot) -> bool:
    """A pain report typed at a step that reads none ("left knee 3/10 today" when asked
    for a timezone), with nothing that step could read beside it."""
    if step not in PAIN_NEWS_STEPS or not text or _reads_content(step, text, today=snap.today):
        return False
    if step == "checkins" and read_clock_time(text) is not None:
        return False  # "knee is sore but 7am is fine": the time is the answer
    return read_message(text, today=snap.today).intent == "pain"


# Steps whose answer may come with pain beside it, read apart: a time, a place, equipment.
PAIN_BESIDE_STEPS = frozenset({"equipment", "timezone", "checkins"})


def _pain_beside(step: str, text: str, snap: AthleteSnapshot) -> bool:
    """Pain told beside an answer the step read ("7am is good, knee a little stiff tho")."""
    return step in PAIN_BESIDE_STEPS and bool(text) and (
        read_message(text, today=snap.today).intent == "pain")


def _pain_aside(session: Session, snap: AthleteSnapshot, text: str) -> str:
    """The sore part and score told beside an answer, kept with consent (else only
    acknowledged); read by the pain reader, so "6:30" or a town is no injury or score."""
    if not snap.health_consent:
        return t("onboarding.pain_not_stored")
    pain = read_pain(text)
    if pain.sites:
        _update(session, snap, injuries=list(dict.fromkeys([*snap.injuries, *pain.sites])))
    if pain.score is not None:
        _update(session, snap, limitations=f"pain {pain.score}/10 on {snap.today.isoformat()}")
    score = f" ({pain.score}/10)" if pain.score is not None else ""
    if not pain.sites:
        return t("onboarding.pain_beside_no_part", score=score)
    return t("onboarding.pain_beside", parts=_join(pain.sites), score=score)


def _tells_health(text: str) -> bool:
    """Whether the text names a body part or a pain score ("left hip clicks", "3/10")."""
    lowered = normalise(text)
    return bool(sites(lowered)) or pain_score(lowered) is not None


def _consent_answer(text: str) -> str | None:
    """yes/no/skip to the consent question. An answer that tells injuries ("old achilles
    thing on the right, fine for a year now", "hip clicks sometimes, no pain really")
    answers only with its first word or a short opening clause ("sure, left knee"): a yes
    or no inside the account of a body part is about that part, not about consent."""
    if not _tells_health(text):
        return answer_of(text)
    lowered = normalise(text)
    first_word = lowered.split()[0].strip(",.;:!-")
    opening = re.split(r"[,.;!?\n(]+|\s[-–]\s", lowered, maxsplit=1)[0]
    if len(opening.split()) <= SHORT_ANSWER_WORDS and answer_of(opening) is not None:
        return answer_of(opening)
    return answer_of(first_word)


def _reads_as_plan(text: str) -> bool:
    """A whole weekly plan of two or more days, with nothing beside it."""
    try:
        plan, aside = read_plan_and_aside(text)
    except ValueError:
        return False
    return len(plan) >= 2 and not aside


def _names_no_injury(text: str) -> bool:
    """A yes that names nothing ("yes", "ya a couple 👍"): there are injuries, but which?"""
    if answer_of(text) != "yes":
        return False
    rest = pattern("answers", "names_no_injury").sub(" ", normalise(strip_symbols(text)))
    return all(read_answer(word) == "yes" for word in re.findall(r"[a-z']+", rest))


def _tells_a_part_now(text: str) -> bool:
    """Whether a clause names a body part that is neither "none", healed nor past: "right
    knee, nothing major" and "achilles gets cranky on descents, ... but it's settled. oh
    and a dodgy lower back, nothing serious" tell injuries, whatever "none" word or
    healed part is beside them; "had shin splints in 2023, fine now" tells none."""
    past = pattern("messages", "told_as_past")
    for clause in re.split(r"[,;:!?\n]|\.(?:\s|$)|\s(?:but|and|plus|also)\s", normalise(text)):
        if (sites(clause) and not past.search(clause) and not means_none(clause)
                and not pattern("answers", "downplay").fullmatch(clause)):
            return True
    return False


def _without_leading_yes(text: str) -> str:
    """ "yes, left knee" names the left knee: the yes before it is no part of the injury."""
    first, _, rest = text.strip().partition(" ")
    if rest and read_answer(first.strip(",.;:!-")) == "yes":
        return rest.lstrip(",.;:!- ")
    return text


def _injuries(session: Session, snap: AthleteSnapshot, text: str) -> Outcome:
    if not snap.health_consent:  # never ask, nor keep, health details without consent
        return Outcome("")
    if means_none(text) and not _tells_a_part_now(text):
        _update(session, snap, injuries=[])
        return Outcome(t("onboarding.injuries_none"))
    if _names_no_injury(text):
        return Outcome(t("onboarding.injuries_which"), settled=False)
    text = _without_leading_yes(text)
    if _reads_as_plan(text):
        # The week, sent a step early: kept, and the injuries asked again (the plan's
        # question is then passed over).
        week = _plan(session, snap, text)
        return Outcome(week.said, settled=False, asked=True)
    if _names_other_things_only(text):
        # "treadmill with incline, bike on a trainer": a later answer come early names
        # no injury; nothing is stored as one, and the question is asked again.
        return Outcome(t("onboarding.injuries_unread"), settled=False)
    names, score = read_injuries(text)
    said = []
    if names:
        _update(session, snap, injuries=names)
        said.append(t("onboarding.injuries_saved", injuries=_join(names)))
    if score is not None:
        _update(session, snap, limitations=f"pain {score}/10 on {snap.today.isoformat()}")
        said.append(t("onboarding.pain_saved", score=score))
    return Outcome(" ".join(said) or t("onboarding.injuries_none"))


def _names_other_things_only(text: str) -> bool:
    """Equipment or activities with no body part, pain or injury word beside them."""
    lowered = normalise(text)
    if _tells_health(text) or any(pattern("body", key).search(lowered) for key in (
            "injury_types", "hurts_now", "pain_words", "health_words")):
        return False
    found = read_activities(text)
    return bool(read_equipment(text) or found.likes or found.dislikes)


def _plan(session: Session, snap: AthleteSnapshot, text: str) -> Outcome:
    unread = None
    try:
        plan, aside = read_plan_and_aside(text)
    except ValueError as problem:
        partial = _plan_without_one_part(text)
        if partial is None and acknowledges(text):
            # "ok" or "cool 👍" said to what came before: no week to read "ok" as a day of.
            return Outcome(t("onboarding.plan_again"), settled=False)
        if partial is None:
            return Outcome(t("onboarding.plan_unread", problem=str(problem)), settled=False)
        plan, aside, unread = partial
    repository.set_weekly_plan(
        session=session,
        athlete_id=snap.athlete_id,
        sessions=[{"weekday": run.weekday, "kind": run.kind, "minutes": run.minutes}
                  for run in plan],
    )
    said = [t("onboarding.plan_saved", plan=planning.format_plan(plan))]
    if unread:
        said.append(t("onboarding.plan_part_unread", part=unread))
    if aside:
        said.append(_injuries_aside(session, snap, aside))
    return Outcome("\n\n".join(said))


# A week whose every other part reads: at least this many days of it are kept.
PARTIAL_PLAN_DAYS = 3


def _plan_without_one_part(text: str) -> tuple[list[PlannedRun], str, str] | None:
    """A week whose parts all read but one ("Sat parkrun + 20 easy": "20 easy" names no
    day): the readable ones, the aside, and the part left out, so six days said are not
    asked for again because of one; None when no single part's absence makes the rest
    readable."""
    parts = [part.strip() for part in re.split(r"[,;+\n]+", text) if part.strip()]
    if len(parts) < PARTIAL_PLAN_DAYS + 1:
        return None
    for index, part in enumerate(parts):
        rest = ", ".join(parts[:index] + parts[index + 1:])
        try:
            plan, aside = read_plan_and_aside(rest)
        except ValueError:
            continue
        if len(plan) >= PARTIAL_PLAN_DAYS:
            return plan, aside, part
    return None


def _injuries_aside(session: Session, snap: AthleteSnapshot, aside: str) -> str:
    """Pain mentioned beside another answer: kept with consent, else only acknowledged."""
    if not snap.health_consent:
        return t("onboarding.pain_not_stored")
    names, score = read_injuries(aside)
    said = []
    if names:
        injuries = list(dict.fromkeys([*snap.injuries, *names]))
        _update(session, snap, injuries=injuries)
        said.append(t("onboarding.injuries_saved", injuries=_join(injuries)))
    if score is not None:
        _update(session, snap, limitations=f"pain {score}/10 on {snap.today.isoformat()}")
        said.append(t("onboarding.pain_saved", score=score))
    return " ".join(said)


def _equipment(session: Session, snap: AthleteSnapshot, text: str) -> Outcome:
    if means_none(text):
        _update(session, snap, equipment=[])
        return Outcome(t("onboarding.equipment_none"))
    equipment = list(read_equipment(text))
    if not equipment and _none_first(text):
        # "nothing, just my feet and the park", "nope - i run outside": none, then why.
        _update(session, snap, equipment=[])
        return Outcome(t("onboarding.equipment_none"))
    if not equipment:
        return Outcome(t("onboarding.equipment_unread"), settled=False)
    _update(session, snap, equipment=equipment)
    return Outcome(t("onboarding.equipment_saved", equipment=_join(display(equipment))))


def _none_first(text: str) -> bool:
    """An answer that opens with none ("nothing", "none really", "nope", "not really")
    before saying more: the first of its parts, split at a comma or a dash."""
    first = re.split(r"\s[-–—]\s|[,;.!]", text.strip(), maxsplit=1)[0]
    return bool(first.strip()) and (means_none(first) or read_answer(first) == "no")


def _likes(session: Session, snap: AthleteSnapshot, text: str) -> Outcome:
    if _not_an_activity(normalise(text)):
        # "Europe/Madrid", the next answer come early: no like called "europe".
        return Outcome(t("onboarding.likes_unread"), settled=False)
    text = _tentative_items_said(text)
    preferences = read_activities(text)
    said_any = bool(preferences.likes or preferences.dislikes)
    if (means_none(text) or answer_of(text) == "no" or leaves_the_choice_open(text)
            ) and not said_any:
        # "no thanks, nothing really": no preferences, never a dislike named "thanks";
        # "dunno, whatever": no choice made, nothing to store.
        _update(session, snap, likes=[], dislikes=[])
        return Outcome(t("onboarding.likes_none"))
    if not preferences.likes and not preferences.dislikes and _asks_only(text):
        # "pool running?" is a question for the question path, not a like.
        return Outcome("", settled=False)
    likes, dislikes = list(preferences.likes), list(preferences.dislikes)
    unknown_likes, unknown_dislikes = _unknown_activities(text, known=[*likes, *dislikes])
    likes += unknown_likes
    dislikes += unknown_dislikes
    if not likes and not dislikes and asks_something(text):
        # "what about the climbs, how do i train them": a question, even with no "?".
        return Outcome("", settled=False)
    if not likes and not dislikes:
        # "london" (the next answer come early): nothing to store, and no "Okay." as if
        # something had been taken; asked once more, then skipped.
        return Outcome(t("onboarding.likes_unread"), settled=False)
    _update(session, snap, likes=likes, dislikes=dislikes)
    said = []
    if likes:
        said.append(t("onboarding.likes_saved", likes=_join(display_activities(likes))))
    if dislikes:
        said.append(t("onboarding.dislikes_saved",
                      dislikes=_join(display_activities(dislikes))))
    return Outcome(" ".join(said) or t("onboarding.likes_none"))


def _tentative_items_said(text: str) -> str:
    """"walking? 🚶‍♀️ yoga", "swimming?? and cycling i guess": a list whose items carry a
    doubtful "?" answers the question, with the marks taken out; a lone "pool running?"
    or any part opening a question ("is yoga ok?") is left to ask."""
    pieces = [piece.strip() for piece in re.split(r"\?+", normalise(text))]
    said = [piece for piece in pieces if re.search(r"[^\W\d_]", piece)]
    opening = pattern("questions", "opening")
    if len(said) < 2 or any(opening.match(piece) for piece in said):
        return text
    return re.sub(r"\?+", ",", text)


def _not_an_activity(part: str) -> bool:
    """A watch, app or brand ("garmin", "strava"), a place ("London") or a time of day
    ("8pm after bedtime"), the next question's answer come early: no activity to favour."""
    if pattern("answers", "not_activities").fullmatch(part) or _tells_a_time(part):
        return True
    try:
        # Zone names and well-known places only: "rugby" is a sport and a town.
        planning.parse_timezone(part, towns=False)
    except ValueError:
        return False
    return True


def _tells_a_time(part: str) -> bool:
    """ "8pm after bedtime", "7:30 works": a time of day, not a word with digits inside
    it ("f45", a name like "cnry07")."""
    return read_clock_time(re.sub(r"\b[^\W\d]+\d\w*", " ", part)) is not None


@cache
def _joined() -> re.Pattern[str]:
    """Between two things named in one list item ("and", "&", "/": the lexicon's)."""
    joined = entry("answers", "joined")
    words = "|".join(re.escape(word) for word in joined["words"])
    symbols = "".join(re.escape(symbol) for symbol in joined["symbols"])
    return re.compile(rf"\s+(?:{words})\s+|\s*[{symbols}]\s*", re.IGNORECASE)


def _unknown_activities(text: str, *, known: Sequence[str]) -> tuple[list[str], list[str]]:
    """Short parts of a likes answer that name no catalogue activity ("bouldering",
    "anything but yoga"): kept in the athlete's words, as likes or (after a dislike cue)
    dislikes, so nothing they said is lost; a part with a known activity or more than
    three words is left to the reader."""
    liked: list[str] = []
    disliked: list[str] = []
    filler, dislike = pattern("answers", "filler"), pattern("activities", "dislike")
    hedged = pattern("likes", "hedged")
    opens_question = pattern("questions", "opening")
    reason = pattern("messages", "says_a_reason")
    # "bouldering and strava": each named thing is judged on its own (the app is no
    # activity, the climbing is).
    # "cycling, yoga. hate swimming": a sentence's end parts things as a comma does.
    parts = [piece for sentence in re.split(r"(?<=[.!;])\s+", strip_symbols(text))
             for part in list_parts(sentence)
             for piece in _joined().split(part) if piece.strip()]
    for part in parts:
        part = " ".join(hedged.sub(" ", filler.sub(" ", part.lower())).split()).strip(" .!;")
        if leaves_the_choice_open(part):
            continue  # "dunno, anything but swimming": the hedge is no activity
        cue = dislike.search(part)
        if cue:
            part = " ".join(dislike.sub(" ", part).split())
        if (not part or len(part.split()) > 3 or means_none(part) or part.endswith("?")
                or opens_question.match(part) or reason.match(part)):
            continue  # "what about hills" asks, "i sink" says why: neither is an activity
        reading = read_activities(part)
        if reading.likes or reading.dislikes or any(word in part.lower() for word in known):
            continue
        if _not_an_activity(part) or pattern("likes", "not_a_name").search(part):
            continue  # "done it!! 25 mins": news at the wrong step, no activity's name
        (disliked if cue else liked).append(part)
    return liked, disliked


def _timezone_buttons() -> tuple[Button, ...]:
    return tuple(Button(zone, ACTION, ("timezone", zone)) for zone in TIMEZONE_CHOICES)


def _zone_in(text: str) -> str | None:
    """The timezone of the answer, or of one of its parts ("london, achilles niggling a
    bit": London, with news beside it)."""
    for part in (text, *re.split(r"[,;.!\n]+|\s+-\s+", text)):
        if part.strip():
            try:
                return planning.parse_timezone(part.strip())
            except ValueError:
                continue
    return None


def _timezone(session: Session, snap: AthleteSnapshot, text: str) -> Outcome:
    zone = _zone_in(text)
    if zone is None:
        towns = towns_named(text)
        if towns:  # "Keswick": England or Ontario? Ask, never guess another continent.
            return Outcome(t("onboarding.timezone_which_town"), settled=False,
                           buttons=tuple(Button(town, ACTION, ("timezone", town))
                                         for town in towns[:MOST_TOWN_CHOICES]))
        return Outcome(t("onboarding.timezone_unread"), settled=False,
                       buttons=_timezone_buttons())
    repository.set_checkin_schedule(
        session=session, athlete_id=snap.athlete_id, timezone=zone, now=snap.now
    )
    return Outcome(t("onboarding.timezone_saved", zone=zone_label(zone, language=snap.language)))


def _checkin_buttons() -> tuple[Button, ...]:
    return (
        # Button data may not hold ':'.
        *(Button(at, ACTION, ("checkins", at.replace(":", "."))) for at in CHECKIN_CHOICES),
        Button(t("onboarding.checkins_off_button"), ACTION, ("checkins", "off")),
    )


def clock_time_in(text: str) -> time | None:
    """A time of day in the answer ("sure 👍 6:30 works", "7 pm is good")."""
    return read_clock_time(text)


def _checkins(session: Session, snap: AthleteSnapshot, text: str) -> Outcome:
    at = clock_time_in(text)
    if at is None and asks_something(text) and pattern(
            "onboarding_steps", "about_checkins").search(normalise(text)):
        # "wait what time do you send them?", "what's a check-in?": not a "no".
        return Outcome(t("onboarding.checkins_explained"), settled=False, asked=True)
    if at is None and _asks_first(text):
        # "ok. can i at least swim?": a question of its own, answered as one; its "ok"
        # is no yes to check-ins.
        return Outcome("", settled=False)
    answer = answer_of(text)
    if answer == "skip" and len(text.split()) > SHORT_ANSWER_WORDS:
        answer = None  # "knee is achy, maybe a 4" holds a "maybe" but is no "not now"
    if at is None and (answer in ("no", "skip") or means_none(text)
                       or text.strip().lower() == "off"):
        repository.set_checkin_schedule(
            session=session, athlete_id=snap.athlete_id, enabled=False, now=snap.now
        )
        return Outcome(t("onboarding.checkins_off"))
    if at is None and answer != "yes":
        return Outcome(t("onboarding.checkins_unsure"), settled=False,
                       buttons=_checkin_buttons())
    when = at.strftime("%H:%M") if at is not None else DEFAULT_CHECKIN_TIME
    repository.set_checkin_schedule(
        session=session, athlete_id=snap.athlete_id, enabled=True, time=when, now=snap.now
    )
    return Outcome(t("onboarding.checkins_on", time=when))


Saver = Callable[[Session, AthleteSnapshot, str], Outcome]
SAVERS: dict[str, Saver] = {
    "name": _name, "goal": _goal, "race_date": _race_date, "consent": _consent,
    "injuries": _injuries, "plan": _plan, "equipment": _equipment, "likes": _likes,
    "timezone": _timezone, "checkins": _checkins,
}
CHOICES: dict[str, Callable[[], tuple[Button, ...]]] = {
    "consent": _consent_buttons,
    "timezone": _timezone_buttons,
    "checkins": _checkin_buttons,
}


# --- moving through the steps -----------------------------------------------------------


def finish_first(snapshot: AthleteSnapshot, command: str) -> Reply | None:
    """A command that waits for a typed answer (/swap, /checkin) mid-onboarding: the next
    message would answer onboarding's question instead, so we finish setting up first and
    ask that question again. None when onboarding is done."""
    step = step_name(snapshot.onboarding_step)
    if step not in STEPS:
        return None
    return question(step, lead=t("onboarding.finish_first", command=command,
                                 language=snapshot.language))


def question(step: str, *, lead: str = "", buttons: tuple[Button, ...] = ()) -> Reply:
    """The question of ``step`` (after ``lead``), with its choices and a Skip button."""
    choices = buttons or (CHOICES[step]() if step in CHOICES else ())
    rows = [choices[i:i + 2] for i in range(0, len(choices), 2)]
    rows.append((Button(t("onboarding.skip_button"), ACTION, (step, "skip")),))
    text = t(f"onboarding.q_{step}")
    return Reply(text=f"{lead}\n\n{text}" if lead else text,
                 buttons=tuple(tuple(row) for row in rows))


def _next_step(step: str, *, consent: bool, skip_to: str | None = None,
               plan_known: bool = False) -> str | None:
    position = STEPS.index(skip_to) if skip_to else STEPS.index(step) + 1
    while position < len(STEPS):
        candidate = STEPS[position]
        if candidate == "injuries" and not consent:
            position += 1  # never ask for health details without consent
            continue
        if candidate == "plan" and plan_known:
            position += 1  # the week came early (at the injuries question): not asked twice
            continue
        return candidate
    return None


def _finish(session: Session, snap: AthleteSnapshot, lead: str) -> Reply:
    repository.update_profile(session=session, athlete_id=snap.athlete_id, onboarded=True,
                              now=snap.now)
    repository.set_onboarding_step(session=session, athlete_id=snap.athlete_id, step=None,
                                   now=snap.now)
    text = t("onboarding.finished")
    return Reply(text=f"{lead}\n\n{text}" if lead else text, schedule_changed=True,
                 extra={ATHLETE_ID_KEY: str(snap.athlete_id)})


def _advance(session: Session, athlete: Athlete, step: str, *, lead: str,
             now_snap: AthleteSnapshot, skip_to: str | None = None) -> Reply:
    told_ahead = (now_snap.onboarding_step or "").partition(TOLD_AHEAD)[2]
    skip_to = skip_to or told_ahead or None
    after = snapshot_of(session, athlete, now=now_snap.now)  # consent may have changed
    following = _next_step(step, consent=after.health_consent, skip_to=skip_to,
                           plan_known=step == "injuries" and bool(after.plan))
    if following is None:
        return _finish(session, after, lead)
    repository.set_onboarding_step(session=session, athlete_id=after.athlete_id,
                                   step=following, now=after.now)
    return question(following, lead=lead)


def _begin(session: Session, snap: AthleteSnapshot, *, lead: str) -> Reply:
    repository.set_onboarding_step(session=session, athlete_id=snap.athlete_id,
                                   step=STEPS[0], now=snap.now)
    return question(STEPS[0], lead=lead)


def start(uow: UnitOfWork, *, telegram_user_id: int, chat_id: int, name: str | None
          ) -> list[Reply]:
    """``/start``: begin onboarding a new athlete (the only place one is created), resume
    one who was half-way, or greet one who is done."""
    with uow.transaction() as session:
        athlete = enrol(session, telegram_user_id=telegram_user_id, chat_id=chat_id,
                        name=name, timezone=uow.settings.default_timezone)
        snap = snapshot_of(session, athlete, now=uow.now())
        resuming = step_name(snap.onboarding_step)
        if resuming in STEPS:
            return [question(resuming, lead=t("onboarding.resume"))]
        if snap.onboarded:
            return [Reply(
                text=t("onboarding.welcome_back", name=snap.name or "runner"),
                buttons=((Button(t("onboarding.redo_button"), ACTION, (REDO, "go")),),),
            )]
        return [_begin(session, snap, lead=t("onboarding.intro"))]


def _onboarding(session: Session, telegram_user_id: int, now: datetime
                ) -> tuple[Athlete, AthleteSnapshot] | None:
    """The athlete and their snapshot when a question awaits their answer, else None."""
    athlete_id = find_athlete_id(session, telegram_user_id=telegram_user_id)
    if athlete_id is None:
        return None
    athlete = repository.require_athlete(session=session, athlete_id=athlete_id)
    if step_name(athlete.onboarding_step) not in STEPS:
        return None
    return athlete, snapshot_of(session, athlete, now=now)


def step_name(stored: str | None) -> str | None:
    """The step of a stored ``onboarding_step`` (without its confirmation marker)."""
    return None if stored is None else stored.partition(TOLD_AHEAD)[0].removesuffix(UNSURE)


def is_onboarding(uow: UnitOfWork, *, telegram_user_id: int) -> bool:
    with uow.transaction() as session:
        return _onboarding(session, telegram_user_id, uow.now()) is not None


def answer(uow: UnitOfWork, *, telegram_user_id: int, text: str) -> list[Reply] | None:
    """A typed answer to the question awaiting one; None when the athlete is not
    onboarding (the message is then someone else's business)."""
    replies = _answer(uow, telegram_user_id=telegram_user_id, text=text, asides=False)
    assert not isinstance(replies, _Aside)
    return replies


async def answer_typed(ports: Ports, *, telegram_user_id: int, text: str
                       ) -> list[Reply] | None:
    """A typed message while a question awaits an answer: the answer to it, or, when the
    message is instead a question for the articles that does not answer the step ("how
    often should I cross-train?" when asked for a check-in time), that question answered
    and the step asked again. None when the athlete is not onboarding."""
    replies = _answer(ports, telegram_user_id=telegram_user_id, text=text, asides=True)
    if not isinstance(replies, _Aside):
        return replies
    reply = await questions.answer_question(ports=ports, athlete_id=replies.athlete_id,
                                            text=text)
    return [reply, question(replies.step, lead=t("onboarding.back_to_it"))]


@dataclass(frozen=True, slots=True)
class _Aside:
    """A question for the articles typed instead of an answer to ``step``."""

    athlete_id: int
    step: str


def _answer(uow: UnitOfWork, *, telegram_user_id: int, text: str, asides: bool
            ) -> list[Reply] | _Aside | None:
    with uow.transaction() as session:
        found = _onboarding(session, telegram_user_id, uow.now())
        if found is None:
            return None
        athlete, snap = found
        step = step_name(snap.onboarding_step)
        assert step is not None
        text = text.strip()
        if len(text) > MAX_ANSWER:
            return [question(step, lead=t("onboarding.too_long", limit=MAX_ANSWER))]
        if not text:
            return [question(step)]
        # Triage comes before anything else reads the answer: "almost blacked out at the
        # end of my run" must be referred even when its words also read as a deferral.
        referral = _red_flag(session, snap, text)
        if ((answer_of(text) == "skip" and step not in ("consent", "checkins"))
                or (step not in CHOICES and _unsure(text))) and not _reads_content(
                    step, text, today=snap.today) and not (
                        referral is None and _pain_news(step, text, snap)):
            # "later", or "idk", "dunno 🤷" where no buttons offer a choice: left for
            # later, not refused and asked again.
            skipped = _skip(session, athlete, snap, step)
            return [replace(skipped, text=f"{referral}\n\n{skipped.text}")
                    if referral else skipped]
        missed, rest = ((None, _without_red_flags(text, step)) if referral
                        else _note_missed_run(session, snap, text))
        # The answer is read without the news of a missed run; news alone answers nothing,
        # and what is left beside it ("time is tight today") is read only by a step whose
        # reader takes nothing it cannot read (a plan, a time), never as a name or likes.
        if missed is not None and (not rest or step not in STRICT_STEPS):
            outcome = Outcome("", settled=False)
        elif referral and not rest:
            # The whole answer was the red flag: "bit sore to walk on" is no liked walk.
            outcome = Outcome("", settled=False)
        elif referral is None and _pain_news(step, rest, snap):
            # "shins are a bit sore today, like 3/10" at the likes question: news, kept
            # as an aside (with consent) and the step asked again, with no strike.
            outcome = Outcome(_pain_aside(session, snap, rest), settled=False, asked=True)
        elif asides and referral is None and step in FREE_TEXT_STEPS and _asks_first(text):
            # "is this gonna cost anything?" at the goal step is no goal, nor a name.
            return _Aside(athlete_id=snap.athlete_id, step=step)
        else:
            outcome = SAVERS[step](session, snap, rest)  # an unsettled one stores nothing
            if (outcome.settled and referral is None and missed is None
                    and _pain_beside(step, rest, snap)):
                # "knee is a bit sore but 7am is fine": the time answers the step, and the
                # knee is kept (with consent) and said back, never dropped.
                outcome = replace(outcome, said=" ".join(
                    part for part in (_pain_aside(session, snap, rest), outcome.said) if part))
        # A question instead of an answer is answered now ("is this gonna cost
        # anything?"), then the step asked again: nothing promises an answer for later.
        if (asides and not outcome.settled and not outcome.asked and referral is None
                and missed is None
                and (_asks_only(text)
                     or read_message(text, today=snap.today).intent == "article_question")):
            return _Aside(athlete_id=snap.athlete_id, step=step)
        if outcome.asked:
            reply = question(step, lead=outcome.said)
        elif not outcome.settled and (missed is not None or (referral and not rest)
                                      or _asks_only(text)):
            # News ("missed my run last night") or a question, not an answer: the step
            # is asked again, with no strike against the athlete.
            # The referral already answered a question about a red flag.
            reply = question(step, lead=t("onboarding.step_question")
                             if missed is None and referral is None else "")
        elif not outcome.settled:
            reply = _unclear(session, athlete, snap, step, outcome)
        else:
            reply = _advance(session, athlete, step, lead=outcome.said, now_snap=snap,
                             skip_to=outcome.skip_to)
        if missed:
            reply = replace(reply, text=f"{missed}\n\n{reply.text}")
        if referral:
            reply = replace(reply, text=f"{referral}\n\n{reply.text}")
        return _with_followups(reply, _after_onboarding(session, snap.athlete_id, uow.now()))


def _with_followups(reply: Reply, followups: list[Reply]) -> list[Reply]:
    """The last answer's reply and what follows onboarding (a missed run's swap): with a
    follow-up, "All set" is said in short so the two fit a phone screen."""
    if followups:
        reply = replace(reply, text=reply.text.replace(t("onboarding.finished"),
                                                       t("onboarding.finished_short")))
    return [reply, *followups]


# Steps whose answer is free words, taken whole: a question is never stored as one.
FREE_TEXT_STEPS = frozenset({"name", "goal", "injuries", "likes"})


def _asks_first(text: str) -> bool:
    """A question from the first word of one of its clauses ("is this free?", "legs feel
    heavy, is it ok to ..?"), not an answer with a doubt in it ("sub 3 marathon in
    april?")."""
    opening = pattern("questions", "opening")
    return "?" in text and any(opening.match(clause.strip())
                               for clause in re.split(r"[.,;!]", normalise(text)))


def _asks_only(text: str) -> bool:
    """A question typed at a step that does not take it ("why do you need that?")."""
    return asks_something(text) and "?" in text


# A run missed, told during onboarding, is logged with this note and acted on once the
# athlete is set up (``_after_onboarding``).
TOLD_IN_ONBOARDING = "told during onboarding"
STRICT_STEPS = frozenset({"race_date", "consent", "plan", "equipment", "timezone", "checkins"})
MISSED_WITHIN = timedelta(days=7)
CORRECTS_WITHIN = timedelta(minutes=30)  # a correction follows what it corrects closely


def _missed_clause(text: str, today: date) -> tuple[str, date] | None:
    """The part of an answer that tells of a missed run ("..., missed my long run
    yesterday btw") and the day it names, read on its own so the answer's other days
    (a plan's "tue") are not taken for it."""
    parts = [part for part in re.split(r"[.!;\n]+|,\s+(?=\S)", text) if part.strip()]
    told = pattern("messages", "past_tense")  # "missed", "didnt": news, not a wish
    for part in [text, *parts] if len(parts) == 1 else parts:
        reading = read_message(part, today=today)
        said = told.search(normalise(part))
        if said is not None and pattern("moves", "hypothetical").search(
                normalise(part)[:said.start()]):
            continue  # "I'll tell you when I've missed something": no news of a miss
        if reading.intent == "missed_run" and said is not None:
            day = reading.day or today
            if day > today or today - day > MISSED_WITHIN:
                day = today
            return part.strip(), day
    return None


def _note_missed_run(session: Session, snap: AthleteSnapshot, text: str
                     ) -> tuple[str | None, str]:
    """A run missed, told in any onboarding answer: logged for its day (the reason kept
    as a swap would keep it) and acknowledged; a swap follows once onboarding is done.
    Returns the acknowledgment (None: no missed run told) and the answer without it."""
    found = _missed_clause(text, snap.today)
    # "sorry i meant saturday" names no miss of its own: it only moves one just told.
    told_again = found is None
    found = found or _day_corrected(text, snap.today)
    if found is None:
        return None, text
    clause, day = found
    corrected = _corrected_miss(session, snap, text, day)
    if told_again and corrected is None:
        return None, text
    rest = text.replace(clause, " ", 1) if clause != text.strip() else ""
    rest = " ".join(rest.split()).strip(" ,.;!-–")
    reason = swaps.stored_reason(snap, clause, health=False) or ""
    if corrected is not None:
        # "wait no it was friday's tempo, not wed": the day told before was a slip, so
        # it is no missed run; the correction's own words say which run it was (the
        # words told before name the wrong day and would be read for it again).
        repository.delete_checkin(session=session, athlete_id=snap.athlete_id,
                                  checkin_id=corrected.id or 0)
    repository.record_checkin(session=session, athlete_id=snap.athlete_id, day=day,
                              status="missed", note=TOLD_IN_ONBOARDING, reason=reason,
                              now=snap.now)
    label = swaps.day_label(day, snap.language)
    if corrected is not None:
        return t("onboarding.missed_moved", day=label,
                 before=swaps.day_label(corrected.day, snap.language)), rest
    return t("onboarding.missed_noted", day=label), rest


def _day_corrected(text: str, today: date) -> tuple[str, date] | None:
    """"sorry i meant saturday", "oh no wait it was sat": a correction naming a recent
    day, whole, with that day; whether a missed run was told just before to correct is
    ``_corrected_miss``'s to check."""
    if not corrects(text) or tells_a_habit(text):
        return None  # "actually saturdays are better as 45 min" is about every week
    day = read_day(text, today=today)
    if day is None or day > today or today - day > MISSED_WITHIN:
        return None
    return text.strip(), day


def _corrected_miss(session: Session, snap: AthleteSnapshot, text: str, day: date
                    ) -> CheckIn | None:
    """The missed run told just before in onboarding that ``text`` corrects ("no wait, it
    was friday not wed"): another day, told within the last few minutes; else None."""
    if not corrects(text):
        return None
    told = [checkin for checkin in _recent_checkins(session, snap)
            if checkin.note == TOLD_IN_ONBOARDING and checkin.status == "missed"
            and checkin.day != day and snap.now - checkin.updated_at <= CORRECTS_WITHIN]
    return max(told, key=lambda checkin: checkin.updated_at, default=None)


def _after_onboarding(session: Session, athlete_id: int, now: datetime) -> list[Reply]:
    """Once onboarding is done: a run missed and told during it gets its swap (or the
    question which session it was), sized from the plan just given."""
    athlete = repository.require_athlete(session=session, athlete_id=athlete_id)
    if not athlete.onboarded or athlete.onboarding_step is not None:
        return []
    snap = snapshot_of(session, athlete, now=now)
    if snap.on_hold:
        return []
    offered = {row.checkin_id for row in repository.list_substitutions(
        session=session, athlete_id=athlete_id, limit=20)}
    told = [checkin for checkin in _recent_checkins(session, snap)
            if checkin.note == TOLD_IN_ONBOARDING and checkin.status == "missed"
            and checkin.id not in offered]
    if not told:
        return []
    checkin = max(told, key=lambda row: row.day)
    # The run comes right after "All set": the intro says whose run it is, in a line.
    reason = checkin.reason or ""
    missed = swaps.resolve_missed(snap, reason, default_day=checkin.day)
    intro = t("onboarding.missed_followup")
    if isinstance(missed, swaps.AskWhich):
        return [swaps.ask_which(session, snap, missed, reason, checkin_id=checkin.id,
                                intro=intro)]
    return [swaps.offer(session, snap, missed, reason, checkin_id=checkin.id, intro=intro)]


def _recent_checkins(session: Session, snap: AthleteSnapshot) -> list[CheckIn]:
    return repository.list_checkins(session=session, athlete_id=snap.athlete_id,
                                    since=snap.today - MISSED_WITHIN, until=snap.today)


# A sentence's end (never a decimal point): a red flag is referred sentence by sentence,
# and a comma or dash keeps the symptom with its words ("swollen calf, bit sore to walk on").
_SENTENCE_BREAK = re.compile(r"(?:[;!?\n]|(?<!\d)\.|\.(?!\d))+")


def _without_red_flags(text: str, step: str) -> str:
    """The answer without its sentences that raise a red flag, so that a symptom is never
    stored as a name, a goal or a liked activity ("swollen calf, bit sore to walk on" is no
    liked walking). At the injuries step the symptom is the answer, and is kept."""
    if step == "injuries":
        return text
    sentences = [sentence.strip() for sentence in _SENTENCE_BREAK.split(text)
                 if sentence.strip()]
    kept = [sentence for sentence in sentences if not triage(sentence).refer]
    if len(kept) == len(sentences):
        return ""  # no one sentence raises it alone: the flag is in the whole answer
    return ". ".join(kept)


def _red_flag(session: Session, snap: AthleteSnapshot, text: str) -> str | None:
    """A red flag in an onboarding answer ("chest pain when I run") is never just an
    answer: the referral comes first and a safety hold starts (its reason kept only with
    consent), as anywhere else."""
    result = triage(text)
    if not result.refer:
        return None
    repository.start_safety_hold(session=session, athlete_id=snap.athlete_id, since=snap.now,
                                 reason=text if snap.health_consent else None,
                                 allows=safety.hold_allows(snap, result))
    return result.referral


def _unclear(session: Session, athlete: Athlete, snap: AthleteSnapshot, step: str,
             outcome: Outcome) -> Reply:
    """An answer we could not read: one short confirmation (with buttons where there are
    choices); a second unclear answer is not asked again, the step takes its default
    (no consent, no check-ins, nothing stored) and onboarding moves on."""
    if snap.onboarding_step == step + UNSURE:
        skipped = _skip(session, athlete, snap, step)
        lead = t("onboarding.moving_on")
        return Reply(text=f"{lead} {skipped.text}", buttons=skipped.buttons,
                     schedule_changed=skipped.schedule_changed, extra=skipped.extra)
    repository.set_onboarding_step(session=session, athlete_id=snap.athlete_id,
                                   step=step + UNSURE, now=snap.now)
    buttons = outcome.buttons or (CHOICES[step]() if step in CHOICES else ())
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    rows.append((Button(t("onboarding.skip_button"), ACTION, (step, "skip")),))
    return Reply(text=outcome.said, buttons=tuple(tuple(row) for row in rows))


def _skip(session: Session, athlete: Athlete, snap: AthleteSnapshot, step: str) -> Reply:
    """Move on without an answer; a skipped consent is no consent and skipped check-ins
    are off (nobody gets a prompt they did not ask for)."""
    lead, skip_to = "", None
    if step == "goal":
        skip_to = "consent"  # no goal, no race date to ask for
    elif step == "consent":
        lead = _consent(session, snap, "no").said
    elif step == "checkins":
        lead = _checkins(session, snap, "no").said
    return _advance(session, athlete, step, lead=lead, now_snap=snap, skip_to=skip_to)


def skip(uow: UnitOfWork, *, telegram_user_id: int) -> list[Reply]:
    """``/skip``: the current question is skipped."""
    with uow.transaction() as session:
        found = _onboarding(session, telegram_user_id, uow.now())
        if found is None:
            return [Reply(text=t("onboarding.nothing_to_skip"))]
        athlete, snap = found
        step = step_name(snap.onboarding_step)
        assert step is not None
        return _with_followups(_skip(session, athlete, snap, step),
                               _after_onboarding(session, snap.athlete_id, uow.now()))


def choose(uow: UnitOfWork, *, telegram_user_id: int, step: str, value: str) -> list[Reply]:
    """A button of an onboarding question (``step``, ``value``); a button of a question
    already answered changes nothing."""
    stale = Reply(text="", toast=t("onboarding.stale_button"), remove_buttons=True)
    with uow.transaction() as session:
        if step == REDO:
            athlete_id = find_athlete_id(session, telegram_user_id=telegram_user_id)
            if athlete_id is None:
                return [stale]
            athlete = repository.require_athlete(session=session, athlete_id=athlete_id)
            pressed = Reply(text="", remove_buttons=True)
            return [pressed, _begin(session, snapshot_of(session, athlete, now=uow.now()),
                                    lead="")]
        found = _onboarding(session, telegram_user_id, uow.now())
        if found is None or step_name(found[1].onboarding_step) != step:
            return [stale]
        athlete, snap = found
        pressed = Reply(text="", remove_buttons=True)
        if value == "skip":
            done = _skip(session, athlete, snap, step)
        else:
            outcome = SAVERS[step](session, snap, value)
            if not outcome.settled:
                return [pressed, _unclear(session, athlete, snap, step, outcome)]
            done = _advance(session, athlete, step, lead=outcome.said, now_snap=snap,
                            skip_to=outcome.skip_to)
        return [pressed, *_with_followups(
            done, _after_onboarding(session, snap.athlete_id, uow.now()))]


def cancel(uow: UnitOfWork, *, telegram_user_id: int) -> list[Reply] | None:
    """``/cancel`` during onboarding: stop; what was answered is kept. None when the
    athlete is not onboarding."""
    with uow.transaction() as session:
        found = _onboarding(session, telegram_user_id, uow.now())
        if found is None:
            return None
        _, snap = found
        repository.set_onboarding_step(session=session, athlete_id=snap.athlete_id,
                                       step=None, now=snap.now)
        return [Reply(text=t("onboarding.cancelled"))]
