"""Free text: whatever an athlete types outside a command, routed to one use case.

Order: triage first (a red flag starts a hold, whatever else the text says); then an
answer the bot is waiting for (a check-in's reason or pain, "which session was it?");
then what the message is about: a missed run, pain, a question about their own
training, greetings and thanks, and anything else goes to the articles.
"""

from __future__ import annotations

import re

from coach.language import read_message, t
from usecases import checkins, questions, safety, swaps
from usecases.ports import Ports
from usecases.replies import Reply
from usecases.snapshot import load_snapshot

MAX_MESSAGE_CHARS = 4000


async def handle_text(*, ports: Ports, athlete_id: int, text: str) -> Reply:
    """The reply to one free-text message."""
    text = text.strip()
    if not text:
        return Reply(text=t("common.empty"))
    if len(text) > MAX_MESSAGE_CHARS:
        return Reply(text=t("common.too_long", limit=MAX_MESSAGE_CHARS))
    with ports.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=ports.now())
        language = snapshot.language
        flagged = safety.screen(session, snapshot, text)
        if flagged is not None:
            return flagged
        reading = read_message(text, today=snapshot.today)
        intent: str = reading.intent
        waiting = checkins.awaiting(session, snapshot)
        # A question or a thank-you is not the answer we wait for; it is answered as such.
        if (waiting is not None and intent not in ("greeting", "thanks")
                and not (waiting.status == "missed" and "?" in text)):
            return checkins.answer_awaited(session, snapshot, waiting, text)
        if intent in ("article_question", "other") and _reads_as_pain_answer(text):
            intent = "pain"  # "left calf, 4" answers "where does it hurt, 0-10?"
        question = swaps.open_question(session, snapshot)
        if question is not None and intent not in ("greeting", "thanks"):
            answered = swaps.answer_which_session(session, snapshot, question, text)
            if answered is not None:
                return answered
        if intent in ("missed_run", "pain") and snapshot.on_hold:
            return safety.reminder(snapshot)
        if intent == "pain":
            return checkins.pain_reply(session, snapshot, snapshot.today, text, checkin=None)
        if intent == "missed_run":
            return swaps.swap_for(session, snapshot, text, text)
        if intent == "greeting":
            name = snapshot.name or t("questions.there", language=language)
            key = "questions.greeting" if snapshot.onboarded else "questions.greeting_new"
            return Reply(text=t(key, language=language, name=name))
        if intent == "thanks":
            return Reply(text=t("questions.thanks", language=language))
        prepared = questions.prepare(session, snapshot, text)
    if isinstance(prepared, Reply):
        return prepared
    return await questions.article_answer(ports, prepared)


_PAIN_WORDS = re.compile(r"\b(hurt\w*|pain\w*|sore\w*|ache\w*|aching)\b", re.IGNORECASE)


def _reads_as_pain_answer(text: str) -> bool:
    """A place and a 0-10 score: "left calf, 4" (short, as an answer), or a report with a
    pain word even when it ends in a question ("my shin hurts like a 3, rest day right?").
    A local adaptation until the message reader knows these shapes."""
    pain = checkins.read_pain_answer(text)
    if checkins.written_score(text) is None or not pain.sites:
        return False  # a score guessed from "hurts" is not an answer to "how bad, 0-10?"
    return bool(_PAIN_WORDS.search(text)) or ("?" not in text and len(text) <= 80)
