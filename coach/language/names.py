"""What sessions and days are called in replies, from ``<lang>/replies/names.yaml``:
"interval session", "an easy run", "45 min tempo run", "Tue 24 Nov". A second language
is a second names file, not an edit here."""

from __future__ import annotations

from datetime import date

from coach.language.texts import DEFAULT_LANGUAGE, catalogue, t


def _known(key: str, language: str) -> bool:
    return key in catalogue(language) or key in catalogue(DEFAULT_LANGUAGE)


def session_name(kind: str, *, language: str = DEFAULT_LANGUAGE) -> str:
    """"interval session" for intervals, "easy run" for easy; "<kind> run" otherwise."""
    key = f"names.session_{kind}"
    if _known(key, language):
        return t(key, language=language)
    return t("names.other_session", language=language, kind=kind)


def session_with_article(kind: str, *, language: str = DEFAULT_LANGUAGE) -> str:
    """"an interval session", "a tempo run": the name as a sentence says it after "not"."""
    key = f"names.with_a_{kind}"
    if _known(key, language):
        return t(key, language=language)
    return t("names.other_with_a", language=language, kind=kind)


def session_label(kind: str, minutes: int, *, language: str = DEFAULT_LANGUAGE) -> str:
    """"45 min tempo run"; a rest day has no length."""
    if kind == "rest":
        return session_name(kind, language=language)
    return t("names.session_label", language=language, minutes=minutes,
             session=session_name(kind, language=language))


def weekday_short(weekday: int, *, language: str = DEFAULT_LANGUAGE) -> str:
    """"Mon" for 0 ... "Sun" for 6."""
    return t(f"names.weekday_{weekday}", language=language)


def day_label(day: date, *, language: str = DEFAULT_LANGUAGE) -> str:
    """"Tue 24 Nov"."""
    return t("names.day_label", language=language,
             weekday=weekday_short(day.weekday(), language=language), day=day.day,
             month=t(f"names.month_{day.month}", language=language))


def impact_words(impact: str, *, language: str = DEFAULT_LANGUAGE) -> str:
    """"low impact" for a catalogue impact level (unknown levels read as low)."""
    key = f"names.impact_{impact}"
    return t(key if _known(key, language) else "names.impact_low", language=language)


def place_words(indoor: bool, *, language: str = DEFAULT_LANGUAGE) -> str:
    return t("names.place_indoor" if indoor else "names.place_outdoor", language=language)
