"""Every prompt file loads by name and renders with its named placeholders."""

from __future__ import annotations

import pytest

from prompts import PromptNotFoundError, load_prompt, prompt_names, render_prompt


def test_there_is_a_grounded_answer_prompt() -> None:
    assert "grounded_answer" in prompt_names()
    assert set(load_prompt("grounded_answer").input_variables) == {
        "question", "passages", "athlete"}


@pytest.mark.parametrize("name", prompt_names())
def test_every_prompt_renders(name: str) -> None:
    template = load_prompt(name)
    values = {var: f"<<{var}>>" for var in template.input_variables}
    text = render_prompt(name, **values)
    for value in values.values():
        assert value in text
    assert "{" not in text.replace("{{", "") or "}" in text  # no stray placeholder left
    assert text.strip()


def test_a_missing_value_names_the_placeholder() -> None:
    with pytest.raises(KeyError, match="passages"):
        render_prompt("grounded_answer", question="q", athlete="a")


def test_an_unknown_prompt_says_which_exist() -> None:
    with pytest.raises(PromptNotFoundError) as error:
        load_prompt("no_such_prompt")
    assert "grounded_answer" in str(error.value)
    with pytest.raises(PromptNotFoundError):
        load_prompt("../README")
