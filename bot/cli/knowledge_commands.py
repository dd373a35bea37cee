"""``crosstrain kb ingest|list`` and ``crosstrain ask``: the knowledge base from a terminal."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from bot.cli import app, load_settings

if TYPE_CHECKING:
    from coach.answers import Answerer

kb_app = typer.Typer(
    help="The coach's articles: import them, see what is indexed.", no_args_is_help=True
)
app.add_typer(kb_app, name="kb")


def _fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def _known_errors() -> tuple[type[Exception], ...]:
    from knowledge.embeddings import ModelIntegrityError
    from knowledge.service import LLMConfigurationError
    from knowledge.store import KnowledgeStoreError

    return (ModelIntegrityError, KnowledgeStoreError, LLMConfigurationError)


@kb_app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Article files or folders (default: the articles folder).", show_default=False
        ),
    ] = None,
) -> None:
    """Import articles into the index: new and changed chunks are embedded, removed ones
    deleted, unchanged ones skipped. A broken article is reported and skipped."""
    from knowledge.ingest import ingest

    settings = load_settings()
    try:
        report = ingest(settings, paths=paths or None, progress=True)
    except _known_errors() as error:
        _fail(str(error))
    for problem in report.problems:
        typer.echo(f"Skipped {problem.path.name}: {problem.reason}", err=True)
    typer.echo(report.summary())
    if report.problems and not report.articles:
        raise typer.Exit(1)


@kb_app.command("list")
def list_command() -> None:
    """Show the indexed articles and their chunk counts."""
    from knowledge.embeddings import make_embeddings
    from knowledge.ingest import list_articles
    from knowledge.store import open_collection

    settings = load_settings()
    try:
        summaries = list_articles(open_collection(settings, make_embeddings(settings)))
    except _known_errors() as error:
        _fail(str(error))
    if not summaries:
        typer.echo("The index is empty: run `crosstrain kb ingest`.")
        return
    for summary in summaries:
        typer.echo(f"{summary.article}\t{summary.chunks} chunks\t{summary.title}")
    typer.echo(f"{len(summaries)} article(s), {sum(s.chunks for s in summaries)} chunks")


def _answer_line(answerer: Answerer, line: str) -> dict[str, Any]:
    try:
        request = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"not valid JSON: {error.msg} (column {error.colno})"}
    if not isinstance(request, dict):
        return {"error": 'expected a JSON object like {"question": "..."}'}
    question = request.get("question")
    if not isinstance(question, str):
        return {"error": 'expected a "question" field holding text'}
    try:
        return answerer.answer(question).to_json()
    except Exception as error:  # one bad request must not end the stream
        return {"error": f"could not answer: {type(error).__name__}: {error}"}


@app.command("ask")
def ask_command(
    question: Annotated[
        str | None, typer.Argument(help="The question, in quotes.", show_default=False)
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help='JSON output. Without a QUESTION, read JSON Lines {"question": "..."} '
            "from stdin and write one JSON answer per line, in order.",
        ),
    ] = False,
) -> None:
    """Answer a question from the coach's articles."""
    if question is None and not as_json:
        _fail(
            'give a question, for example: crosstrain ask "What can I do instead of my '
            'long run?" (or use --json and send JSON Lines on stdin)',
            code=2,
        )
    from knowledge.service import build_answerer

    settings = load_settings()
    try:
        answerer = build_answerer(settings)
    except _known_errors() as error:
        _fail(str(error))
    try:
        if question is not None:
            answer = answerer.answer(question)
            typer.echo(answer.to_json_line() if as_json else answer.text)
            return
        for raw in sys.stdin:
            line = raw.strip()
            if not line:
                continue
            sys.stdout.write(json.dumps(_answer_line(answerer, line), ensure_ascii=False) + "\n")
            sys.stdout.flush()
    finally:
        answerer.close()
