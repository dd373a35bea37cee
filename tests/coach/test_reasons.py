"""Understanding the reason a run was missed."""

from __future__ import annotations

import pytest

from coach.reasons import conditions_from_injuries, is_negated, parse_reason


@pytest.mark.parametrize(("text", "score", "location"), [
    ("knee pain", 4, "knee"),  # unrated pain counts as moderate: safety first
    ("mild knee pain 3/10", 3, "knee"),
    ("knee pain 6/10", 6, "knee"),
    ("my achilles pain is 5 out of 10", 5, "achilles"),
    ("sharp pain in my left achilles", 6, "achilles"),
    ("slight niggle in my hamstring", 3, "hamstring"),
    ("severe hip pain", 8, "hip"),
    ("sore legs from yesterday", 2, "leg"),
    ("lower back hurts a lot", 6, "lower back"),
    ("shoulder is a bit sore", 2, "shoulder"),
])
def test_pain_where_and_how_bad(text: str, score: int, location: str) -> None:
    info = parse_reason(text)
    assert info.pain
    assert info.pain_score == score
    assert location in info.pain_locations


@pytest.mark.parametrize(("injury", "conditions"), [
    ("achilles", {"achilles_calf", "lower_limb"}),
    ("back", {"back"}),
    ("lower back", {"back"}),
    ("sore wrist", {"shoulder_arm"}),
    ("runner's knee", {"knee", "lower_limb"}),
])
def test_injuries_map_to_catalogue_conditions_through_the_language_layer(
        injury: str, conditions: set[str]) -> None:
    assert conditions_from_injuries([injury]) == conditions


def test_pain_that_turns_sharp_or_rises_counts_at_least_five() -> None:
    assert (parse_reason("a little twinge that turned sharp").pain_score or 0) >= 5
    rising = parse_reason("calf pain 2/10 but it kept getting worse")
    assert rising.pain_rising and (rising.pain_score or 0) >= 5


@pytest.mark.parametrize("text", ["no pain, just tired", "pain-free today", "I have a sore throat",
                                  "stomach ache", "pain 0/10"])
def test_not_locomotor_pain(text: str) -> None:
    assert not parse_reason(text).pain


def test_soreness_is_soreness() -> None:
    info = parse_reason("calves are tight and achy")
    assert info.soreness_only and info.pain_score == 2


@pytest.mark.parametrize(("text", "weather"), [
    ("it's pouring", "rain"), ("thunderstorms all day", "storm"), ("icy roads", "snow"),
    ("heatwave, 38 degrees", "heat"), ("way too cold, -12 degrees", "cold"),
    ("bad weather", "weather"),
])
def test_weather(text: str, weather: str) -> None:
    info = parse_reason(text)
    assert info.weather == weather
    assert info.indoor_only


def test_under_the_weather_is_illness_not_weather() -> None:
    info = parse_reason("feeling under the weather")
    assert info.weather is None and info.illness == "general"


def test_smoke_and_closures() -> None:
    smoke = parse_reason("wildfire smoke, AQI 180")
    assert smoke.smoke and smoke.indoor_only
    fires = parse_reason("my local trails are burnt after the fires")
    assert "trails" in fires.closed
    pool = parse_reason("the pool is closed for maintenance")
    assert pool.closed == frozenset({"pool"}) and not pool.indoor_only
    assert parse_reason("city in lockdown").indoor_only
    assert parse_reason("it's dark and I don't feel safe on my route").indoor_only


def test_travel_and_equipment_named() -> None:
    info = parse_reason("travelling for work, the hotel has a gym and a pool")
    assert info.travel
    assert {"gym", "pool"} <= info.mentioned_equipment
    flat = parse_reason("my bike has a flat tyre")
    assert "bike" in flat.closed and "bike" not in flat.mentioned_equipment
    assert "bike" not in parse_reason("I have no bike here").mentioned_equipment


@pytest.mark.parametrize(("text", "cap"), [
    ("only 30 minutes today", 30),
    ("I just have 25 min before work", 25),
    ("20 minutes free at lunch", 20),
    ("got an hour", 60),
    ("only have half an hour", 30),
    ("busy day at work", 20),
    ("no time at all", 0),
    ("rain", None),
])
def test_time_cap(text: str, cap: int | None) -> None:
    assert parse_reason(text).time_cap == cap


@pytest.mark.parametrize(("text", "level"), [
    ("tired", "mild"), ("heavy legs", "mild"), ("exhausted", "high"),
    ("didn't sleep last night", "high"), ("so tired", "high"), ("not tired at all", None),
    ("sick of running", None),
])
def test_fatigue(text: str, level: str | None) -> None:
    assert parse_reason(text).fatigue == level


@pytest.mark.parametrize(("text", "kind"), [
    ("I have a cold", "above_neck"), ("runny nose", "above_neck"),
    ("stomach bug", "stomach"), ("feeling sick", "general"), ("sick of running", None),
    ("it's cold out", None),
])
def test_illness(text: str, kind: str | None) -> None:
    assert parse_reason(text).illness == kind


@pytest.mark.parametrize(("text", "fun"), [
    ("want something fun", True), ("bored of running", True),
    ("want to do something with the kids", True), ("knee pain", False),
])
def test_fun(text: str, fun: bool) -> None:
    assert parse_reason(text).fun is fun


def test_downhill_and_speed_pain() -> None:
    info = parse_reason("downhill running hurts my tailbone and fast paces hurt")
    assert {"downhill_pain", "speed_pain", "tailbone"} <= info.conditions


def test_injury_history_conditions() -> None:
    found = conditions_from_injuries(["broken tailbone", "knee", "downhill pain"])
    assert {"fracture_recovery", "tailbone", "knee", "lower_limb", "downhill_pain"} <= found
    assert conditions_from_injuries([]) == frozenset()


def test_negation_scope() -> None:
    text = "no fever but a cough"
    assert is_negated(text, text.index("fever"))
    assert not is_negated(text, text.index("cough"))


def test_empty_reason_is_all_clear() -> None:
    info = parse_reason("")
    assert not (info.pain or info.weather or info.travel or info.fatigue or info.illness)
    assert info.time_cap is None


@pytest.mark.parametrize("text", ["time is tight today", "time's tight, kids",
                                  "pressed for time this morning"])
def test_time_is_tight_is_short_of_time_not_a_tight_muscle(text: str) -> None:
    info = parse_reason(text)
    assert info.no_time
    assert not info.pain


def test_climbing_as_the_cause_of_pain_is_a_condition() -> None:
    assert "climbing_pain" in parse_reason("knee hurts after the stairs").conditions
    assert "climbing_pain" not in parse_reason("knee hurts, can I do stairs?").conditions
    assert "climbing_pain" not in parse_reason("knee hurts on the downhills").conditions


# --- "now": the present, read from the day words (days.yaml), behaviour pinned ---------

NOW_SAID = ["time is tight today", "only 20 min now", "busy rn", "slammed tonight",
            "this morning is packed", "short on time this afternoon", "this evening's out",
            "TODAY is mad", "today's a write-off", "no time now!", "20 min (now)"]
NOW_NOT_SAID = ["time was tight yesterday", "busy last night", "nowhere to run", "known",
                "todays run", "tonite", "this am", "earlier", "tomorrow is packed",
                "the day before yesterday", "snow", "turn", "this week"]


@pytest.mark.parametrize("text", NOW_SAID)
def test_says_now_reads_the_present(text: str) -> None:
    from coach.reasons import says_now
    assert says_now(text)


@pytest.mark.parametrize("text", NOW_NOT_SAID)
def test_says_now_is_not_other_days_or_words_containing_now(text: str) -> None:
    from coach.reasons import says_now
    assert not says_now(text)


def test_the_present_words_are_day_words_of_today() -> None:
    """says_now's words are the language layer's (days.yaml "present"), each one also a
    word for today among the relative days, so the two lists cannot drift apart."""
    from coach.language.lexicon import entry
    present = entry("days", "present")
    today = {word for phrases, offset in entry("days", "relative").items() if offset == 0
             for word in phrases.split("|")}
    assert present and set(present) <= today


@pytest.mark.parametrize("text", ["legs feel heavy af", "my legs are heavy",
                                  "legs feeling heavy today", "legs feel like lead"])
def test_legs_said_to_be_heavy_are_mild_fatigue(text: str) -> None:
    assert parse_reason(text).fatigue == "mild"


# --- the words are the language layer's ------------------------------------------------------

def test_reasons_hold_no_english_words_in_code() -> None:
    """No regular expression in coach/reasons.py spells a word: they sit in reasons.yaml."""
    import ast
    import re
    from pathlib import Path

    import coach.reasons

    tree = ast.parse(Path(coach.reasons.__file__).read_text(encoding="utf-8"))
    spelled = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == "re":
            stack: list[ast.AST] = list(node.args)
            while stack:  # the pattern's own text, not the keys of lexicon look-ups in it
                part = stack.pop()
                if isinstance(part, ast.Constant) and isinstance(part.value, str) and \
                        re.search(r"(?<!\\)[a-z]{3,}", part.value):
                    spelled.append(part.value)
                elif not isinstance(part, ast.Call):
                    stack.extend(ast.iter_child_nodes(part))
    assert spelled == []


def test_a_reason_word_added_to_the_lexicon_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second language is an addition of files: the reader compiles what the file says."""
    import coach.reasons as reasons
    from coach.language import lexicon

    real = lexicon.words("reasons")
    patched = {**real, "fatigue": [*real["fatigue"], "fatigué"]}
    monkeypatch.setattr(reasons, "entry", lambda name, key: patched[key] if name == "reasons"
                        else lexicon.entry(name, key))
    reasons._words.cache_clear()
    try:
        assert reasons.parse_reason("trop fatigué").fatigue == "mild"
    finally:
        reasons._words.cache_clear()


@pytest.mark.parametrize("text", ["flight tomorrow morning", "flying tomorrow so packing tonight",
                                  "trip next week, sorting work", "my flight is on friday",
                                  "hotel tomorrow night, busy today"])
def test_travel_on_a_later_day_is_not_travel_today(text: str) -> None:
    info = parse_reason(text)
    assert not info.travel and not info.hotel


@pytest.mark.parametrize("text", ["travelling for work", "in a hotel until friday",
                                  "at the airport, flight delayed", "on a trip, back tomorrow",
                                  "flew in last night, hotel has a gym",
                                  "i'm away, flying home on sunday"])
def test_travel_now_is_travel(text: str) -> None:
    assert parse_reason(text).travel


def test_the_days_of_a_trip_are_not_the_days_of_a_run() -> None:
    from coach.reasons import without_travel_days

    assert "thursday" not in without_travel_days("in a hotel until Thursday, missed the tempo")
    assert "tomorrow" not in without_travel_days("flight tomorrow morning so can't run today")
    assert "today" in without_travel_days("flight tomorrow morning so can't run today")
    said = "missed tuesday, back pain"
    assert without_travel_days(said) == said  # no travel: nothing taken out


def test_a_stay_ends_on_the_day_said_and_home_is_home() -> None:
    from datetime import date

    from coach.reasons import says_home_now, stay_ends

    tuesday = date(2026, 11, 24)
    assert stay_ends("in a hotel until thursday", told_on=tuesday) == date(2026, 11, 26)
    assert stay_ends("in a hotel this week", told_on=tuesday) is None
    assert says_home_now("what can i do at home instead?")
    assert not says_home_now("what can i do in the hotel?")


@pytest.mark.parametrize("text", ["hmm not the bike, its raining", "no gym today, its pouring",
                                  "not the treadmill pls, its snowing out"])
def test_a_negation_ends_at_a_comma_before_its_without_an_apostrophe(text: str) -> None:
    # "its" typed for "it's" opens a clause of its own, as "it's" does.
    assert parse_reason(text).weather is not None
