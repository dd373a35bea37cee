"""The coach's offers (knowledge/offers.yaml) and when one belongs under an answer.

Offers are the answer only when the athlete asks about booking, classes or programs.
Otherwise an answer may carry one offer line when the athlete's situation fits it (repeated
pain: a running assessment; a climbing goal: the strength assessment), at most once every
``OFFER_INTERVAL`` per athlete. Storing when an athlete last saw an offer is the use-case
layer's business; this module only decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach.context import AthleteContext
from coach.yaml_files import parse_yaml

DEFAULT_OFFERS_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "offers.yaml"
OFFER_INTERVAL = timedelta(days=30)


class OffersError(ValueError):
    """The offers file is missing or malformed; the message says where."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Fits(_Frozen):
    pain_reports: int | None = Field(default=None, ge=1)
    goal_words: tuple[str, ...] = ()


class Offer(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    line: str = Field(min_length=1)
    link: str = ""
    mentions: tuple[str, ...] = ()
    fits: Fits = Fits()

    def text(self) -> str:
        """The line shown to an athlete, with the link when the coach gave one."""
        return f"{self.line} {self.link}".strip()

    def mentioned_in(self, text: str) -> bool:
        return any(_has_phrase(text, phrase) for phrase in self.mentions)


class Offers(_Frozen):
    asking: tuple[str, ...]
    offers: tuple[Offer, ...]
    # A noun for something the coach sells ("class", "program") asks about the offers only
    # beside a word that requests one ("is there", "do you have"): "spin class" alone
    # is training.
    services: tuple[str, ...] = ()
    requests: tuple[str, ...] = ()

    def get(self, offer_id: str) -> Offer:
        for offer in self.offers:
            if offer.id == offer_id:
                return offer
        raise KeyError(offer_id)

    def is_offer_question(self, question: str) -> bool:
        """Whether ``question`` asks about booking, classes, programs or an offer by name:
        a booking word, an offer's name, or a service noun with a word requesting it."""
        if any(_asks(question, phrase) for phrase in self.asking) or any(
                offer.mentioned_in(question) for offer in self.offers):
            return True
        return (any(_asks(question, noun) for noun in self.services)
                and any(_has_phrase(question, cue) for cue in self.requests))

    def mentioned(self, text: str) -> list[Offer]:
        """The offers ``text`` names, in the file's order."""
        return [offer for offer in self.offers if offer.mentioned_in(text)]


# Chat spellings read as the words they stand for: "do u do" is "do you do".
_CHAT_WORDS = {"u": "you", "ya": "you", "yu": "you", "ur": "your", "r": "are"}


def _normal(text: str) -> str:
    # "workshops" meets "workshop": a plural s is dropped from longer words.
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower().replace("’", "'"))
    words = [_CHAT_WORDS.get(w, w) for w in words]
    return " ".join(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
                    for w in words)


def _has_phrase(text: str, phrase: str) -> bool:
    return f" {_normal(phrase)} " in f" {_normal(text)} "


# "my program", "my training program", "a spin class": the athlete's own plan or an
# activity's class, not one of the offers.
_OWN = ("my", "our", "training", "running", "marathon", "race", "spin", "yoga", "pilates",
        "barre", "gym", "fitness", "swim", "swimming", "cycling", "crossfit", "hiit",
        "dance", "boxing", "rowing", "aqua", "pool", "strength", "plan", "couch", "self")


def _asks(text: str, phrase: str) -> bool:
    """``phrase`` is in ``text`` and not as the athlete's own ("my program")."""
    normal, wanted = f" {_normal(text)} ", f" {_normal(phrase)} "
    start = normal.find(wanted)
    while start >= 0:
        before = normal[:start].split()
        if not before or before[-1] not in _OWN:
            return True
        start = normal.find(wanted, start + 1)
    return False


def parse_offers(data: object, *, source: str = "offers") -> Offers:
    if not isinstance(data, dict):
        raise OffersError(f"{source}: expected a mapping at the top level")
    try:
        return Offers(asking=tuple(data.get("asking") or ()),
                      services=tuple(data.get("services") or ()),
                      requests=tuple(data.get("requests") or ()),
                      offers=tuple(Offer(**entry) for entry in data.get("offers") or ()))
    except (ValidationError, TypeError) as error:
        raise OffersError(f"{source}: {error}") from error


@lru_cache(maxsize=8)
def load_offers(path: Path | None = None) -> Offers:
    """The offers file (default knowledge/offers.yaml), validated and cached."""
    path = path or DEFAULT_OFFERS_PATH
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise OffersError(f"{path}: {error}") from error
    return parse_offers(data, source=str(path))


def fitting_offer(athlete: AthleteContext | None, offers: Sequence[Offer]) -> Offer | None:
    """The first offer whose ``fits`` matches the athlete's situation."""
    if athlete is None:
        return None
    goal = athlete.goal or ""
    for offer in offers:
        rule = offer.fits
        if rule.pain_reports is not None and athlete.pain_reports >= rule.pain_reports:
            return offer
        if rule.goal_words and any(_has_phrase(goal, word) for word in rule.goal_words):
            return offer
    return None


def choose_offer(
    question: str,
    athlete_context: AthleteContext | None,
    last_offer_at: datetime | None,
    now: datetime,
    *,
    offers: Offers | None = None,
) -> Offer | None:
    """The one offer line to add under the answer to ``question``, or None.

    None when the athlete asks about the offers (they are the answer then, not a line under
    it), when an offer was shown less than ``OFFER_INTERVAL`` ago, or when none fits.
    """
    offers = offers or load_offers()
    if offers.is_offer_question(question):
        return None
    if last_offer_at is not None:
        if last_offer_at.tzinfo is None:
            last_offer_at = last_offer_at.replace(tzinfo=UTC)
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        if now - last_offer_at < OFFER_INTERVAL:
            return None
    return fitting_offer(athlete_context, offers.offers)
