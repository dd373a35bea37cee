"""The one language layer: every reader of athletes' words, and every sentence we say.

Readers (``coach.language.readers``) turn text into values: durations and sessions, days,
yes/no/skip, "none", pain scores and sites, liked and disliked activities, equipment, the
weekly plan, a goal with its date, a clock time, and what a free message is about. Their
word lists are data files per language under ``coach/language/<lang>/``.

Sentences (``coach.language.texts.t``) are looked up by key in
``coach/language/<lang>/replies/*.yaml``: a second language is new files, not edits.
"""

from coach.language.readers import (
    GoalReading,
    MessageReading,
    PainReading,
    Preferences,
    SessionReading,
    acknowledges,
    asks_something,
    is_none_answer,
    leaves_the_choice_open,
    read_activities,
    read_answer,
    read_checkin_answer,
    read_clock_time,
    read_day,
    read_duration,
    read_equipment,
    read_goal,
    read_injuries,
    read_message,
    read_name,
    read_pain,
    read_plan,
    read_plan_and_aside,
    read_session,
)
from coach.language.texts import t

__all__ = [
    "GoalReading",
    "MessageReading",
    "PainReading",
    "Preferences",
    "SessionReading",
    "acknowledges",
    "asks_something",
    "is_none_answer",
    "leaves_the_choice_open",
    "read_activities",
    "read_answer",
    "read_checkin_answer",
    "read_clock_time",
    "read_day",
    "read_duration",
    "read_equipment",
    "read_goal",
    "read_injuries",
    "read_message",
    "read_name",
    "read_pain",
    "read_plan",
    "read_plan_and_aside",
    "read_session",
    "t",
]
