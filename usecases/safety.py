"""Safety holds: a red flag pauses every workout suggestion until the athlete is cleared.

Triage (``coach.triage.triage``) runs first on every text an athlete sends. A flag starts
a hold, stored on the athlete's row so it survives restarts and is seen by every worker.
With consent the hold keeps the words that raised it; without consent it is kept with no
reason at all (a pause that is just as strict, holding no health detail). While a hold is
on, every path that would suggest a workout answers with a short, kind reminder and a
button to say they have been checked and cleared (or ``/cleared``).
"""

from __future__ import annotations

from sqlmodel import Session

from coach.language import t
from coach.triage import TriageResult, triage
from storage import repository
from usecases.ports import UnitOfWork
from usecases.replies import Button, Reply
from usecases.snapshot import AthleteSnapshot, load_snapshot

HOLD_ACTION = "hold"
CLEAR = "clear"


def cleared_button(language: str = "en") -> Button:
    return Button(label=t("safety.cleared_button", language=language), action=HOLD_ACTION,
                  args=(CLEAR,))


def start_hold(session: Session, snapshot: AthleteSnapshot, result: TriageResult,
               text: str) -> Reply:
    """Start (or keep) the hold after a red flag in ``text``; the referral as the reply."""
    repository.start_safety_hold(
        session=session, athlete_id=snapshot.athlete_id, since=snapshot.now,
        # The words are a health detail: kept only with consent. Without it the hold is
        # stored with no reason, and is just as strict.
        reason=text[:500] if snapshot.health_consent else None,
    )
    return Reply(text=t("safety.started", language=snapshot.language,
                        referral=result.referral or ""),
                 buttons=((cleared_button(snapshot.language),),))


def reminder(snapshot: AthleteSnapshot) -> Reply:
    """The brief repeat of the referral while a hold is on."""
    since = snapshot.hold.since if snapshot.hold is not None else snapshot.now
    return Reply(text=t("safety.reminder", language=snapshot.language,
                        since=f"{since:%a %d %b}"),
                 buttons=((cleared_button(snapshot.language),),))


def screen(session: Session, snapshot: AthleteSnapshot, text: str) -> Reply | None:
    """Triage ``text`` first: the referral (and a new hold) on a red flag, else None."""
    result = triage(text)
    if result.flags and result.referral:
        return start_hold(session, snapshot, result, text)
    return None


def clear_hold(*, uow: UnitOfWork, athlete_id: int) -> Reply:
    """The athlete says they have been checked and cleared: suggestions resume."""
    with uow.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
        if not snapshot.on_hold:
            return Reply(text=t("safety.not_on_hold", language=snapshot.language),
                         remove_buttons=True)
        repository.clear_safety_hold(session=session, athlete_id=athlete_id, now=snapshot.now)
    return Reply(text=t("safety.cleared", language=snapshot.language), remove_buttons=True,
                 toast="✅")
