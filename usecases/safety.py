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

from coach.catalogue import load_catalogue
from coach.language import t
from coach.language.names import day_label
from coach.red_flags import ALLOWED_RANK, Allowed
from coach.triage import TriageResult, triage
from storage import repository
from storage.repository import REST_ACTIVITY
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
        allows=hold_allows(snapshot, result),
    )
    return Reply(text=t("safety.started", language=snapshot.language,
                        referral=result.referral or ""),
                 buttons=((cleared_button(snapshot.language),),))


def hold_allows(snapshot: AthleteSnapshot, result: TriageResult) -> str:
    """What the hold still allows after ``result``: the stricter of the hold already on
    and the new flags ("stop everything" after "non-impact only" stays "stop")."""
    allowed = result.allowed
    if snapshot.hold is not None and ALLOWED_RANK[snapshot.hold.allows] < ALLOWED_RANK[allowed]:
        allowed = snapshot.hold.allows
    # A hold never allows everything: a flag whose engine word is "anything" is held as
    # non-impact at most.
    if allowed is Allowed.ANYTHING:
        allowed = Allowed.NON_IMPACT
    return allowed.value


def allows_on_hold(snapshot: AthleteSnapshot, activity: str) -> bool:
    """Whether an offered ``activity`` may be logged while the hold is on: rest always;
    a non-impact activity when the flag behind the hold allows non-impact training."""
    if activity == REST_ACTIVITY or snapshot.hold is None:
        return True
    if snapshot.hold.allows is not Allowed.NON_IMPACT:
        return False
    try:
        return load_catalogue().get(activity).impact_level == 0
    except KeyError:
        return False


def reminder(snapshot: AthleteSnapshot) -> Reply:
    """The brief repeat of the referral while a hold is on."""
    since = snapshot.hold.since if snapshot.hold is not None else snapshot.now
    return Reply(text=t("safety.reminder", language=snapshot.language,
                        since=day_label(since.date(), language=snapshot.language)),
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
