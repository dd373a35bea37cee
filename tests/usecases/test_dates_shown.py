"""Replies say dates as people read them ("Fri 4 Dec", "14 March 2027"), never as ISO
stamps; the export keeps ISO, since it is data (found playing runners through the chat)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

from storage import repository
from tests.usecases.account_support import NOW, SqliteUnitOfWork, uow  # noqa: F401
from tests.usecases.test_account import USER, enrolled, text
from usecases import account

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_profile_history_and_corrections_show_no_iso_dates(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    athlete = enrolled(uow)
    assert athlete.id is not None
    with uow.transaction() as session:
        repository.update_profile(session=session, athlete_id=athlete.id,
                                  goal_event="half marathon", goal_date=date(2027, 3, 14),
                                  limitations="pain 3/10 on 2026-11-25")
        repository.record_checkin(session=session, athlete_id=athlete.id,
                                  day=NOW.date() - timedelta(days=2), status="missed",
                                  note="moved to 2026-11-27")
    profile = text(account.profile(uow, telegram_user_id=USER))
    assert "half marathon on 14 March 2027" in profile and "Wed 25 Nov" in profile
    history = text(account.history(uow, telegram_user_id=USER))
    assert "Tue 24 Nov" in history and "moved to Fri 27 Nov" in history
    moved = account.apply_profile_update(uow, athlete_id=athlete.id,
                                         update={"race_date": date(2027, 1, 10)})
    assert "race date: Sun 10 Jan" in moved.text
    for shown in (profile, history, moved.text):
        assert not ISO_DAY.search(shown), shown


def test_the_export_keeps_iso_dates(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    athlete = enrolled(uow)
    assert athlete.id is not None
    with uow.transaction() as session:
        repository.update_profile(session=session, athlete_id=athlete.id,
                                  goal_date=date(2027, 3, 14))
    [reply] = account.export(uow, telegram_user_id=USER)
    assert reply.attachment is not None
    assert json.loads(reply.attachment.data)["athlete"]["goal_date"] == "2027-03-14"


def test_a_pain_check_in_says_its_score_once(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    athlete = enrolled(uow)
    assert athlete.id is not None
    with uow.transaction() as session:
        repository.record_checkin(session=session, athlete_id=athlete.id,
                                  day=NOW.date(), status="pain", pain=4)
    history = text(account.history(uow, telegram_user_id=USER))
    assert "Thu 26 Nov: pain 4/10" in history and "(pain" not in history


def test_a_zone_given_as_an_offset_is_said_as_given(uow: SqliteUnitOfWork) -> None:  # noqa: F811
    athlete = enrolled(uow)
    assert athlete.id is not None
    account.settings(uow, telegram_user_id=USER, args="timezone UTC+1")
    shown = text(account.profile(uow, telegram_user_id=USER)) + text(
        account.settings(uow, telegram_user_id=USER, args=""))
    assert "Timezone: UTC+1" in shown and "GMT-1" not in shown
