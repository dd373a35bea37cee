"""Parts of the hybrid retriever: the hubness correction, list questions, dense candidates."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.documents import AnticipatedQuestion, Chunk
from knowledge.retriever import (
    DENSE_CANDIDATES,
    HUB_NEIGHBOURS,
    HybridRetriever,
    _hubness,
    _unit_rows,
)


def _unit(*values: float) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_a_passage_close_to_many_other_sentences_is_a_hub() -> None:
    # Passage 0 is a summary: its vector sits between the sentences of passages 1 and 2.
    summary, injuries, speed = _unit(1, 1, 0), _unit(1, 0, 0), _unit(0, 1, 0)
    sentences = np.stack([summary, injuries, injuries, speed, speed, _unit(0, 0, 1)])
    owner = np.asarray([0, 1, 1, 2, 2, 3])
    hubness = _hubness([summary, injuries, speed, _unit(0, 0, 1)], sentences, owner)
    assert hubness[0] > hubness[1] and hubness[0] > hubness[2]
    # Its own sentences never count: passage 3 has no neighbour but itself.
    assert hubness[3] < 0.5
    assert HUB_NEIGHBOURS >= 1


def test_a_passage_without_a_stored_vector_is_no_hub() -> None:
    sentences = np.stack([_unit(1, 0), _unit(0, 1)])
    hubness = _hubness([None, _unit(0, 1)], sentences, np.asarray([0, 1]))
    assert hubness[0] == 0.0
    assert _hubness([_unit(1, 0)], np.zeros((0, 2), dtype=np.float32),
                    np.zeros(0, dtype=np.int64)).tolist() == [0.0]


def test_a_list_question_is_one_holding_a_cue_and_little_else() -> None:
    from knowledge.text import load_lexicon, terms

    lexicon = load_lexicon()
    title = frozenset(terms("Why Swimming Helps Cyclists"))
    assert lexicon.asks_for_list("what are the benefits of swimming", known=title)
    assert lexicon.asks_for_list("gimme the main reasons, like a list", known=title)
    # A cue beside a question of its own is no request for a list.
    assert not lexicon.asks_for_list("any tips for fitting swims into a marathon plan",
                                     known=title)
    assert not lexicon.asks_for_list("my knee hurts after swimming", known=title)


def test_chat_words_beside_a_list_cue_ask_for_the_list_all_the_same() -> None:
    from knowledge.text import load_lexicon, terms

    lexicon = load_lexicon()
    title = frozenset(terms("Why Swimming Helps Cyclists"))
    assert lexicon.asks_for_list("reasons in a nutshell pls", known=title)
    assert lexicon.asks_for_list("benefits of swimming?? tldr plz", known=title)
    assert lexicon.asks_for_list("just the main tips as bullets please", known=title)
    # The chat words don't turn a question of its own into a list request.
    assert not lexicon.asks_for_list("tips pls, my knee hurts after swimming", known=title)


def test_sections_of_parts_are_those_with_three_subsections_or_points() -> None:
    from knowledge.documents import Chunk
    from knowledge.retriever import _parents

    def chunk(position: int, *headings: str) -> Chunk:
        return Chunk(id=str(position), text="x", article="a", title="T", author="",
                     language="en", source="a.md", headings=("T", *headings),
                     position=position)

    chunks = [chunk(0), chunk(1, "Why"), chunk(2, "Why", "1. One"), chunk(3, "Why", "1. One"),
              chunk(4, "Why", "2. Two"), chunk(5, "Why", "3. Three"),
              chunk(6, "How", "Point A"), chunk(7, "How", "Point B")]
    # "Why" has three parts (one told over two passages); "How" only two.
    assert _parents(chunks) == [[2, 3, 4, 5]]


def test_an_identifier_is_a_term_with_a_figure_that_one_passage_alone_holds() -> None:
    from knowledge.retriever import _identifiers

    held = [{"29029", "everest", "5k"}, {"100k", "ultra"}, {"100k", "climb"}, {"ultra"}]
    # "5k" is too short to name anything; "100k" is in two passages; words have no figure.
    assert _identifiers(held) == frozenset({"29029"})


def test_dense_candidates_come_from_memory_as_chroma_would_rank_them(
    shipped_retriever: HybridRetriever, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The chunk vectors are read from Chroma at refresh; a question asks Chroma nothing
    # (with a Chroma server that is an HTTP round trip saved), with Chroma's answer.
    retriever = shipped_retriever
    query = np.asarray(retriever.embeddings.embed_query("how do I stay fit with a sore knee?"),
                       dtype=np.float32)
    from_memory = retriever._chunk_similarities(query)
    kept = retriever._chunk_matrix
    monkeypatch.setattr(retriever, "_chunk_matrix", None)
    from_chroma = retriever._chunk_similarities(query)
    monkeypatch.setattr(retriever, "_chunk_matrix", kept)
    assert np.allclose(from_memory, from_chroma, atol=1e-5)
    assert list(np.argsort(-from_memory)[:DENSE_CANDIDATES]) == \
        list(np.argsort(-from_chroma)[:DENSE_CANDIDATES])

    def no_query(*args: object, **kwargs: object) -> None:
        raise AssertionError("Chroma was asked")

    monkeypatch.setattr(retriever.collection, "query", no_query)
    assert retriever.retrieve("is cycling good cross-training for a marathon?").passages


def test_without_every_chunk_vector_chroma_is_asked() -> None:
    assert _unit_rows([]) is None
    assert _unit_rows([[1.0, 0.0], None]) is None
    assert _unit_rows([[1.0, 0.0], [1.0, 0.0, 0.0]]) is None
    rows = _unit_rows([[3.0, 4.0], [0.0, 2.0]])
    assert rows is not None and np.allclose(rows, [[0.6, 0.8], [0.0, 1.0]])


class _KeywordEmbeddings:
    """Embeds a text as the axes of the keywords it holds (injur, speed, fun, weather)."""

    AXES = ("injur", "speed", "fun", "weather")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[1.0 if axis in text.lower() else 0.0 for axis in self.AXES] + [0.1]
                for text in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def test_a_list_whose_items_each_resemble_another_section_is_a_summary() -> None:
    from typing import Any, cast

    from knowledge.documents import Chunk
    from knowledge.retriever import SUMMARY_ITEMS, _as_array, _summaries

    def chunk(position: int, heading: str, text: str) -> Chunk:
        return Chunk(id=str(position), text=text, article="a", title="T", author="",
                     language="en", source="a.md", headings=("T", heading),
                     position=position)

    summary = "If you are:\n- recovering from an injury,\n- after speed,\n- after fun\nread on."
    same_idea = "Options:\n- injury rehab\n- injury prevention\n- injury return"
    chunks = [chunk(0, "Injuries", "Rest."), chunk(1, "Speed", "Sprint."),
              chunk(2, "Fun", "Play."), chunk(3, "Weather", "Rain."),
              chunk(4, "Right for you?", summary), chunk(5, "Rehab", same_idea),
              chunk(6, "Short", "- injury\n- speed")]
    embeddings = cast(Any, _KeywordEmbeddings())
    headings = _as_array(embeddings, [c.context for c in chunks])
    # Only the list naming three different sections' ideas; a list on one idea, or one
    # shorter than SUMMARY_ITEMS, develops its own.
    assert _summaries(chunks, headings, embeddings).tolist() == [
        False, False, False, False, True, False, False]
    assert SUMMARY_ITEMS == 3


def test_a_passage_and_an_anticipated_question_come_back_whole_from_the_index() -> None:
    chunk = Chunk(id="c1", text="Use cross-training on recovery days.", article="a",
                  title="A Title", author="Dayna", language="en", source="/x/a.md",
                  headings=("A Title", "How To", "Schedule It"), position=7, kind="point")
    assert Chunk.from_stored(chunk.id, chunk.text, dict(chunk.metadata())) == chunk
    question = AnticipatedQuestion(id="q1", question="when do i cross train?",
                                   answer="Use cross-training on recovery days", article="a",
                                   title="A Title", source="/x/a.md",
                                   questions_file="a.questions.yaml")
    stored = dict(question.metadata())
    assert AnticipatedQuestion.from_stored(question.id, question.question, stored) == question
    # What an older index did not store reads as empty (a chunk's language as English).
    bare = Chunk.from_stored("c2", "text", {})
    assert (bare.language, bare.kind, bare.headings, bare.position) == ("en", "text", (), 0)
    assert AnticipatedQuestion.from_stored("q2", "why?", {}).answer == ""
