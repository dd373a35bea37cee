"""Text helpers shared by the retriever and the answer composer.

Words are stemmed with the Snowball English stemmer ("injuries" and "injury" meet as
"injuri"); the domain lexicon (knowledge/lexicon.yaml) expands a question with the words
runners use for the same idea.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer
import yaml

from coach.yaml_files import parse_yaml

DEFAULT_LEXICON_PATH = Path(__file__).resolve().parent / "lexicon.yaml"
_STEMMER = snowballstemmer.stemmer("english")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(\[]?[A-Z0-9])")

# Words that say nothing about a topic.
STOPWORDS = _word_set(
    """a an the and or but if of to in on for with at by from as is are was were be been being
    it its this that these those i me my mine we our you your yours he she her his
    they them their what which who whom how why when where can could should would will shall may
    might must do does did doing done have has had having not no nor so than too very just about
    into over under after before up down out off again further then once there here all any both
    each few more most other some such only own same s t don now am while also get got let lets
    like im ive id dont cant wont isnt arent anything something someone thing things much
    many"""
)

# Words nearly every runner's question contains, and words that only frame a question
# ("instead", "during", "bad"): they show no topic on their own, so they are no evidence
# that an article covers a question.
GENERIC_RUNNER_WORDS = _word_set(
    """run runs ran running runner runners race races racing train trains trained training
    marathon marathons week weeks weekly day days today workout workouts time times mile miles
    km k 5k 10k half pace best good better need needs want wants much many make makes help
    way take do really go going know tell please
    instead during bad ok okay fine normal"""
)


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem: 'injuries'/'injury', 'climbing'/'climb' meet."""
    return str(_STEMMER.stemWord(word))


_ADVERB_MARK = "+ly"


@lru_cache(maxsize=20000)
def match_form(word: str) -> str:
    """The form a lexicon phrase is matched on: the stem, except that an adverb made from
    another word ("personally", "regularly": the same stem without its "ly") is kept apart
    from that word ("personal best" is no "personally", asking about the author)."""
    stemmed = stem(word)
    if len(word) > 4 and word.endswith("ly") and stem(word[:-2]) == stemmed:
        return stemmed + _ADVERB_MARK
    return stemmed


def term_of(form: str) -> str:
    """The BM25 term of a matching form (``match_form``)."""
    return form.removesuffix(_ADVERB_MARK)


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (apostrophes kept inside words, as in "can't")."""
    return _WORD.findall(text.lower().replace("’", "").replace("'", ""))


def terms(text: str) -> list[str]:
    """Stemmed content words, for BM25 and overlap scores."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def topic_terms(text: str) -> set[str]:
    """Content words that name a topic (no stopwords, no words every runner uses)."""
    return {stem(w) for w in words(text)
            if w not in STOPWORDS and w not in GENERIC_RUNNER_WORDS and len(w) > 1}


_ABBREVIATION = re.compile(r"(?:\b(?:Mt|Dr|St|Mr|Mrs|Ms|Jr|vs|etc|fav|approx|min|e\.g|i\.e)\.)$",
                           re.IGNORECASE)
_JOINS_NEXT = (",", ":", ";", "—", "-", "–")
_ENDS_MID_SENTENCE = re.compile(r"\b(?:or|and|but|to|the|a|an|of)$", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Split a chunk into sentences.

    Lines are joined when a line ends mid-sentence (a comma, a colon before a list) or the
    next one starts in lower case; abbreviations such as "Mt." do not end a sentence.
    """
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("- ", "* ")):
            line = line[2:].strip()
        if not line:
            continue
        if lines and (lines[-1].endswith(_JOINS_NEXT) or line[:1].islower()
                      or (_ENDS_MID_SENTENCE.search(lines[-1]) and " " in lines[-1])):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    result: list[str] = []
    for line in lines:
        pieces = [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]
        for piece in pieces:
            if result and _ABBREVIATION.search(result[-1]) and result[-1] in line:
                result[-1] = f"{result[-1]} {piece}"
            else:
                result.append(piece)
    return result


# A line of a closing block is this short at most ("Happy running, and remember,").
CLOSING_LINE_CHARS = 60
# A byline or a call to action that closes a passage is this many words at most.
CLOSING_WORDS = 8


def _last_paragraph(text: str) -> str:
    return re.split(r"\n\s*\n", text.strip())[-1] if text.strip() else ""


def closing_sentences(text: str, *, author: str = "",
                      hortatives: Sequence[tuple[str, ...]] = ()) -> frozenset[int]:
    """The positions (in ``sentences(text)``) of the sentences that close a piece of
    writing rather than advise, found by position and shape, never by their words:

    - a sign-off: the passage's last paragraph written as short broken lines, one of them
      ending mid-sentence on a comma, as a letter's closing is ("Happy running,");
    - a byline: a short last line naming the article's ``author`` (front matter);
    - a call to action: the passage's last sentence when it opens with one of the
      ``hortatives`` (the lexicon's "let's", as ``words``), or is a short exclamation
      that follows other sentences."""
    found = sentences(text)
    if not found:
        return frozenset()
    closing: set[int] = set()
    last = _last_paragraph(text)
    lines = [line.strip() for line in last.splitlines() if line.strip()]
    if (len(lines) >= 2 and not any(line.startswith(("- ", "* ")) for line in lines)
            and all(len(line) <= CLOSING_LINE_CHARS for line in lines)
            and any(line.endswith(",") for line in lines[:-1])):
        block = {" ".join(s.split()) for s in sentences(last)}
        closing |= {i for i, s in enumerate(found) if " ".join(s.split()) in block}
    name = [word for word in words(author) if word not in STOPWORDS]
    byline = words(lines[-1]) if lines else []
    if name and len(byline) <= CLOSING_WORDS and any(
            byline[i:i + len(name)] == name for i in range(len(byline))):
        closing |= {i for i, s in enumerate(found) if " ".join(words(s)).endswith(
            " ".join(byline))}
    final = found[-1]
    said = words(final)
    calls = any(tuple(said[:len(phrase)]) == phrase for phrase in hortatives if phrase)
    exclaims = len(found) > 1 and final.endswith("!") and len(said) <= CLOSING_WORDS - 2
    if calls or exclaims:
        closing.add(len(found) - 1)
    return frozenset(closing)


# ---------------------------------------------------------------- the domain lexicon

# A comparison's option is named in at most this many words ("tai chi", "pool running").
OPTION_WORDS = 2


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Groups of words meaning about the same thing, and the advice that is high impact."""

    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()  # each phrase as stemmed terms
    # The same groups as written, for a question's meaning (``expansion_phrases``).
    written: tuple[tuple[str, ...], ...] = ()
    high_impact: tuple[str, ...] = ()
    caution: str = ""
    # Runners' topics the articles don't cover, as short descriptions (for refusals).
    off_topic: tuple[str, ...] = ()
    # Words asking for a list of a section's parts, words that say nothing beside them,
    # and how many other topic words such a question may hold (``asks_for_list``).
    list_cues: tuple[tuple[str, ...], ...] = ()
    list_fillers: frozenset[str] = frozenset()
    list_other_words: int = 1
    # Words that ask about the articles' author herself ("dayna", "the coach", "herself").
    author_words: tuple[tuple[str, ...], ...] = ()
    # Words asking about the writing itself: its author, the line she signs off with.
    writing_words: tuple[tuple[str, ...], ...] = ()
    # Words opening a call to action ("let's"), as ``words``: ``closing_sentences``.
    hortatives: tuple[tuple[str, ...], ...] = ()
    # Words that set two options against each other ("or", "vs", "better than"), as
    # ``words``, longest first: ``compared``.
    comparison: tuple[tuple[str, ...], ...] = ()
    # Words putting one option in another's place ("rather than"), as ``words``: no
    # comparison, though they end with a comparing word.
    replacement: tuple[tuple[str, ...], ...] = ()
    # Words saying a question asks leave for an activity ("is cycling ok?"), as ``words``,
    # and patterns naming an activity the catalogue may not list ("play football"):
    # ``asks_leave`` and ``unlisted_activity``.
    leave_words: tuple[tuple[str, ...], ...] = ()
    leave_openers: tuple[tuple[str, ...], ...] = ()
    # A catalogue activity's name for words its names don't hold ("breaststroke":
    # "swimming"), as ``words``: ``activity_named``.
    activity_aliases: tuple[tuple[tuple[str, ...], str], ...] = ()
    unlisted: tuple[str, ...] = ()
    # Patterns whose first group is what a question asking leave asks about
    # ("is yoga ok?": "yoga"): ``asked_about``.
    asked_about_patterns: tuple[str, ...] = ()
    # Words opening a question about who someone is ("who", "whos"), as ``words``.
    identity: frozenset[str] = frozenset()
    # Words passed over to reach what a comparison's second option names: ``option_heads``.
    comparison_skip: frozenset[str] = frozenset()
    # Words opening a phrase that narrows a question to a situation ("in race week"), as
    # ``words``, longest first: ``qualifier``.
    qualifier_openers: tuple[tuple[str, ...], ...] = ()
    # Words that may open that phrase ("my"), and words that make it narrow nothing
    # ("meantime", "lol").
    qualifier_determiners: frozenset[str] = frozenset()
    qualifier_vague: frozenset[str] = frozenset()
    # Words ending a phrase that names someone other than the runner advised ("a pregnant
    # runner", "my 12 year old"): after "for", or as the question's subject, such a phrase
    # narrows it to a situation too (``qualifier``).
    qualifier_people: frozenset[str] = frozenset()
    # Words after which a phrase is a question's subject ("should *my son* cross train?").
    qualifier_subject_after: frozenset[str] = frozenset()
    # Words joining someone to another ("my son *and* I"): no subject of their own.
    qualifier_joined: frozenset[str] = frozenset()
    # The runner's words for themselves: a clause holding one is about them.
    qualifier_self: frozenset[str] = frozenset()
    # Words after the runner's words for themselves in a situation named back to them
    # ("during my taper": "during your taper").
    addressed: dict[str, str] = field(default_factory=dict)

    def qualifier(self, text: str) -> tuple[str, ...]:
        """The phrase that ends ``text``'s last question and narrows it to a situation, as
        ``words``: the last of the ``qualifier_openers`` followed by a short noun phrase
        ("how often in race week?": ("in", "race", "week")); () when there is none."""
        if "?" not in text:  # a statement's phrase is context ("...in a carrier")
            return ()
        asked = text.rsplit("?", 1)[0]
        said = words(re.split(r"[.!;,]\s", asked)[-1])
        found: tuple[int, int] | None = None  # where the tail starts, where the opener does
        for opener in self.qualifier_openers:
            for start in range(1, len(said) - len(opener) + 1):
                end = start + len(opener)
                # A situation is a short noun phrase ("race week", "my taper"), not a
                # clause ("in the bike help or am i kidding myself").
                tail = said[end:]
                named = tail[1:] if tail and tail[0] in self.qualifier_determiners else tail
                if tuple(said[start:end]) != opener or not 0 < len(named) <= 3 or \
                        any(w in STOPWORDS or w in self.qualifier_vague or len(w) < 2
                            for w in named):
                    continue
                if found is None or (end, -start) > (found[0], -found[1]):
                    found = (end, start)
        if found is None:
            return self._someone(said, asked)
        end, start = found
        return tuple(said[start:])

    def _person(self, phrase: Sequence[str]) -> bool:
        """Whether ``phrase`` is a short noun phrase naming someone ("a pregnant runner",
        "my 12 year old"): at most one determiner, at most three other words, the last a
        ``qualifier_people`` word."""
        named = phrase[1:] if phrase and phrase[0] in self.qualifier_determiners else phrase
        return 0 < len(named) <= 3 and named[-1] in self.qualifier_people and not any(
            w in STOPWORDS or w in self.qualifier_vague for w in named)

    def _someone(self, said: Sequence[str], asked: str) -> tuple[str, ...]:
        """Someone other than the runner the question is for: a phrase naming a person
        ending the question after "for" ("cross-training for a pregnant runner?"), else
        one as the subject of a clause ("my 12 year old wants to cross-train", "should my
        son cross train?"), as ("for", ...words); () when there is none."""
        for start in range(len(said) - 1):
            if said[start] == "for" and self._person(said[start + 1:]):
                return tuple(said[start:])
        for clause in re.split(r"[.!;,?]\s*", asked):
            told = words(clause)
            if set(told) & self.qualifier_self:
                continue  # the runner is in it: "my wife says I run like a duck"
            for start, word in enumerate(told):
                if word != "my" or (start and told[start - 1] not in
                                    self.qualifier_subject_after):
                    continue
                for end in range(start + 2, min(start + 5, len(told)) + 1):
                    # The phrase is followed by what it does, not by "and I" ("my son and
                    # I hike"): a subject of its own.
                    if self._person(told[start:end]) and end < len(told) and \
                            told[end] not in self.qualifier_joined:
                        return ("for", *told[start:end])
        return ()

    def asks_leave(self, text: str, *, opening: str = "") -> bool:
        """Whether ``text`` holds a word asking whether something is allowed ("ok",
        "fine", "avoid"), or ``opening`` (its asking clause) opens by asking it ("can i",
        "should i")."""
        said, first = words(text), words(opening)
        return any(tuple(first[:len(phrase)]) == phrase for phrase in self.leave_openers) or any(
            tuple(said[i:i + len(phrase)]) == phrase
            for phrase in self.leave_words for i in range(len(said)))

    def activity_named(self, text: str) -> str | None:
        """The catalogue's name for the activity ``text`` calls by another word
        ("breaststroke": "swimming"), or None."""
        said = words(text)
        return next((name for phrase, name in self.activity_aliases
                     for i in range(len(said)) if tuple(said[i:i + len(phrase)]) == phrase),
                    None)

    def unlisted_activity(self, text: str) -> str | None:
        """The activity ``text`` names as one played, gone to or taken as a class
        ("play football", "go skiing", "a barre class"), whether the catalogue lists it
        or not; None when it names none so."""
        lowered = text.lower()
        for expression in self.unlisted:
            found = re.search(expression, lowered)
            if found:
                return found.group(1)
        return None

    def asked_about(self, text: str) -> list[str]:
        """The words ``text`` puts where a question asking leave names what it asks about
        ("is yoga ok on my rest day?": "yoga"; "can i do pilates?": "pilates"; "yoga
        rather than an easy run?": "yoga"), in the order of the lexicon's patterns."""
        lowered = text.lower()
        return [found.group(1) for expression in self.asked_about_patterns
                for found in re.finditer(expression, lowered)]

    def option_heads(self, options: tuple[str, str]) -> tuple[str, str]:
        """What each side of a comparison (``compared``) names next to the comparing word:
        up to ``OPTION_WORDS`` words before it, and after it past ``comparison_skip``, up to
        a stopword ("yoga", "tai chi"); "" for a side whose next word is a stopword ("or am
        i kidding myself")."""
        before, after = words(options[0]), words(options[1])
        while after and after[0] in self.comparison_skip:
            after = after[1:]
        named: list[list[str]] = [[], []]
        for side, said in ((0, reversed(before)), (1, iter(after))):
            for word in said:
                if word in STOPWORDS or word in self.comparison_skip or (
                        len(named[side]) == OPTION_WORDS):
                    break
                named[side].append(word)
        return " ".join(reversed(named[0])), " ".join(named[1])

    def compared(self, text: str) -> tuple[str, str] | None:
        """The words before and after the first word of ``text`` that sets two options
        against each other ("swimming or cycling?", "pool running vs the elliptical"),
        both sides holding words; None when there is none."""
        said = words(text)
        for index in range(1, len(said)):
            for phrase in self.comparison:
                end = index + len(phrase)
                if tuple(said[index:end]) == phrase and end < len(said) and not any(
                        tuple(said[max(end - len(put), 0):end]) == put
                        for put in self.replacement):
                    return " ".join(said[:index]), " ".join(said[end:])
        return None

    def expand(self, text: str) -> list[str]:
        """Stemmed terms of ``text`` plus those of every group one of its phrases is in."""
        own = terms(text)
        every = [match_form(word) for word in words(text)]
        extra: list[str] = []
        for group in self.groups:
            if any(_holds(every, phrase) for phrase in group):
                for phrase in group:
                    extra.extend(term_of(form) for form in phrase
                                 if term_of(form) not in own
                                 and term_of(form) not in _STEMMED_STOPWORDS)
        return own + list(dict.fromkeys(extra))

    def expansion_phrases(self, text: str, *, per_group: int = 4) -> list[str]:
        """As written, the first ``per_group`` phrases of each group one of the phrases of
        ``text`` is in, leaving out those ``text`` holds already."""
        every = [match_form(word) for word in words(text)]
        found: list[str] = []
        for group, written in zip(self.groups, self.written, strict=False):
            if any(_holds(every, phrase) for phrase in group):
                found.extend([w for phrase, w in zip(group, written, strict=False)
                              if not _holds(every, phrase)][:per_group])
        return list(dict.fromkeys(found))

    def topic(self, text: str) -> set[str]:
        """The topic terms of ``text`` and the lexicon's words for the same ideas."""
        own = set(terms(text))
        extra = {term for term in self.expand(text) if term not in own}
        return topic_terms(text) | (extra - _GENERIC_STEMS)

    def about_author(self, text: str) -> bool:
        """Whether ``text`` asks about the author herself (lexicon.yaml's ``author``)."""
        every = [match_form(word) for word in words(text)]
        return any(_holds(every, phrase) for phrase in self.author_words)

    def about_writing(self, text: str) -> bool:
        """Whether ``text`` asks about the writing itself, its author or her sign-off
        (lexicon.yaml's ``the_writing``)."""
        every = [match_form(word) for word in words(text)]
        return any(_holds(every, phrase) for phrase in self.writing_words)

    def asks_for_list(self, text: str, *, known: frozenset[str] = frozenset()) -> bool:
        """Whether ``text`` asks for the parts of a section as a list: it holds a list cue
        and at most ``list_other_words`` topic words besides cues, fillers and ``known``
        (stemmed words of the article's title: "cross", "training")."""
        every = [match_form(word) for word in words(text)]
        cues = [phrase for phrase in self.list_cues if _holds(every, phrase)]
        if not cues:
            return False
        said = ({term_of(form) for phrase in cues for form in phrase} | self.list_fillers
                | known)
        others = {term for term in topic_terms(text) if term not in said and not term.isdigit()}
        return len(others) <= self.list_other_words

    def high_impact_words(self, text: str) -> list[str]:
        """The high-impact words found in ``text`` (as written in the lexicon)."""
        lower = f" {' '.join(words(text))} "
        return [word for word in self.high_impact if f" {' '.join(words(word))}" in lower]


def _holds(sequence: list[str], phrase: tuple[str, ...]) -> bool:
    # Called for every phrase of the lexicon per question: most phrases' first word is not
    # in it at all, which a membership test (in C) says without building slices.
    if not phrase or phrase[0] not in sequence:
        return False
    size = len(phrase)
    if size == 1:
        return True
    return any(tuple(sequence[i:i + size]) == phrase for i in range(len(sequence) - size + 1))


_STEMMED_STOPWORDS = frozenset(stem(word) for word in STOPWORDS)
_GENERIC_STEMS = frozenset(stem(word) for word in GENERIC_RUNNER_WORDS) | _STEMMED_STOPWORDS


class LexiconError(ValueError):
    """The lexicon file is missing or malformed."""


def _phrase_terms(phrase: str) -> tuple[str, ...]:
    # Every word counts for matching ("how often", "who"); stopwords are not added to queries.
    return tuple(match_form(w) for w in words(phrase))


@lru_cache(maxsize=8)
def load_lexicon(path: Path | None = None) -> Lexicon:
    """The lexicon file (default knowledge/lexicon.yaml), parsed and cached."""
    path = path or DEFAULT_LEXICON_PATH
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LexiconError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    groups = []
    written = []
    for group in data.get("synonyms") or ():
        if not isinstance(group, list) or not all(isinstance(p, str | int) for p in group):
            raise LexiconError(f"{path}: every synonym group must be a list of words")
        kept = [(terms_of, str(w)) for w in group if (terms_of := _phrase_terms(str(w)))]
        groups.append(tuple(terms_of for terms_of, _ in kept))
        written.append(tuple(w for _, w in kept))
    off_topic = data.get("off_topic") or ()
    if not isinstance(off_topic, list) or not all(isinstance(t, str) for t in off_topic):
        raise LexiconError(f"{path}: off_topic must be a list of descriptions")
    listing = data.get("listing") or {}
    if not isinstance(listing, dict):
        raise LexiconError(f"{path}: listing must be a mapping (cues, fillers, other_words)")
    asked = data.get("activity_asked") or {}
    if not isinstance(asked, dict):
        raise LexiconError(f"{path}: activity_asked must be a mapping (leave, unlisted)")
    return Lexicon(
        list_cues=tuple(t for w in listing.get("cues") or () if (t := _phrase_terms(str(w)))),
        list_fillers=frozenset(stem(w) for phrase in listing.get("fillers") or ()
                               for w in words(str(phrase))),
        list_other_words=int(listing.get("other_words", 1)),
        author_words=tuple(t for w in data.get("author") or () if (t := _phrase_terms(str(w)))),
        writing_words=tuple(t for w in data.get("the_writing") or ()
                            if (t := _phrase_terms(str(w)))),
        hortatives=tuple(t for w in data.get("calls_to_action") or ()
                         if (t := tuple(words(str(w))))),
        comparison=tuple(sorted((t for w in data.get("comparison") or ()
                                 if (t := tuple(words(str(w))))), key=len, reverse=True)),
        off_topic=tuple(t.strip() for t in off_topic if t.strip()),
        leave_words=tuple(t for w in asked.get("leave") or () if (t := tuple(words(str(w))))),
        leave_openers=tuple(t for w in asked.get("openers") or ()
                            if (t := tuple(words(str(w))))),
        activity_aliases=tuple((t, str(name)) for name, said in (asked.get("aliases") or {}).items()
                               for w in said or () if (t := tuple(words(str(w))))),
        comparison_skip=frozenset(w for phrase in data.get("comparison_skip") or ()
                                  for w in words(str(phrase))),
        identity=frozenset(w for phrase in data.get("identity") or ()
                           for w in words(str(phrase))),
        unlisted=tuple(str(expression) for expression in asked.get("unlisted") or ()),
        asked_about_patterns=tuple(str(expression)
                                   for expression in asked.get("asked_about") or ()),
        replacement=tuple(t for w in data.get("replacement") or () if (t := tuple(words(str(w))))),
        qualifier_determiners=frozenset(data.get("qualifier_determiners") or ()),
        qualifier_vague=frozenset(data.get("qualifier_vague") or ()),
        qualifier_people=frozenset(data.get("qualifier_people") or ()),
        qualifier_subject_after=frozenset(data.get("qualifier_subject_after") or ()),
        qualifier_joined=frozenset(data.get("qualifier_joined") or ()),
        qualifier_self=frozenset(w for phrase in data.get("qualifier_self") or ()
                                 for w in words(str(phrase))),
        addressed={str(k): str(v) for k, v in (data.get("addressed") or {}).items()},
        qualifier_openers=tuple(sorted((t for w in data.get("qualifier_openers") or ()
                                        if (t := tuple(words(str(w))))), key=len, reverse=True)),
        groups=tuple(groups),
        written=tuple(written),
        high_impact=tuple(str(w) for w in data.get("high_impact") or ()),
        caution=str(data.get("caution") or "").strip(),
    )
