"""Withdrawing consent removes the health details consent allowed.

Whether a health detail may be written at all is the use cases' rule, tested in
tests/usecases/ (the repository stores what it is given).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from coach.intent import is_health_related
from storage import repository as repo
from tests.storage.conftest import NOW, MakeAthlete

DAY = date(2026, 3, 2)


def test_non_health_fields_and_clearing_need_no_consent(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = make_athlete()
    repo.update_profile(session=session, athlete_id=athlete.id, equipment=["pool"],
                        injuries=[], limitations=None)
    assert athlete.equipment == ["pool"]


def test_with_consent_health_details_are_stored(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = make_athlete(consent=True)
    repo.update_profile(session=session, athlete_id=athlete.id, injuries=["knee"],
                        limitations="no hills")
    checkin = repo.record_checkin(session=session, athlete_id=athlete.id, day=DAY,
                                  status="pain", pain=5, reason="knee")
    assert athlete.injuries == ["knee"] and checkin.pain == 5
    assert athlete.health_consent_at == NOW


def test_withdrawing_consent_erases_health_details(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = make_athlete(consent=True, injuries=["knee"], limitations="no hills",
                           equipment=["bike"])
    repo.record_checkin(session=session, athlete_id=athlete.id, day=DAY, status="pain",
                        pain=5, reason="knee", note="swollen")
    repo.record_checkin(session=session, athlete_id=athlete.id, day=DAY + timedelta(1),
                        status="done", pain=2, rpe=5, reason="felt ok")
    repo.set_health_consent(session=session, athlete_id=athlete.id, consent=False)
    session.refresh(athlete)
    assert athlete.health_consent is False and athlete.health_consent_at is None
    assert athlete.injuries == [] and athlete.limitations is None
    assert athlete.equipment == ["bike"]
    rows = repo.list_checkins(session=session, athlete_id=athlete.id)
    assert [(r.status, r.pain, r.reason, r.note, r.rpe) for r in rows] == [
        ("missed", None, None, None, None), ("done", None, "felt ok", None, 5),
    ]
    assert repo.to_context(athlete).injuries == ()


def test_withdrawing_consent_clears_health_free_text_and_keeps_the_rest(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = make_athlete(consent=True)
    repo.record_checkin(session=session, athlete_id=athlete.id, day=DAY, status="missed",
                        reason="my achilles is sore")
    repo.record_checkin(session=session, athlete_id=athlete.id, day=DAY + timedelta(1),
                        status="missed", reason="no time, work ran late")
    hurt = repo.record_substitution(session=session, athlete_id=athlete.id, missed="easy 40",
                                    reason="left knee hurts 4/10", options=[])
    busy = repo.record_substitution(session=session, athlete_id=athlete.id, missed="easy 40",
                                    reason="thunderstorm", options=[])
    repo.add_turn(session=session, athlete_id=athlete.id, role="athlete",
                  text="is swimming ok with a sore hip?")
    repo.add_turn(session=session, athlete_id=athlete.id, role="athlete",
                  text="is cycling good for runners?")
    repo.set_health_consent(session=session, athlete_id=athlete.id, consent=False)
    repo.clear_athlete_texts(session=session, athlete_id=athlete.id, where=is_health_related,
                             now=NOW)
    reasons = [row.reason for row in repo.list_checkins(session=session, athlete_id=athlete.id)]
    assert reasons == [None, "no time, work ran late"]
    for row, expected in ((hurt, None), (busy, "thunderstorm")):
        session.refresh(row)
        assert row.reason == expected
    turns = [t.text for t in repo.recent_turns(session=session, athlete_id=athlete.id)]
    assert turns == ["is cycling good for runners?"]
