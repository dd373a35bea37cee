"""Articles on disk -> chunks with a heading path and a stable id.

An article is a Markdown file with YAML front matter (``title``, ``author``, ``language``).
It is split by heading first (so a chunk never straddles two sections), then by size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml
from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

SECTION_SEPARATOR = " > "
# MiniLM reads 256 tokens (~1,000 characters of English); a chunk this size is read whole.
CHUNK_SIZE = 1000
CHUNK_OVERLAP = 150
_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]


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

    @property
    def section(self) -> str:
        return section_name(self.headings, self.title)

    @property
    def embedding_text(self) -> str:
        # The heading path carries meaning the paragraph often leaves implicit.
        return f"{SECTION_SEPARATOR.join(self.headings) or self.title}\n{self.text}"

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
        )


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
    key = "\x1f".join([article, title, SECTION_SEPARATOR.join(headings), text])
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


def split_article(article: Article) -> list[Chunk]:
    """Split by heading, then by size; every chunk keeps its heading path."""
    by_heading = MarkdownHeaderTextSplitter(headers_to_split_on=_HEADERS, strip_headers=True)
    by_size = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE,
        chunk_overlap=CHUNK_OVERLAP,
        separators=["\n\n", "\n", ". ", " ", ""],
        keep_separator="end",
    )
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for section in by_heading.split_text(article.body):
        headings = tuple(
            str(section.metadata[key]).strip() for _, key in _HEADERS if key in section.metadata
        )
        for piece in by_size.split_text(section.page_content):
            # The header splitter ends lines with Markdown hard breaks; keep plain lines.
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


@dataclass(slots=True)
class LoadResult:
    chunks: list[Chunk]
    articles: list[Article]
    problems: list[ArticleProblem]


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
        result.articles.append(article)
        result.chunks.extend(chunks)
    return result
