"""Language-layer scorer: run ``.venv/bin/python -m bench.language``.

Reads the sets under evals/language/ (``--sets dev dev2 dev3 dev4``, any ``<name>.jsonl``
there; by default dev.jsonl and heldout.jsonl), calls the reader of
``coach.language`` that matches each item's ``context`` and compares every expected field.
An item is right when all its expected fields are right. Prints per-field and per-context
accuracy and the overall figure, for each set separately (``--show-wrong`` lists the wrong
development items; held-out items are never listed, so nobody tunes on them).

Comparison follows evals/language/README.md: lists are sets; free-text fields (goal, pain
site, injuries) are compared leniently (lower case, plural and order ignored, side and body
part kept, "ITB" taken as "IT band"); the eval's "greeting"/"thanks" messages are expected
as ``other``; equipment and activity ids are compared through the layer's own synonym
table and catalogue families ("indoor_trainer" is the engine's "indoor_bike"; a liked
"cycling" may be road or indoor cycling, as the sets' notes allow). A plan is compared as
the week it stands for: a day it does not list is a rest day ("rest = 0 min"), whether or
not the set lists it.

Goals count in the headline by their exact words. Beside it, each set with goals prints a
second, lenient goal figure (``goal_lenient``: every distance, target and race-name word
of the set's goal in the reading, equivalent target words such as "under"/"sub" taken as
one, at most two words added), and the items right when goals are judged by it.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date, time
from functools import cache
from pathlib import Path
from typing import Any

import coach.language as lang
from coach.catalogue import load_catalogue, normalise_equipment

EVALS = Path(__file__).resolve().parent.parent / "evals" / "language"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_STOP = frozenset({"the", "a", "an", "my", "of", "on", "side", "both", "is", "and", "in"})
_SINGULAR = {"calves": "calf", "feet": "foot", "achilles": "achilles", "shins": "shin",
             "hips": "hip", "knees": "knee", "hamstrings": "hamstring", "quads": "quad"}


# Abbreviations the sets write either way ("right ITB" is "right IT band").
_SPELLED_OUT = {"itb": "it band"}


def _tokens(text: str) -> frozenset[str]:
    lowered = text.lower()
    for short, full in _SPELLED_OUT.items():
        lowered = re.sub(rf"\b{short}\b", full, lowered)
    words = re.findall(r"[a-z0-9]+", lowered)
    out: set[str] = set()
    for word in words:
        if word in _STOP:
            continue
        word = _SINGULAR.get(word, word[:-1] if word.endswith("s") and len(word) > 3 else word)
        out.add(word)
    return frozenset(out)


def _text_like(expected: str, actual: str | None) -> bool:
    """Every word of the expected text in the actual one (plural and order ignored)."""
    return actual is not None and _tokens(expected) <= _tokens(actual) and bool(_tokens(actual))


def _goal_like(expected: str | None, actual: str | None) -> bool:
    """The headline goal check: the same words (plural and order ignored); a set that
    expects no goal (null) wants no reading."""
    if expected is None:
        return not actual
    return actual is not None and _tokens(expected) == _tokens(actual)


# The lenient goal figure, printed beside the exact one and never counted in the headline.
# The sets' authors word one goal differently ("Berlin Marathon sub 3:30", "berlin marathon
# under 3:30", "marathon 3:05 boston qualifier" for "BQ"): these words are taken as one.
_GOAL_EQUIVALENT = {
    "under": "sub", "break": "sub", "breaking": "sub", "beat": "sub", "beating": "sub",
    "pr": "pb", "personal": "pb", "best": "pb", "qualifier": "bq", "qualifying": "bq",
    "miler": "mile", "ultramarathon": "ultra", "km": "k", "nyc": "new york city",
    "mara": "marathon", "mins": "min", "minute": "min", "minutes": "min",
}
# Words of the set's goal that carry no distance, target or race name: the reading need
# not repeat them.
_GOAL_FREE = frozenset({"with", "for", "at", "to", "race", "time", "goal", "attempt", "run",
                        "running", "get", "want", "just"})
# A reading may add this many words of its own (a terrain, "first", the race's distance):
# one that keeps the whole message adds more.
_GOAL_EXTRA_WORDS = 2


def _goal_tokens(text: str) -> frozenset[str]:
    """A goal's words, times ("3:30") and distances ("100k", "70.3") kept whole."""
    lowered = re.sub(r"\b(\d+)\s*km\b", r"\1k", text.lower())
    lowered = re.sub(r"\bboston qualif\w*", "bq", lowered)
    out: set[str] = set()
    for word in re.findall(r"\d+(?:[:.]\d+)?[a-z]*|[a-z]+", lowered):
        if word in _STOP:
            continue
        word = re.sub(r"^(\d{1,2}):00$", r"\1", word)  # "sub 4:00" is "sub 4"
        word = _SINGULAR.get(word, word[:-1] if word.endswith("s") and len(word) > 3
                             and word[0].isalpha() else word)
        out.update(_GOAL_EQUIVALENT.get(word, word).split())
    return frozenset(out)


def goal_lenient(expected: str | None, actual: str | None) -> bool:
    """The lenient goal figure: every distance, target and race-name word of the set's goal
    is in the reading (equivalent target words taken as one), and the reading adds at most
    two words of its own, so a reading that keeps the whole message is still wrong. A set
    that expects no goal (null) wants no reading."""
    if expected is None:
        return not actual
    if not actual:
        return False
    want = _goal_tokens(expected) - _GOAL_FREE
    got = _goal_tokens(actual)
    return want <= got and len(got - _goal_tokens(expected)) <= _GOAL_EXTRA_WORDS


def _texts_like(expected: list[str], actual: tuple[str, ...] | list[str]) -> bool:
    return all(any(_text_like(e, a) for a in actual) for e in expected) and all(
        any(_text_like(e, a) for e in expected) for a in actual
    )


@cache
def _families() -> dict[str, str]:
    return {a.id: a.family or a.id for a in load_catalogue().activities}


def _activity_families(ids: list[str] | tuple[str, ...]) -> frozenset[str]:
    families = _families()
    return frozenset(families.get(i, i) for i in ids)


# The sets name equipment more coarsely than the engine: their "bike" is any outdoor
# bicycle ("mountain bike maps to bike", say their notes), the engine keeps a mountain bike
# apart for trail riding. Both sides are compared at the sets' granularity.
_SET_GRANULARITY = {"mountain_bike": "bike"}


def _equipment(ids: list[str] | tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set()
    for word in ids:
        known = normalise_equipment(word)
        out |= known if known else {word}
    return frozenset(_SET_GRANULARITY.get(word, word) for word in out)


def _plan_mapping(item: Mapping[str, Any]) -> dict[int, tuple[str, int]] | None:
    plan = item.get("plan")
    if not plan:
        return None
    return {WEEKDAYS.index(day): (entry["kind"], entry["minutes"]) for day, entry in plan.items()}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _answer(text: str) -> str:
    answer = lang.read_answer(text)
    if answer is None and lang.is_none_answer(text):
        return "no"
    return answer or "unclear"


_REST = ("rest", 0)


def _week(days: Mapping[str, tuple[str, int | None]]) -> dict[str, tuple[str, int | None]]:
    """A plan as the week it stands for: a day not listed is a rest day (the README's
    "rest = 0 min"), so a set that lists every day and one that lists only the runs read
    one week the same. An empty plan (nothing read) stays empty."""
    if not days:
        return {}
    return {day: days.get(day, _REST) for day in WEEKDAYS}


def _plan_entries(entries: list[Any]) -> frozenset[tuple[Any, ...]]:
    return frozenset(
        (e.get("day"), e.get("kind"), e.get("minutes")) if isinstance(e, Mapping) else (e,)
        for e in entries)


def _compare_update(expected: Mapping[str, Any], actual: Mapping[str, object]) -> bool:
    for key, want in expected.items():
        got = actual.get(key)
        if key in ("equipment_add", "equipment_remove"):
            if not isinstance(got, list | tuple) or _equipment(want) != _equipment(list(got)):
                return False
        elif key == "injuries_remove":
            if not isinstance(got, list | tuple) or not _texts_like(want, list(got)):
                return False
        elif key == "race_date":
            if (got.isoformat() if isinstance(got, date) else got) != want:
                return False
        elif key == "plan_set" and isinstance(want, list):
            if not isinstance(got, list) or _plan_entries(got) != _plan_entries(want):
                return False
        elif key == "goal":
            if not _goal_like(str(want), str(got) if got else None):
                return False
        elif got != want:
            return False
    return True


Check = dict[str, bool]


def _score_free_text(item: Mapping[str, Any], today: date) -> Check:
    expect = item["expect"]
    text = item["text"]
    reading = lang.read_message(text, today=today, plan=_plan_mapping(item))
    checks: Check = {}
    intent = "other" if reading.intent in ("greeting", "thanks") else reading.intent
    checks["intent"] = intent == expect["intent"]
    if "session" in expect:
        session = reading.session
        want = expect["session"]
        checks["session.kind"] = session is not None and session.kind == want["kind"]
        checks["session.minutes"] = (session.minutes if session else None) == want["minutes"]
    if "day" in expect:
        day = reading.day or (reading.session.day if reading.session else None)
        checks["day"] = _iso(day) == expect["day"]
    if "pain_score" in expect:
        checks["pain_score"] = reading.pain is not None and reading.pain.score == expect[
            "pain_score"]
    if "pain_site" in expect:
        sites = reading.pain.sites if reading.pain else ()
        checks["pain_site"] = any(_text_like(expect["pain_site"], s) for s in sites)
    if "update" in expect:
        checks["update"] = _compare_update(expect["update"], reading.update)
    return checks


def _score_pain(expect: Mapping[str, Any], text: str, checks: Check) -> None:
    pain = lang.read_pain(text)
    if "pain_score" in expect:
        checks["pain_score"] = pain.score == expect["pain_score"]
    if "pain_site" in expect:
        checks["pain_site"] = any(_text_like(expect["pain_site"], s) for s in pain.sites)


def _score_onboarding(item: Mapping[str, Any], today: date) -> Check:
    context = item["context"]
    expect = item["expect"]
    text = item["text"]
    checks: Check = {}
    if context == "onboarding.goal":
        goal = lang.read_goal(text, today=today)
        checks["goal"] = _goal_like(expect["goal"], goal.goal)
        checks["race_date"] = _iso(goal.race_date) == expect["race_date"]
    elif context == "onboarding.plan":
        try:
            runs = lang.read_plan(text)
            got = _week({WEEKDAYS[r.weekday]: (r.kind, r.minutes) for r in runs})
        except ValueError:
            got = {}
        # Minutes null: the text gives no length (a workout such as 6x800); any will do.
        want = _week({p["day"]: (p["kind"], p["minutes"]) for p in expect["plan"]})
        checks["plan"] = set(got) == set(want) and all(
            got[day][0] == kind and minutes in (None, got[day][1])
            for day, (kind, minutes) in want.items())
        _score_pain(expect, text, checks)
    elif context in ("onboarding.consent", "checkin.optin"):
        checks["answer"] = _answer(text) == expect["answer"]
    elif context == "onboarding.injuries":
        none = lang.is_none_answer(text)
        if expect.get("none"):
            checks["none"] = none
        else:
            checks["none"] = not none
            checks["injuries"] = not none and _texts_like(
                expect["injuries"], lang.read_pain(text).sites)
            _score_pain(expect, text, checks)
    elif context == "onboarding.equipment":
        equipment = lang.read_equipment(text)
        if expect.get("none"):
            checks["none"] = not equipment
        else:
            checks["equipment"] = _equipment(list(equipment)) == _equipment(expect["equipment"])
    elif context == "onboarding.likes":
        # Only the lists an item gives are checked ("expect holds only the fields that
        # apply"): dev4 leaves out a list it has nothing to say about.
        prefs = lang.read_activities(text)
        for key, said in (("likes", prefs.likes), ("dislikes", prefs.dislikes)):
            if key in expect:
                checks[key] = _activity_families(said) == _activity_families(expect[key])
    elif context == "onboarding.checkin_time":
        if "time" in expect:
            checks["time"] = _hhmm(lang.read_clock_time(text)) == expect["time"]
        else:
            # At the check-in time step, skipping the question declines check-ins too.
            answer = _answer(text)
            checks["answer"] = lang.read_clock_time(text) is None and (
                "no" if answer == "skip" else answer) == expect["answer"]
    return checks


def lenient_goal_check(item: Mapping[str, Any]) -> bool:
    """The lenient goal figure of one onboarding goal item (``goal_lenient``)."""
    try:
        reading = lang.read_goal(item["text"], today=date.fromisoformat(item["today"]))
    except Exception:  # a reader that raises gets the item wrong, not the run
        return False
    return goal_lenient(item["expect"]["goal"], reading.goal)


def _status(text: str, today: date, plan: dict[int, tuple[str, int]] | None) -> str | None:
    reader: Callable[..., str | None] | None = getattr(lang, "read_checkin_answer", None)
    if reader is not None:
        return reader(text, today=today)
    intent = lang.read_message(text, today=today, plan=plan).intent
    return {"done": "done", "missed_run": "missed", "pain": "pain"}.get(intent)


def _score_checkin(item: Mapping[str, Any], today: date) -> Check:
    expect = item["expect"]
    checks: Check = {"status": _status(item["text"], today, _plan_mapping(item)) == expect[
        "status"]}
    _score_pain(expect, item["text"], checks)
    return checks


def score_item(item: Mapping[str, Any]) -> Check:
    today = date.fromisoformat(item["today"])
    context = item["context"]
    try:
        if context == "free_text":
            return _score_free_text(item, today)
        if context == "checkin.answer":
            return _score_checkin(item, today)
        return _score_onboarding(item, today)
    except Exception as error:  # a reader that raises gets the item wrong, not the run
        return {f"raised {type(error).__name__}": False}


def score_file(path: Path, *, show_wrong: bool) -> float:
    fields: dict[str, list[bool]] = defaultdict(list)
    contexts: dict[str, list[bool]] = defaultdict(list)
    right = 0
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    lenient: list[bool] = []
    right_lenient = 0
    for item in items:
        checks = score_item(item)
        ok = bool(checks) and all(checks.values())
        right += ok
        if item["context"] == "onboarding.goal":
            goal = lenient_goal_check(item)
            lenient.append(goal)
            others = [v for k, v in checks.items() if k != "goal"]
            right_lenient += goal and all(others)
        else:
            right_lenient += ok
        contexts[item["context"]].append(ok)
        for name, value in checks.items():
            fields[name].append(value)
        if show_wrong and not ok:
            wrong = [name for name, value in checks.items() if not value]
            print(f"  WRONG {item['id']} {item['context']}: {item['text']!r} -> {wrong}")
    print(f"{path.name}: {right}/{len(items)} = {right / len(items):.1%} of items right")
    print("  per context:")
    for name, values in sorted(contexts.items()):
        print(f"    {name:<26} {sum(values):>3}/{len(values):<3} {sum(values) / len(values):.1%}")
    print("  per field:")
    for name, values in sorted(fields.items()):
        print(f"    {name:<26} {sum(values):>3}/{len(values):<3} {sum(values) / len(values):.1%}")
    if lenient:
        print(f"  goal, lenient (beside the exact headline): {sum(lenient)}/{len(lenient)}"
              f" = {sum(lenient) / len(lenient):.1%}; items right with it: {right_lenient}/"
              f"{len(items)} = {right_lenient / len(items):.1%}")
    return right / len(items)


HELD_OUT = "heldout"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--show-wrong", action="store_true",
                        help="list wrong items of the development sets (never held-out ones)")
    parser.add_argument("--sets", nargs="+", default=["dev", HELD_OUT], metavar="NAME",
                        help="sets to score, by file name without .jsonl (default: dev heldout)")
    parser.add_argument("--dev-only", action="store_true", help="the same as --sets dev")
    args = parser.parse_args()
    names = ["dev"] if args.dev_only else list(dict.fromkeys(args.sets))
    for name in names:
        path = EVALS / f"{name}.jsonl"
        if not path.is_file():
            parser.error(f"no set {path}")
        score_file(path, show_wrong=args.show_wrong and name != HELD_OUT)


if __name__ == "__main__":
    main()
