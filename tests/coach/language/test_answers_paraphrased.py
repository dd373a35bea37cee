"""Paraphrases of onboarding and check-in answers (written for these tests)."""

from __future__ import annotations

from datetime import date
from typing import Any

from coach.language import (
    is_none_answer,
    read_activities,
    read_answer,
    read_checkin_answer,
    read_clock_time,
    read_equipment,
    read_goal,
    read_pain,
    read_plan,
)

# Activities too alike to tell apart in a like ("cycling"): compared by family.
_FAMILIES = {
    "road_cycling": "cycling",
    "indoor_cycling": "cycling",
    "mountain_biking": "cycling",
    "swimming": "swimming",
    "open_water_swimming": "swimming",
    "walking": "walking",
    "hill_walking": "walking",
    "incline_walking": "walking",
    "stairs": "stairs",
    "stair_climber": "stairs",
}


def _family(ids: Any) -> list[str]:
    return sorted({_FAMILIES.get(i, i) for i in ids})


def ans(t: str) -> str:
    answer = read_answer(t)
    if answer is None and is_none_answer(t):
        return "no"
    return answer or "unclear"


def test_every_paraphrase_is_read_as_meant() -> None:
    wrong: list[str] = []

    def check(label: object, got: object, want: object) -> None:
        if got != want:
            wrong.append(f"{label!r}: {got!r} != {want!r}")

    for t, w in [
        ("yeah sure", "yes"),
        ("ok fine", "yes"),
        ("yes go ahead", "yes"),
        ("sure, why not", "yes"),
        ("👍", "yes"),
        ("yes please!", "yes"),
        ("nah thanks", "no"),
        ("no i'd rather not", "no"),
        ("I don't want that", "no"),
        ("no, not comfortable with that", "no"),
        ("maybe later", "skip"),
        ("can we do this later", "skip"),
        ("remind me another time", "skip"),
        ("not yet", "skip"),
        ("skip for now", "skip"),
        ("what will you do with it?", "unclear"),
        ("who sees this?", "unclear"),
        ("how is it stored?", "unclear"),
        ("absolutely", "yes"),
        ("do it", "yes"),
        ("sign me up", "yes"),
        ("no reminders pls", "no"),
        ("please don't message me", "no"),
        ("not right now thanks", "skip"),
        ("later maybe", "skip"),
        ("yup", "yes"),
        ("na", "no"),
        ("no ty", "no"),
        ("sure thing 👌", "yes"),
        ("hmm let me think", "skip"),
    ]:
        check(t, ans(t), w)
    for t, w in [
        ("none at the moment 🙌", True),
        ("currently injury-free", True),
        ("nothing, touch wood", True),
        ("nope none", True),
        ("all good here", True),
        ("no injuries currently", True),
        ("nothing to mention", True),
    ]:
        check(t, is_none_answer(t), w)
    for t, sites, score in [
        ("left knee pain (patellofemoral), about 2/10", ["left knee"], 2),
        ("my calves get tight", ["calf"], None),
        ("bursitis in my right hip", ["right hip bursitis"], None),
        ("right IT band syndrome, 4/10", ["right it band syndrome"], 4),
        ("a dodgy right ankle", ["right ankle"], None),
        ("shin splints", ["shin splints"], None),
        ("niggly left hamstring 2 out of 10", ["left hamstring"], 2),
    ]:
        p = read_pain(t)
        check(t, (is_none_answer(t), list(p.sites), p.score), (False, sites, score))
    for t, w in [
        ("gym membership", ["gym"]),
        ("a bike and access to a pool", ["bike", "pool"]),
        ("nothing, just me", []),
        ("no equipment at all", []),
        ("home treadmill + elliptical", ["elliptical", "treadmill"]),
        ("a rowing machine and stairs at work", ["rower", "stairs"]),
        ("a Peloton bike", ["indoor_bike"]),
        ("there are trails and a lake nearby", ["open_water", "trails"]),
        ("just the stairs in my building", ["stairs"]),
        ("none, only my running shoes", []),
        ("spin bike, weights", ["indoor_bike"]),
        ("a pool at my gym", ["gym", "pool"]),
        ("indoor trainer for my road bike", ["bike", "indoor_bike"]),
    ]:
        check(t, sorted(read_equipment(t)), sorted(w))
    for t, likes, dislikes in [
        ("cycling is fine, can't stand swimming", ["road_cycling"], ["swimming"]),
        ("hiking and stairs", ["hiking", "stairs"], []),
        ("the elliptical is my fave", ["elliptical"], []),
        ("rowing but no bikes", ["rowing"], ["road_cycling", "indoor_cycling"]),
        ("not really anything", [], []),
        ("aqua jogging and core work", ["deep_water_running", "strength_core_upper"], []),
        ("zwift + plyometrics", ["indoor_cycling", "plyometrics"], []),
        ("swimming I guess, not a fan of rowing", ["swimming"], ["rowing"]),
        ("anything but the pool", [], ["swimming"]),
        ("i hate cycling", [], ["road_cycling", "indoor_cycling", "mountain_biking"]),
        ("mountain biking and hiking", ["mountain_biking", "hiking"], []),
        ("walking and yoga", ["walking"], []),
    ]:
        p = read_activities(t)
        check(t, (_family(p.likes), _family(p.dislikes)), (_family(likes), _family(dislikes)))
    for t, w in [
        ("8am works", "08:00"),
        ("around 9pm", "21:00"),
        ("9 at night", "21:00"),
        ("midday", "12:00"),
        ("at 7 in the evening", "19:00"),
        ("6:30 in the morning", "06:30"),
        ("7ish in the morning", "07:00"),
        ("after lunch, 1pm", "13:00"),
        ("9.30pm", "21:30"),
        ("before work, 6am", "06:00"),
    ]:
        c = read_clock_time(t)
        check(t, c.strftime("%H:%M") if c else None, w)
    for t in ["no need for reminders", "no reminders thanks", "i don't want check-ins"]:
        check(t, (read_clock_time(t), ans(t)), (None, "no"))
    T = date(2026, 11, 20)
    for t, w in [
        ("yep all done", "done"),
        ("didn't, too rainy", "missed"),
        ("did 45 on the elliptical instead", "swapped"),
        ("hamstring tightened up, had to stop, 4/10", "pain"),
        ("nailed it 💪", "done"),
        ("nope 😞", "missed"),
        ("went for a bike ride instead", "swapped"),
        ("done ✅", "done"),
        ("no, work ran late", "missed"),
        ("swapped for a swim", "swapped"),
        ("stopped halfway, knee pain 5/10", "pain"),
        ("yes!", "done"),
        ("missed it", "missed"),
        ("rowed instead", "swapped"),
        ("cut short, calf tightness 3/10", "pain"),
    ]:
        check(t, read_checkin_answer(t, today=T), w)
    T = date(2026, 11, 12)
    for t, g, d in [
        ("my first marathon, feb 21st!", "first marathon", "2027-02-21"),
        ("10k race on december 29", "10k race", "2026-12-29"),
        ("a half, no date yet", "half marathon", None),
        ("80k ultra on may 15th, loads of climbing", "80k ultra with climbing", "2027-05-15"),
        ("5k race on the 27th", "5k race", "2026-11-27"),
        ("the berlin marathon in sept", "berlin marathon", "2027-09-15"),
        ("half marathon in april, the 12th", "half marathon", "2027-04-12"),
        ("marathon 2027-04-18", "marathon", "2027-04-18"),
        ("first 5k in 3 weeks", "first 5k", "2026-12-03"),
    ]:
        r = read_goal(t, today=T)
        check(t, (r.goal, r.race_date.isoformat() if r.race_date else None), (g, d))
    for t, w in [
        (
            "tues 40 easy, thurs 45 tempo, sun long 1h50",
            [(1, "easy", 40), (3, "tempo", 45), (6, "long", 110)],
        ),
        (
            "30 min easy mon/wed/fri + sat long 1hr",
            [(0, "easy", 30), (2, "easy", 30), (4, "easy", 30), (5, "long", 60)],
        ),
        (
            "tuesday intervals 1 hour, wednesday easy 50, sunday long 2:45",
            [(1, "intervals", 60), (2, "easy", 50), (6, "long", 165)],
        ),
        (
            "rest monday, hills wednesday 45 min, long run sunday 100 min",
            [(0, "rest", 0), (2, "hills", 45), (6, "long", 100)],
        ),
        ("sat easy 60, sun long 120", [(5, "easy", 60), (6, "long", 120)]),
        (
            "mon easy 5k (30 min), wed tempo 40, fri rest, sat long 80",
            [(0, "easy", 30), (2, "tempo", 40), (4, "rest", 0), (5, "long", 80)],
        ),
    ]:
        try:
            got = [(r.weekday, r.kind, r.minutes) for r in read_plan(t)]
        except ValueError as e:
            got = str(e)
        check(t, got, w)
    assert wrong == []
