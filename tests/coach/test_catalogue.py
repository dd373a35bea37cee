"""The activity catalogue file: complete, traceable to the article, and strictly checked."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from coach.catalogue import (
    DEFAULT_CATALOGUE_PATH,
    EQUIPMENT_WORDS,
    CatalogueError,
    load_catalogue,
    normalise_equipment,
    parse_catalogue,
)

ARTICLE_TITLE = ("The Benefits of Cross-Training for Runners: More Than Just a Break from "
                 "Running")
# The article's headings, as the knowledge base's Markdown file has them.
ARTICLE_HEADINGS = {
    "What is Cross-Training?",
    "Why Cross-Training Works: 4 Key Benefits for Runners",
    "1. Reduce Injuries and Aid Recovery",
    "2. Build Strength for Tougher Challenges",
    "3. Adapt to Life’s Challenges",
    "4. Increase Speed and Power",
    "How to Incorporate Cross-Training Into Your Plan",
    "Is Cross-Training Right for You?",
}
REQUIRED = {
    "deep_water_running", "swimming", "road_cycling", "indoor_cycling", "mountain_biking",
    "elliptical", "rowing", "versaclimber", "stair_climber", "stairs", "step_ups",
    "incline_walking", "hiking", "strength_lower", "strength_core_upper", "plyometrics",
    "flat_zone2_run", "water_skiing", "rest",
}


def _raw() -> dict[str, Any]:
    data = yaml.safe_load(DEFAULT_CATALOGUE_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_covers_the_required_activities() -> None:
    ids = {activity.id for activity in load_catalogue().activities}
    assert ids >= REQUIRED


def test_every_citation_is_an_article_heading_path() -> None:
    catalogue = load_catalogue()
    assert catalogue.article_title == ARTICLE_TITLE
    for headings in catalogue.sections.values():
        assert set(headings) <= ARTICLE_HEADINGS
    for activity in catalogue.activities:
        citation = catalogue.citation(activity.section)
        assert citation.startswith(ARTICLE_TITLE + " > ")


def test_headings_match_the_article_file_when_present() -> None:
    article = Path(DEFAULT_CATALOGUE_PATH).parent / "articles" / "cross-training-for-runners.md"
    if not article.exists():
        pytest.skip("the article is added by the knowledge base work")
    markdown_headings = {line.lstrip("#").strip()
                         for line in article.read_text(encoding="utf-8").splitlines()
                         if line.startswith("#")}
    assert ARTICLE_TITLE in markdown_headings
    for headings in load_catalogue().sections.values():
        assert set(headings) <= markdown_headings


def test_time_factors_follow_the_issue() -> None:
    catalogue = load_catalogue()
    assert catalogue.get("deep_water_running").time_factor == 1.0
    assert catalogue.get("road_cycling").time_factor == 1.5
    assert catalogue.get("elliptical").time_factor == 1.2


def test_equipment_alternatives() -> None:
    step_ups = load_catalogue().get("step_ups")
    assert step_ups.equipment_choice(frozenset({"stairs", "home"})) == ("stairs",)
    assert step_ups.equipment_choice(frozenset({"home"})) == ("home",)
    mtb = load_catalogue().get("mountain_biking")
    assert mtb.equipment_choice(frozenset({"mountain_bike"})) is None
    assert mtb.equipment_choice(frozenset({"mountain_bike", "trails"})) == (
        "mountain_bike", "trails")
    assert load_catalogue().get("flat_zone2_run").equipment_choice(frozenset()) == ()


def test_loaded_once_and_cached() -> None:
    assert load_catalogue() is load_catalogue()
    assert load_catalogue(DEFAULT_CATALOGUE_PATH) is load_catalogue()


def test_normalise_equipment() -> None:
    assert normalise_equipment(["Pool", "stair climber", "Indoor-Bike", "spaceship"]) == {
        "pool", "stair_climber", "indoor_bike"}
    assert normalise_equipment("rowing machine") == {"rower"}
    assert normalise_equipment(None) == frozenset()
    assert normalise_equipment(sorted(EQUIPMENT_WORDS)) == EQUIPMENT_WORDS


def _with_change(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(_raw())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(("path", "value", "message"), [
    (("activities", 0, "impact"), "extreme", "deep_water_running"),
    (("activities", 1, "equipment"), ["jetpack"], "swimming"),
    (("activities", 2, "trains"), ["telepathy"], "open_water_swimming"),
    (("activities", 3, "section"), "chapter_9", "unknown section"),
    (("activities", 4, "contraindications"), ["elbow_itch"], "indoor_cycling"),
    (("activities", 5, "time_factor"), -1, "mountain_biking"),
    (("activities", 6, "id"), "deep_water_running", "duplicate"),
    (("activities", 7, "colour"), "red", "rowing"),
    (("goal_picks", 0, "prefer"), ["teleporting"], "ultra_climbing"),
    (("article",), {}, "article.title"),
])
def test_bad_entries_are_named(path: tuple[Any, ...], value: Any, message: str) -> None:
    with pytest.raises(CatalogueError) as error:
        parse_catalogue(_with_change(path, value), source="test.yaml")
    assert message in str(error.value)
    assert "test.yaml" in str(error.value)


def test_a_rest_entry_is_required() -> None:
    data = _raw()
    data["activities"] = [a for a in data["activities"] if a["id"] != "rest"]
    with pytest.raises(CatalogueError, match="rest"):
        parse_catalogue(data)


def test_unreadable_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="cannot read"):
        load_catalogue(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("activities: [unclosed", encoding="utf-8")
    with pytest.raises(CatalogueError, match="not valid YAML"):
        load_catalogue(broken)
