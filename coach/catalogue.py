"""The activity catalogue: knowledge/activities.yaml loaded into typed, validated objects.

The file is data the coach can edit; this module only checks it and makes it fast to use.
A bad entry fails loudly at load time with its id (or position) in the message, never
halfway through a swap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from coach.yaml_files import parse_yaml

DEFAULT_CATALOGUE_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "activities.yaml"

Impact = Literal["none", "low", "moderate", "high"]
IMPACT_ORDER: dict[str, int] = {"none": 0, "low": 1, "moderate": 2, "high": 3}

EQUIPMENT_WORDS = frozenset({
    "home", "stairs", "step", "gym", "treadmill", "elliptical", "versaclimber",
    "stair_climber", "rower", "bike", "indoor_bike", "mountain_bike", "trails", "pool",
    "open_water",
})
TRAINING_QUALITIES = frozenset({
    "aerobic", "threshold", "vo2", "climbing_strength", "power", "general_strength",
})
# Conditions coach/reasons.py derives from pain, injuries and the reason text.
CONDITIONS = frozenset({
    "knee", "foot_ankle", "achilles_calf", "shin", "hip", "hamstring", "back", "tailbone",
    "shoulder_arm", "downhill_pain", "speed_pain", "fracture_recovery", "lower_limb",
    "climbing_pain",
})
# Everyone has a floor to do bodyweight work on, so "home" needs no declaring.
ALWAYS_AVAILABLE = frozenset({"home"})


def normalise_equipment(words: object) -> frozenset[str]:
    """Known equipment words from what an athlete gave ("spin bike", "stair_master");
    unknown words are ignored, since they can never make an activity available. The
    everyday words are the language layer's (``coach/language/<lang>/equipment.yaml``)."""
    from coach.language.equipment import equipment_word

    if isinstance(words, str):
        words = [words]
    if not isinstance(words, list | tuple | set | frozenset):
        return frozenset()
    found: set[str] = set()
    for word in words:
        if not isinstance(word, str):
            continue
        key = equipment_word(word) or "_".join(word.strip().lower().split())
        if key in EQUIPMENT_WORDS:
            found.add(key)
    return frozenset(found)


class CatalogueError(ValueError):
    """The catalogue file is missing or has a bad entry; the message names it."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Activity(_Frozen):
    """One thing an athlete can do instead of a run."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    family: str = ""
    specificity: float = Field(default=0.0, ge=0, le=2)
    aliases: tuple[str, ...] = ()
    impact: Impact
    # Alternatives: any one of these sets of words is enough. An empty tuple: nothing needed.
    equipment: tuple[frozenset[str], ...] = ()
    indoor: bool
    trains: tuple[str, ...] = ()
    intensity: Literal["any", "easy_only"] = "any"
    time_factor: float = Field(default=1.0, gt=0, le=3)
    fixed_minutes: int | None = Field(default=None, ge=0, le=180)
    min_minutes: int = Field(default=15, ge=0)
    max_minutes: int = Field(default=120, ge=0, le=600)
    rpe: int | None = Field(default=None, ge=0, le=10)
    effort: str | None = None
    contraindications: frozenset[str] = frozenset()
    fun: bool = False
    section: str
    why: str = Field(min_length=1)
    how: str = ""

    @field_validator("equipment", mode="before")
    @classmethod
    def _alternatives(cls, value: object) -> object:
        if not isinstance(value, list | tuple):
            raise ValueError("equipment must be a list of alternatives")
        alternatives = []
        for item in value:
            words = [item] if isinstance(item, str) else item
            if not isinstance(words, list | tuple) or not words:
                raise ValueError(f"bad equipment alternative {item!r}")
            unknown = sorted(set(words) - EQUIPMENT_WORDS)
            if unknown:
                raise ValueError(f"unknown equipment word(s) {unknown}")
            alternatives.append(frozenset(words))
        return tuple(alternatives)

    @field_validator("trains")
    @classmethod
    def _known_qualities(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - TRAINING_QUALITIES)
        if unknown:
            raise ValueError(f"unknown training quality {unknown}")
        return value

    @field_validator("contraindications")
    @classmethod
    def _known_conditions(cls, value: frozenset[str]) -> frozenset[str]:
        unknown = sorted(value - CONDITIONS)
        if unknown:
            raise ValueError(f"unknown contraindication {unknown}")
        return value

    @property
    def family_key(self) -> str:
        return self.family or self.id

    @property
    def is_rest(self) -> bool:
        return not self.trains and self.max_minutes == 0

    @property
    def impact_level(self) -> int:
        return IMPACT_ORDER[self.impact]

    def equipment_choice(self, available: frozenset[str]) -> tuple[str, ...] | None:
        """The first alternative the athlete has (sorted words), () if none is needed,
        or None when they lack every alternative."""
        if not self.equipment:
            return ()
        for alternative in self.equipment:
            if alternative <= available:
                return tuple(sorted(alternative))
        return None


class GoalPick(_Frozen):
    """A goal-specific choice the article makes, with the story behind it."""

    id: str
    goal_any: tuple[str, ...] = ()
    goal_also_any: tuple[str, ...] = ()
    condition_any: frozenset[str] = frozenset()
    prefer: tuple[str, ...]
    section: str
    story: str

    def matches_goal(self, goal: str) -> bool:
        if not self.goal_any:
            return False
        text = goal.lower()
        if not any(word in text for word in self.goal_any):
            return False
        return not self.goal_also_any or any(word in text for word in self.goal_also_any)


class Catalogue(_Frozen):
    """All activities, the article's section headings and its goal-specific picks."""

    article_title: str
    article_path: str
    sections: Mapping[str, tuple[str, ...]]
    activities: tuple[Activity, ...]
    goal_picks: tuple[GoalPick, ...] = ()

    def get(self, activity_id: str) -> Activity:
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        raise KeyError(activity_id)

    def citation(self, section_key: str) -> str:
        """"Article title > Section > Subsection" for a section key."""
        return " > ".join((self.article_title, *self.sections[section_key]))


def _entry_label(raw: object, index: int) -> str:
    if isinstance(raw, Mapping) and isinstance(raw.get("id"), str):
        return f"activity {raw['id']!r} (entry {index + 1})"
    return f"activity entry {index + 1}"


def _first_error(error: ValidationError) -> str:
    detail = error.errors()[0]
    where = ".".join(str(part) for part in detail["loc"]) or "entry"
    return f"{where}: {detail['msg']}"


def parse_catalogue(data: object, *, source: str = "catalogue") -> Catalogue:
    """Validate already-loaded YAML data; raises CatalogueError naming the bad entry."""
    if not isinstance(data, Mapping):
        raise CatalogueError(f"{source}: expected a mapping at the top level")
    article = data.get("article")
    if not isinstance(article, Mapping) or not isinstance(article.get("title"), str):
        raise CatalogueError(f"{source}: 'article.title' is missing")
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, Mapping) or not raw_sections:
        raise CatalogueError(f"{source}: 'sections' is missing")
    sections: dict[str, tuple[str, ...]] = {}
    for key, headings in raw_sections.items():
        if (not isinstance(headings, Sequence) or isinstance(headings, str) or not headings
                or not all(isinstance(h, str) and h for h in headings)):
            raise CatalogueError(f"{source}: section {key!r} must be a list of headings")
        sections[str(key)] = tuple(headings)

    raw_activities = data.get("activities")
    if not isinstance(raw_activities, list) or not raw_activities:
        raise CatalogueError(f"{source}: 'activities' must be a non-empty list")
    activities: list[Activity] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_activities):
        label = _entry_label(raw, index)
        try:
            activity = Activity.model_validate(raw)
        except ValidationError as error:
            raise CatalogueError(f"{source}: {label}: {_first_error(error)}") from None
        if activity.id in seen:
            raise CatalogueError(f"{source}: {label}: duplicate id")
        if activity.section not in sections:
            raise CatalogueError(f"{source}: {label}: unknown section {activity.section!r}")
        if activity.min_minutes > activity.max_minutes:
            raise CatalogueError(f"{source}: {label}: min_minutes above max_minutes")
        seen.add(activity.id)
        activities.append(activity)
    if not any(activity.is_rest for activity in activities):
        raise CatalogueError(f"{source}: needs a rest entry (no trains, max_minutes 0)")

    picks: list[GoalPick] = []
    for index, raw in enumerate(data.get("goal_picks") or []):
        label = f"goal pick {raw.get('id')!r}" if isinstance(raw, Mapping) else (
            f"goal pick entry {index + 1}")
        try:
            pick = GoalPick.model_validate(raw)
        except ValidationError as error:
            raise CatalogueError(f"{source}: {label}: {_first_error(error)}") from None
        unknown = [a for a in pick.prefer if a not in seen]
        if unknown:
            raise CatalogueError(f"{source}: {label}: unknown activity {unknown}")
        if pick.section not in sections:
            raise CatalogueError(f"{source}: {label}: unknown section {pick.section!r}")
        if pick.condition_any - CONDITIONS:
            raise CatalogueError(f"{source}: {label}: unknown condition "
                                 f"{sorted(pick.condition_any - CONDITIONS)}")
        picks.append(pick)

    return Catalogue(
        article_title=article["title"],
        article_path=str(article.get("path", "")),
        sections=sections,
        activities=tuple(activities),
        goal_picks=tuple(picks),
    )


@lru_cache(maxsize=8)
def _load_cached(path: Path) -> Catalogue:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogueError(f"cannot read the activity catalogue {path}: {error}") from None
    try:
        data: Any = parse_yaml(text)
    except yaml.YAMLError as error:
        raise CatalogueError(f"{path.name}: not valid YAML: {error}") from None
    return parse_catalogue(data, source=path.name)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The catalogue at ``path`` (default: the packaged one), loaded once per path."""
    return _load_cached((path or DEFAULT_CATALOGUE_PATH).resolve())
