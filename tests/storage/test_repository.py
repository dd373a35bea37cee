"""Round trips for every table through the repository, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session

from coach.context import AthleteContext
from storage import repository as repo
from storage.db import session_scope
from tests.storage.conftest import NOW, MakeAthlete


def test_athlete_round_trip_survives_a_new_session(engine: Engine) -> None:
    with session_scope(engine) as session:
        athlete = repo.get_or_create_athlete(
            session=session, telegram_user_id=5_000_000_001, chat_id=5_000_000_001,
            name="  Ana  ", now=NOW,
        )
        repo.set_health_consent(session=session, athlete_id=athlete.id, consent=True, now=NOW)
        repo.update_profile(
            session=session, athlete_id=athlete.id, goal_event="Western States 100",
            goal_date="2026-06-27", injuries=["Left Knee", "left knee", " Achilles "],
            limitations="no downhill running", equipment="Pool, bike, home",
            likes=["Swimming"], timezone="Europe/Berlin", checkin_time="6:45", language="de",
        )
        athlete_id = athlete.id
    with session_scope(engine) as session:
        stored = repo.get_athlete_by_telegram_id(session=session, telegram_user_id=5_000_000_001)
        assert stored is not None and stored.id == athlete_id
        assert stored.name == "Ana"
        assert stored.goal_date == date(2026, 6, 27)
        assert stored.injuries == ["left knee", "achilles"]
        assert stored.equipment == ["pool", "bike", "home"]
        assert stored.likes == ["swimming"]
        assert stored.timezone == "Europe/Berlin"
        assert stored.checkin_time == "06:45"
        assert stored.health_consent_at == NOW
        assert stored.created_at.tzinfo is not None and stored.created_at == NOW


def test_get_or_create_is_idempotent_and_follows_a_new_chat(
    session: Session, make_athlete: MakeAthlete
) -> None:
    first = repo.get_or_create_athlete(session=session, telegram_user_id=42, chat_id=42,
                                       name="First")
    again = repo.get_or_create_athlete(session=session, telegram_user_id=42, chat_id=4242,
                                       name="Other name")
    assert again.id == first.id
    assert again.chat_id == 4242
    assert again.name == "First"  # a Telegram display name never overwrites the chosen one
    # Check-ins are opt-in: nobody gets a prompt they did not ask for.
    assert again.onboarded is False and again.checkin_enabled is False


def test_update_profile_refuses_unknown_fields_and_bad_values(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = make_athlete()
    with pytest.raises(repo.InvalidValueError, match="can't change"):
        repo.update_profile(session=session, athlete_id=athlete.id, telegram_user_id=1)
    with pytest.raises(repo.InvalidValueError, match="timezone"):
        repo.update_profile(session=session, athlete_id=athlete.id, timezone="Mars/Olympus")
    with pytest.raises(repo.InvalidValueError, match="07:30"):
        repo.update_profile(session=session, athlete_id=athlete.id, checkin_time="25:99")
    with pytest.raises(repo.InvalidValueError):
        repo.update_profile(session=session, athlete_id=athlete.id, goal_date="next spring")
    with pytest.raises(repo.NotFoundError, match="no athlete"):
        repo.update_profile(session=session, athlete_id=999_999, name="Nobody")


def test_weekly_plan_round_trip_and_validation(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = make_athlete()
    plan = [
        {"weekday": 6, "kind": "Long", "minutes": 120},
        {"weekday": 1, "kind": "tempo", "minutes": 45},
        repo.PlannedSessionIn(weekday=3, kind="rest", minutes=30),
    ]
    repo.set_weekly_plan(session=session, athlete_id=athlete.id, sessions=plan)
    stored = repo.get_weekly_plan(session=session, athlete_id=athlete.id)
    assert [(row.weekday, row.kind, row.minutes) for row in stored] == [
        (1, "tempo", 45), (3, "rest", 0), (6, "long", 120),
    ]
    sunday = date(2026, 3, 8)
    found = repo.planned_session_on(session=session, athlete_id=athlete.id, day=sunday)
    assert found is not None and found.kind == "long"
    assert repo.planned_session_on(session=session, athlete_id=athlete.id,
                                   day=date(2026, 3, 2)) is None

    # Replacing, not appending
    repo.set_weekly_plan(session=session, athlete_id=athlete.id,
                         sessions=[{"weekday": 0, "kind": "easy", "minutes": 30}])
    assert len(repo.get_weekly_plan(session=session, athlete_id=athlete.id)) == 1

    for bad, message in [
        ([{"weekday": 7, "kind": "easy", "minutes": 30}], "weekday"),
        ([{"weekday": 1, "kind": "fartlek", "minutes": 30}], "not a session kind"),
        ([{"weekday": 1, "kind": "easy", "minutes": -5}], "minutes"),
        ([{"weekday": 1, "kind": "easy"}, {"weekday": 1, "kind": "long"}], "two sessions"),
    ]:
        with pytest.raises(repo.InvalidValueError, match=message):
            repo.set_weekly_plan(session=session, athlete_id=athlete.id, sessions=bad)
    assert len(repo.get_weekly_plan(session=session, athlete_id=athlete.id)) == 1


def test_checkin_upsert_keeps_one_row_per_day_and_merges_fields(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = make_athlete()
    day = date(2026, 3, 2)
    repo.record_checkin(session=session, athlete_id=athlete.id, day=day, status="pending")
    repo.record_checkin(session=session, athlete_id=athlete.id, day=day, status="missed",
                        rpe=None)
    merged = repo.record_checkin(session=session, athlete_id=athlete.id, day=day,
                                 status="missed", reason="storm, trails closed", note="meh")
    assert merged.status == "missed" and merged.reason == "storm, trails closed"
    # A late "pending" (the prompt re-sent) never overwrites an answer.
    after = repo.record_checkin(session=session, athlete_id=athlete.id, day=day,
                                status="pending")
    assert after.status == "missed" and after.note == "meh"
    done = repo.record_checkin(session=session, athlete_id=athlete.id, day=day + timedelta(1),
                               status="DONE", rpe=6)
    assert done.rpe == 6 and done.status == "done"
    history = repo.list_checkins(session=session, athlete_id=athlete.id, since=day)
    assert [(row.day, row.status) for row in history] == [(day, "missed"),
                                                          (day + timedelta(1), "done")]
    assert repo.list_checkins(session=session, athlete_id=athlete.id,
                              since=day + timedelta(1)) == [history[1]]
    assert repo.get_checkin(session=session, athlete_id=athlete.id, day=day) is not None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "skipped"}, "not a check-in status"),
        ({"status": "done", "rpe": 11}, "RPE"),
        ({"status": "done", "rpe": 0}, "RPE"),
        ({"status": "done", "rpe": "hard"}, "RPE"),
        ({"status": "done", "rpe": True}, "RPE"),
    ],
)
def test_checkin_refuses_bad_values_with_a_clear_message(
    session: Session, make_athlete: MakeAthlete, fields: dict[str, object], message: str
) -> None:
    athlete = make_athlete(consent=True)
    with pytest.raises(repo.InvalidValueError, match=message):
        repo.record_checkin(session=session, athlete_id=athlete.id, day=date(2026, 3, 2),
                            **fields)  # type: ignore[arg-type]


def test_pain_out_of_range_is_refused(session: Session, make_athlete: MakeAthlete) -> None:
    athlete = make_athlete(consent=True)
    with pytest.raises(repo.InvalidValueError, match="Pain must be from 0 to 10"):
        repo.record_checkin(session=session, athlete_id=athlete.id, day=date(2026, 3, 2),
                            status="pain", pain=12)


def test_deleting_a_checkin_removes_only_that_athletes_row_and_keeps_its_substitutions(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete, other = make_athlete(), make_athlete()
    day = date(2026, 3, 2)
    checkin = repo.record_checkin(session=session, athlete_id=athlete.id, day=day,
                                  status="missed")
    kept = repo.record_checkin(session=session, athlete_id=other.id, day=day, status="missed")
    offered = repo.record_substitution(
        session=session, athlete_id=athlete.id, missed={"kind": "easy", "minutes": 40},
        reason="", options=[], checkin_id=checkin.id, now=NOW)
    assert not repo.delete_checkin(session=session, athlete_id=athlete.id,
                                   checkin_id=kept.id)  # not theirs
    assert repo.delete_checkin(session=session, athlete_id=athlete.id, checkin_id=checkin.id)
    assert repo.get_checkin(session=session, athlete_id=athlete.id, day=day) is None
    assert repo.get_checkin(session=session, athlete_id=other.id, day=day) is not None
    [substitution] = repo.list_substitutions(session=session, athlete_id=athlete.id)
    assert substitution.id == offered.id and substitution.checkin_id is None


def test_substitution_round_trip_and_choice(session: Session, make_athlete: MakeAthlete) -> None:
    athlete = make_athlete()
    checkin = repo.record_checkin(session=session, athlete_id=athlete.id,
                                  day=date(2026, 3, 2), status="missed")
    options = [
        {"activity": "cycling_indoor", "name": "Indoor cycling", "minutes": 60, "rpe": 4},
        {"activity": "elliptical", "name": "Elliptical", "minutes": 50, "rpe": 4},
    ]
    offered = repo.record_substitution(
        session=session, athlete_id=athlete.id, missed={"kind": "easy", "minutes": 40},
        reason="thunderstorm", options=options, checkin_id=checkin.id, now=NOW,
    )
    assert offered.chosen_activity is None
    chosen = repo.choose_substitution(session=session, athlete_id=athlete.id,
                                      substitution_id=offered.id, activity="elliptical",
                                      now=NOW + timedelta(minutes=2))
    assert chosen.chosen_activity == "elliptical"
    assert chosen.chosen_at == NOW + timedelta(minutes=2)
    assert chosen.options == options and chosen.missed == {"kind": "easy", "minutes": 40}
    swapped = repo.get_checkin(session=session, athlete_id=athlete.id, day=date(2026, 3, 2))
    assert swapped is not None and swapped.status == "swapped"
    latest = repo.list_substitutions(session=session, athlete_id=athlete.id)
    assert [row.id for row in latest] == [offered.id]

    with pytest.raises(repo.InvalidValueError, match="not among"):
        repo.choose_substitution(session=session, athlete_id=athlete.id,
                                 substitution_id=offered.id, activity="skydiving")


def test_resting_is_always_a_valid_choice_and_leaves_the_checkin_missed(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = make_athlete()
    checkin = repo.record_checkin(session=session, athlete_id=athlete.id,
                                  day=date(2026, 3, 2), status="missed", now=NOW)
    offered = repo.record_substitution(
        session=session, athlete_id=athlete.id, missed="easy 40", reason="tired",
        options=[{"activity": "swimming", "minutes": 40}], checkin_id=checkin.id, now=NOW,
    )
    chosen = repo.choose_substitution(session=session, athlete_id=athlete.id,
                                      substitution_id=offered.id, activity=repo.REST_ACTIVITY)
    assert chosen.chosen_activity == "rest"
    day = repo.get_checkin(session=session, athlete_id=athlete.id, day=date(2026, 3, 2))
    assert day is not None and day.status == "missed"


def test_choosing_another_athletes_substitution_is_refused_and_changes_nothing(
    session: Session, make_athlete: MakeAthlete
) -> None:
    owner, intruder = make_athlete(), make_athlete()
    offered = repo.record_substitution(
        session=session, athlete_id=owner.id, missed="my 40 min tempo", reason="no time",
        options=[{"activity": "stairs", "minutes": 20}],
    )
    with pytest.raises(repo.NotFoundError):
        repo.choose_substitution(session=session, athlete_id=intruder.id,
                                 substitution_id=offered.id, activity="stairs")
    assert repo.get_substitution(session=session, athlete_id=intruder.id,
                                 substitution_id=offered.id) is None
    mine = repo.get_substitution(session=session, athlete_id=owner.id,
                                 substitution_id=offered.id)
    assert mine is not None and mine.chosen_activity is None
    assert mine.missed == {"text": "my 40 min tempo"}
    # Nor can a substitution be pinned to someone else's check-in.
    other_checkin = repo.record_checkin(session=session, athlete_id=owner.id,
                                        day=date(2026, 3, 3), status="missed")
    with pytest.raises(repo.NotFoundError):
        repo.record_substitution(session=session, athlete_id=intruder.id, missed="easy",
                                 reason=None, options=[], checkin_id=other_checkin.id)


def test_substitution_options_must_be_plain_json(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = make_athlete()
    with pytest.raises(repo.InvalidValueError, match="plain JSON"):
        repo.record_substitution(session=session, athlete_id=athlete.id, missed="easy",
                                 reason=None, options=[{"activity": "x", "when": object()}])


def test_conversation_turns_are_capped_per_athlete(
    session: Session, make_athlete: MakeAthlete
) -> None:
    talker, quiet = make_athlete(), make_athlete()
    repo.add_turn(session=session, athlete_id=quiet.id, role="athlete", text="hello")
    for number in range(25):
        repo.add_turn(session=session, athlete_id=talker.id,
                      role="athlete" if number % 2 == 0 else "bot", text=f"message {number}")
    turns = repo.recent_turns(session=session, athlete_id=talker.id)
    assert [turn.text for turn in turns] == [f"message {n}" for n in range(5, 25)]
    assert [turn.text for turn in repo.recent_turns(session=session, athlete_id=talker.id,
                                                    limit=2)] == ["message 23", "message 24"]
    assert [turn.text for turn in repo.recent_turns(session=session,
                                                    athlete_id=quiet.id)] == ["hello"]
    with pytest.raises(repo.InvalidValueError):
        repo.add_turn(session=session, athlete_id=talker.id, role="system", text="x")


def test_a_question_and_its_answer_are_remembered_in_one_write(
    session: Session, make_athlete: MakeAthlete
) -> None:
    talker, quiet = make_athlete(), make_athlete()
    repo.add_turn(session=session, athlete_id=quiet.id, role="athlete", text="hello")
    for number in range(12):
        repo.add_turns(session=session, athlete_id=talker.id, keep=5,
                       turns=[("athlete", f"question {number}"), ("bot", f"answer {number}")])
    turns = repo.recent_turns(session=session, athlete_id=talker.id)
    assert [(turn.role, turn.text) for turn in turns] == [
        ("bot", "answer 9"), ("athlete", "question 10"), ("bot", "answer 10"),
        ("athlete", "question 11"), ("bot", "answer 11")]
    assert [turn.text for turn in repo.recent_turns(session=session,
                                                    athlete_id=quiet.id)] == ["hello"]
    with pytest.raises(repo.InvalidValueError):
        repo.add_turns(session=session, athlete_id=talker.id,
                       turns=[("athlete", "fine"), ("system", "x")])
    assert len(repo.recent_turns(session=session, athlete_id=talker.id)) == 5
    with pytest.raises(repo.NotFoundError):
        repo.add_turns(session=session, athlete_id=10**9, turns=[("athlete", "who?")])


def test_a_question_and_its_answer_cost_one_insert_and_one_trim(engine: Engine) -> None:
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement.split()[0])

    with session_scope(engine) as setup:
        athlete_id = repo.get_or_create_athlete(session=setup, telegram_user_id=5160,
                                                chat_id=5160).id
        assert athlete_id is not None
    with session_scope(engine) as session:
        repo.require_athlete(session=session, athlete_id=athlete_id)
        event.listen(engine, "before_cursor_execute", record)
        try:
            repo.add_turns(session=session, athlete_id=athlete_id,
                           turns=[("athlete", "what about swimming?"), ("bot", "Swim easy.")])
        finally:
            event.remove(engine, "before_cursor_execute", record)
        assert statements == ["INSERT", "DELETE"]
        turns = repo.recent_turns(session=session, athlete_id=athlete_id)
    assert [(turn.role, turn.text) for turn in turns] == [
        ("athlete", "what about swimming?"), ("bot", "Swim easy.")]


def test_an_athlete_looked_up_again_in_one_session_costs_no_query(engine: Engine) -> None:
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    with session_scope(engine) as setup:
        athlete = repo.get_or_create_athlete(session=setup, telegram_user_id=5150, chat_id=5150)
        athlete_id = athlete.id
        assert athlete_id is not None
    event.listen(engine, "before_cursor_execute", record)
    try:
        with session_scope(engine) as session:
            first = repo.get_athlete_by_telegram_id(session=session, telegram_user_id=5150)
            queried = len(statements)
            for _ in range(3):
                assert repo.get_athlete_by_telegram_id(session=session,
                                                       telegram_user_id=5150) is first
                assert repo.require_athlete(session=session, athlete_id=athlete_id) is first
            assert len(statements) == queried
            assert repo.get_athlete_by_telegram_id(session=session, telegram_user_id=5151) is None
            assert len(statements) == queried + 1  # unknown ones are looked up every time
            repo.erase_athlete(session=session, athlete_id=athlete_id)
            assert repo.get_athlete_by_telegram_id(session=session, telegram_user_id=5150) is None
            assert repo.get_athlete(session=session, athlete_id=athlete_id) is None
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_an_athlete_kept_by_a_session_is_read_again_after_a_rollback(engine: Engine) -> None:
    with session_scope(engine) as setup:
        repo.get_or_create_athlete(session=setup, telegram_user_id=5160, chat_id=5160)
    with session_scope(engine) as session:
        kept = repo.get_athlete_by_telegram_id(session=session, telegram_user_id=5160)
        assert kept is not None
        with session.begin_nested():
            repo.update_profile(session=session, athlete_id=kept.id, name="Renamed")
        session.rollback()
        again = repo.get_athlete_by_telegram_id(session=session, telegram_user_id=5160)
        assert again is not None and again.name != "Renamed"


def test_processed_updates_are_recorded_once_and_pruned(session: Session) -> None:
    assert repo.mark_update_processed(session=session, update_id=900_000_001, now=NOW)
    assert not repo.mark_update_processed(session=session, update_id=900_000_001)
    assert repo.is_update_processed(session=session, update_id=900_000_001)
    assert not repo.is_update_processed(session=session, update_id=900_000_002)
    assert repo.mark_update_processed(session=session, update_id=2**40, now=NOW + timedelta(1))
    assert repo.prune_processed_updates(session=session, before=NOW + timedelta(hours=1)) == 1
    assert not repo.is_update_processed(session=session, update_id=900_000_001)
    assert repo.is_update_processed(session=session, update_id=2**40)


def test_a_replayed_update_changes_nothing_when_rolled_back_with_its_changes(
    engine: Engine, make_athlete: MakeAthlete, session: Session
) -> None:
    athlete = make_athlete()
    session.commit()

    def handle(update_id: int, text: str) -> None:
        with session_scope(engine) as tx:
            if not repo.mark_update_processed(session=tx, update_id=update_id):
                return
            repo.add_turn(session=tx, athlete_id=athlete.id, role="athlete", text=text)

    handle(1, "first")
    handle(1, "first")
    with pytest.raises(RuntimeError), session_scope(engine) as tx:
        assert repo.mark_update_processed(session=tx, update_id=2)
        repo.add_turn(session=tx, athlete_id=athlete.id, role="athlete", text="crashed")
        raise RuntimeError("the handler failed half way")
    handle(2, "second")  # the failed attempt left no mark, so the retry does the work
    with session_scope(engine) as tx:
        texts = [turn.text for turn in repo.recent_turns(session=tx, athlete_id=athlete.id)]
    assert texts == ["first", "second"]


def test_schedule_pause_and_the_scheduled_list(
    session: Session, make_athlete: MakeAthlete
) -> None:
    on_time = make_athlete()
    not_onboarded = make_athlete(onboarded=False)
    switched_off = make_athlete()
    blocked = make_athlete()
    repo.set_checkin_schedule(session=session, athlete_id=on_time.id, time=time(6, 5),
                              timezone="America/Denver")
    repo.set_checkin_schedule(session=session, athlete_id=switched_off.id, enabled=False)
    repo.pause_athlete(session=session, athlete_id=blocked.id, reason="blocked the bot",
                       now=NOW)
    scheduled = repo.list_scheduled_athletes(session=session)
    assert [athlete.id for athlete in scheduled] == [on_time.id]
    assert scheduled[0].checkin_time == "06:05" and scheduled[0].timezone == "America/Denver"
    assert blocked.paused_reason == "blocked the bot"
    assert not_onboarded.id not in {athlete.id for athlete in scheduled}

    repo.unpause_athlete(session=session, athlete_id=blocked.id)
    assert blocked.id in {a.id for a in repo.list_scheduled_athletes(session=session)}
    with pytest.raises(repo.InvalidValueError, match="07:30"):
        repo.set_checkin_schedule(session=session, athlete_id=on_time.id, time="7.30am")
    with pytest.raises(repo.InvalidValueError, match="timezone"):
        repo.set_checkin_schedule(session=session, athlete_id=on_time.id, timezone="CEST+2")


def test_athletes_needing_attention_lists_missed_and_pain_worst_first(
    session: Session, make_athlete: MakeAthlete
) -> None:
    fine = make_athlete()
    missing = make_athlete()
    hurting = make_athlete(consent=True)
    monday = date(2026, 3, 2)
    repo.record_checkin(session=session, athlete_id=fine.id, day=monday, status="done")
    repo.record_checkin(session=session, athlete_id=missing.id, day=monday, status="missed")
    repo.record_checkin(session=session, athlete_id=missing.id, day=monday + timedelta(1),
                        status="missed")
    repo.record_checkin(session=session, athlete_id=missing.id, day=monday - timedelta(10),
                        status="missed")  # before the window
    repo.record_checkin(session=session, athlete_id=hurting.id, day=monday, status="pain",
                        pain=6, reason="shin")
    repo.record_checkin(session=session, athlete_id=hurting.id, day=monday + timedelta(2),
                        status="done", pain=2)
    items = repo.athletes_needing_attention(session=session, since=monday)
    assert [(item.athlete_id, item.missed, item.pain_reports, item.max_pain)
            for item in items] == [(hurting.id, 0, 2, 6), (missing.id, 2, 0, None)]
    assert items[0].last_day == monday + timedelta(2)
    assert items[1].name == missing.name


def test_to_context_gives_the_domain_what_it_needs(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = make_athlete(consent=True, goal_event="Everest challenge",
                           goal_date=date(2026, 9, 1), injuries=["tibial stress fracture"],
                           equipment=["stairs", "home"], likes=["hiking"],
                           limitations="no speed work")
    context = repo.to_context(athlete)
    assert isinstance(context, AthleteContext)
    assert context.goal == "Everest challenge" and context.goal_date == date(2026, 9, 1)
    assert context.injuries == ("tibial stress fracture",)
    assert context.equipment == ("stairs", "home") and context.likes == ("hiking",)
    assert context.extra["limitations"] == "no speed work"
    assert context.days_to_goal(date(2026, 8, 25)) == 7


def test_timestamps_come_back_in_utc_whatever_offset_went_in(
    engine: Engine, make_athlete: MakeAthlete, session: Session
) -> None:
    from zoneinfo import ZoneInfo

    athlete = make_athlete()
    tokyo_time = datetime(2026, 3, 2, 15, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    repo.start_safety_hold(session=session, athlete_id=athlete.id, since=tokyo_time,
                           reason=None)
    session.commit()
    with session_scope(engine) as fresh:
        stored = repo.get_athlete(session=fresh, athlete_id=athlete.id)
        assert stored is not None and stored.hold_since is not None
        assert stored.hold_since.utcoffset() == timedelta(0)
        assert stored.hold_since == datetime(2026, 3, 2, 6, 30, tzinfo=UTC)


def test_export_is_json_serialisable(session: Session, make_athlete: MakeAthlete) -> None:
    athlete = make_athlete()
    exported = repo.export_athlete(session=session, athlete_id=athlete.id, now=NOW)
    text = json.dumps(exported)
    assert json.loads(text)["athlete"]["telegram_user_id"] == athlete.telegram_user_id
    assert exported["format"] == repo.EXPORT_FORMAT
    with pytest.raises(repo.NotFoundError):
        repo.export_athlete(session=session, athlete_id=123_456)


def test_one_day_of_the_plan_can_be_set_and_removed(
    session: Session, make_athlete: MakeAthlete
) -> None:
    athlete = make_athlete()
    repo.set_planned_session(session=session, athlete_id=athlete.id, weekday=2,
                             kind="intervals", minutes=50)
    repo.set_planned_session(session=session, athlete_id=athlete.id, weekday=2,
                             kind="hills", minutes=40)
    repo.set_planned_session(session=session, athlete_id=athlete.id, weekday=4, kind="rest",
                             minutes=20)
    plan = repo.get_weekly_plan(session=session, athlete_id=athlete.id)
    assert [(row.weekday, row.kind, row.minutes) for row in plan] == [(2, "hills", 40),
                                                                     (4, "rest", 0)]
    assert repo.remove_planned_session(session=session, athlete_id=athlete.id, weekday=4)
    assert not repo.remove_planned_session(session=session, athlete_id=athlete.id, weekday=4)
    with pytest.raises(repo.InvalidValueError, match="not a session kind"):
        repo.set_planned_session(session=session, athlete_id=athlete.id, weekday=1,
                                 kind="jog", minutes=30)


def test_the_database_from_settings_lives_in_the_data_directory(settings: object) -> None:
    from storage.db import Database

    database = Database(settings.sqlalchemy_url)  # type: ignore[attr-defined]
    try:
        database.migrate()
        with database.transaction() as session:
            repo.get_or_create_athlete(session=session, telegram_user_id=1, chat_id=1)
        assert (settings.data_dir / "crosstrain.db").exists()  # type: ignore[attr-defined]
        assert database.dialect == "sqlite"
    finally:
        database.close()
