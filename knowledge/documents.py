"""Articles on disk -> passages that carry one idea, with a heading path and a stable id.

An article is a Markdown file with YAML front matter (``title``, ``author``, ``language``).
It is split by heading first (so a passage never straddles two sections), then into
paragraphs, which are grouped so that each passage holds one idea:

- a paragraph opened by a label ("Personal Story: ...") starts a passage that runs to the
  next label, point or heading (a story told over two paragraphs stays whole); its kind is
  "story" when the label says so;
- a paragraph written as a point ("Keep It Short - Ten minutes count, ...") is a passage of
  its own whose heading path ends with the point's name;
- a paragraph that ends with a colon, a list, a line starting in lower case and a very
  short line ("Or") join the passage before them;
- text before the article's first subheading is of kind "introduction".

Passages longer than ``CHUNK_SIZE`` are split by size under the same heading path.

An article may have a sidecar, ``<article-stem>.questions.yaml`` beside it: the questions
a passage answers, as the coach expects runners to ask them (the hypothetical-questions
pattern of langchain's MultiVectorRetriever, doc2query)::

    passages:
      - answer: "a verbatim quote from the article"
        questions: ["how do i ...?", "..."]

Each entry names its passage by a quote, not by position or heading, so the article can be
re-split without touching the file: ``locate`` finds the passage holding the quote, on
words alone (case, punctuation, Markdown emphasis and curly quotes aside). A quote that no
passage holds makes the article a problem (reported, the index left as it was).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

SECTION_SEPARATOR = " > "
# How ``Chunk.embedding_text`` is built; part of every id, so that changing it re-embeds.
EMBEDDING_FORMAT = "path-below-title: text"
# MiniLM reads 256 tokens (~1,000 characters of English); a chunk this size is read whole.
CHUNK_SIZE = 1000
CHUNK_OVERLAP = 150
# A paragraph this short ("Or", "Let's make it happen!") is no idea of its own.
SHORT_PARAGRAPH = 80
_HEADING = re.compile(r"^(#{1,4})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
# "Keep It Short - Ten minutes count, ..." : a named point of a list of advice.
_POINT = re.compile(r"^(?P<name>[A-Z][\w’'&/ ]{2,60}?)\s+[-–—]\s+(?=\S)")
# "Personal Story: After I broke ..." : a labelled paragraph.
_LABEL = re.compile(r"^(?P<label>[A-Z][\w’' ]{1,30}):\s+\S")

Kind = str  # "introduction", "story", "point" or "text"
# The stored kind of an anticipated question (kept in the passages' collection, so that an
# index copy carries it; never a passage).
QUESTION_KIND = "question"
QUESTIONS_SUFFIX = ".questions.yaml"
# How ``AnticipatedQuestion`` ids are made; changing it re-embeds the questions.
QUESTION_FORMAT = "anticipated-question-v1"
# A quote cut in two by a re-split (one passage ends with its opening, the next starts with
# the rest) belongs to the passage holding the larger part, if it is at least this many words.
MIN_QUOTE_WORDS = 4


class ArticleError(ValueError):
    """An article that cannot be loaded; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class Article:
    slug: str
    path: Path
    title: str
    author: str
    language: str
    body: str


@dataclass(frozen=True, slots=True)
class Chunk:
    id: str
    text: str
    article: str  # slug (file name without .md)
    title: str
    author: str
    language: str
    source: str  # resolved file path, so a folder's chunks can be found again
    headings: tuple[str, ...]
    position: int
    kind: Kind = "text"

    @property
    def section(self) -> str:
        return section_name(self.headings, self.title)

    @property
    def context(self) -> str:
        """The heading path below the article's title ("Section > Point"), or the title for
        text before the first heading."""
        below = self.headings[1:] if self.headings[:1] == (self.title,) else self.headings
        return SECTION_SEPARATOR.join(below) or self.title

    @property
    def embedding_text(self) -> str:
        # The heading path carries meaning the paragraph often leaves implicit; the
        # article's title, the same on every passage, would only blur them together.
        return f"{self.context}: {self.text}"

    def metadata(self) -> dict[str, str | int]:
        return {
            "article": self.article,
            "title": self.title,
            "author": self.author,
            "language": self.language,
            "source": self.source,
            "heading_path": SECTION_SEPARATOR.join(self.headings),
            "section": self.section,
            "position": self.position,
            "kind": self.kind,
        }

    @classmethod
    def from_stored(cls, chunk_id: str, text: str, metadata: dict[str, object]) -> Chunk:
        """Rebuild a chunk from what the index stores (ids, documents, metadatas)."""
        heading_path = str(metadata.get("heading_path") or "")
        position = metadata.get("position")
        return cls(
            id=chunk_id,
            text=text,
            article=str(metadata.get("article") or ""),
            title=str(metadata.get("title") or ""),
            author=str(metadata.get("author") or ""),
            language=str(metadata.get("language") or "en"),
            source=str(metadata.get("source") or ""),
            headings=tuple(heading_path.split(SECTION_SEPARATOR)) if heading_path else (),
            position=position if isinstance(position, int) else 0,
            kind=str(metadata.get("kind") or "text"),
        )


@dataclass(frozen=True, slots=True)
class AnticipatedQuestion:
    """A question an article's passage answers, from the article's questions sidecar."""

    id: str
    question: str
    answer: str  # a quote of the passage that answers it, as the sidecar gives it
    article: str  # the article's slug
    title: str
    source: str  # the article's resolved path (as its chunks')
    questions_file: str  # the sidecar's file name

    def metadata(self) -> dict[str, str | int]:
        return {
            "kind": QUESTION_KIND,
            "article": self.article,
            "title": self.title,
            "source": self.source,
            "answer": self.answer,
            "questions_file": self.questions_file,
        }

    @classmethod
    def from_stored(cls, question_id: str, text: str,
                    metadata: dict[str, object]) -> AnticipatedQuestion:
        return cls(
            id=question_id,
            question=text,
            answer=str(metadata.get("answer") or ""),
            article=str(metadata.get("article") or ""),
            title=str(metadata.get("title") or ""),
            source=str(metadata.get("source") or ""),
            questions_file=str(metadata.get("questions_file") or ""),
        )


def is_question(metadata: dict[str, object] | None) -> bool:
    """Whether a stored entry is an anticipated question rather than a passage."""
    return bool(metadata) and (metadata or {}).get("kind") == QUESTION_KIND


@dataclass(frozen=True, slots=True)
class ArticleProblem:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.reason}"


def section_name(headings: tuple[str, ...], title: str) -> str:
    """The heading path below the article's own title, outermost first.

    The article's title is reported separately, so a leading H1 equal to it is dropped;
    text before the first subheading is named after the title.
    """
    path = headings[1:] if headings and headings[0].strip() == title.strip() else headings
    return SECTION_SEPARATOR.join(path) if path else title


def chunk_id(*, article: str, title: str, headings: tuple[str, ...], text: str) -> str:
    """Stable id from content: the same text in the same place always gets the same id.

    Everything that goes into the embedded text is in the key, so an unchanged id means
    an unchanged vector.
    """
    key = "\x1f".join([EMBEDDING_FORMAT, article, title, SECTION_SEPARATOR.join(headings),
                        text])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def load_article(path: Path) -> Article:
    """Read one article; raise ArticleError with a reason a person understands."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"cannot be read ({error.strerror or error})") from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(f"is not UTF-8 text (bad byte at position {error.start})") from error
    if not text.strip():
        raise ArticleError("is empty")
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        raise ArticleError(f"has front matter that is not valid YAML ({error})") from error
    except Exception as error:  # frontmatter raises plain errors for odd inputs
        raise ArticleError(f"has unreadable front matter ({error})") from error
    meta = post.metadata
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ArticleError(
            "has no title in its front matter (add 'title: ...' between '---' lines)")
    author = meta.get("author", "")
    language = meta.get("language", "en")
    if not isinstance(author, str) or not isinstance(language, str):
        raise ArticleError("has an author or language in its front matter that is not text")
    body = post.content
    if not body.strip():
        raise ArticleError("has front matter but no text")
    return Article(
        slug=path.stem,
        path=path.resolve(),
        title=title.strip(),
        author=author.strip(),
        language=language.strip() or "en",
        body=body,
    )


def _sections(body: str) -> list[tuple[tuple[str, ...], str]]:
    """(heading path, text) for each run of text under a heading, in order."""
    result: list[tuple[tuple[str, ...], str]] = []
    stack: list[tuple[int, str]] = []
    lines: list[str] = []
    fenced = False

    def flush() -> None:
        text = "\n".join(lines).strip()
        if text:
            result.append((tuple(title for _, title in stack), text))
        lines.clear()

    for line in body.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading:
            flush()
            level = len(heading.group(1))
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading.group(2).strip()))
        else:
            lines.append(line.rstrip())
    flush()
    return result


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _groups(text: str) -> list[tuple[str | None, Kind, str]]:
    """(point name or None, kind, text) for each idea in a section's text."""
    groups: list[tuple[str | None, Kind, list[str]]] = []
    for paragraph in _paragraphs(text):
        point = _POINT.match(paragraph)
        label = _LABEL.match(paragraph)
        opens_list = paragraph.endswith(":") and not paragraph.startswith(("- ", "* "))
        if point:
            groups.append((point.group("name").strip(), "point", [paragraph]))
            continue
        if label:
            kind = "story" if "story" in label.group("label").lower() else "text"
            groups.append((None, kind, [paragraph]))
            continue
        if groups and not opens_list:
            _, last_kind, parts = groups[-1]
            continues = (
                last_kind == "story"
                or parts[-1].endswith(":")
                or paragraph[:1].islower()
                or paragraph.startswith(("- ", "* "))
                or len(paragraph) < SHORT_PARAGRAPH
            )
            if continues:
                parts.append(paragraph)
                continue
        groups.append((None, "text", [paragraph]))
    # A short first paragraph ("Join our workshop!") joins the one after it.
    merged = groups
    first = groups[0] if groups else None
    if (first is not None and len(groups) > 1 and first[1] == "text" and first[0] is None
            and len("\n\n".join(first[2])) < SHORT_PARAGRAPH
            and not first[2][-1].endswith(":") and groups[1][:2] == (None, "text")):
        merged = [(groups[1][0], groups[1][1], first[2] + groups[1][2]), *groups[2:]]
    return [(name, kind, "\n\n".join(parts)) for name, kind, parts in merged]


def split_article(article: Article) -> list[Chunk]:
    """One passage per idea; every passage keeps its heading path."""
    # Imported here: only indexing splits articles (~9 MB resident that a worker, which
    # reads passages already split, does without).
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    by_size = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE,
        chunk_overlap=CHUNK_OVERLAP,
        separators=["\n\n", "\n", ". ", " ", ""],
        keep_separator="end",
    )
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for section_headings, section_text in _sections(article.body):
        below = (section_headings[1:] if section_headings[:1] == (article.title,)
                 else section_headings)
        for point, kind, group_text in _groups(section_text):
            headings = section_headings + ((point,) if point else ())
            if not below and kind == "text":
                kind = "introduction"
            for piece in by_size.split_text(group_text):
                text = "\n".join(line.rstrip() for line in piece.strip().splitlines())
                if not text:
                    continue
                identifier = chunk_id(
                    article=article.slug, title=article.title, headings=headings, text=text
                )
                if identifier in seen:  # the same paragraph twice in one section
                    continue
                seen.add(identifier)
                chunks.append(
                    Chunk(
                        id=identifier,
                        text=text,
                        article=article.slug,
                        title=article.title,
                        author=article.author,
                        language=article.language,
                        source=str(article.path),
                        headings=headings,
                        position=len(chunks),
                        kind=kind,
                    )
                )
    return chunks


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The Markdown files named by ``paths`` (files as given, folders searched, sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.md") if p.is_file()))
        else:
            files.append(path)
    return files


def plain_words(text: str) -> str:
    """Lower-case words and figures of ``text``, one space apart: what a quote is matched on
    (case, punctuation, Markdown emphasis, curly or straight quotes and dashes aside)."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _split_parts(quote: list[str], text: str) -> tuple[int, int]:
    """How many of ``quote``'s opening words ``text`` (plain words) ends with, and how many
    of its closing words it starts with: the parts of a quote an article's re-split cut in
    two that this passage holds."""
    held = text.split()
    ends = next((size for size in range(len(quote), 0, -1)
                 if held[-size:] == quote[:size]), 0)
    starts = next((size for size in range(len(quote), 0, -1)
                   if held[:size] == quote[-size:]), 0)
    return ends, starts


def locate(quote: str, texts: Sequence[str], *,
           headings: Sequence[str] = ()) -> int | None:
    """The index of the text (passage) holding ``quote``: the first holding all of it, its
    heading (``headings``, one per text) before it; else, for a quote cut in two by a
    re-split (one passage ends with its opening words, the next starts with the rest), the
    passage holding the larger part, if that part has at least ``MIN_QUOTE_WORDS`` words;
    None when no passage holds it (a word changed, say)."""
    wanted = plain_words(quote)
    if not wanted:
        return None
    plain = [plain_words(text) for text in texts]
    headed = [plain_words(heading) for heading in headings] or [""] * len(plain)
    padded = f" {wanted} "
    for index, (heading, text) in enumerate(zip(headed, plain, strict=True)):
        if padded in f" {heading} {text} ":
            return index
    words = wanted.split()
    parts = [_split_parts(words, text) for text in plain]
    opening = max(range(len(parts)), key=lambda i: parts[i][0], default=None)
    closing = max(range(len(parts)), key=lambda i: parts[i][1], default=None)
    if opening is None or closing is None or \
            parts[opening][0] + parts[closing][1] < len(words):
        return None
    best, size = max((opening, parts[opening][0]), (closing, parts[closing][1]),
                     key=lambda found: found[1])
    return best if size >= min(MIN_QUOTE_WORDS, len(words)) else None


def question_id(*, article: str, question: str) -> str:
    """Stable id of an anticipated question: the same question of the same article keeps its
    id (and its vector) whatever passage or quote it is filed under."""
    key = "\x1f".join([QUESTION_FORMAT, article, " ".join(question.split())])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def questions_path(article_path: Path) -> Path:
    """Where an article's questions sidecar is: ``<stem>.questions.yaml`` beside it."""
    return article_path.with_name(article_path.stem + QUESTIONS_SUFFIX)


def find_passage(quote: str, chunks: Sequence[Chunk]) -> int | None:
    """``locate`` over passages: a quote may start in a passage's headings (the article
    quoted with them, "How to do it. Wear a flotation belt.")."""
    return locate(quote, [chunk.text for chunk in chunks],
                  headings=[" ".join(chunk.headings) for chunk in chunks])


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_questions(article: Article, chunks: Sequence[Chunk]) -> list[AnticipatedQuestion]:
    """The article's anticipated questions from its sidecar (none without one), each of whose
    quotes ``chunks`` (the article's passages) must hold; raise ArticleError naming the
    sidecar and the quote otherwise."""
    path = questions_path(article.path)
    if not path.exists():
        return []
    name = path.name
    try:
        # libyaml's loader when PyYAML has it: every start reads the file (~500 questions),
        # ten times faster than the pure-Python one.
        data = yaml.load(path.read_text(encoding="utf-8"),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as error:
        raise ArticleError(f"its questions file {name} cannot be read ({error})") from error
    except yaml.YAMLError as error:
        raise ArticleError(f"its questions file {name} is not valid YAML ({error})") from error
    entries = data.get("passages") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ArticleError(f"its questions file {name} needs a 'passages:' list of "
                           "{answer: \"<quote>\", questions: [...]} entries")
    found: dict[str, AnticipatedQuestion] = {}
    for number, entry in enumerate(entries, start=1):
        answer = entry.get("answer") if isinstance(entry, dict) else None
        asked = entry.get("questions") if isinstance(entry, dict) else None
        if (not isinstance(answer, str) or not answer.strip() or not isinstance(asked, list)
                or not all(isinstance(q, str) for q in asked)):
            raise ArticleError(f"its questions file {name}: entry {number} needs an 'answer' "
                               "quote and a 'questions' list of text")
        if find_passage(answer, chunks) is None:
            raise ArticleError(f"its questions file {name}: the answer “{_short(answer)}” "
                               f"(entry {number}) is not a quote of any passage of the article")
        for question in asked:
            text = " ".join(question.split())
            if not text:
                continue
            identifier = question_id(article=article.slug, question=text)
            found.setdefault(identifier, AnticipatedQuestion(
                id=identifier, question=text, answer=answer.strip(), article=article.slug,
                title=article.title, source=str(article.path), questions_file=name))
    return list(found.values())


@dataclass(slots=True)
class LoadResult:
    chunks: list[Chunk]
    articles: list[Article]
    problems: list[ArticleProblem]
    questions: list[AnticipatedQuestion] = field(default_factory=list)


def load_chunks(paths: Iterable[Path]) -> LoadResult:
    """Load and split every article; broken ones are reported, the rest still load."""
    result = LoadResult(chunks=[], articles=[], problems=[])
    for path in article_files(paths):
        if not path.exists():
            result.problems.append(ArticleProblem(path, "does not exist"))
            continue
        try:
            article = load_article(path)
        except ArticleError as error:
            result.problems.append(ArticleProblem(path, str(error)))
            continue
        chunks = split_article(article)
        if not chunks:
            result.problems.append(ArticleProblem(path, "has no text under its headings"))
            continue
        try:
            questions = load_questions(article, chunks)
        except ArticleError as error:
            # The article and its questions stay as they were in the index.
            result.problems.append(ArticleProblem(path, str(error)))
            continue
        result.articles.append(article)
        result.chunks.extend(chunks)
        result.questions.extend(questions)
    return result
