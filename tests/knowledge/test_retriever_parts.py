"""Parts of the hybrid retriever that need no index: the hubness correction."""

from __future__ import annotations

import numpy as np

from knowledge.retriever import HUB_NEIGHBOURS, _hubness


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
