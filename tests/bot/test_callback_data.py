"""Signed button data: what we packed comes back; anything else is refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.callback_data import (
    MAX_CALLBACK_BYTES,
    BadCallbackData,
    Callback,
    CallbackSigner,
)

ALICE = 111_222_333
BOB = 444_555_666


@pytest.fixture
def signer() -> CallbackSigner:
    return CallbackSigner.from_token("123456:TEST-token")


def test_round_trip_gives_back_action_and_fields_as_strings(signer: CallbackSigner) -> None:
    data = signer.pack(ALICE, "swap", 42, 3)
    assert signer.unpack(ALICE, data) == Callback(action="swap", fields=("42", "3"))


def test_round_trip_without_fields(signer: CallbackSigner) -> None:
    assert signer.unpack(ALICE, signer.pack(ALICE, "help")) == Callback("help", ())


def test_empty_field_survives_the_round_trip(signer: CallbackSigner) -> None:
    assert signer.unpack(ALICE, signer.pack(ALICE, "onb", "")).fields == ("",)


def test_the_keyboards_real_shapes_fit_and_round_trip(signer: CallbackSigner) -> None:
    big_user = 9_999_999_999  # Telegram ids can exceed 32 bits
    for action, fields in [
        ("swap", (2_147_483_647, "skip")),
        ("ci", ("2026-03-29", "swapped")),
        ("cr", ("2026-10-25", "weather")),
        ("forget", ("yes",)),
        ("onb", ("skip",)),
    ]:
        data = signer.pack(big_user, action, *fields)
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
        assert signer.unpack(big_user, data) == Callback(action, tuple(str(f) for f in fields))


def test_data_is_bound_to_the_user_it_was_made_for(signer: CallbackSigner) -> None:
    data = signer.pack(ALICE, "forget", "yes")
    with pytest.raises(BadCallbackData):
        signer.unpack(BOB, data)


def test_data_from_another_bot_token_is_refused(signer: CallbackSigner) -> None:
    other = CallbackSigner.from_token("999999:OTHER-token")
    with pytest.raises(BadCallbackData):
        signer.unpack(ALICE, other.pack(ALICE, "forget", "yes"))


def test_same_token_gives_the_same_signer_so_buttons_survive_restarts() -> None:
    before = CallbackSigner.from_token("123456:TEST-token")
    after = CallbackSigner.from_token("123456:TEST-token")
    assert after.unpack(ALICE, before.pack(ALICE, "ci", "2026-05-01", "done")).action == "ci"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d.replace("swap:7:1", "swap:7:2"),  # another option
        lambda d: d.replace("swap:7:1", "swap:8:1"),  # another substitution
        lambda d: d.replace("swap:", "forget:"),  # another action
        lambda d: "forget:yes:" + d.rsplit(":", 1)[1],  # signature moved to other data
        lambda d: d[:-1] + ("A" if d[-1] != "A" else "B"),  # one signature character
        lambda d: d.rsplit(":", 1)[0] + ":",  # signature removed
        lambda d: d.rsplit(":", 1)[0],  # signature and separator removed
        lambda d: d + "x",  # trailing junk
        lambda d: "x" + d,  # leading junk
        lambda d: d.upper(),
    ],
)
def test_tampered_data_or_signature_is_refused(
    signer: CallbackSigner, tamper: Callable[[str], str]
) -> None:
    data = signer.pack(ALICE, "swap", 7, 1)
    forged = tamper(data)
    assert forged != data
    with pytest.raises(BadCallbackData):
        signer.unpack(ALICE, forged)


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        ":",
        "::",
        "swap",
        "swap:1:0",
        ":AAAAAAAA",
        "\x00",
        "swap:1:0:é",  # non-ASCII signature: compare_digest on str would raise TypeError
        "swap:1:0:😀😀",
        "é:ü:ö",
        " ",
    ],
)
def test_malformed_data_is_refused_with_our_error(
    signer: CallbackSigner, data: str | None
) -> None:
    with pytest.raises(BadCallbackData):
        signer.unpack(ALICE, data)


def test_over_64_bytes_is_refused_when_unpacking(signer: CallbackSigner) -> None:
    with pytest.raises(BadCallbackData):
        signer.unpack(ALICE, "swap:" + "1" * 60 + ":AAAAAAAA")


def test_64_bytes_counts_bytes_not_characters(signer: CallbackSigner) -> None:
    # 30 two-byte characters are 60 bytes: with the action and signature it is too long.
    with pytest.raises(ValueError, match="64 bytes"):
        signer.pack(ALICE, "onb", "é" * 30)
    with pytest.raises(BadCallbackData):
        signer.unpack(ALICE, "é" * 33)


def test_pack_raises_when_the_data_would_be_over_64_bytes(signer: CallbackSigner) -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        signer.pack(ALICE, "swap", "x" * 60)


def test_pack_accepts_data_of_exactly_64_bytes(signer: CallbackSigner) -> None:
    # action (1) + ':' + field + ':' + 8-character signature = 64 bytes
    data = signer.pack(ALICE, "a", "f" * (64 - 1 - 1 - 1 - 8))
    assert len(data.encode()) == MAX_CALLBACK_BYTES
    assert signer.unpack(ALICE, data).fields == ("f" * 53,)
    with pytest.raises(ValueError):
        signer.pack(ALICE, "a", "f" * 54)


@pytest.mark.parametrize("fields", [("a:b",), ("ok", "x:"), (":",)])
def test_separator_in_fields_is_rejected(
    signer: CallbackSigner, fields: tuple[str, ...]
) -> None:
    with pytest.raises(ValueError, match="':'"):
        signer.pack(ALICE, "swap", *fields)


def test_separator_in_action_is_rejected(signer: CallbackSigner) -> None:
    with pytest.raises(ValueError, match="':'"):
        signer.pack(ALICE, "sw:ap", 1)


def test_empty_action_is_rejected_because_it_could_never_be_unpacked(
    signer: CallbackSigner,
) -> None:
    with pytest.raises(ValueError, match="empty"):
        signer.pack(ALICE, "")


def test_bad_callback_data_is_a_value_error() -> None:
    # Handlers may catch ValueError broadly; the specific class must still be one.
    assert issubclass(BadCallbackData, ValueError)


_field = st.text(
    alphabet=st.characters(blacklist_characters=":", blacklist_categories=("Cs",)),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(
    user_id=st.integers(min_value=1, max_value=2**52),
    action=_field.filter(bool),
    fields=st.lists(_field, max_size=3),
)
def test_property_round_trip_or_clear_refusal(
    user_id: int, action: str, fields: list[str]
) -> None:
    signer = CallbackSigner(b"property-secret")
    try:
        data = signer.pack(user_id, action, *fields)
    except ValueError:
        # Only ever refused for size; never silently truncated.
        size = len(":".join([action, *fields]).encode()) + 1 + 8
        assert size > MAX_CALLBACK_BYTES
        return
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert signer.unpack(user_id, data) == Callback(action, tuple(fields))
    with pytest.raises(BadCallbackData):
        signer.unpack(user_id + 1, data)


@settings(max_examples=300, deadline=None)
@given(data=st.text(max_size=80))
def test_property_arbitrary_text_never_raises_anything_but_bad_callback_data(data: str) -> None:
    signer = CallbackSigner(b"property-secret")
    with pytest.raises(BadCallbackData):
        signer.unpack(ALICE, data)
