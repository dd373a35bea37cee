"""Telegram HTML: escaping, and messages split under the size limit."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from telegram.constants import MessageLimit

MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def text_length(text: str) -> int:
    """Length as Telegram may count it: UTF-16 code units (an emoji counts twice).

    Never less than ``len(text)``, so a message within this length is within the limit
    however Telegram counts; tags and entities only count less once parsed.
    """
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, *, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split at paragraph boundaries, then lines, then words, never over ``limit``.

    Pieces that are only whitespace are dropped (Telegram refuses empty messages), and a
    cut never lands inside an HTML tag or entity such as ``&amp;``.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if text_length(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for piece in _pieces(text, limit):
        sep = "\n\n" if current else ""
        if text_length(current) + len(sep) + text_length(piece) <= limit:
            current += sep + piece
        else:
            if current.strip():
                chunks.append(current)
            current = piece
    if current.strip():
        chunks.append(current)
    return chunks


def _pieces(text: str, limit: int) -> Iterable[str]:
    for paragraph in text.split("\n\n"):
        if text_length(paragraph) <= limit:
            yield paragraph
            continue
        line_chunk = ""
        for line in paragraph.split("\n"):
            for part in _hard_split(line, limit):
                candidate = f"{line_chunk}\n{part}" if line_chunk else part
                if text_length(candidate) <= limit:
                    line_chunk = candidate
                else:
                    yield line_chunk
                    line_chunk = part
        if line_chunk:
            yield line_chunk


_OPEN_ENTITY = re.compile(r"&#?\w{0,10}$")
_ENTITY_REST = re.compile(r"#?\w*;")


def _hard_split(line: str, limit: int) -> Iterable[str]:
    while text_length(line) > limit:
        fits = _fitting_prefix(line, limit)
        cut = line.rfind(" ", 0, fits + 1)
        if cut <= 0:
            cut = fits
        cut = _outside_markup(line, cut)
        yield line[:cut]
        line = line[cut:].lstrip(" ")
    yield line


def _fitting_prefix(line: str, limit: int) -> int:
    """How many characters of ``line`` fit in ``limit`` (at least one, to make progress)."""
    used = 0
    for index, char in enumerate(line):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return max(index, 1)
    return len(line)


def _outside_markup(line: str, cut: int) -> int:
    """Move ``cut`` back to before a tag or entity it would split, when that is possible."""
    tag_start = line.rfind("<", 0, cut)
    if tag_start > line.rfind(">", 0, cut) and tag_start > 0:
        return tag_start
    entity = _OPEN_ENTITY.search(line, 0, cut)
    if entity and entity.start() > 0 and _ENTITY_REST.match(line, cut):
        return entity.start()
    return cut
