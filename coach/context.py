"""What the domain knows about an athlete, independent of where it is stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class AthleteContext:
    """The athlete facts that shape answers and substitutions.

    Lists hold lower-case free words as the athlete gave them (``injuries``: "knee",
    "broken tailbone"; ``equipment``: the catalogue's equipment words such as "pool",
    "bike", "home"; ``likes``: activity ids or words such as "swimming").
    ``pain_reports``: how many recent check-ins reported pain (the use-case layer counts
    them); repeated pain is what makes a running assessment worth offering.
    ``recent_pain``: the notes of pain reported in the last ``RECENT_PAIN_DAYS`` days.
    """

    name: str | None = None
    goal: str | None = None
    goal_date: date | None = None
    injuries: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    likes: tuple[str, ...] = ()
    dislikes: tuple[str, ...] = ()  # never suggested first
    language: str = "en"
    pain_reports: int = 0
    # Pain reported in the last few days (what was said, or "" when only a score): a body
    # that hurt yesterday gets no plyometrics today, whatever today's message says.
    recent_pain: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.goal or self.goal_date or self.injuries or self.equipment or self.likes
                    or self.pain_reports)

    def days_to_goal(self, today: date) -> int | None:
        """Days from ``today`` to the goal event, or None when no date is known."""
        if self.goal_date is None:
            return None
        return (self.goal_date - today).days
