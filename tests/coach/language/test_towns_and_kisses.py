"""Towns named as a time zone, and a thank-you signed with kisses (found playing a runner
through the terminal chat: "manchester" was refused, "thx x" got the out-of-scope line)."""

from __future__ import annotations

import gzip
from datetime import date

import pytest

from coach.language import read_message
from coach.language.zones import CITIES_PATH, parse_timezone


@pytest.mark.parametrize(
    ("answer", "zone"),
    [
        ("manchester", "Europe/London"),
        ("Leeds, UK", "Europe/London"),
        ("lyon france", "Europe/Paris"),
        ("i live in Graz", "Europe/Vienna"),
        ("near Bristol", "Europe/London"),
        ("Málaga", "Europe/Madrid"),
        ("Austin", "America/Chicago"),
        ("based in Perth", "Australia/Perth"),
    ],
)
def test_a_town_answers_the_timezone_question(answer: str, zone: str) -> None:
    assert parse_timezone(answer) == zone


@pytest.mark.parametrize(
    "answer", ["my house", "the moon", "Europe", "somewhere warm", "Springfield"]
)
def test_what_is_no_town_is_still_refused(answer: str) -> None:
    with pytest.raises(ValueError):
        parse_timezone(answer)


@pytest.mark.parametrize(
    "text",
    ["i'm in marathon shape finally", "im in normal mode this week",
     "i'm in reading week, lots of time"],
)
def test_free_text_does_not_move_the_athlete_to_a_town_named_like_a_word(text: str) -> None:
    reading = read_message(text, today=date(2027, 3, 11))
    assert "timezone" not in (reading.update or {})


def test_the_town_list_is_one_zone_per_lowercase_name() -> None:
    with gzip.open(CITIES_PATH, "rt", encoding="utf-8") as rows:
        lines = rows.read().splitlines()
    names = [line.split("\t")[0] for line in lines]
    assert len(lines) > 20_000
    assert names == sorted(set(names))
    assert all(name == name.lower() for name in names)


@pytest.mark.parametrize("text", ["thx x", "thanks xx", "ta xoxo", "thank u so much x"])
def test_a_thank_you_with_kisses_is_thanks(text: str) -> None:
    assert read_message(text, today=date(2027, 3, 11)).intent == "thanks"


# Found playing a learner from Rome: "grazie!" got the out-of-scope line.
@pytest.mark.parametrize("text", ["grazie!", "merci beaucoup coach", "danke schön 🙏", "gracias!!"])
def test_a_thank_you_in_the_runners_own_language_is_thanks(text: str) -> None:
    assert read_message(text, today=date(2027, 3, 11)).intent == "thanks"


@pytest.mark.parametrize("text", ["grazie but my calf hurts today", "attack on the hill was hard"])
def test_other_news_after_or_around_it_is_not_only_thanks(text: str) -> None:
    assert read_message(text, today=date(2027, 3, 11)).intent != "thanks"


@pytest.mark.parametrize(
    "answer",
    ["can i count a long pram walk as my run?",
     "bath time first then i will answer all your questions",
     "wait what does the timezone do exactly",
     "nice of you to ask but i move around a lot for work"],
)
def test_a_sentence_is_no_town_named_by_its_first_word(answer: str) -> None:
    with pytest.raises(ValueError):
        parse_timezone(answer)


@pytest.mark.parametrize(
    ("answer", "zone"),
    [("leeds west yorkshire", "Europe/London"), ("perth western australia", "Australia/Perth")],
)
def test_a_town_with_its_region_is_still_read(answer: str, zone: str) -> None:
    assert parse_timezone(answer) == zone
