"""Hybrid retrieval: dense (Chroma, best sentence) and BM25, fused by RRF.

Passages carry one idea each (knowledge/documents.py). The dense score of a passage adds
two similarities to the question read with the lexicon's words for the ideas it names
("stick with it (consistency, routine, habit)"): the passage under its heading path
(Chroma) and its best sentence (sentence vectors are kept in memory). The heading path
alone is no third view: a heading that asks rather than names ("What is ...?") reads far
from every question, and the view, chosen on the first sets, cost hit@1 on the sets
written later (evals/retrieval/README.md, thirteenth round). BM25 (``rank_bm25``) over
Snowball-stemmed words, with the question expanded by the domain lexicon
(knowledge/lexicon.yaml), catches rare exact words (VersaClimber, 29029) and the words
runners use for the same idea ("pouring" for "bad weather"). Reciprocal rank fusion
combines the two rankings without calibrating their scales.

General passages must not win on shared words alone: a passage that names one of the
coach's offers (knowledge/offers.yaml) ranks only for questions about the offers, and
first for those. A passage close in meaning to much of the article (an introduction, a
summary list) is close to every question too: its dense score is lowered by how close it
is to its nearest sentences elsewhere in the articles (hubness correction, as CSLS). A
summary list, found by its structure (its items each read closest to a different section's
heading), ranks as a general passage unless the question shares a word with it beyond the
titles' ("cross-training"), which every passage holds and a short passage wins BM25 on.
An article may list, in a sidecar (``<article>.questions.yaml``, knowledge/documents.py), the
questions its passages answer as runners would ask them (the hypothetical-questions pattern
of langchain's MultiVectorRetriever, doc2query). Each is embedded once, stored beside the
passages and mapped at refresh to the passage that holds its answer's quote. The question's
similarity to a passage's closest anticipated question adds to the dense score and ranks
the passages a third way in the fusion (``QUESTION_WEIGHT``); when that closest question is
the first passage's, its answer sentences lead the reply (``Passage.answers``).
Fusion uses the usual k=60 and weighs the two rankings alike: a tuned k and fusion
weights fitted the first development set's phrasings and did worse on questions written
after them. The few weights inside the dense view (hubness, lexicon
reading) were chosen on both development sets at once, the second written independently.
Nothing here knows the headings of a particular article.

A question counts as covered when its best sentence similarity (to the question as asked or
as read with the lexicon, whichever is higher) reaches the relevance floor
and it shares a topic word with the passages or its calibrated score (below) is clearly
high (``CLEAR_COVERAGE_SCORE``), or when the similarity is clearly high; and
never when a calibrated score says no passage really answers: the best similarity, plus
how close the question is to its article as a whole, minus how close it is to one of the
runners' topics the lexicon lists as not covered (shoes, fuelling, pacing...), falls below a
threshold chosen on the development sets (``coverage_score``). Before all of these, a
question asked almost as the article's questions file anticipates it ("who wrote this")
is covered: the coach wrote that the article answers it (``ANTICIPATED_COVERAGE``).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
from rank_bm25 import BM25Okapi

from coach.answers import Passage, Retrieval, ScoredSentence, topic_label
from coach.offers import Offers, load_offers
from knowledge.documents import (
    SECTION_SEPARATOR,
    AnticipatedQuestion,
    Chunk,
    find_passage,
    is_question,
    plain_words,
)
from knowledge.text import (
    CLOSING_WORDS,
    STOPWORDS,
    Lexicon,
    closing_sentences,
    load_lexicon,
    sentences,
    stem,
    term_of,
    terms,
    words,
)

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection
    from langchain_core.embeddings import Embeddings

    from knowledge.index_copy import IndexCopy

log = logging.getLogger(__name__)

RRF_K = 60
# The usual k of reciprocal rank fusion: a smaller one, tuned on the development set,
# fitted its phrasings and did no better on questions written later.
FUSION_K = RRF_K
DENSE_CANDIDATES = 20
# Above floor + this margin the meaning match alone is convincing, shared words or not.
CLEAR_MATCH_MARGIN = 0.25
# Below the floor by at most this, a shared topic word (or the lexicon's) shows coverage.
LEXICAL_MARGIN = 0.05
# A word the lexicon adds counts this much of one the athlete wrote.
EXPANSION_WEIGHT = 0.5
# Passages now hold one idea each: coverage looks a little past the ones returned.
COVERAGE_EXTRA = 2
# Hubness: a passage's dense score loses the mean similarity of its passage vector to this
# many nearest sentences of other passages (chosen on the two development sets).
HUB_NEIGHBOURS = 3
# Whether a passage really answers, as one calibrated score: the question's best sentence
# similarity, plus MEAN_WEIGHT times its mean similarity to every sentence of that
# sentence's article (how close it is to what the article is about as a whole), minus
# OFF_TOPIC_WEIGHT times its similarity to the nearest topic the articles don't cover
# (lexicon.yaml's off_topic). Below COVERAGE_THRESHOLD nothing answers. The weights are a
# logistic regression's on the five development sets (rounded, stable when any one set is
# left out); the threshold keeps 419 of their 422 in-scope questions, and chosen on four
# sets, then measured on the fifth, it refused 97 of their 105 off-topic questions
# (evals/retrieval/README.md, sixth round).
MEAN_WEIGHT = 1.0
OFF_TOPIC_WEIGHT = 1.5
COVERAGE_THRESHOLD = -0.03
# A question near in meaning (best sentence within LEXICAL_MARGIN of the floor or above)
# whose calibrated score reaches this is covered without a shared topic word. On the
# thirteen development sets no out-of-scope question that close scored above 0.11.
CLEAR_COVERAGE_SCORE = 0.15
# The dense view reads the question with up to this many of the lexicon's words for each
# idea it names ("stick with it (consistency, routine, habit)"), chosen on the dev sets.
EXPANSION_PHRASES = 4
# Asked about the offers, a passage naming one counts this much more than advice.
OFFER_BOOST = 2.0
# Asked about the author ("has the coach done it herself?"), a passage in which the author
# speaks of herself ("I", "me") counts this much more.
AUTHOR_BOOST = 1.3
_FIRST_PERSON = re.compile(r"\b(?:I|me)\b")
# A question naming a topic of the advice ranks general passages (introductions, the call
# to action) at this share of their fused score. With k=60 fusion a small share is a large
# penalty: 0.8 kept an introduction close in every view out of the first ten; 0.95 keeps it
# near the top without letting it win on shared words (chosen on dev to dev8, issue 11's
# eleventh round: facts +3, hit@3 up on five sets, hit@1 +1 in all).
GENERAL_WEIGHT = 0.95

# A passage listing at least this many items, each nearest in meaning to the heading of a
# different other section, summarises those sections: unless it shares a word with the
# question beyond the articles' titles, it ranks as a general passage.
SUMMARY_ITEMS = 3
_LIST_ITEM = re.compile(r"^\s*[-*•]\s+(.+?)\s*$", re.MULTILINE)

# A section with at least this many parts (subsections, named points) can be listed.
MIN_PARTS = 3
# Choosing the section a list question names: each word shared with its heading counts
# this much beside the meaning similarity.
LIST_WORD_BONUS = 0.1

# A term this long with a figure in it, held by one passage alone, names something
# (an event, a distance): a question naming it is covered however far its meaning reads.
IDENTIFIER_CHARS = 4

# Anticipated questions (an article's ``.questions.yaml``, knowledge/documents.py): the
# question's similarity to a passage's closest anticipated question (for a passage without
# any, its best sentence's) is one more signal. It joins the dense score at
# QUESTION_DENSE_WEIGHT of the best sentence's, and ranks the passages a third way, fused
# with the dense and lexical rankings at QUESTION_WEIGHT of either. Both chosen on the six
# development sets (evals/retrieval/README.md, issue 11's ninth round): from 0.25 to 0.75
# each, hit@1 moved by at most 3 of 494 questions; a whole vote (1.0) did worse.
QUESTION_WEIGHT = 0.5
QUESTION_DENSE_WEIGHT = 0.5
# The closest anticipated question's answer leads the reply when its passage came first and
# the question is at least this close to it (0.5 to 0.7 measured alike on the dev sets).
ANSWER_FIRST_FLOOR = 0.6
# When the anticipated question closest to the one asked is another passage's than the
# first, and at least this close, that passage's answer joins the reply after the first
# passage's (0.65 and 0.75 measured alike on the development sets; 0.6 gained nothing).
SECOND_ANSWER_FLOOR = 0.65
# A question at least this close to one an article's questions file anticipates is covered
# whatever the calibrated score says: the coach wrote that the article answers it. On the
# thirteen development sets no out-of-scope question came closer than 0.72 to any.
ANTICIPATED_COVERAGE = 0.75
# A question whose closest anticipated question (at least this close) is a passage's
# holding a sign-off or a byline asks for them ("remind me of the coach's motto": 0.57 to
# "whats your motto"); on the development sets, questions about training that came as close
# to such a question asked for encouragement, which the sign-off gives.
CLOSING_ASKED_FLOOR = 0.5
# A quote split between passages: a sentence ending in this many of its opening words.
MIN_QUOTED_WORDS = 4

# What a passage is for ranking: advice, general (introduction, call to action) or an offer.
Role = Literal["advice", "general", "offer"]

Method = Literal["hybrid", "dense", "bm25"]


@dataclass(frozen=True, slots=True)
class RankedChunk:
    chunk: Chunk
    score: float  # fused, 0..1
    best_sentence: float  # best sentence cosine similarity
    # Cosine similarity to the passage's closest anticipated question (-1 without any).
    anticipated: float = -1.0


def _quoted_positions(answer: str, chunk_sentences: Sequence[str]) -> frozenset[int]:
    """The positions of the sentences of a passage that the quote ``answer`` covers, in
    part or whole (matched on plain words, as ``locate`` finds the passage)."""
    quote = plain_words(answer)
    plain = [plain_words(sentence) for sentence in chunk_sentences]
    text = " ".join(plain)
    start = f" {text} ".find(f" {quote} ") if quote else -1
    if start < 0:
        # Only part of the quote is in this passage (a quote split by a re-split): the
        # sentences holding a long enough part of it.
        return frozenset(i for i, sentence in enumerate(plain)
                         if sentence and (sentence in quote or quote.startswith(
                             " ".join(sentence.split()[-MIN_QUOTED_WORDS:]))))
    end = start + len(quote)
    covered: set[int] = set()
    offset = 0
    for index, sentence in enumerate(plain):
        if offset < end and offset + len(sentence) > start:
            covered.add(index)
        offset += len(sentence) + 1
    return frozenset(covered)


def _as_array(embeddings: Embeddings, texts: list[str]) -> np.ndarray:
    embed_array = getattr(embeddings, "embed_array", None)
    if callable(embed_array):
        return cast(np.ndarray, embed_array(texts))
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    matrix = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return cast(np.ndarray, matrix / np.clip(norms, 1e-12, None))


def _query_vector(embeddings: Embeddings, text: str) -> np.ndarray:
    vector = np.asarray(embeddings.embed_query(text), dtype=np.float32)
    return cast(np.ndarray, vector / max(float(np.linalg.norm(vector)), 1e-12))


def _rrf(rankings: Sequence[Sequence[int]], size: int, k: int = RRF_K) -> np.ndarray:
    fused = np.zeros(size, dtype=np.float64)
    for ranking in rankings:
        for rank, index in enumerate(ranking):
            fused[index] += 1.0 / (k + rank + 1)
    # 1.0 means ranked first by every ranking.
    return cast(np.ndarray, fused / (len(rankings) / (k + 1)))


def _hubness(chunk_vectors: Sequence[Any], sentence_vectors: np.ndarray,
             sentence_owner: np.ndarray) -> np.ndarray:
    """Per passage, the mean cosine of its stored vector to its ``HUB_NEIGHBOURS`` nearest
    sentences of other passages (0 when its vector or other sentences are missing)."""
    out = np.zeros(len(chunk_vectors), dtype=np.float64)
    if not len(sentence_vectors):
        return out
    for index, vector in enumerate(chunk_vectors):
        if vector is None:
            continue
        v = np.asarray(vector, dtype=np.float32)
        v = v / max(float(np.linalg.norm(v)), 1e-12)
        if v.shape[0] != sentence_vectors.shape[1]:
            continue
        similar = (sentence_vectors @ v)[sentence_owner != index]
        if len(similar):
            out[index] = float(np.sort(similar)[-HUB_NEIGHBOURS:].mean())
    return out


def _identifiers(chunk_terms: Sequence[set[str]]) -> frozenset[str]:
    """Names with a figure that one passage alone holds ("29029", "100k" when only one
    passage says it): at least ``IDENTIFIER_CHARS`` characters, digits among them."""
    counts: dict[str, int] = {}
    for held in chunk_terms:
        for term in held:
            counts[term] = counts.get(term, 0) + 1
    return frozenset(term for term, count in counts.items()
                     if count == 1 and len(term) >= IDENTIFIER_CHARS
                     and any(ch.isdigit() for ch in term))


def _unit_rows(vectors: Sequence[Any]) -> np.ndarray | None:
    """The vectors as rows of unit length, or None when one is missing or they differ in
    length (then Chroma is asked per question)."""
    if not vectors or any(vector is None for vector in vectors):
        return None
    if len({len(vector) for vector in vectors}) != 1:
        return None
    matrix = np.asarray(vectors, dtype=np.float32)
    return cast(np.ndarray, matrix / np.clip(np.linalg.norm(matrix, axis=1, keepdims=True),
                                             1e-12, None))


def _summaries(chunks: Sequence[Chunk], heading_vectors: np.ndarray,
               embeddings: Embeddings) -> np.ndarray:
    """Per passage, whether it is a summary list: at least ``SUMMARY_ITEMS`` list items
    whose nearest heading paths (other sections' passages) belong to as many different
    sections. Such a passage names other sections' ideas; those sections develop them."""
    out = np.zeros(len(chunks), dtype=bool)
    for index, chunk in enumerate(chunks):
        items = _LIST_ITEM.findall(chunk.text)
        if len(items) < SUMMARY_ITEMS or not len(heading_vectors):
            continue
        others = np.asarray([other.source != chunk.source or other.headings != chunk.headings
                             for other in chunks], dtype=bool)
        if not others.any():
            continue
        similar = _as_array(embeddings, items) @ heading_vectors[others].T
        candidates = [chunks[int(i)] for i in np.flatnonzero(others)]
        nearest = {(candidates[int(j)].source, candidates[int(j)].headings)
                   for j in np.argmax(similar, axis=1)}
        out[index] = len(nearest) >= SUMMARY_ITEMS
    return out


def _below(chunk: Chunk) -> tuple[str, ...]:
    """The chunk's heading path below its article's title."""
    return chunk.headings[1:] if chunk.headings[:1] == (chunk.title,) else chunk.headings


def _parents(chunks: Sequence[Chunk]) -> list[list[int]]:
    """Sections made of parts: the passages (indexes, in the article's order) of each
    section with at least ``MIN_PARTS`` subsections or named points."""
    members: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for index, chunk in enumerate(chunks):
        below = _below(chunk)
        if len(below) >= 2:
            members.setdefault((chunk.source, chunk.headings[:-1]), []).append(index)
    return [sorted(indexes, key=lambda i: chunks[i].position) for indexes in members.values()
            if len({chunks[i].headings[-1] for i in indexes}) >= MIN_PARTS]


def _holds_run(sequence: Sequence[str], run: Sequence[str]) -> bool:
    """Whether ``run`` occurs in ``sequence`` as consecutive items."""
    size = len(run)
    return any(list(sequence[i:i + size]) == list(run) for i in range(len(sequence) - size + 1))


class HybridRetriever:
    """Implements ``coach.answers.Retriever`` over a Chroma collection of article chunks."""

    def __init__(
        self, *, collection: Collection | IndexCopy, embeddings: Embeddings, relevance_floor: float,
        lexicon: Lexicon | None = None, offers: Offers | None = None,
    ) -> None:
        self.collection = collection
        self.embeddings = embeddings
        self.relevance_floor = relevance_floor
        self.lexicon = lexicon or load_lexicon()
        self.offers = offers or load_offers()
        self._lock = threading.Lock()
        self._off_topic_vectors = _as_array(self.embeddings, list(self.lexicon.off_topic))
        self.refresh()

    def _roles(self, chunks: Sequence[Chunk]) -> list[Role]:
        """Offer passages name an offer; general ones are introductions or share their
        top-level section (per article) with an offer passage."""
        offer = [bool(self.offers.mentioned(chunk.text)) for chunk in chunks]

        def top(chunk: Chunk) -> tuple[str, str]:
            below = chunk.headings[1:] if chunk.headings[:1] == (chunk.title,) else \
                chunk.headings
            return chunk.source, below[0] if below else ""

        selling = {top(chunk) for chunk, is_offer in zip(chunks, offer, strict=True)
                   if is_offer}
        roles: list[Role] = []
        for chunk, is_offer in zip(chunks, offer, strict=True):
            if is_offer:
                roles.append("offer")
            elif chunk.kind == "introduction" or top(chunk) in selling:
                roles.append("general")
            else:
                roles.append("advice")
        return roles

    def refresh(self) -> None:
        """Reload chunks from the collection (after an ingest) and rebuild in-memory indexes."""
        stored = self.collection.get(
            include=cast(Any, ["documents", "metadatas", "embeddings"]))
        stored_vectors = stored.get("embeddings")
        if stored_vectors is None:
            stored_vectors = []
        by_id = dict(zip(stored["ids"], stored_vectors, strict=False))
        chunks: list[Chunk] = []
        questions: list[AnticipatedQuestion] = []
        for entry_id, document, metadata in zip(
                stored["ids"], stored["documents"] or [], stored["metadatas"] or [],
                strict=False):
            if is_question(dict(metadata or {})):
                questions.append(AnticipatedQuestion.from_stored(entry_id, document or "",
                                                                 dict(metadata or {})))
            else:
                chunks.append(Chunk.from_stored(entry_id, document or "",
                                                dict(metadata or {})))
        chunks.sort(key=lambda c: (c.title, c.source, c.position))
        questions.sort(key=lambda q: (q.source, q.id))
        question_owner, question_quoted, question_vectors = self._anticipated_questions(
            chunks, questions, by_id)
        sentence_texts: list[str] = []
        sentence_owner: list[int] = []
        sentence_position: list[int] = []
        for index, chunk in enumerate(chunks):
            for position, sentence in enumerate(sentences(chunk.text)):
                sentence_texts.append(sentence)
                sentence_owner.append(index)
                sentence_position.append(position)
        vectors = _as_array(self.embeddings, sentence_texts)
        heading_vectors = _as_array(self.embeddings, [chunk.context for chunk in chunks])
        bm25 = BM25Okapi([terms(chunk.embedding_text) for chunk in chunks]) if chunks else None
        roles = self._roles(chunks)
        hubness = _hubness([by_id.get(chunk.id) for chunk in chunks], vectors,
                           np.asarray(sentence_owner, dtype=np.int64))
        chunk_matrix = _unit_rows([by_id.get(chunk.id) for chunk in chunks])
        parents = _parents(chunks)
        summaries = _summaries(chunks, heading_vectors, self.embeddings)
        parent_vectors = _as_array(self.embeddings, [
            SECTION_SEPARATOR.join(_below(chunks[members[0]])[:-1]) for members in parents])
        titles = frozenset(term for chunk in chunks for term in terms(chunk.title))
        # A list question may name the section it lists by its heading's words ("why does
        # it work? the list"): they are no topic of their own.
        listable = titles | frozenset(
            term for members in parents
            for term in terms(SECTION_SEPARATOR.join(_below(chunks[members[0]])[:-1])))
        with self._lock:
            self._questions = [q for q, owner in zip(questions, question_owner, strict=True)
                               if owner >= 0]
            self._question_owner = np.asarray([o for o in question_owner if o >= 0],
                                              dtype=np.int64)
            self._question_quoted = [quoted for quoted, owner
                                     in zip(question_quoted, question_owner, strict=True)
                                     if owner >= 0]
            self._question_vectors = question_vectors[np.asarray(question_owner) >= 0] \
                if len(question_owner) else question_vectors
            self._parents = parents
            self._parent_vectors = parent_vectors
            self._title_terms = titles
            self._listable_terms = listable
            self._first_person = np.asarray(
                [bool(_FIRST_PERSON.search(chunk.text)) for chunk in chunks], dtype=bool)
            self._advice_terms = frozenset(
                term for chunk, role in zip(chunks, roles, strict=True) if role == "advice"
                for term in terms(chunk.embedding_text))
            self._hubness = hubness
            self._chunk_matrix = chunk_matrix
            self._summary = summaries
            self._roles_of = roles
            self.chunks = chunks
            self._index_of = {chunk.id: i for i, chunk in enumerate(chunks)}
            self._sentence_texts = sentence_texts
            self._sentence_owner = np.asarray(sentence_owner, dtype=np.int64)
            self._article_of = {source: i for i, source in
                                enumerate(dict.fromkeys(chunk.source for chunk in chunks))}
            self._sentence_article = np.asarray(
                [self._article_of[chunks[i].source] for i in sentence_owner], dtype=np.int64)
            self._sentence_position = sentence_position
            self._sentence_vectors = vectors
            self._bm25 = bm25
            self._chunk_terms = [set(terms(chunk.embedding_text)) for chunk in chunks]
            # Sign-offs, bylines and calls to action: answers leave them out unless asked.
            self._closing = [closing_sentences(chunk.text, author=chunk.author,
                                               hortatives=self.lexicon.hortatives)
                             for chunk in chunks]
            # Passages that only sign off (every sentence closing: a sign-off, a byline).
            self._sign_off = np.asarray(
                [bool(closing) and len(closing) == sentence_owner.count(i)
                 for i, closing in enumerate(self._closing)], dtype=bool)
            self._authors = sorted({chunk.author for chunk in chunks if chunk.author.strip()})
            self._identifiers = _identifiers(self._chunk_terms)
            # Every word the articles, their anticipated questions and the lexicon know: a
            # comparison's option outside it is one the articles don't cover ("yoga").
            self._vocabulary = frozenset(
                {term for held in self._chunk_terms for term in held}
                | {term for q in self._questions for term in terms(q.question)}
                | {term_of(form) for group in self.lexicon.groups for phrase in group
                   for form in phrase})
        log.info("retriever ready: %d chunks, %d sentences, %d anticipated questions",
                 len(chunks), len(sentence_texts), len(self._questions))

    def _anticipated_questions(
        self, chunks: Sequence[Chunk], questions: Sequence[AnticipatedQuestion],
        by_id: dict[str, Any],
    ) -> tuple[list[int], list[frozenset[int]], np.ndarray]:
        """Per anticipated question, the passage holding its answer's quote (-1 when none
        does: an index older than its article) and that passage's sentences the quote
        covers; and the questions' vectors (as stored, else embedded now), as unit rows."""
        by_source: dict[str, list[int]] = {}
        for index, chunk in enumerate(chunks):
            by_source.setdefault(chunk.source, []).append(index)
        owners: list[int] = []
        quoted: list[frozenset[int]] = []
        for question in questions:
            members = by_source.get(question.source, [])
            found = find_passage(question.answer, [chunks[i] for i in members])
            if found is None:
                log.warning("%s: the answer %r matches no passage; question %r left out",
                            question.questions_file, question.answer, question.question)
                owners.append(-1)
                quoted.append(frozenset())
                continue
            owner = members[found]
            owners.append(owner)
            quoted.append(_quoted_positions(question.answer, sentences(chunks[owner].text)))
        vectors = _unit_rows([by_id.get(question.id) for question in questions])
        if vectors is None:
            vectors = _as_array(self.embeddings, [question.question for question in questions])
        return owners, quoted, vectors

    def _closest_questions(self, query: np.ndarray) -> np.ndarray:
        """Per passage, the similarity of ``query`` to its closest anticipated question (-1
        without any)."""
        best = np.full(len(self.chunks), -1.0, dtype=np.float64)
        if not len(self._questions) or self._question_vectors.shape[1] != query.shape[0]:
            return best
        np.maximum.at(best, self._question_owner,
                      (self._question_vectors @ query).astype(np.float64))
        return best

    @property
    def anticipated(self) -> list[AnticipatedQuestion]:
        """The anticipated questions in use (those whose answer a passage holds)."""
        return list(self._questions)

    def expanded_question(self, question: str) -> str | None:
        """The question as the dense view reads it, with the lexicon's words for the ideas
        it names, or None when it names none."""
        phrases = self.lexicon.expansion_phrases(question, per_group=EXPANSION_PHRASES)
        return f"{question} ({', '.join(phrases)})" if phrases else None

    def query_texts(self, question: str) -> list[str]:
        """The texts ``retrieve`` embeds for ``question`` (to embed them ahead, in one batch)."""
        expanded = self.expanded_question(question)
        return [question] if expanded is None else [question, expanded]

    # -- the parts

    def _chunk_similarities(self, query: np.ndarray) -> np.ndarray:
        """Cosine similarity of each chunk; chunks past the top ``DENSE_CANDIDATES`` get
        its floor. From the chunk vectors read from Chroma at refresh (what Chroma's query
        would compute, without a call to it per question: with a Chroma server, an HTTP
        round trip), else from Chroma."""
        size = len(self.chunks)
        matrix = self._chunk_matrix
        if matrix is not None and matrix.shape == (size, query.shape[0]):
            cosines = (matrix @ query.astype(np.float32)).astype(np.float64)
            top = np.argsort(-cosines, kind="stable")[:min(DENSE_CANDIDATES, size)]
            floor = (float(cosines[top].min()) if len(top) else 0.0) - 0.01
            out = np.full(size, floor, dtype=np.float64)
            out[top] = cosines[top]
            return out
        result = self.collection.query(
            query_embeddings=cast(Any, [query.tolist()]),
            # The collection holds the anticipated questions too: look past them.
            n_results=min(DENSE_CANDIDATES, size) + len(self._questions),
            include=cast(Any, ["distances"]),
        )
        # The passages among the nearest entries (not the questions), nearest first.
        found = [(self._index_of[chunk_id], 1.0 - float(distance)) for chunk_id, distance
                 in zip(result["ids"][0], (result["distances"] or [[]])[0], strict=False)
                 if chunk_id in self._index_of][:DENSE_CANDIDATES]
        floor = (min(similarity for _, similarity in found) if found else 0.0) - 0.01
        out = np.full(size, floor, dtype=np.float64)
        for index, similarity in found:
            out[index] = similarity
        return out

    def _sentence_similarities(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per sentence similarity, and per chunk the best of its sentences."""
        per_sentence = self._sentence_vectors @ query if len(self._sentence_texts) else \
            np.zeros(0, dtype=np.float32)
        best = np.full(len(self.chunks), -1.0, dtype=np.float64)
        if len(per_sentence):
            np.maximum.at(best, self._sentence_owner, per_sentence.astype(np.float64))
        return per_sentence, best

    def _bm25_scores(self, question: str, *, expand: bool = True) -> np.ndarray:
        """BM25 of the question's terms, plus the lexicon's words at ``EXPANSION_WEIGHT``."""
        if self._bm25 is None:
            return np.zeros(0)
        own = terms(question)
        scores = cast(np.ndarray, self._bm25.get_scores(own))
        extra = self.lexicon.expand(question)[len(own):] if expand else []
        if extra:
            scores = scores + EXPANSION_WEIGHT * cast(np.ndarray, self._bm25.get_scores(extra))
        return scores

    def _listed(self, question: str, meaning: np.ndarray) -> list[int] | None:
        """The passages of the section whose parts ``question`` asks to list, in the
        article's order; None when it asks for no list (lexicon.yaml's ``listing``)."""
        if not self._parents or not self.lexicon.asks_for_list(question,
                                                                known=self._listable_terms):
            return None
        asked = set(self.lexicon.expand(question))
        scores = [float(self._parent_vectors[i] @ meaning) + LIST_WORD_BONUS * len(
            asked & set(terms(SECTION_SEPARATOR.join(
                _below(self.chunks[members[0]])[:-1]))))
            for i, members in enumerate(self._parents)]
        return self._parents[int(np.argmax(scores))]

    def _specific(self, question: str) -> bool:
        """Whether ``question`` names a topic of the advice (a topic word of its own or the
        lexicon's, other than the articles' titles, in an advice passage)."""
        topic = self.lexicon.topic(question) - self._title_terms
        return bool(topic & self._advice_terms)

    def _weights(self, question: str) -> np.ndarray:
        asks_offers = self.offers.is_offer_question(question)
        about_author = self.lexicon.about_author(question)
        weight = {"advice": 1.0,
                  "general": GENERAL_WEIGHT if self._specific(question) and not about_author
                  else 1.0,
                  "offer": OFFER_BOOST if asks_offers else 0.0}
        weights = np.asarray([weight[role] for role in self._roles_of], dtype=np.float64)
        # A summary list that shares no word with the question beyond the articles' titles
        # ranks as a general passage: the sections it names develop its ideas.
        asked = set(self.lexicon.expand(question)) - self._title_terms
        bare = np.asarray([is_summary and not asked & held for is_summary, held
                           in zip(self._summary, self._chunk_terms, strict=True)], dtype=bool)
        weights = np.where(bare, np.minimum(weights, GENERAL_WEIGHT), weights)
        if not self._about_writing(question) and not about_author:
            # A passage that only signs off shares words with training questions ("keep
            # it easy" and "easy days") and answers none: it ranks as a general passage.
            weights = np.where(self._sign_off, np.minimum(weights, GENERAL_WEIGHT), weights)
        if about_author:
            # Asked about the coach herself: the passages where she speaks of herself.
            weights = weights * np.where(self._first_person, AUTHOR_BOOST, 1.0)
        return weights

    def rank(self, question: str, *, method: Method = "hybrid") -> list[RankedChunk]:
        """Every chunk, best first, by the hybrid method or a single-signal baseline."""
        with self._lock:
            return self._rank(question, method=method)[0]

    def _rank(
        self, question: str, *, method: Method = "hybrid"
    ) -> tuple[list[RankedChunk], np.ndarray, np.ndarray | None, list[int] | None,
               np.ndarray]:
        """The ranking, the similarity of every sentence, the question's vector, the
        passages of the section whose parts the question asks to list (first in the
        ranking), if it asks for a list, and every sentence's similarity to the question as
        asked or as read with the lexicon, whichever is higher ("plyos" finds the sentence
        on plyometric exercises an answer quotes)."""
        if not self.chunks:
            return [], np.zeros(0), None, None, np.zeros(0)
        listed: list[int] | None = None
        query = _query_vector(self.embeddings, question)
        per_sentence, best_sentence = self._sentence_similarities(query)
        anticipated = self._closest_questions(query)
        expanded = self.expanded_question(question) if method == "hybrid" else None
        meaning = _query_vector(self.embeddings, expanded) if expanded else query
        read = per_sentence
        if method == "bm25":
            scores = self._bm25_scores(question)
            order = list(np.argsort(-scores, kind="stable"))
            fused = _rrf([order], len(self.chunks))
        elif method == "dense":
            scores = self._chunk_similarities(query)
            order = list(np.argsort(-scores, kind="stable"))
            fused = _rrf([order], len(self.chunks))
        else:
            # Two views of one passage's meaning: the passage in its heading path and its
            # best sentence.
            best_meaning = best_sentence
            if meaning is not query:
                per_meaning, best_meaning = self._sentence_similarities(meaning)
                read = np.maximum(per_sentence, per_meaning)
            dense = self._chunk_similarities(meaning) + best_meaning - self._hubness
            # The anticipated questions' signal; a passage without any is read by its best
            # sentence, as it would be without the questions.
            asked = np.where(anticipated > -1.0, anticipated, best_meaning)
            if (anticipated > -1.0).any():
                dense = dense + QUESTION_DENSE_WEIGHT * asked
            lexical = self._bm25_scores(question)
            dense_order = list(np.argsort(-dense, kind="stable"))
            # Chunks sharing no word with the question are not a lexical ranking at all.
            lexical_order = [int(i) for i in np.argsort(-lexical, kind="stable")
                             if lexical[i] > 0]
            fused = _rrf([dense_order, lexical_order], len(self.chunks), FUSION_K)
            if (anticipated > -1.0).any():
                question_order = list(np.argsort(-asked, kind="stable"))
                # Weighted RRF, still 1.0 for a passage every ranking puts first.
                fused = (2 * fused + QUESTION_WEIGHT * _rrf([question_order], len(self.chunks),
                                                            FUSION_K)) / (2 + QUESTION_WEIGHT)
            fused = fused * self._weights(question)
            fused = fused / max(1.0, float(fused.max(initial=0.0)))  # scores stay in 0..1
            order = list(np.argsort(-fused, kind="stable"))
            listed = self._listed(question, meaning)
            if listed:
                # Asked for a section's parts: they come first, in the article's order.
                top = float(fused.max(initial=0.0))
                fused[listed] = np.maximum(fused[listed], top)
                order = [*listed, *(i for i in order if i not in listed)]
            # Coverage reads the question both ways: slang ("plyos") meets the article's
            # words through the lexicon.
            best_sentence = np.maximum(best_sentence, best_meaning)
        ranked = [RankedChunk(self.chunks[i], float(fused[i]), float(best_sentence[i]),
                              float(anticipated[i]))
                  for i in order]
        return ranked, per_sentence, query, listed, read

    def _passage(self, ranked: RankedChunk, per_sentence: np.ndarray,
                 answers: frozenset[int] = frozenset(),
                 asked: frozenset[int] = frozenset()) -> Passage:
        """``asked``: the passage whose closing sentences the question asks for (see
        ``_closing_asked``): its closing sentences are quoted as any others."""
        index = self._index_of[ranked.chunk.id]
        scored = tuple(
            ScoredSentence(self._sentence_texts[j], float(per_sentence[j]),
                           self._sentence_position[j])
            for j in np.flatnonzero(self._sentence_owner == index)
        )
        return Passage(
            chunk_id=ranked.chunk.id,
            article=ranked.chunk.title,
            section=ranked.chunk.section,
            text=ranked.chunk.text,
            score=ranked.score,
            sentences=scored,
            kind=self._roles_of[index] if self._roles_of[index] != "advice"
            else ranked.chunk.kind,
            position=ranked.chunk.position,
            answers=answers,
            closing=frozenset() if index in asked else self._closing[index],
        )

    def _closing_asked(self, question: str, query: np.ndarray | None) -> frozenset[int]:
        """The passages that only sign off (a sign-off, a byline) whose sentences the
        question (its ``query`` vector) asks for: the one holding the anticipated question
        closest to it, when that question is at least ``CLOSING_ASKED_FLOOR`` close
        ("whats your motto" for "remind me of the coach's motto"); all of them when it asks
        about the writing itself (the lexicon's ``the_writing``). A call to action closing
        an advice passage is never asked for here (only with the offers, by the composer)."""
        asked: set[int] = set()
        if query is not None and len(self._questions) and \
                self._question_vectors.shape[1] == query.shape[0]:
            similar = self._question_vectors @ query
            closest = int(np.argmax(similar))
            owner = int(self._question_owner[closest])
            if float(similar[closest]) >= CLOSING_ASKED_FLOOR and self._sign_off[owner]:
                asked.add(owner)
        if self.lexicon.about_writing(question):
            asked |= {int(index) for index in np.flatnonzero(self._sign_off)}
        return frozenset(asked)

    def _about_writing(self, question: str) -> bool:
        """Whether ``question`` asks about the writing itself (the lexicon's
        ``the_writing``: its author, her sign-off) or names an article's author: then a
        passage that only signs off ranks as any other."""
        said = f" {' '.join(words(question))} "
        return self.lexicon.about_writing(question) or any(
            f" {' '.join(words(author))} " in said for author in self._authors)

    def _answer_first(self, query: np.ndarray | None, first: RankedChunk) -> frozenset[int]:
        """The positions of the sentences of ``first`` (the passage ranked first) that answer
        the anticipated question closest to the question (its ``query`` vector), when that
        question is the passage's own and at least ``ANSWER_FIRST_FLOOR`` close; else none."""
        if query is None or not len(self._questions) or \
                self._question_vectors.shape[1] != query.shape[0]:
            return frozenset()
        similar = self._question_vectors @ query
        closest = int(np.argmax(similar))
        if (float(similar[closest]) < ANSWER_FIRST_FLOOR
                or int(self._question_owner[closest]) != self._index_of[first.chunk.id]):
            return frozenset()
        return self._question_quoted[closest]

    def _seconded(self, query: np.ndarray | None, ranked: Sequence[RankedChunk],
                  top: Sequence[RankedChunk]) -> tuple[RankedChunk, frozenset[int]] | None:
        """The passage holding the answer to the anticipated question closest to the
        question (its ``query`` vector), with the positions of that answer's sentences, when
        that question is at least ``SECOND_ANSWER_FLOOR`` close and its passage is not the
        first (``top[0]``) nor an offer: its answer joins the reply after the first
        passage's ("bored of running, should I mix it up?" - the introduction's "just
        looking to shake things up" - beside the advice that ranked first)."""
        if query is None or not top or not len(self._questions) or \
                self._question_vectors.shape[1] != query.shape[0]:
            return None
        similar = self._question_vectors @ query
        closest = int(np.argmax(similar))
        owner = int(self._question_owner[closest])
        if (float(similar[closest]) < SECOND_ANSWER_FLOOR or owner < 0
                or owner == self._index_of[top[0].chunk.id]
                or self._roles_of[owner] == "offer"
                or self.chunks[owner].source != top[0].chunk.source):
            return None
        found = next((r for r in ranked if self._index_of[r.chunk.id] == owner), None)
        if found is None or not self._question_quoted[closest]:
            return None
        return found, self._question_quoted[closest]

    def coverage_score(self, per_sentence: np.ndarray, query: np.ndarray,
                       best: float) -> float | None:
        """The calibrated score that a passage really answers (see ``COVERAGE_THRESHOLD``):
        ``best``, the question's best sentence similarity anywhere, plus the weighted mean
        similarity (``per_sentence``, the question as asked) to the sentences of the
        article holding its best sentence, minus the weighted similarity to the nearest
        topic the articles don't cover. None without such topics or sentences."""
        if not len(self._off_topic_vectors) or not len(per_sentence):
            return None
        owner = self.chunks[int(self._sentence_owner[int(np.argmax(per_sentence))])]
        same = self._sentence_article == self._article_of[owner.source]
        mean = float(np.mean(per_sentence[same]))
        off_topic = float(np.max(self._off_topic_vectors @ query))
        return best + MEAN_WEIGHT * mean - OFF_TOPIC_WEIGHT * off_topic

    def is_covered(self, question: str, ranked: Sequence[RankedChunk],
                   query: np.ndarray | None = None, *, anywhere: float | None = None,
                   per_sentence: np.ndarray | None = None) -> bool:
        """Close enough in meaning (best sentence) and sharing a topic word, the lexicon's
        words for the same idea included; or so close in meaning that words don't matter.
        Never when the calibrated score (``coverage_score``) says no passage really
        answers: the question (its vector ``query``) is about as close to a topic the
        articles don't cover, and little of the article is about it."""
        if not ranked:
            return False
        if max(r.anticipated for r in ranked) >= ANTICIPATED_COVERAGE:
            return True  # asked (almost) as the article's questions file asks it
        best = max(r.best_sentence for r in ranked)
        score: float | None = None
        if query is not None and per_sentence is not None:
            # ``anywhere``: the best sentence of all the passages, ranked first or not.
            score = self.coverage_score(per_sentence, query, max(best, anywhere or best))
            if score is not None and score < COVERAGE_THRESHOLD:
                return False
        if (self.offers.is_offer_question(question)
                and self._roles_of[self._index_of[ranked[0].chunk.id]] == "offer"):
            return True  # asked about the offers, and the passage naming them came first
        if best >= self.relevance_floor + CLEAR_MATCH_MARGIN:
            return True
        if best < self.relevance_floor - LEXICAL_MARGIN:
            # Far in meaning, but naming something only one passage names, a number such as
            # an event's ("29029"): the model reads such names poorly, the words are exact.
            return any(term in self._identifiers
                       and term in self._chunk_terms[self._index_of[ranked[0].chunk.id]]
                       for term in terms(question))
        if score is not None and score >= CLEAR_COVERAGE_SCORE:
            # Near in meaning, far from every topic the articles skip and close to the
            # article as a whole: no shared word needed ("rolled my ankle, can i still
            # train?" reads as the advice on training around injuries).
            return True
        topic = self.lexicon.topic(question)
        return any(topic & self._chunk_terms[self._index_of[r.chunk.id]] for r in ranked)

    # -- the Retriever protocol

    def retrieve(self, question: str, *, limit: int = 3) -> Retrieval:
        """The ``limit`` best passages, then the other passages of the first one's section
        (a story and the advice it supports travel together)."""
        with self._lock:
            ranked, per_sentence, query, listed, chosen = self._rank(question)
            top = [r for r in ranked[:limit] if r.score > 0]
            covered = self.is_covered(
                question, [r for r in ranked[:limit + COVERAGE_EXTRA] if r.score > 0], query,
                anywhere=max((r.best_sentence for r in ranked), default=None),
                per_sentence=per_sentence)
            if listed:
                parts = ranked[:len(listed)]
                outline = SECTION_SEPARATOR.join(_below(parts[0].chunk)[:-1])
                return Retrieval(passages=[self._passage(r, chosen) for r in parts],
                                 covered=covered, outline=outline,
                                 options=self.lexicon.compared(question))
            if top:
                first = top[0].chunk
                top += [r for r in ranked[limit:]
                        if r.chunk.source == first.source and r.chunk.section == first.section]
            leads = self._answer_first(query, top[0]) if top else frozenset()
            asked = self._closing_asked(question, query)
            passages = [self._passage(r, chosen, leads if i == 0 else frozenset(), asked)
                        for i, r in enumerate(top)]
            seconded = self._seconded(query, ranked, top)
            if seconded is not None:
                ranked_second, positions = seconded
                passages = [p for p in passages if p.chunk_id != ranked_second.chunk.id]
                passages.append(self._passage(ranked_second, chosen, positions, asked))
            unanswered = self._unanswered(question, top) if covered else ""
        options = self.lexicon.compared(question)
        heads = self.lexicon.option_heads(options) if options else None
        return Retrieval(passages=passages, covered=covered, options=options,
                         unanswered=unanswered,
                         byline=self._byline(question, passages),
                         option_heads=heads,
                         unread=frozenset(head for head in heads or () if head
                                          and not {stem(w) for w in words(head)}
                                          & self._vocabulary))

    def _unanswered(self, question: str, top: Sequence[RankedChunk]) -> str:
        """The phrase narrowing the question to a situation (the lexicon's ``qualifier``:
        "in race week") when the articles don't speak to that situation, else "". They
        don't when the passage ranked first holds none of its content words nor the
        lexicon's words for them, no passage retrieved holds one of them at all, and the
        articles never use them together: the rest of the question is what they answer."""
        phrase = self.lexicon.qualifier(question)
        # A one-word opener ("during", "for") is no part of the situation; "the day
        # before" is.
        named = phrase[1:] if phrase[:1] in (*self.lexicon.qualifier_openers, ("for",)) \
            else phrase
        content = [w for w in named if w not in STOPWORDS and not w.isdigit()]
        if not content or not top:
            return ""
        held = [self._chunk_terms[self._index_of[r.chunk.id]] for r in top]

        def read(word: str) -> set[str]:
            return {stem(word), *self.lexicon.expand(word)}

        if any(read(word) & held[0] for word in content):
            return ""
        if not any(all(not read(word) & terms_of for terms_of in held) for word in content):
            return ""
        # Words the articles use elsewhere, together as the question puts them, are a
        # situation they speak to ("at home"; "race week" is not: "race" and "week" are
        # never side by side).
        said = [stem(word) for word in content]
        if len(said) == 1 and said[0] in self._vocabulary:
            return ""
        if len(said) > 1 and any(_holds_run(terms(chunk.embedding_text), said)
                                 for chunk in self.chunks):
            return ""
        return " ".join(self.lexicon.addressed.get(word, word) for word in phrase)

    def _byline(self, question: str, passages: Sequence[Passage]) -> tuple[str, str] | None:
        """Asked who wrote the articles ("who wrote this?", "whos <author>?": a question
        opening with the lexicon's ``identity`` words that asks about the writing or names
        an author): the author of the first passage's article (its front matter) and the
        short line of that article naming her (its byline), or "" when none does; both ""
        when the article names no author. None for any other question."""
        said = words(question)
        if not said or not set(said[:2]) & self.lexicon.identity or not self._about_writing(
                question):
            return None
        article = passages[0].article if passages else None
        chunks = [c for c in self.chunks if c.author.strip()
                  and (article is None or c.title == article)]
        if not chunks:
            return "", ""
        author = chunks[0].author.strip()
        name = f" {' '.join(words(author))} "
        line = next((line.strip() for chunk in chunks for line in chunk.text.splitlines()
                     if name in f" {' '.join(words(line))} "
                     and len(words(line)) <= CLOSING_WORDS), "")
        return author, line

    def topics(self) -> list[str]:
        """The advice sections of every article (not introductions, offers or points)."""
        seen: list[str] = []
        for chunk, role in zip(self.chunks, self._roles_of, strict=True):
            headings = chunk.headings[:-1] if chunk.kind == "point" else chunk.headings
            leaf = headings[-1] if len(headings) > 1 else ""
            if not leaf or role != "advice":
                continue
            label = topic_label(leaf)
            if label not in seen:
                seen.append(label)
        return seen
