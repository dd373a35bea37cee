"""Daily check-ins: the prompt, the done/missed/swapped/pain answers, the reason, the pain.

What the athlete is asked next lives in the database, not in memory: a check-in marked
``missed`` with no reason and no options yet is waiting for its reason; one marked
``pain`` with no description is waiting for where it hurts (a pain check-in is stored
only with consent; without it the next message is read as a pain report by its words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time, timedelta

from sqlmodel import Session

from coach.checkin import (
    CHECKIN_STATUSES,
    MISSED_REASONS,
    checkin_prompt,
    reason_label,
    status_reply,
)
from coach.language import (
    PainReading,
    body,
    read_checkin_answer,
    read_clock_time,
    read_pain,
    t,
)
from coach.language.durations import read_kind
from coach.language.lexicon import alternation, entry, normalise
from coach.language.names import zone_label
from coach.planning import PlannedRun
from coach.triage import triage
from storage import repository
from storage.models import CheckIn
from storage.repository import StorageError
from usecases import safety, swaps
from usecases.identity import ATHLETE_ID_KEY
from usecases.ports import UnitOfWork
from usecases.replies import Button, Reply, button_rows
from usecases.snapshot import AthleteSnapshot, DayRecord, load_snapshot

STATUS_ACTION = "ci"
REASON_ACTION = "cr"
# A check-in button stays valid for the athlete's today and yesterday (a late answer).
VALID_DAYS = timedelta(days=1)
_STATUS_LABELS = {"done": "checkins.button_done", "missed": "checkins.button_missed",
                  "swapped": "checkins.button_swapped", "pain": "checkins.button_pain"}


def checkin_buttons(day: date, *, language: str = "en") -> tuple[tuple[Button, ...], ...]:
    """Done / missed / swapped / pain for ``day``, two to a row."""
    stamp = day.isoformat()
    return button_rows([Button(label=t(_STATUS_LABELS[status], language=language),
                               action=STATUS_ACTION, args=(stamp, status))
                        for status in CHECKIN_STATUSES], per_row=2)


def reason_buttons(day: date, *, language: str = "en") -> tuple[tuple[Button, ...], ...]:
    stamp = day.isoformat()
    return button_rows([Button(label=reason_label(code, language=language),
                               action=REASON_ACTION, args=(stamp, code))
                        for code in MISSED_REASONS], per_row=2)


def prompt_for(snapshot: AthleteSnapshot, day: date) -> Reply | None:
    """The check-in prompt for ``day`` with its buttons, or None on a rest day."""
    planned = snapshot.planned_on(day)
    run = PlannedRun(planned.weekday, planned.kind, planned.minutes) if planned else None
    text = checkin_prompt(planned=run, name=snapshot.name, day=day,
                          has_plan=bool(snapshot.plan), language=snapshot.language)
    if text is None:
        return None
    return Reply(text=text, buttons=checkin_buttons(day, language=snapshot.language))


def _valid_day(stamp: str, today: date) -> date | None:
    try:
        day = date.fromisoformat(stamp)
    except ValueError:
        return None
    return day if today - VALID_DAYS <= day <= today else None


def _expired(snapshot: AthleteSnapshot) -> Reply:
    return Reply(text="", toast=t("checkins.expired", language=snapshot.language), alert=True)


# --- the use cases -----------------------------------------------------------------------


def checkin_now(*, uow: UnitOfWork, athlete_id: int) -> Reply:
    """/checkin now: today's prompt at once (recorded as pending, so the scheduled one
    is not sent too); a rest day says so; a hold repeats the referral."""
    with uow.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
        if snapshot.on_hold:
            return safety.reminder(snapshot)
        from usecases import onboarding  # onboarding builds on swaps, which builds on this

        waiting = onboarding.finish_first(snapshot, "/checkin")
        if waiting is not None:
            return waiting  # a typed "yep done" would answer onboarding's question
        prompt = prompt_for(snapshot, snapshot.today)
        if prompt is None:
            return Reply(text=t("checkins.rest_day", language=snapshot.language))
        told = snapshot.record_of(snapshot.today)
        if told is not None and told.status in CHECKIN_STATUSES:
            # Today is answered already (a substitute logged, a pain told): asking "how did
            # it go?" again would contradict it, and a pending prompt would overwrite it.
            return Reply(text=t(f"checkins.already_{told.status}",
                                language=snapshot.language))
        repository.record_checkin(session=session, athlete_id=athlete_id, day=snapshot.today,
                                  status="pending", now=snapshot.now)
    return prompt


def record_status(*, uow: UnitOfWork, athlete_id: int, stamp: str, status: str) -> Reply:
    """done / missed / swapped / pain pressed on a check-in prompt."""
    with uow.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
        language = snapshot.language
        day = _valid_day(stamp, snapshot.today)
        if day is None or status not in CHECKIN_STATUSES:
            return _expired(snapshot)
        if status == "pain":
            if not snapshot.health_consent:
                return Reply(text=t("checkins.pain_no_consent", language=language),
                             remove_buttons=True)
            repository.record_checkin(session=session, athlete_id=athlete_id, day=day,
                                      status="pain", now=snapshot.now)
            return Reply(text=status_reply("pain", language=language), remove_buttons=True)
        checkin = repository.record_checkin(session=session, athlete_id=athlete_id, day=day,
                                            status=status, now=snapshot.now)
        if status == "missed":
            # A fresh "missed" waits for its own reason, whatever was offered before.
            repository.unlink_substitutions(session=session, athlete_id=athlete_id,
                                            checkin_id=checkin.id or 0)
            if snapshot.on_hold:
                held = safety.reminder(snapshot)
                return Reply(text=held.text, buttons=held.buttons, remove_buttons=True)
            return Reply(text=status_reply("missed", language=language),
                         buttons=reason_buttons(day, language=language), remove_buttons=True)
    return Reply(text=status_reply(status, language=language), remove_buttons=True)


def record_reason(*, uow: UnitOfWork, athlete_id: int, stamp: str, code: str) -> Reply:
    """A quick reason button after "missed": record it, then offer substitutes."""
    with uow.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
        day = _valid_day(stamp, snapshot.today)
        if day is None or code not in MISSED_REASONS:
            return _expired(snapshot)
        reply = reason_given(session, snapshot, day, MISSED_REASONS[code])
    return Reply(text=reply.text, buttons=reply.buttons, remove_buttons=True)


def reason_given(session: Session, snapshot: AthleteSnapshot, day: date,
                 reason: str) -> Reply:
    """The reason for a missed check-in (button or text): triage, log, offer options."""
    flagged = safety.screen(session, snapshot, reason)
    if flagged is not None:
        return flagged
    if snapshot.on_hold:
        return safety.reminder(snapshot)
    checkin = repository.record_checkin(
        session=session, athlete_id=snapshot.athlete_id, day=day, status="missed",
        reason=swaps.stored_reason(snapshot, reason, health=False), now=snapshot.now)
    return swaps.swap_for(session, snapshot, "", reason, default_day=day,
                          checkin_id=checkin.id)


# From this score the reply adds that such pain is worth a professional's look.
PAIN_HIGH = 7


def _pain_said(sites: Sequence[str], score: int | None) -> str:
    """What a pain report said, as the reply repeats it ("left knee, 4/10")."""
    return ", ".join([*sites, *([f"{score}/10"] if score is not None else [])])


def record_pain(session: Session, snapshot: AthleteSnapshot, day: date, text: str, *,
                in_checkin: bool = False) -> CheckIn | None:
    """Log the pain ``text`` reports on ``day`` (with consent), or None when nothing is
    logged. Typed outside a check-in, only a report that says where or how much is."""
    return _log_pain(session, snapshot, day, text, read_pain(text),
                     snapshot.record_of(day), in_checkin=in_checkin)


def _answered(before: DayRecord | None) -> bool:
    """The day is settled (done, swapped, missed): it keeps its status and gains the pain."""
    return before is not None and before.status not in ("pending", "pain")


def _log_pain(session: Session, snapshot: AthleteSnapshot, day: date, text: str,
              pain: PainReading, before: DayRecord | None, *,
              in_checkin: bool) -> CheckIn | None:
    if not snapshot.health_consent or not (in_checkin or pain.score is not None
                                           or pain.sites):
        return None
    # A second report the same day adds to the first: the worst score and both texts.
    score, reason_text = pain.score, text
    if before is not None and before.status != "pending":
        if before.pain is not None:
            score = before.pain if score is None else max(score, before.pain)
        if before.reason and text not in before.reason:
            reason_text = f"{before.reason}; {text}"
    try:
        return repository.record_checkin(
            session=session, athlete_id=snapshot.athlete_id, day=day,
            status=before.status if before is not None and _answered(before) else "pain",
            reason=reason_text[-500:], pain=score, now=snapshot.now)
    except StorageError:
        return None


def pain_reply(session: Session, snapshot: AthleteSnapshot, day: date, text: str, *,
               checkin: CheckIn | None, swap_asked: bool = False) -> Reply:
    """A pain description (after the pain button, or typed): reply about the pain, store
    it with consent, then gentle options for the day (``swap_asked``: "/swap easy 45,
    achilles a bit niggly", options even on a day already settled)."""
    language = snapshot.language
    # Typed on its own, the report comes before the day's session: it is replaced, not missed.
    typed = checkin is None
    pain = read_pain(text)
    what = _pain_said(pain.sites, pain.score)
    lines = [t("checkins.pain_heard", language=language, what=what) if what
             else t("checkins.pain_heard_vague", language=language)]
    before = snapshot.record_of(day)
    answered = _answered(before)
    logged = _log_pain(session, snapshot, day, text, pain, before,
                       in_checkin=checkin is not None)
    stored = logged is not None
    checkin = logged if stored else (None if typed else checkin)
    lines.append(t("checkins.pain_stored" if stored else "checkins.pain_not_stored",
                   language=language))
    if pain.score is not None and pain.score >= PAIN_HIGH:
        lines.append(t("checkins.pain_high", language=language, score=pain.score))
    intro = " ".join(lines)
    reason = text if pain.score is None or re.search(r"\b(pain|hurt|sore)", text.lower()) \
        else f"{text} pain {pain.score}/10"
    # "easy 45, achilles a bit niggly": the run said, at the minutes said; "no way I'm
    # doing the hills today, legs are shot": the run named for that day (a run the pain
    # came from, "sore after yesterday's long run", is another day's); else the day's own
    # session.
    stated = swaps.resolve_missed(snapshot, text, default_day=day)
    if isinstance(stated, swaps.AskWhich) and stated.said_kind is not None and swap_asked:
        # "my long run yesterday" when yesterday held a recovery run: which run it was,
        # as without the pain, never the day's other run logged in its place.
        return swaps.ask_which(session, snapshot, stated, reason, health=True, intro=intro)
    missed = stated if isinstance(stated, swaps.MissedRun) and (
        not stated.from_plan or (stated.day == day and read_kind(text) is not None)) else \
        swaps.resolve_missed(snapshot, "", default_day=day)
    if isinstance(missed, swaps.AskWhich) and swap_asked:
        # "/swap calf a bit sore" on a rest day or with no plan: which run it was.
        return swaps.ask_which(session, snapshot, missed, reason, health=True, intro=intro)
    if isinstance(missed, swaps.AskWhich) or (answered and not swap_asked):
        # Nothing planned that day, or the day is settled already: the reply is about the
        # pain, not a session to replace; on a rest day, the rest is what to do instead.
        advice = t("checkins.pain_advice", language=language)
        if isinstance(missed, swaps.AskWhich) and missed.rest_day and typed:
            advice = t("checkins.pain_rest_day", language=language,
                       day=swaps.day_label(missed.day, language))
        return Reply(text=f"{intro} {advice}")
    # The options' note carries the stop-if-it-rises advice: said once.
    return swaps.offer(session, snapshot, missed, reason, health=True,
                       checkin_id=checkin.id if checkin else None, intro=intro,
                       replacing=typed and missed.day >= snapshot.today, pain=True)


def _side_said(lowered: str) -> str | None:
    """The side a correction names ("its the left one not right" -> left): a side after
    a denial ("not right") is the one it replaces."""
    denial = re.compile(alternation(entry("days", "denials")) + r"\s*$")
    said: list[tuple[int, str]] = []
    for side, regex in body.sides():
        for match in regex.finditer(lowered):
            if len(match.group(0)) > 1 and not denial.search(lowered[:match.start()]):
                said.append((match.start(), side))
    return min(said)[1] if said else None


def _with_side(site: str, side: str) -> str:
    words = [word for word in site.split()
             if not any(regex.fullmatch(word) for _, regex in body.sides())]
    return " ".join([side, *words])


def correct_pain(session: Session, snapshot: AthleteSnapshot, text: str) -> Reply | None:
    """"sorry its the left one not right, and its more like a 4 now", right after a pain
    report today: the side and score said replace the ones logged (a correction, so the
    score may go down; "2/10 its fine" scores a report told with none), and the reply says
    what is logged now. None when there is no pain report today to correct or the text
    names neither a score nor a side."""
    record = snapshot.record_of(snapshot.today)
    if record is None or not snapshot.health_consent:
        return None
    checkin = repository.get_checkin(session=session, athlete_id=snapshot.athlete_id,
                                     day=snapshot.today)
    if checkin is None or not checkin.reason:
        return None
    # A report with no score yet takes one ("ankle a bit rolled", then "2/10 its fine"),
    # also on a day whose run was done or swapped.
    if not record.hurt and not read_pain(checkin.reason.split("; ")[0]).sites:
        return None
    lowered = normalise(text)
    if not re.search(r"[^\W\d_]|/", lowered):
        return None  # "2" alone is a button's number, not "more like a 2"
    score = body.pain_score(lowered)
    side = _side_said(lowered)
    if score is None and side is None:
        return None
    first, *earlier = checkin.reason.split("; ")
    sites = list(read_pain(first).sites)
    # Sides said in earlier corrections stand unless this one names another.
    for said in [_side_said(normalise(part)) for part in earlier] + [side]:
        if said is not None and sites:
            sites[0] = _with_side(sites[0], said)
    new_score = checkin.pain if score is None else score
    repository.record_checkin(session=session, athlete_id=snapshot.athlete_id,
                              day=snapshot.today, status=checkin.status,
                              reason=f"{checkin.reason}; {text}"[-500:], pain=new_score,
                              now=snapshot.now)
    language = snapshot.language
    what = _pain_said(sites, new_score)
    lines = [t("checkins.pain_corrected", language=language, what=what)]
    if new_score is not None and new_score >= PAIN_HIGH:
        lines.append(t("checkins.pain_high", language=language, score=new_score))
    else:
        lines.append(t("checkins.pain_advice", language=language))
    return Reply(text=" ".join(lines))


def awaiting(session: Session, snapshot: AthleteSnapshot) -> CheckIn | None:
    """The check-in (today's or yesterday's) waiting for a typed reason or pain place."""
    for day in (snapshot.today, snapshot.today - VALID_DAYS):
        checkin = repository.get_checkin(session=session, athlete_id=snapshot.athlete_id,
                                         day=day)
        if checkin is None or checkin.reason is not None:
            continue
        if checkin.status == "pain" or (checkin.status == "missed" and not any(
                s.checkin_id == checkin.id
                for s in repository.list_substitutions(session=session,
                                                       athlete_id=snapshot.athlete_id,
                                                       limit=5))):
            return checkin
    return None


def prompted(session: Session, snapshot: AthleteSnapshot) -> CheckIn | None:
    """The check-in (today's or yesterday's) whose "how did it go?" is still unanswered."""
    for day in (snapshot.today, snapshot.today - VALID_DAYS):
        checkin = repository.get_checkin(session=session, athlete_id=snapshot.athlete_id,
                                         day=day)
        if checkin is not None and checkin.status == "pending":
            return checkin
    return None


def answer_prompt(session: Session, snapshot: AthleteSnapshot, checkin: CheckIn, text: str
                  ) -> Reply | None:
    """A typed answer to the check-in prompt, read as a button press would be ("done!!",
    "kinda, did half of it", "nah skipped it, raining", "went swimming instead", "knee hurt
    so i stopped"); None when the text answers none of these (triage already done)."""
    status = read_checkin_answer(text, today=snapshot.today)
    if status is None:
        return None
    language = snapshot.language
    if status == "pain":
        return pain_reply(session, snapshot, checkin.day, text, checkin=checkin)
    if status == "missed":
        # The words are the reason: options follow at once, as after a reason button.
        return reason_given(session, snapshot, checkin.day, text)
    if snapshot.on_hold and status == "swapped":
        return safety.reminder(snapshot)
    repository.record_checkin(session=session, athlete_id=snapshot.athlete_id,
                              day=checkin.day, status=status, note=f"told: {text[:80]}",
                              now=snapshot.now)
    return Reply(text=status_reply(status, language=language), remove_buttons=True)


def answer_awaited(session: Session, snapshot: AthleteSnapshot, checkin: CheckIn,
                   text: str) -> Reply:
    """Free text that answers the check-in question asked last (triage already done)."""
    if checkin.status == "pain":
        return pain_reply(session, snapshot, checkin.day, text, checkin=checkin)
    return reason_given(session, snapshot, checkin.day, text)


def record_typed_pain(*, uow: UnitOfWork, athlete_id: int, text: str) -> Reply:
    """A pain report typed outside a check-in: triage, then the pain reply for today."""
    with uow.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
        result = triage(text)
        if result.flags and result.referral:
            return safety.start_hold(session, snapshot, result, text)
        if snapshot.on_hold:
            return safety.reminder(snapshot)
        return pain_reply(session, snapshot, snapshot.today, text, checkin=None)


def set_checkins(*, uow: UnitOfWork, athlete_id: int, argument: str) -> Reply:
    """/checkin on | off | HH:MM: the daily schedule."""
    word = argument.strip().lower()
    with uow.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
        language = snapshot.language
        at: time | None = None
        if word not in ("on", "off"):
            at = read_clock_time(word)
            if at is None:
                problem = f"I couldn't read “{argument[:20]}” as a time."
                return Reply(text=t("checkins.schedule_bad", language=language,
                                    problem=problem))
        try:
            athlete = repository.set_checkin_schedule(
                session=session, athlete_id=athlete_id, enabled=word != "off", time=at)
        except (ValueError, StorageError) as problem:
            return Reply(text=t("checkins.schedule_bad", language=language,
                                problem=str(problem)))
        if word != "off" and not athlete.onboarded:
            athlete = repository.update_profile(session=session, athlete_id=athlete_id,
                                                onboarded=True)
        key = {"on": "checkins.schedule_on", "off": "checkins.schedule_off"}.get(
            word, "checkins.schedule_time")
        text = t(key, language=language, time=athlete.checkin_time,
                 timezone=zone_label(athlete.timezone, language=language))
    return Reply(text=text, schedule_changed=True, extra={ATHLETE_ID_KEY: str(athlete_id)})
