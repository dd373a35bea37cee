"""Turn domain results into Telegram HTML, escaped, in messages under the size limit."""

from __future__ import annotations

import html
from collections.abc import Iterable

from telegram.constants import MessageLimit

from coach.answers import Answer
from coach.substitution import SwapOption, SwapResult

MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def split_message(text: str, *, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split at paragraph boundaries, then lines, then words, never over ``limit``."""
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for piece in _pieces(text, limit):
        sep = "\n\n" if current else ""
        if len(current) + len(sep) + len(piece) <= limit:
            current += sep + piece
        else:
            if current:
                chunks.append(current)
            current = piece
    if current:
        chunks.append(current)
    return chunks


def _pieces(text: str, limit: int) -> Iterable[str]:
    for paragraph in text.split("\n\n"):
        if len(paragraph) <= limit:
            yield paragraph
            continue
        line_chunk = ""
        for line in paragraph.split("\n"):
            for part in _hard_split(line, limit):
                candidate = f"{line_chunk}\n{part}" if line_chunk else part
                if len(candidate) <= limit:
                    line_chunk = candidate
                else:
                    yield line_chunk
                    line_chunk = part
        if line_chunk:
            yield line_chunk


def _hard_split(line: str, limit: int) -> Iterable[str]:
    while len(line) > limit:
        cut = line.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        yield line[:cut]
        line = line[cut:].lstrip(" ")
    yield line


def answer_html(answer: Answer) -> str:
    """The answer text, escaped; the source line (last line) in italics."""
    body, _, last = answer.text.rstrip().rpartition("\n")
    if body and answer.covered and answer.sources and last.lower().startswith("source"):
        return f"{escape(body)}\n<i>{escape(last)}</i>"
    return escape(answer.text)


_IMPACT = {
    "none": "no impact",
    "low": "low impact",
    "moderate": "moderate impact",
    "high": "high impact",
}


def option_html(index: int, option: SwapOption) -> str:
    place = "indoor" if option.indoor else "outdoor"
    return (
        f"<b>{index}. {escape(option.name)}</b> — {option.minutes} min, {escape(option.effort)} "
        f"(RPE {option.rpe}), {_IMPACT[option.impact]}, {place}\n"
        f"{escape(option.structure)}\n"
        f"<i>Why:</i> {escape(option.why)}\n"
        f"<i>Source:</i> {escape(option.source)}"
    )


def swap_html(result: SwapResult, *, intro: str | None = None) -> str:
    parts: list[str] = []
    if intro:
        parts.append(escape(intro))
    if result.referral:
        parts.append(f"⚠️ <b>{escape(result.referral)}</b>")
    if result.note:
        parts.append(escape(result.note))
    if result.options:
        parts.append(
            "Here's what I suggest instead:"
            if not result.referral
            else "If your clinician agrees, these are gentle enough:"
        )
        parts.extend(option_html(i, option) for i, option in enumerate(result.options, 1))
        parts.append("Tap the one you'll do and I'll log it.")
    return "\n\n".join(parts)
