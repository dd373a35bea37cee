"""The red-flag catalogue: every flag complete, bad entries named, docs/safety.md current."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml

from coach.red_flags import (
    DEFAULT_RED_FLAGS_PATH,
    SAFETY_DOC_PATH,
    Allowed,
    RedFlagCatalogueError,
    load_red_flags,
    parse_red_flags,
    render_safety_doc,
)

# The flags the issue asks for (and the evaluation sets score).
REQUIRED_FLAGS = {
    "chest_pain", "cardiac_referred", "syncope", "palpitations", "breathlessness",
    "bone_stress", "hip_groin_stress", "limp_weight_bearing", "neuro", "heat_illness",
    "rhabdo", "dvt", "hyponatremia", "concussion", "severe_headache", "pregnancy", "red_s",
    "anaphylaxis", "asthma_attack", "fever_systemic", "swelling_after_injury", "severe_pain",
}


def _raw() -> dict[str, Any]:
    data = yaml.safe_load(DEFAULT_RED_FLAGS_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_packaged_catalogue_loads_and_covers_every_required_flag() -> None:
    catalogue = load_red_flags()
    assert set(catalogue.ids) >= REQUIRED_FLAGS
    for flag in catalogue.flags:
        assert flag.source and flag.what and flag.why and flag.see and flag.still_fine
        assert len(flag.examples) >= 4, flag.id
        assert flag.patterns or flag.together, flag.id


def test_urgent_referrals_name_the_emergency_number_and_others_do_not() -> None:
    catalogue = load_red_flags()
    for flag in catalogue.flags:
        if flag.urgent:
            assert catalogue.emergency_number in flag.referral, flag.id
            assert flag.allowed is Allowed.NOTHING, flag.id
        else:
            assert "emergency number" not in flag.referral, flag.id
        assert "{" not in flag.referral, flag.id


def test_non_impact_flags_say_so_in_their_referral() -> None:
    for flag in load_red_flags().flags:
        if flag.allowed is Allowed.NON_IMPACT:
            assert "non-impact" in flag.referral, flag.id


def test_the_emergency_number_is_a_catalogue_field() -> None:
    data = _raw()
    data["emergency_number"] = "000 (Australia)"
    catalogue = parse_red_flags(data)
    assert "000 (Australia)" in catalogue.get("chest_pain").referral


def _with_flag_change(flag_id: str, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(_raw())
    for entry in data["flags"]:
        if entry["id"] == flag_id:
            entry.update(changes)
            for key, value in changes.items():
                if value is None:
                    del entry[key]
    return data


@pytest.mark.parametrize(("changes", "message"), [
    ({"urgency": "later"}, "urgency"),
    ({"source": None}, "source"),
    ({"allowed": "running"}, "allowed"),
    ({"patterns": ["(unclosed"]}, "bad pattern"),
    ({"patterns": ["<NO_SUCH_FRAGMENT>"]}, "unknown fragment"),
    ({"referral": "Please stop now and get help from a doctor today, really."},
     "emergency"),
    ({"examples": ["one", "two"]}, "examples"),
    ({"together": [["only one"]]}, "two patterns"),
    ({"colour": "red"}, "colour"),
])
def test_a_bad_entry_is_reported_by_its_id(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(RedFlagCatalogueError) as error:
        parse_red_flags(_with_flag_change("rhabdo", **changes))
    assert "'rhabdo'" in str(error.value)
    assert message in str(error.value)


def test_a_duplicate_id_is_refused() -> None:
    data = copy.deepcopy(_raw())
    data["flags"].append(copy.deepcopy(data["flags"][0]))
    with pytest.raises(RedFlagCatalogueError, match="duplicate"):
        parse_red_flags(data)


def test_an_entry_without_an_id_is_reported_by_its_position() -> None:
    data = copy.deepcopy(_raw())
    del data["flags"][2]["id"]
    with pytest.raises(RedFlagCatalogueError, match="#3"):
        parse_red_flags(data)


def test_a_missing_or_unreadable_file_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(RedFlagCatalogueError, match="cannot read"):
        load_red_flags(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("flags: [", encoding="utf-8")
    with pytest.raises(RedFlagCatalogueError):
        load_red_flags(bad)


def test_the_safety_doc_is_generated_from_the_catalogue() -> None:
    expected = render_safety_doc(load_red_flags())
    assert SAFETY_DOC_PATH.read_text(encoding="utf-8") == expected, (
        "docs/safety.md is out of date: run `python -m coach.red_flags`")


def test_the_safety_doc_shows_each_flag_source_referral_and_what_is_allowed() -> None:
    doc = SAFETY_DOC_PATH.read_text(encoding="utf-8")
    for flag in load_red_flags().flags:
        assert f"`{flag.id}`" in doc
        assert flag.source in doc and flag.referral in doc and flag.still_fine in doc


@pytest.mark.parametrize("setting", [{"window_words": 2}, {"neighbours": 0},
                                     {"window_gate": 2.0}, {"window_colour": "red"}])
def test_bad_semantic_settings_are_refused(setting: dict[str, Any]) -> None:
    data = _raw()
    data["semantic"] = {**data["semantic"], **setting}
    with pytest.raises(RedFlagCatalogueError) as error:
        parse_red_flags(data)
    assert next(iter(setting)) in str(error.value)


def test_the_packaged_windows_are_configured_and_documented() -> None:
    catalogue = load_red_flags()
    assert catalogue.window_words and catalogue.window_margin is not None
    assert catalogue.window_gate is not None
    assert f"pieces of {catalogue.window_words} words" in render_safety_doc(catalogue)
    without = dataclasses.replace(catalogue, window_gate=None)
    assert "pieces of" not in render_safety_doc(without)
