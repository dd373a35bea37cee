"""Account use cases against a real SQLite: nothing creates an athlete but /start,
consent rules, settings, export and forget, corrections to the profile, the roster."""

from __future__ import annotations

import json
from datetime import date, time, timedelta

import pytest

from storage import repository
from storage.models import ATHLETE_OWNED_TABLES, Athlete
from tests.usecases.account_support import NOW, SqliteUnitOfWork, uow  # noqa: F401
from usecases import account, onboarding
from usecases.replies import Reply

USER = 601


def text(replies: list[Reply] | Reply) -> str:
    return replies.text if isinstance(replies, Reply) else "\n".join(r.text for r in replies)


def enrolled(uow: SqliteUnitOfWork, *, consent: bool = True,  # noqa: F811
             checkins: bool = False) -> Athlete:
    onboarding.start(uow, telegram_user_id=USER, chat_id=USER, name="Ana")
    with uow.transaction() as session:
        athlete = repository.get_athlete_by_telegram_id(session=session, telegram_user_id=USER)
        assert athlete is not None and athlete.id is not None
        account.set_consent(session, athlete_id=athlete.id, consent=consent, now=NOW)
        repository.update_profile(session=session, athlete_id=athlete.id, onboarded=True,
                                  checkin_enabled=checkins, equipment=["gym"],
                                  injuries=["left knee"] if consent else [])
        repository.set_onboarding_step(session=session, athlete_id=athlete.id, step=None,
                                       now=NOW)
        repository.set_weekly_plan(session=session, athlete_id=athlete.id, sessions=[
            {"weekday": 1, "kind": "tempo", "minutes": 45},
            {"weekday": 5, "kind": "long", "minutes": 100}])
        return athlete


def every_row_count(uow: SqliteUnitOfWork) -> int:  # noqa: F811
    from sqlmodel import select

    with uow.transaction() as session:
        return len(session.exec(select(Athlete)).all()) + sum(
            len(session.exec(select(model)).all()) for model in ATHLETE_OWNED_TABLES.values())


@pytest.mark.parametrize("call", [
    lambda u: account.profile(u, telegram_user_id=USER),
    lambda u: account.show_plan(u, telegram_user_id=USER),
    lambda u: account.replace_plan(u, telegram_user_id=USER, text="Mon easy 40"),
    lambda u: account.history(u, telegram_user_id=USER),
    lambda u: account.settings(u, telegram_user_id=USER, args=""),
    lambda u: account.settings(u, telegram_user_id=USER, args="checkin off"),
    lambda u: account.settings(u, telegram_user_id=USER, args="checkin 07:30"),
    lambda u: account.export(u, telegram_user_id=USER),
    lambda u: account.ask_forget(u, telegram_user_id=USER),
])
def test_after_forget_nothing_is_created_again(uow: SqliteUnitOfWork, call) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    enrolled(uow, checkins=True)
    forget = account.ask_forget(uow, telegram_user_id=USER)
    assert forget[0].buttons
    done = account.confirm_forget(uow, telegram_user_id=USER, confirmed=True)
    assert "erased" in text(done) and done[-1].schedule_changed
    assert every_row_count(uow) == 0
    replies = call(uow)
    assert "/start" in text(replies) or "don't store anything" in text(replies)
    assert every_row_count(uow) == 0


def test_forget_can_be_declined(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    enrolled(uow)
    assert "Nothing was erased" in text(
        account.confirm_forget(uow, telegram_user_id=USER, confirmed=False))
    assert uow.athlete(USER) is not None


def test_profile_shows_health_only_with_consent(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    enrolled(uow, consent=True)
    assert "left knee" in text(account.profile(uow, telegram_user_id=USER))
    account.settings(uow, telegram_user_id=USER, args="consent off")
    shown = text(account.profile(uow, telegram_user_id=USER))
    assert "left knee" not in shown and "no consent" in shown


def test_withdrawing_consent_clears_health_details_and_health_free_text(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    athlete = enrolled(uow, consent=True)
    assert athlete.id is not None
    with uow.transaction() as session:
        repository.record_checkin(session=session, athlete_id=athlete.id, day=date(2026, 11, 25),
                                  status="pain", pain=6, reason="my achilles is sore")
        repository.record_checkin(session=session, athlete_id=athlete.id, day=date(2026, 11, 24),
                                  status="missed", reason="no time, work ran late")
        repository.add_turn(session=session, athlete_id=athlete.id, role="athlete",
                            text="is swimming ok with a sore hip?")
    account.settings(uow, telegram_user_id=USER, args="consent off")
    with uow.transaction() as session:
        rows = repository.list_checkins(session=session, athlete_id=athlete.id)
        turns = repository.recent_turns(session=session, athlete_id=athlete.id)
        stored = repository.require_athlete(session=session, athlete_id=athlete.id)
        assert [(r.status, r.pain, r.reason) for r in rows] == [
            ("missed", None, "no time, work ran late"), ("missed", None, None)]
        assert turns == [] and stored.injuries == [] and not stored.health_consent


def test_settings_change_the_schedule_and_say_so(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    enrolled(uow)
    replies = account.settings(uow, telegram_user_id=USER, args="checkin 6:45")
    assert "daily at 06:45" in text(replies) and replies[-1].schedule_changed
    replies = account.settings(uow, telegram_user_id=USER, args="timezone Berlin")
    assert "Europe/Berlin" in text(replies)
    replies = account.settings(uow, telegram_user_id=USER, args="checkin off")
    athlete = uow.athlete(USER)
    assert athlete is not None and not athlete.checkin_enabled
    assert "Check-ins: off" in text(replies)


@pytest.mark.parametrize("args", ["checkin banana", "timezone Narnia", "colour blue",
                                  "consent maybe"])
def test_bad_settings_say_so_and_change_nothing(uow: SqliteUnitOfWork, args: str) -> None:  # noqa: F811
    enrolled(uow)
    before = uow.athlete(USER)
    replies = account.settings(uow, telegram_user_id=USER, args=args)
    assert "Change with" in text(replies) and not replies[-1].schedule_changed
    after = uow.athlete(USER)
    assert before is not None and after is not None
    assert (after.timezone, after.checkin_time, after.checkin_enabled, after.health_consent) \
        == (before.timezone, before.checkin_time, before.checkin_enabled, before.health_consent)


def test_a_bad_plan_changes_nothing(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    enrolled(uow)
    replies = account.replace_plan(uow, telegram_user_id=USER, text="Funday long 90")
    assert "Mon easy 40" in text(replies)
    assert "Tuesday: tempo 45 min" in text(account.show_plan(uow, telegram_user_id=USER))


def test_export_is_everything_as_json(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    enrolled(uow)
    [reply] = account.export(uow, telegram_user_id=USER)
    assert reply.attachment is not None and reply.attachment.kind == "document"
    data = json.loads(reply.attachment.data)
    assert data["athlete"]["injuries"] == ["left knee"]
    assert len(data["weekly_plan"]) == 2


def test_history_names_activities_and_dates_them_by_the_missed_day(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    athlete = enrolled(uow)
    assert athlete.id is not None
    missed_day = date(2026, 11, 23)
    with uow.transaction() as session:
        checkin = repository.record_checkin(session=session, athlete_id=athlete.id,
                                            day=missed_day, status="missed")
        row = repository.record_substitution(
            session=session, athlete_id=athlete.id, missed={"kind": "long", "minutes": 100},
            reason="rain", options=[{"activity": "road_cycling"}], checkin_id=checkin.id,
            now=NOW)
        assert row.id is not None
        repository.choose_substitution(session=session, athlete_id=athlete.id,
                                       substitution_id=row.id, activity="road_cycling", now=NOW)
    shown = text(account.history(uow, telegram_user_id=USER))
    assert "road_cycling" not in shown
    assert f"Mon 23 Nov: {account.activity_name('road_cycling')} instead of long" in shown


def test_roster_is_for_coaches_only_and_never_says_none(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    athlete = enrolled(uow)
    assert athlete.id is not None
    assert "not available" in text(account.coach_roster(uow, telegram_user_id=USER))
    with uow.transaction() as session:
        repository.record_checkin(session=session, athlete_id=athlete.id,
                                  day=NOW.date() - timedelta(days=1), status="missed")
    roster = text(account.coach_roster(uow, telegram_user_id=9000))
    assert "Ana" in roster and "None" not in roster


def test_a_correction_updates_the_plan_and_says_what_changed(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    athlete = enrolled(uow)
    assert athlete.id is not None
    reply = account.apply_profile_update(uow, athlete_id=athlete.id,
                                         update={"long_run_minutes": 150})
    assert "Long run: 150 min (was 100 min)" in reply.text
    assert "Saturday: long 150 min" in text(account.show_plan(uow, telegram_user_id=USER))
    again = account.apply_profile_update(uow, athlete_id=athlete.id,
                                         update={"long_run_minutes": 150})
    assert "Long run: 150 min, as it already was" in again.text and "was 150" not in again.text


@pytest.mark.parametrize("added", [["indoor_bike"], ["indoor_trainer"], "bike trainer"])
def test_an_addition_updates_equipment_and_says_so(
    uow: SqliteUnitOfWork, added: object,  # noqa: F811
) -> None:
    athlete = enrolled(uow)
    assert athlete.id is not None
    reply = account.apply_profile_update(uow, athlete_id=athlete.id,
                                         update={"equipment_add": added})
    assert "equipment: + " in reply.text and "indoor bike" in reply.text
    stored = uow.athlete(USER)
    assert stored is not None and "indoor_bike" in stored.equipment
    assert set(stored.equipment) <= {"gym", "bike", "indoor_bike"}


def test_corrections_respect_consent_and_say_when_nothing_changed(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    athlete = enrolled(uow, consent=False)
    assert athlete.id is not None
    reply = account.apply_profile_update(uow, athlete_id=athlete.id,
                                         update={"injuries_add": ["hip"]})
    assert "consent" in reply.text
    stored = uow.athlete(USER)
    assert stored is not None and stored.injuries == []
    nothing = account.apply_profile_update(uow, athlete_id=athlete.id, update={"colour": 1})
    assert "didn't see anything to change" in nothing.text


def test_a_race_date_and_dislike_correction(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    athlete = enrolled(uow)
    assert athlete.id is not None
    reply = account.apply_profile_update(uow, athlete_id=athlete.id, update={
        "race_date": date(2027, 5, 2), "dislikes_add": ["Rowing"], "tempo_minutes": "1h"})
    assert "race date: 2 May 2027" in reply.text and "rowing" in reply.text
    assert "Tempo run: 60 min (was 45 min)" in reply.text
    stored = uow.athlete(USER)
    assert stored is not None and stored.goal_date == date(2027, 5, 2)
    assert stored.dislikes == ["rowing"]


def test_the_readers_update_keys_are_applied(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    athlete = enrolled(uow)
    assert athlete.id is not None
    reply = account.apply_profile_update(uow, athlete_id=athlete.id, update={
        "injuries_remove": ["knee"], "checkin_time": time(6, 45),
        "plan_set": [{"day": "tue", "kind": "easy", "minutes": 35},
                     {"day": "sat", "kind": "long", "minutes": 110}]})
    assert "plan: Tue easy 35, Sat long 110" in reply.text and "06:45" in reply.text
    assert "injuries: − left knee" in reply.text
    assert "Saturday: long 110 min" in text(account.show_plan(uow, telegram_user_id=USER))
    with uow.transaction() as session:
        row = repository.get_athlete(session=session, athlete_id=athlete.id)
    assert row is not None and row.injuries == []


def test_a_healed_part_not_on_file_says_what_is_on_file(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    athlete = enrolled(uow)
    assert athlete.id is not None
    reply = account.apply_profile_update(uow, athlete_id=athlete.id,
                                         update={"injuries_remove": ["ankle"]})
    assert reply.text == "Glad it's better! I had no ankle injury on file; on file: left knee."
    stored = uow.athlete(USER)
    assert stored is not None and stored.injuries == ["left knee"]


def test_history_tells_a_swapped_day_once_with_its_substitute(
    uow: SqliteUnitOfWork,  # noqa: F811
) -> None:
    # Found playing a runner: "swapped [chose Rowing, 55 min]" and, below it, "Rowing
    # instead of 45 min tempo run" for the same day.
    athlete = enrolled(uow)
    assert athlete.id is not None
    day = date(2026, 11, 24)
    with uow.transaction() as session:
        checkin = repository.record_checkin(session=session, athlete_id=athlete.id, day=day,
                                            status="swapped", note="chose Rowing, 55 min",
                                            now=NOW)
        row = repository.record_substitution(
            session=session, athlete_id=athlete.id,
            missed={"kind": "tempo", "minutes": 45, "label": "45 min tempo run",
                    "day": day.isoformat()},
            reason="work", options=[{"activity": "rowing", "minutes": 55}],
            checkin_id=checkin.id, now=NOW)
        assert row.id is not None
        repository.choose_substitution(session=session, athlete_id=athlete.id,
                                       substitution_id=row.id, activity="rowing", now=NOW)
    shown = text(account.history(uow, telegram_user_id=USER))
    assert shown.count("Rowing") == 1
    assert "Tue 24 Nov: Rowing 55 min instead of 45 min tempo run" in shown
