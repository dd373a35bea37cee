"""What sessions and days are called in replies, from ``<lang>/replies/names.yaml``:
"interval session", "an easy run", "45 min tempo run", "Tue 24 Nov". A second language
is a second names file, not an edit here."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

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


# Within about two months a weekday and a short month read best ("Sun 10 Jan"); further
# off, a date reads as a day and a month, with the year when it is not this one.
NEAR_DAYS: Final = 60
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def day_and_month(day: date, *, language: str = DEFAULT_LANGUAGE) -> str:
    """"23 November": a day whose year goes without saying (the week it starts)."""
    return t("names.date_label", language=language, day=day.day,
             month=t(f"names.month_long_{day.month}", language=language))


def date_label(day: date, *, today: date, language: str = DEFAULT_LANGUAGE) -> str:
    """Any day as an athlete reads it: "Sun 10 Jan" when near ``today``, else "14 March",
    or "14 March 2027" in another year."""
    if abs((day - today).days) <= NEAR_DAYS:
        return day_label(day, language=language)
    if day.year == today.year:
        return day_and_month(day, language=language)
    return t("names.date_label_year", language=language, day=day.day, year=day.year,
             month=t(f"names.month_long_{day.month}", language=language))


def month_label(day: date, *, today: date, language: str = DEFAULT_LANGUAGE) -> str:
    """The month of ``day`` for a date known only roughly: "March", or "March 2027" when
    it is not within the coming months of this year or next."""
    near = day.year == today.year or abs((day - today).days) <= NEAR_DAYS
    return t("names.month_label" if near else "names.month_label_year", language=language,
             month=t(f"names.month_long_{day.month}", language=language), year=day.year)


def dates_in(text: str, *, today: date, language: str = DEFAULT_LANGUAGE) -> str:
    """``text`` with each ISO day in it (a stored note: "moved to 2026-12-04") said as
    :func:`date_label` says it."""
    def said(match: re.Match[str]) -> str:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return match[0]
        return date_label(day, today=today, language=language)
    return _ISO_DAY.sub(said, text)


_FIXED_OFFSET = re.compile(r"^Etc/(?:GMT|UTC)(?:([+-])(\d{1,2}))?$")


def zone_label(zone: str, *, language: str = DEFAULT_LANGUAGE) -> str:
    """A timezone as the athlete gave it: "UTC+1" for ``Etc/GMT-1``, whose POSIX sign is
    the other way round and reads as an hour behind; a named zone as it is."""
    fixed = _FIXED_OFFSET.match(zone)
    if fixed is None:
        return zone
    if not fixed[2] or int(fixed[2]) == 0:
        return t("names.zone_utc", language=language)
    return t("names.zone_offset", language=language,
             sign="+" if fixed[1] == "-" else "-", hours=int(fixed[2]))


def impact_words(impact: str, *, language: str = DEFAULT_LANGUAGE) -> str:
    """"low impact" for a catalogue impact level (unknown levels read as low)."""
    key = f"names.impact_{impact}"
    return t(key if _known(key, language) else "names.impact_low", language=language)


def place_words(indoor: bool, *, language: str = DEFAULT_LANGUAGE) -> str:
    return t("names.place_indoor" if indoor else "names.place_outdoor", language=language)
