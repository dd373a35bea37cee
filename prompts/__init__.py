"""Prompt templates: ``prompts/<name>.md`` files with ``{named}`` placeholders.

Literal braces in a template are written doubled (``{{`` and ``}}``). Templates are files,
so the coach or operator can change the wording without touching code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from langchain_core.prompts import PromptTemplate

PROMPTS_DIR = Path(__file__).resolve().parent


class PromptNotFoundError(KeyError):
    """No ``prompts/<name>.md`` file."""

    def __str__(self) -> str:
        return f"no prompt named {self.args[0]!r}; known prompts: {', '.join(prompt_names())}"


def prompt_names() -> list[str]:
    """Names of every prompt (file names without ``.md``), sorted."""
    return sorted(path.stem for path in PROMPTS_DIR.glob("*.md") if path.is_file())


@lru_cache(maxsize=64)
def load_prompt(name: str) -> PromptTemplate:
    """The template ``prompts/<name>.md``; ``.input_variables`` lists its placeholders."""
    path = PROMPTS_DIR / f"{name}.md"
    if "/" in name or "\\" in name or not path.is_file():
        raise PromptNotFoundError(name)
    return PromptTemplate.from_template(path.read_text(encoding="utf-8"),
                                        template_format="f-string")


def render_prompt(name: str, **values: object) -> str:
    """Render ``name`` with ``values``; a missing placeholder raises KeyError naming it."""
    template = load_prompt(name)
    missing = [var for var in template.input_variables if var not in values]
    if missing:
        raise KeyError(f"prompt {name!r} needs values for: {', '.join(missing)}")
    return template.format(**{var: values[var] for var in template.input_variables})
