"""The weekly plan as the rest of the code sees it: its names, limits and display.

Plans, sessions, dates, clock times and equipment are read by the language layer
(``coach.language``); nothing here reads athletes' words.
"""

from __future__ import annotations

from coach.language import durations

# The weekly plan and the session words are the language layer's; these names stay for
# the callers that import them from here.
from coach.language.plans import (
    WEEKDAY_NAMES as WEEKDAY_NAMES,
)
from coach.language.plans import (
    WEEKDAYS as WEEKDAYS,
)
from coach.language.plans import (
    PlannedRun as PlannedRun,
)
from coach.language.plans import (
    PlanParseError as PlanParseError,
)
from coach.language.plans import (
    parse_weekly_plan as parse_weekly_plan,
)
from coach.language.zones import parse_timezone as parse_timezone

SESSION_KINDS = durations.SESSION_KINDS
DEFAULT_MINUTES = {kind: durations.default_minutes(kind) for kind in SESSION_KINDS}
MAX_SESSION_MINUTES = durations.MAX_MINUTES


def format_plan(plan: list[PlannedRun]) -> str:
    if not plan:
        return "No weekly plan yet."
    return "\n".join(
        f"{WEEKDAY_NAMES[run.weekday]}: rest"
        if run.kind == "rest"
        else f"{WEEKDAY_NAMES[run.weekday]}: {run.kind} {run.minutes} min"
        for run in plan
    )
