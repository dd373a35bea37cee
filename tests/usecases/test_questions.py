"""Questions about their own training from their data; the rest from the articles."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from knowledge.text import load_lexicon
from storage import repository
from storage.models import ConversationTurn
from tests.usecases import support
from tests.usecases.support import World
from usecases import swaps

world = support.world  # the fixture



@pytest.mark.parametrize(("text", "expected"), [
    ("What should I do tomorrow?", "Tomorrow: rest day"),  # Friday
    ("whats on today", "Today: tempo run, 45 min"),
    ("how long is my long run?", "Your long run is 150 min, on Saturday"),
    ("what does my week look like?", "Saturday: long run, 150 min"),
    # Thursday 26 November: yesterday was Wednesday's easy run, Saturday the long run
    ("what was i supposed to do yesterday", "Wed 25 Nov: easy run, 35 min"),
    ("what's on saturday?", "Sat 28 Nov: long run, 150 min"),
    ("how many days a week am i running", "You run 6 days a week: Monday, Tuesday"),
])
def test_questions_about_their_plan_are_answered_from_it(
    world: World, text: str, expected: str,
) -> None:
    ana = world.athlete()
    assert expected in support.ask(world, ana, text).text
    assert world.answerer.asked == []  # not the articles


def test_without_a_plan_they_are_told_how_to_give_one(world: World) -> None:
    ana = world.athlete(plan=None)
    assert "/plan" in support.ask(world, ana, "what should I do tomorrow?").text


def test_making_up_a_missed_long_run_depends_on_the_race_and_the_days_since(
    world: World,
) -> None:
    near = world.athlete(telegram_id=1, goal_event="Valencia marathon",
                         goal_date=date(2026, 12, 17))  # three weeks away
    far = world.athlete(telegram_id=2, goal_event="Boston", goal_date=date(2027, 4, 19))
    assert "Don't make it up" in support.ask(world, near, "should I make up my long run?").text
    # The long run was last Saturday, five days ago: let it go.
    assert "Let it go" in support.ask(world, far, "should I make up my long run?").text
    world.clock.on(date(2026, 11, 29))  # Sunday, the day after the long run
    assert "You can" in support.ask(world, far, "should I make up my long run?").text


def test_making_up_after_cross_training_is_not_needed(world: World) -> None:
    ana = world.athlete()
    reply = swaps.offer_swap(uow=world.services, athlete_id=ana, text="missed yesterday's run")
    first = reply.buttons[0][0]
    swaps.choose_option(uow=world.services, athlete_id=ana, substitution_id=first.args[0],
                        choice=first.args[1])
    assert "No need" in support.ask(world, ana, "should I make up yesterday's run?").text


def test_making_it_up_means_the_run_a_swap_was_just_offered_for(world: World) -> None:
    ana = world.athlete()
    offered = swaps.offer_swap(uow=world.services, athlete_id=ana,
                               text="missed my intervals on tuesday, work ran late")
    assert "Tap the one you'll do" in offered.text
    # (Yesterday, Wednesday, was an easy run: "yesterday's intervals" is asked about, see
    # test_swaps_plan_conflicts.) The run a swap was offered for is the one meant.
    reply = support.ask(world, ana, "can I make it up?").text
    assert "Which session do you mean?" not in reply
    assert "You can" in reply and "interval session" in reply


def test_whether_a_kind_of_training_suits_them_considers_injuries_and_the_race(
    world: World,
) -> None:
    sore = world.athlete(telegram_id=1, injuries=["sore left knee"])
    racing = world.athlete(telegram_id=2, goal_event="10k", goal_date=date(2026, 12, 3))
    healthy = world.athlete(telegram_id=3)
    assert "Not right now" in support.ask(world, sore, "should I do plyometrics?").text
    assert "Not this close to your race" in support.ask(
        world, racing, "should I do plyometrics?").text
    answer = support.ask(world, healthy, "should I do plyometrics?").text
    assert answer.startswith("Yes, plyometrics suits you now") and "Source:" in answer


def test_article_answers_get_the_athlete_and_a_caution_when_it_hurts(world: World) -> None:
    sore = world.athlete(telegram_id=1, injuries=["achilles"])
    world.answerer.text = "Box jumps and bounding build power.\nSource: Cross-Training > 2"
    answer = support.ask(world, sore, "what builds power for the track?").text
    assert "A caution, since you told me: “achilles”." in answer
    [(question, context)] = world.answerer.asked
    assert question == "what builds power for the track?"
    assert context is not None and context.injuries == ("achilles",)


def test_an_answer_carrying_the_answerers_caution_gets_no_second_one(world: World) -> None:
    sore = world.athlete(telegram_id=1, injuries=["left achilles"])
    own = load_lexicon().caution.format(injury="left achilles", words="plyometrics, jumps")
    world.answerer.text = (f"Plyometrics and jumps build power.\n{own}\n\n"
                           "Source: Cross-Training > Speed")
    answer = support.ask(world, sore, "are plyometrics good for speed?").text
    assert answer.count(own) == 1
    assert "A caution, since you told me" not in answer
    assert answer.count("caution") + answer.count("go easy on") == 1


def test_a_health_question_is_remembered_only_with_consent(world: World) -> None:
    without = world.athlete(telegram_id=1, consent=False)
    with_consent = world.athlete(telegram_id=2, consent=True)
    for athlete_id in (without, with_consent):
        support.ask(world, athlete_id, "is swimming ok when my achilles is sore")
    support.ask(world, without, "is cycling good for runners")
    with world.services.transaction() as session:
        turns = session.exec(select(ConversationTurn).where(
            ConversationTurn.role == "athlete")).all()
    assert sorted((t.athlete_id, t.text) for t in turns) == [
        (without, "is cycling good for runners"),
        (with_consent, "is swimming ok when my achilles is sore"),
    ]


def test_a_follow_up_carries_the_subject_of_the_question_before(world: World) -> None:
    ana = world.athlete()
    support.ask(world, ana, "which activities help with a race that has a lot of climbing?")
    support.ask(world, ana, "and what about at home?")
    assert world.answerer.asked[-1][0].startswith("which activities help with a race")
    with world.services.transaction() as session:
        assert len(repository.recent_turns(session=session, athlete_id=ana)) == 4


def test_an_empty_question_gets_an_example(world: World) -> None:
    ana = world.athlete()
    assert "/ask" in support.ask(world, ana, "  ").text


def test_an_offer_line_is_shown_at_most_once_in_30_days(world: World) -> None:
    climber = world.athlete(goal_event="hilly trail race, lots of climbing")
    line = "free strength assessment"
    assert line in support.ask(world, climber, "is cycling good cross-training?").text
    world.clock.on(date(2026, 11, 27))
    assert line not in support.ask(world, climber, "is swimming good cross-training?").text
    world.clock.on(date(2026, 12, 25))  # 29 days after
    assert line not in support.ask(world, climber, "is rowing good cross-training?").text
    world.clock.on(date(2026, 12, 27))  # 31 days after
    assert line in support.ask(world, climber, "is the elliptical good cross-training?").text
    with world.services.transaction() as session:
        row = repository.get_athlete(session=session, athlete_id=climber)
    assert row is not None and row.last_offer_at is not None
    assert row.last_offer_at.date() == date(2026, 12, 27)


def test_recent_pain_days_make_the_running_assessment_fit(world: World) -> None:
    sore = world.athlete(telegram_id=1)
    well = world.athlete(telegram_id=2)
    with world.services.transaction() as session:
        for back in (1, 3):
            repository.record_checkin(session=session, athlete_id=sore,
                                      day=date(2026, 11, 26 - back), status="pain", pain=4)
    assert "running assessment" in support.ask(world, sore, "is cycling good cross-training?").text
    assert "running assessment" not in support.ask(
        world, well, "is cycling good cross-training?").text
    [(_, context), _] = world.answerer.asked
    assert context is not None and context.pain_reports == 2


def test_an_activity_is_found_by_any_of_its_names_as_a_whole_word() -> None:
    from coach.catalogue import load_catalogue
    from usecases.questions import _mentioned_activity

    for activity in load_catalogue().activities:
        if activity.is_rest:
            continue
        names = [name for name in (activity.name.lower(), *map(str.lower, activity.aliases))
                 if len(name) > 3]
        for name in names:
            found = _mentioned_activity(f"could I do some {name} tomorrow?")
            assert found is not None, name
            # An earlier activity may own a word of the name ("swimming" in "open-water
            # swimming"): whichever is found, one of its names is in the message.
            assert any(other in f"could i do some {name} tomorrow?"
                       for other in {found.name.lower(), found.id.replace("_", " "),
                                     *map(str.lower, found.aliases)} if len(other) > 3)
    assert _mentioned_activity("could I do some x tomorrow?") is None
    first = next(a for a in load_catalogue().activities if not a.is_rest and len(a.name) > 4)
    # Inside a longer word, a name is not a mention.
    assert _mentioned_activity(f"un{first.name.lower()}ish") is None
