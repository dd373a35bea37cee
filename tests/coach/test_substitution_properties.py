"""Invariants of the substitution engine over many generated athletes and reasons."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.catalogue import EQUIPMENT_WORDS
from coach.context import AthleteContext
from coach.substitution import suggest_substitutes
from coach.triage import triage

TODAY = date(2025, 6, 1)
KINDS = ["easy", "long", "tempo", "intervals", "hills", "recovery", "rest"]
SESSION_TEXTS = ["my 40 min tempo", "long run 100 minutes", "intervals", "1h30 long run",
                 "5 x 4 min / 2 min", "hill repeats", "easy 30 min", "recovery jog",
                 "2 hours", "rest day", "10k easy"]
LOCATIONS = ["knee", "achilles", "shin", "hip", "lower back", "shoulder", "foot", "calf",
             "hamstring", "tailbone"]
# Reasons that name no equipment, so the athlete's list is all they have.
CONTEXT = ["", "rain", "thunderstorm", "wildfire smoke", "trails closed", "travelling",
           "tired", "exhausted", "I have a cold", "stomach bug", "want something fun",
           "busy at work", "heatwave", "downhill hurts", "fast paces hurt", "bored",
           "sore legs", "no time at all", "feeling flat"]
RED_FLAGS = ["chest pain", "I fainted", "palpitations", "pinpoint pain on my shin bone",
             "I'm limping", "my foot went numb", "I have a fever", "it hurts to walk",
             "ankle swelled up", "knee pain 9/10"]

athletes = st.builds(
    AthleteContext,
    goal=st.sampled_from([None, "100K ultra with 4000 m climbing", "29029 Everest challenge",
                          "marathon PR", "off-season speed", "first 10k"]),
    goal_date=st.one_of(st.none(), st.integers(-30, 120).map(
        lambda days: TODAY + timedelta(days=days))),
    injuries=st.lists(st.sampled_from(["knee", "achilles", "shoulder", "broken tailbone",
                                       "lower back", "plantar fasciitis"]),
                      max_size=2).map(tuple),
    equipment=st.lists(st.sampled_from(sorted(EQUIPMENT_WORDS)), max_size=6).map(tuple),
    likes=st.lists(st.sampled_from(["swimming", "cycling", "hiking", "rowing", "stairs",
                                    "plyometrics", "mountain biking", "walking"]),
                   max_size=2).map(tuple),
)
missed_sessions = st.one_of(
    st.fixed_dictionaries({"kind": st.sampled_from(KINDS), "minutes": st.integers(0, 300)}),
    st.sampled_from(SESSION_TEXTS),
)


@st.composite
def reasons(draw: st.DrawFn) -> tuple[str, int | None, int | None, bool]:
    """(reason text, pain score given, time cap given, red flag included)."""
    parts: list[str] = []
    pain = draw(st.one_of(st.none(), st.integers(0, 10)))
    if pain is not None:
        parts.append(f"{draw(st.sampled_from(LOCATIONS))} pain {pain}/10")
    cap = draw(st.one_of(st.none(), st.integers(0, 150)))
    if cap is not None:
        parts.append(f"only {cap} minutes")
    parts.append(draw(st.sampled_from(CONTEXT)))
    flag = draw(st.booleans()) and draw(st.integers(0, 3)) == 0
    if flag:
        parts.append(draw(st.sampled_from(RED_FLAGS)))
    order = draw(st.permutations(parts))
    return ", ".join(p for p in order if p), pain, cap, flag


@settings(max_examples=400, deadline=None)
@given(athlete=athletes, missed=missed_sessions, reason=reasons())
def test_engine_invariants(athlete: AthleteContext, missed: object,
                           reason: tuple[str, int | None, int | None, bool]) -> None:
    text, pain, cap, flag = reason
    result = suggest_substitutes(athlete=athlete, missed=missed,  # type: ignore[arg-type]
                                 reason=text, today=TODAY)

    # Always an option or a referral; never more than three options.
    assert result.options or result.referral
    assert len(result.options) <= 3

    owned = set(athlete.equipment) | {"home"}
    red_flag = flag or triage(text).refer
    for option in result.options:
        # Never above the stated time cap.
        if cap is not None:
            assert option.minutes <= cap, (text, option)
        # Never equipment the athlete lacks.
        assert set(option.equipment) <= owned, (athlete.equipment, option)
        # Never moderate or high impact with pain of 4 or more or a red flag.
        if (pain is not None and pain >= 4) or red_flag:
            assert option.impact in ("none", "low"), (text, option)
        if red_flag:
            assert option.impact == "none", (text, option)
        assert option.minutes >= 0 and option.minutes % 5 == 0
        assert option.source and option.why


@settings(max_examples=150, deadline=None)
@given(athlete=athletes, missed=missed_sessions,
       flag=st.sampled_from(["chest pain", "I fainted", "palpitations", "my foot went numb",
                             "I have a fever", "confused in the heat"]))
def test_flags_that_allow_nothing_give_no_workout(athlete: AthleteContext, missed: object,
                                                  flag: str) -> None:
    result = suggest_substitutes(athlete=athlete, missed=missed,  # type: ignore[arg-type]
                                 reason=flag, today=TODAY)
    assert result.referral and result.options == []


@settings(max_examples=150, deadline=None)
@given(athlete=athletes, minutes=st.integers(60, 300), days=st.integers(0, 14))
def test_a_long_run_is_never_made_up_in_the_taper(athlete: AthleteContext, minutes: int,
                                                  days: int) -> None:
    tapering = AthleteContext(goal="marathon", goal_date=TODAY + timedelta(days=days),
                              equipment=athlete.equipment, injuries=athlete.injuries,
                              likes=athlete.likes)
    result = suggest_substitutes(athlete=tapering, missed={"kind": "long", "minutes": minutes},
                                 reason="", today=TODAY)
    assert result.options
    assert all(option.minutes <= 45 for option in result.options)


NAMED_MACHINES = {"elliptical", "stair_climber", "versaclimber"}
ACTIVITY_WORDS = ["swimming", "cycling", "indoor cycling", "rowing", "stairs", "elliptical",
                  "plyometrics", "walking", "deep water running", "strength"]


@settings(max_examples=300, deadline=None)
@given(athlete=athletes, missed=missed_sessions,
       dislikes=st.lists(st.sampled_from(ACTIVITY_WORDS), max_size=3).map(tuple),
       reason=st.sampled_from(CONTEXT))
def test_no_option_needs_equipment_the_athlete_lacks_and_dislikes_are_never_first(
    athlete: AthleteContext, missed: object, dislikes: tuple[str, ...], reason: str,
) -> None:
    from coach.catalogue import load_catalogue, normalise_equipment

    picky = AthleteContext(goal=athlete.goal, goal_date=athlete.goal_date,
                           injuries=athlete.injuries, equipment=athlete.equipment,
                           likes=athlete.likes, dislikes=dislikes)
    result = suggest_substitutes(athlete=picky, missed=missed,  # type: ignore[arg-type]
                                 reason=reason, today=TODAY)
    owned = set(normalise_equipment(list(athlete.equipment))) | {"home"}
    catalogue = load_catalogue()
    for option in result.options:
        assert set(option.equipment) <= owned, (athlete.equipment, option.activity)
        needs = {word for alt in catalogue.get(option.activity).equipment for word in alt}
        # A gym is no promise of these machines: only someone who named one gets it.
        for machine in needs & NAMED_MACHINES:
            assert machine in owned or not (set(option.equipment) & {"gym"}), option
    if result.options and dislikes:
        first = catalogue.get(result.options[0].activity)
        names = {first.id.replace("_", " "), first.name.lower(),
                 *(alias.lower() for alias in first.aliases)}
        fits = [o for o in result.options if not names & set(dislikes)]
        if names & set(dislikes):
            # Disliked first only when nothing else fitted at all.
            assert len(fits) == 0 or all(
                {catalogue.get(o.activity).id.replace("_", " "),
                 catalogue.get(o.activity).name.lower(),
                 *(a.lower() for a in catalogue.get(o.activity).aliases)} & set(dislikes)
                for o in result.options if o.activity != "rest"), (dislikes, result.options)
