"""Validate heldout.jsonl, dev.jsonl, dev2.jsonl and dev3.jsonl: JSON, schema, weekdays, ids, plan
consistency, overlap (a development item too close to a held-out one is named by id only).

Run: python evals/language/validate.py   (exit 1 on any error)
"""
import datetime as dt
import difflib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WD = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WDNAME = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
KINDS = {"easy", "long", "tempo", "intervals", "hills", "recovery", "rest"}
INTENTS = {"missed_run", "pain", "plan_question", "article_question", "profile_update", "done", "other"}
EQUIP = {"gym", "pool", "bike", "indoor_trainer", "treadmill", "elliptical", "rower", "stair_climber",
         "versaclimber", "stairs", "trails", "open_water", "home"}
ANSWERS = {"yes", "no", "skip", "unclear"}
STATUS = {"done", "missed", "swapped", "pain"}
UPDATE_FIELDS = {"equipment_add", "equipment_remove", "long_run_minutes", "race_date", "goal", "injuries_add",
                 "injuries_remove", "plan_weeks", "plan_set", "timezone"}
CONTEXTS = {"free_text", "onboarding.goal", "onboarding.plan", "onboarding.consent", "checkin.optin",
            "onboarding.injuries", "onboarding.equipment", "onboarding.likes", "onboarding.checkin_time",
            "checkin.answer"}
ACTIVITIES = {a["id"] for a in yaml.safe_load((ROOT / "knowledge/activities.yaml").read_text())["activities"]}

errors = []


def err(item, msg):
    errors.append(f"{item.get('id', '?')}: {msg}")


def iso(s):
    return dt.date.fromisoformat(s) if isinstance(s, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", s) else None


def check_session(it, s):
    if set(s) != {"kind", "minutes"} or s["kind"] not in KINDS:
        err(it, f"bad session {s}")
    if s["minutes"] is not None and (not isinstance(s["minutes"], int) or s["minutes"] < 0):
        err(it, f"bad minutes {s}")


def check(it, prefix, n):
    if it.get("id") != f"{prefix}-{n:03d}":
        err(it, f"id out of sequence (expected {prefix}-{n:03d})")
    extra = set(it) - {"id", "context", "today", "weekday", "plan", "text", "expect", "note"}
    if extra:
        err(it, f"unknown keys {extra}")
    today = iso(it.get("today"))
    if today is None:
        return err(it, "bad today")
    if it.get("weekday") != WDNAME[today.weekday()]:
        err(it, f"weekday {it.get('weekday')} != {WDNAME[today.weekday()]}")
    ctx, e, plan = it.get("context"), it.get("expect", {}), it.get("plan")
    if ctx not in CONTEXTS:
        err(it, f"bad context {ctx}")
    if not isinstance(it.get("text"), str) or not it["text"].strip():
        err(it, "empty text")
    if plan is not None:
        if set(plan) != set(WD):
            err(it, "plan must list all seven days")
        for d, s in plan.items():
            check_session(it, s)
        if len({s["minutes"] for s in plan.values() if s["kind"] != "rest"}) < 3:
            err(it, "plan lengths should vary")
    if ctx == "free_text":
        if e.get("intent") not in INTENTS:
            err(it, f"bad intent {e.get('intent')}")
        if set(e) - {"intent", "session", "day", "pain_score", "pain_site", "update"}:
            err(it, f"unknown expect keys {set(e)}")
        if e.get("intent") in ("missed_run", "plan_question") and plan is None:
            err(it, "missed_run/plan_question items need a plan")
        if "session" in e:
            check_session(it, e["session"])
        if "day" in e:
            day = iso(e["day"])
            if day is None:
                err(it, "bad day")
            elif plan is not None and "session" in e:
                ps = plan[WD[day.weekday()]]
                if ps["kind"] != e["session"]["kind"]:
                    err(it, f"session kind {e['session']['kind']} != plan {ps['kind']} on {e['day']}")
                if e["intent"] == "missed_run" and e["session"]["minutes"] != ps["minutes"]:
                    print(f"  note {it['id']}: minutes {e['session']['minutes']} from message, plan says {ps['minutes']}")
            if e["intent"] == "missed_run" and day and day > today and "up:" not in it.get("note", "") \
                    and "future" not in it.get("note", ""):
                err(it, "future missed-run day without a note")
        if e.get("intent") == "profile_update":
            u = e.get("update")
            if not u or set(u) - UPDATE_FIELDS:
                err(it, f"bad update {u}")
            for k in ("equipment_add", "equipment_remove"):
                if k in u and set(u[k]) - EQUIP:
                    err(it, f"bad equipment in {u[k]}")
            if "race_date" in u and not iso(u["race_date"]):
                err(it, "bad race_date")
        elif "update" in e:
            err(it, "update only for profile_update")
    else:
        if "intent" in e:
            err(it, "intent only for free_text")
    if "pain_score" in e and not (isinstance(e["pain_score"], int) and 0 <= e["pain_score"] <= 10):
        err(it, "bad pain_score")
    if "pain_site" in e and (e["pain_site"] != e["pain_site"].lower() or len(e["pain_site"]) > 25):
        err(it, "pain_site must be short lowercase")
    if ctx == "onboarding.goal":
        if set(e) != {"goal", "race_date"} or e["goal"] != e["goal"].lower():
            err(it, "goal needs goal + race_date")
        if e["race_date"] is not None and (not iso(e["race_date"]) or iso(e["race_date"]) <= today):
            err(it, "race_date must be a future ISO date or null")
    if ctx == "onboarding.plan":
        for row in e.get("plan", []):
            # A workout ("6x800") or a distance ("5k") says no length: minutes null, with a note.
            minutes_ok = isinstance(row.get("minutes"), int) or (
                row.get("minutes") is None and row.get("kind") != "rest" and it.get("note"))
            if row.get("day") not in WD or row.get("kind") not in KINDS or not minutes_ok:
                err(it, f"bad plan row {row}")
            if row.get("kind") == "rest" and row.get("minutes") != 0:
                err(it, "rest rows have minutes 0")
        if not e.get("plan"):
            err(it, "empty plan")
    if ctx in ("onboarding.consent", "checkin.optin") and (set(e) != {"answer"} or e["answer"] not in ANSWERS):
        err(it, f"bad answer {e}")
    if ctx == "onboarding.injuries":
        if not (e == {"none": True} or (e.get("injuries") and set(e) <= {"injuries", "pain_score"})):
            err(it, f"bad injuries {e}")
    if ctx == "onboarding.equipment":
        if not (e == {"none": True} or (set(e) == {"equipment"} and e["equipment"] and not set(e["equipment"]) - EQUIP)):
            err(it, f"bad equipment {e}")
    if ctx == "onboarding.likes":
        if set(e) != {"likes", "dislikes"} or set(e["likes"] + e["dislikes"]) - ACTIVITIES:
            err(it, f"bad likes {e}")
    if ctx == "onboarding.checkin_time":
        if not (e == {"answer": "no"} or (set(e) == {"time"} and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", e["time"]))):
            err(it, f"bad checkin_time {e}")
    if ctx == "checkin.answer":
        if e.get("status") not in STATUS or set(e) - {"status", "pain_score", "pain_site", "day"}:
            err(it, f"bad status {e}")
        if plan is None or plan[WD[today.weekday()]]["kind"] == "rest":
            err(it, "check-in needs a plan with a session today")


def norm(t):
    return re.sub(r"[^a-z0-9 ]", "", t.lower()).strip()


files = {"heldout.jsonl": "hl", "dev.jsonl": "dl", "dev2.jsonl": "d2", "dev3.jsonl": "d3"}
files = {name: prefix for name, prefix in files.items() if (HERE / name).is_file()}
texts = {}
for name, prefix in files.items():
    items = []
    for ln, line in enumerate((HERE / name).read_text().splitlines(), 1):
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as ex:
            errors.append(f"{name}:{ln}: invalid JSON: {ex}")
    for n, it in enumerate(items, 1):
        check(it, prefix, n)
    texts[name] = [(it["id"], it["context"], it["text"]) for it in items]
    dup = [t for t, c in Counter(norm(t) for _, _, t in texts[name]).items() if c > 1]
    if dup:
        errors.append(f"{name}: duplicate texts {dup}")
    print(f"\n{name}: {len(items)} items, weekdays {dict(Counter(it['weekday'][:3] for it in items))}")
    for k, v in sorted(Counter(it["context"] for it in items).items()):
        print(f"  {k:26} {v}")
    for k, v in sorted(Counter(it["expect"]["intent"] for it in items if it["context"] == "free_text").items()):
        print(f"    free_text/{k:20} {v}")

# no overlap or near paraphrase between a development set and the held-out one (held-out
# texts are never printed: nobody tunes on them)
for dev_name in (name for name in texts if name != "heldout.jsonl"):
    for hid, hctx, ht in texts.get("heldout.jsonl", []):
        for did, dctx, dt_ in texts[dev_name]:
            a, b = norm(ht), norm(dt_)
            r = difflib.SequenceMatcher(None, a, b).ratio()
            if a == b or (r > 0.75 and min(len(a), len(b)) > 8):
                errors.append(f"overlap {hid} ~ {did} ({r:.2f}): {dt_!r}")

print()
for e in errors:
    print("ERROR", e)
print("OK" if not errors else f"{len(errors)} errors")
sys.exit(1 if errors else 0)
