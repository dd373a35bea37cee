"""The word lists are data files, and the equipment table maps onto the engine's words."""

from __future__ import annotations

from coach.catalogue import EQUIPMENT_WORDS
from coach.language.equipment import equipment_words
from coach.language.lexicon import LANGUAGE_ROOT, words


def test_equipment_table_covers_exactly_the_engines_words() -> None:
    assert equipment_words() == EQUIPMENT_WORDS


def test_every_english_word_file_loads() -> None:
    for path in sorted((LANGUAGE_ROOT / "en").glob("*.yaml")):
        assert words(path.stem), path.name
