"""Days and dates: "yesterday", "last night", "on Tuesday", "tmrw", "dec 18", "in three weeks".

Weekday and relative-day words come from ``<lang>/days.yaml``; calendar dates and
"in N weeks" go to ``dateparser`` (offline, with the language set, no detection).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache
from typing import Literal

import dateparser

from coach.language import body
from coach.language.lexicon import alternation, entry, normalise, pattern

# "past": the most recent such day; "future": the next one; "nearest": whichever is
# closer (a weekday said in the present tense, "saturday's long run is off").
Direction = Literal["past", "future", "nearest"]


def _fill(text: str) -> str:
    """A pattern of ``days.yaml`` with its named parts ("<months>", "<hedge>"...) filled."""
    for name in ("months", "ord", "count", "hedge"):
        text = text.replace(f"<{name}>", entry("days", name))
    return text


@cache
def _rewrites() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(_fill(pattern_)), replacement)
                 for pattern_, replacement in entry("days", "rewrites").items())


@cache
def _ordinal_days() -> tuple[re.Pattern[str], dict[str, int]]:
    """A day of the month said in words beside its month ("march seventh", "the twenty
    first of may"), as voice typing writes it."""
    words: dict[str, int] = entry("days", "ordinal_days")
    said = "|".join(sorted((re.escape(word).replace(r"\ ", r"[\s-]") for word in words),
                           key=len, reverse=True))
    months = entry("days", "months")
    return re.compile(rf"\b((?:{months})\s+)(?:the\s+)?({said})\b"
                      rf"|\b()({said})(?=\s+of\s+(?:{months})\b)"), {
        " ".join(word.split()): day for word, day in words.items()}


def _ordinal_days_in_digits(lowered: str) -> str:
    """"march seventh" -> "march 7th": dateparser reads the digits."""
    grammar, days = _ordinal_days()

    def digits(match: re.Match[str]) -> str:
        month, said = (match.group(1) or match.group(3) or "",
                       match.group(2) or match.group(4))
        return f"{month}{days[' '.join(said.replace('-', ' ').split())]}th"
    return grammar.sub(digits, lowered)


@cache
def _date_grammar() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(date spans, "may, the 15th" to reorder, "the 27th") from ``days.yaml``."""
    spans = "|".join(_fill(p) for p in entry("days", "date_spans"))
    return (re.compile(rf"\b(?:{spans})(?!\w)"),
            re.compile(_fill(r"^((?:<months>)),?\s+(?:on\s+)?(?:the\s+)?(\d{1,2})\w*")),
            re.compile(entry("days", "day_of_month")))


@cache
def _weekday_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(alternation([*names, *(n + "'?s" for n in names)]))
                 for names in entry("days", "weekdays"))


@cache
def _relative() -> tuple[tuple[re.Pattern[str], int], ...]:
    items: dict[str, int] = entry("days", "relative")
    ordered = sorted(items.items(), key=lambda kv: -len(kv[0]))
    return tuple((re.compile(alternation([f"(?:{w})(?:'?s)?" for w in p.split("|")])), int(o))
                 for p, o in ordered)


@cache
def _markers(key: str) -> re.Pattern[str]:
    return re.compile(alternation(entry("days", key)) + r"\s*$")


def find_weekday(text: str) -> tuple[int, int, int] | None:
    """(weekday, start, end) of the first weekday named in ``text``."""
    best: tuple[int, int, int] | None = None
    for index, regex in enumerate(_weekday_patterns()):
        match = regex.search(text)
        # "sun" and "sat" are words too: "in the sun", "i sat" is no day; "the sunday
        # one" is.
        if match and not (match.group(0) in ("sun", "sat", "wed") and re.search(
                r"\b(?:the|in|hot|under|i|was|got|have|has)\s+$", text[:match.start()])) and (
            best is None or match.start() < best[1]
        ):
            best = (index, match.start(), match.end())
    return best


def weekdays_in(text: str) -> list[tuple[int, int, int]]:
    """(weekday, start, end) of every weekday named in ``text``, in order."""
    found: list[tuple[int, int, int]] = []
    rest = text
    while (hit := find_weekday(rest)) is not None:
        found.append(hit)
        rest = rest[:hit[1]] + " " * (hit[2] - hit[1]) + rest[hit[2]:]
    return sorted(found, key=lambda item: item[1])


def _weekday_date(weekday: int, before: str, *, today: date, direction: Direction) -> date:
    back = (today.weekday() - weekday) % 7
    ahead = (weekday - today.weekday()) % 7
    if _markers("future_markers").search(before):
        return today + timedelta(days=ahead)
    if re.search(r"\b(?:last|past|previous)\s*$", before):
        return today - timedelta(days=back or 7)
    if direction == "future" or (direction == "nearest" and ahead < back):
        return today + timedelta(days=ahead)
    return today - timedelta(days=back)


def _dateparser_settings(today: date, direction: Direction) -> dict[str, object]:
    return {
        "PREFER_DATES_FROM": "current_period" if direction == "nearest" else direction,
        "RELATIVE_BASE": datetime(today.year, today.month, today.day, 12, 0),
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "DMY",
        "STRICT_PARSING": False,
        "PREFER_DAY_OF_MONTH": "first",
    }


_OUT_OF_TEN = re.compile(r"(?:10|\d)\s*/\s*10")


def _is_score(text: str, match: re.Match[str]) -> bool:
    """"knee sore 4/10": beside a body part or a word for pain, "n/10" is a pain score,
    not the 4th of October."""
    if not _OUT_OF_TEN.fullmatch(match.group(0)):
        return False
    return bool(body.sites(text)) or bool(
        re.search(alternation(entry("body", "pain_words")), text))


@cache
def _unit_after() -> re.Pattern[str]:
    units = entry("sessions", "distance_units")
    return re.compile(rf"\s*(?:{units['km']}|{units['mi']}|{entry('sessions', 'hour_units')}"
                      rf"|{entry('sessions', 'minute_units')}|kg|lbs?|%)(?!\w)")


def _is_amount(text: str, match: re.Match[str]) -> bool:
    """"9.8 km", "2.5 hrs": a decimal number with a unit after it is an amount, not the
    9th of August; so is a decimal without a year that no date word leads ("TE 3.8",
    "VO2 max 52.3", "fever 38.9"): a day and month written with a dot alone, after other
    words, are a date only after "on", "by", "from"... ("on 3.8") or with the month's
    zero ("20.04")."""
    if not _NUMERIC.fullmatch(match.group(0)):
        return False
    if _unit_after().match(text, match.end()):
        return True
    said = match.group(0)
    if re.fullmatch(r"\d{1,2}\.[1-9]\d?", said) and text[:match.start()].strip():
        # "20.04" (a month written with its zero) and a date said alone stay dates.
        lead = re.compile(alternation(entry("days", "dotted_date_lead")) + r"\s*$")
        return not lead.search(text[max(0, match.start() - 12):match.start()])
    return False


def calendar_spans(text: str) -> list[tuple[int, int]]:
    """Where calendar dates and spans stand in ``text`` (lower-cased, normalised)."""
    spans = [match.span() for match in _date_grammar()[0].finditer(text)
             if not _is_score(text, match) and not _is_amount(text, match)]
    spans += [match.span() for match in _nth_of_month().finditer(text)]
    for match in re.finditer(entry("days", "span_from"), text):
        # "6 weeks from this saturday": the span runs to the day it counts from.
        weekday = find_weekday(text[match.end():])
        if weekday is not None and weekday[1] <= len("this coming "):
            spans.append((match.start(), match.end() + weekday[2]))
    return sorted(spans)


_NUMERIC = re.compile(r"(\d{1,4})[-/.](\d{1,2})(?:[-/.](\d{2,4}))?")


def _next_or_last(day: int, month: int, *, today: date, direction: Direction) -> date | None:
    """The day/month nearest ``today`` in ``direction`` ("29.02": the next leap year's)."""
    years = range(today.year - 4, today.year + 1)[::-1] if direction == "past" else range(
        today.year, today.year + 5)
    for year in years:
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today if direction == "past" else candidate >= today:
            return candidate
    return None


def _numeric_date(span: str, *, today: date, direction: Direction) -> date | None:
    """A date written in digits: 2027-04-20, 2027/04/20, 20.04.2027, 20-04-2027, 20/04,
    day first; month first only where day first is impossible (04/20/2027)."""
    match = _NUMERIC.fullmatch(span)
    if match is None:
        return None
    first, second, third = match.group(1), int(match.group(2)), match.group(3)
    if len(first) == 4:
        orders = [(int(first), second, int(third or 0))]
    elif third is None:
        # Day first, unless that cannot be a date ("2/20" is 20 February).
        day, month = (second, int(first)) if second > 12 >= int(first) else (int(first), second)
        return _next_or_last(day, month, today=today, direction=direction)
    else:
        year = int(third) + (2000 if len(third) == 2 else 0)
        orders = [(year, second, int(first)), (year, int(first), second)]
    for year, month, day in orders:
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


@cache
def _nth_of_month() -> re.Pattern[str]:
    """"last weekend of august", "first sunday in may", "2nd saturday of march"."""
    nth = "|".join(entry("days", "nth"))
    names = "|".join(n for names in entry("days", "weekdays") for n in names if len(n) > 2)
    return re.compile(rf"\b(?:the\s+)?({nth})\s+(weekend|{names})\s+(?:of|in)\s+"
                      rf"({entry('days', 'months')})\b")


def weekend_of_month(text: str) -> bool:
    """Whether ``text`` names a weekend of a month ("the last weekend of october"): a
    date read from it is one of two days, so approximate."""
    match = _nth_of_month().search(normalise(text))
    return match is not None and match.group(2) == "weekend"


def _nth_of_month_date(match: re.Match[str], *, today: date, direction: Direction) -> date | None:
    ordinals: dict[str, int] = entry("days", "nth")
    nth = next(v for k, v in ordinals.items() if re.fullmatch(k, match.group(1)))
    which = 5 if match.group(2) == "weekend" else next(
        i for i, names in enumerate(entry("days", "weekdays")) if match.group(2) in names)
    month = dateparser.parse(f"1 {match.group(3)} 2000", languages=["en"])
    if month is None:
        return None
    years = range(today.year, today.year + 2) if direction != "past" else range(
        today.year, today.year - 2, -1)
    for year in years:
        days = [date(year, month.month, d) for d in range(1, 32)
                if _valid(year, month.month, d) and date(year, month.month, d).weekday() == which]
        if not days or len(days) < nth:
            continue
        candidate = days[-1] if nth == -1 else days[nth - 1]
        if candidate >= today if direction != "past" else candidate <= today:
            return candidate
    return None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@cache
def _rough_span() -> re.Pattern[str]:
    return re.compile(_fill(r"\b(?:(?:<hedge>)\s+(?:<count>)\s+(?:days?|weeks?|months?)"
                            r"|(?:<count>)\s+(?:weeks?|months?))\b"))


def said_roughly(text: str, *, today: date) -> bool:
    """A date said only as a span of weeks or months ("in 6 weeks", "8 weeks away") or
    with a hedge ("in about 10 days"): nobody means that very day, so the date is
    approximate; a day said beside it ("on the 20th, 3 weeks away") is not."""
    lowered = normalise(text)
    rough = _rough_span().search(lowered)
    if rough is None:
        return False
    rest = f"{lowered[:rough.start()]} {lowered[rough.end():]}"
    return parse_calendar_date(rest, today=today) is None


def parse_calendar_date(text: str, *, today: date, direction: Direction = "future") -> date | None:
    """A calendar date or span in ``text`` ("dec 18", "29th of december", "in three
    weeks", "may, the 15th", "the 27th", "20.04.2027"); None when there is none."""
    lowered = _ordinal_days_in_digits(normalise(text))
    nth = _nth_of_month().search(lowered)
    if nth is not None:
        return _nth_of_month_date(nth, today=today, direction=direction)
    languages = list(entry("days", "dateparser_languages"))
    spans, month_first, day_of_month = _date_grammar()
    for match in spans.finditer(lowered):
        if _is_score(lowered, match) or _is_amount(lowered, match):
            continue
        if _NUMERIC.fullmatch(match.group(0)):
            numeric = _numeric_date(match.group(0), today=today, direction=direction)
            if numeric is not None:
                return numeric
            continue
        span = month_first.sub(r"\2 \1", match.group(0))
        for rewrite, replacement in _rewrites():
            span = rewrite.sub(replacement, span)
        parsed = dateparser.parse(span, languages=languages,
                                  settings=_dateparser_settings(today, direction))
        if parsed is not None:
            return parsed.date()
    span_from = re.search(entry("days", "span_from"), lowered)
    if span_from:
        anchor = read_day(lowered[span_from.end():], today=today, direction="future")
        if anchor is not None:
            numbers: dict[str, int] = entry("sessions", "number_words")
            count = span_from.group(1)
            amount = int(count) if count.isdigit() else numbers.get(count, 1)
            return anchor + timedelta(days=amount * (7 if span_from.group(2).startswith("week")
                                                     else 1))
    ordinal = day_of_month.search(lowered)
    if ordinal:
        day = int(ordinal.group(1))
        year, month = today.year, today.month
        if ordinal.group(2) or re.search(entry("days", "next_month_before"),
                                         lowered[:ordinal.start()]):  # "of next month"
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        for _ in range(3):
            try:
                candidate = date(year, month, day)
            except ValueError:
                candidate = None
            if candidate and (candidate <= today if direction == "past" else candidate >= today):
                return candidate
            step = -1 if direction == "past" else 1
            month += step
            if month == 13:
                year, month = year + 1, 1
            if month == 0:
                year, month = year - 1, 12
    return None


@cache
def _month_phrase() -> re.Pattern[str]:
    """"end of june", "in early april", "mid-march", "this may", "june 2027"."""
    parts: dict[str, list[str]] = entry("days", "month_parts")
    said = "|".join(sorted((p for ps in parts.values() for p in ps), key=len, reverse=True))
    leads = "|".join(sorted(entry("days", "month_leads"), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w'])(?:(?P<lead>{leads})\s+)?(?:(?:the\s+)?(?P<part>{said})[\s-]*)?"
        rf"(?:the\s+)?(?P<month>{entry('days', 'months')})\b\.?"
        rf"(?:,?\s*(?P<year>20\d\d)\b)?(?!\s*,?\s*(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\b)")


def month_date(text: str, *, today: date) -> tuple[date, int, int] | None:
    """A month said without a day, as (the day by ``days.yaml``'s ``month_parts``
    convention, start, end) of the first such phrase: "end of feb" is the last day of the
    next February not past, "mid-march" the 15th, "half in may" the 15th of May; None
    when no month is said that way (a month alone needs "in"/"this" or a year)."""
    lowered = normalise(text)
    parts: dict[str, list[str]] = entry("days", "month_parts")
    for match in _month_phrase().finditer(lowered):
        part, year = match.group("part"), match.group("year")
        if not (part or match.group("lead") or year):
            continue
        day = int(entry("days", "month_alone_day"))
        if part:
            part = " ".join(part.split())
            day = next(int(k) for k, ps in parts.items() if part in ps)
        parsed = dateparser.parse(f"1 {match.group('month')} 2000", languages=["en"])
        if parsed is None:
            continue
        for candidate_year in ([int(year)] if year else [today.year, today.year + 1]):
            last = 31
            while not _valid(candidate_year, parsed.month, last):
                last -= 1
            candidate = date(candidate_year, parsed.month, last if day == -1 else day)
            if candidate >= today:
                return candidate, match.start(), match.end()
    return None


@cache
def _season_phrase() -> re.Pattern[str]:
    """"in the autumn", "next spring", "late summer", "autumn marathon"."""
    parts: dict[str, list[str]] = entry("days", "season_parts")
    said = "|".join(sorted((p for ps in parts.values() for p in ps), key=len, reverse=True))
    leads = "|".join(sorted(entry("days", "season_leads"), key=len, reverse=True))
    names = "|".join(entry("days", "seasons"))
    return re.compile(
        rf"(?<![\w'])(?:(?P<lead>{leads})\s+)?(?:(?P<part>{said})[\s-]+(?:of\s+)?)?"
        rf"(?:the\s+)?(?P<season>{names})\b(?:\s+(?P<year>20\d\d)\b)?"
        rf"(?P<race>(?=\s+{entry('days', 'season_races')}))?")


@cache
def _holiday_phrase() -> re.Pattern[str]:
    """"around easter", "on thanksgiving", "at christmas", "easter 10k"."""
    names = "|".join(f"(?:{k})" for k in (*entry("days", "holidays"),
                                          *entry("days", "movable_holidays")))
    leads = "|".join(sorted(entry("days", "holiday_leads"), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w'])(?:(?P<lead>{leads})\s+)?(?P<holiday>{names})(?![\w'])"
        rf"(?P<race>(?=\s+{entry('days', 'season_races')}))?")


def _easter(year: int) -> date:
    """Easter Sunday of ``year`` (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday_in(name: str, year: int) -> date | None:
    """The day of the holiday ``name`` (as said) in ``year``, by ``days.yaml``."""
    for said, month_day in entry("days", "holidays").items():
        if re.fullmatch(said, name):
            month, day_of_month = (int(x) for x in month_day.split("-"))
            return date(year, month, day_of_month)
    for said, rule in entry("days", "movable_holidays").items():
        if re.fullmatch(said, name):
            base, shift = re.fullmatch(r"(\w+)([+-]\d+)", rule).groups()  # type: ignore[union-attr]
            if base == "easter":
                day = _easter(year)
            else:  # thanksgiving: the fourth Thursday of November
                first = date(year, 11, 1)
                day = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
            return day + timedelta(days=int(shift))
    return None


def season_date(text: str, *, today: date) -> tuple[date, int, int, bool] | None:
    """A season or holiday said for a race, as (the day by ``days.yaml``'s convention,
    start, end, approximate) of the first such phrase: "marathon in the autumn" is the 15th
    of October, "late spring" the 15th of May, "around easter" Easter Sunday (approximate),
    "on thanksgiving" its day (exact); always the next such day not past. None when no
    season or holiday is said that way (a season needs a lead word or a race after it)."""
    lowered = normalise(text)
    parts: dict[str, list[str]] = entry("days", "season_parts")
    seasons: dict[str, list[int]] = entry("days", "seasons")
    for match in _season_phrase().finditer(lowered):
        if not (match.group("lead") or match.group("part") or match.group("year")
                or match.group("race") is not None):
            continue
        which = 1
        if match.group("part"):
            part = " ".join(match.group("part").split())
            which = next(int(k) for k, ps in parts.items() if part in ps)
        month = seasons[match.group("season")][which]
        year = match.group("year")
        # A winter named by its year ("winter 2027") runs from December 2027.
        years = [int(year) + (1 if month < 6 and seasons[match.group("season")][0] == 12
                              else 0)] if year else [today.year, today.year + 1]
        for candidate_year in years:
            candidate = date(candidate_year, month, 15)
            if candidate >= today:
                return candidate, match.start(), match.end(), True
    for match in _holiday_phrase().finditer(lowered):
        if not (match.group("lead") or match.group("race") is not None):
            continue
        for candidate_year in (today.year, today.year + 1):
            day = _holiday_in(match.group("holiday"), candidate_year)
            if day is not None and day >= today:
                return day, match.start(), match.end(), match.group("lead") != "on"
    return None


@cache
def _corrections() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a correction cue such as "i meant", a day denied such as "not tue") from
    ``days.yaml``."""
    cue = re.compile(alternation(entry("days", "correction_cues")))
    denied = re.compile(rf"(?:{alternation(entry('days', 'denials'))})\s+"
                        rf"((?:the\s+|my\s+)?\S+(?:\s+(?:run|one|session))?)")
    return cue, denied


def _corrected(lowered: str) -> str | None:
    """"missed tue's run. sorry i meant wed not tue": what follows the last correction
    cue, with the days it denies ("not tue") blanked; None when nothing is corrected."""
    cue, denied = _corrections()
    cues = list(cue.finditer(lowered))
    if not cues:
        return None
    after = lowered[cues[-1].end():]
    return denied.sub(lambda m: " " * len(m.group(0)), after)


def corrected_part(text: str) -> str | None:
    """What a correction says in place of what came before ("missed tue's easy run..
    actually no it was wed, the tempo" -> " wed, the tempo"), or None."""
    return _corrected(normalise(text))


def tells_a_habit(text: str) -> bool:
    """Whether a weekday is told as a habit ("saturdays are better as 45 min", "every
    friday"), not as one date."""
    return bool(pattern("days", "habit").search(normalise(text)))


def only_denies(text: str, *, today: date) -> bool:
    """Whether ``text`` does nothing but deny a day ("not today", "not tue"): told beside
    another day ("yesterday's hills i missed, not today"), it names no day of its own."""
    _, denied = _corrections()
    found = denied.fullmatch(normalise(text).strip(" ,.;!?"))
    return found is not None and _first_day(found.group(1), today=today,
                                            direction="nearest") is not None


def corrects(text: str) -> bool:
    """Whether the text corrects something said before ("sorry i meant wed", "no wait,
    it was monday")."""
    return _corrected(normalise(text)) is not None


def read_day(text: str, *, today: date, direction: Direction = "past") -> date | None:
    """The day a message means; weekdays are the most recent past one (``direction``
    "future": the next one; "this"/"next" and "last" before the name decide too). A day
    corrected ("sorry i meant wed not tue", "oh wait, i mean today") is the new one."""
    lowered = normalise(text)
    corrected = _corrected(lowered)
    if corrected is not None:
        day = _first_day(corrected, today=today, direction=direction)
        if day is not None:
            return day
    # "missed my run, not the 6th one", "ran tue not wed": a day said only to be denied is
    # not the day meant.
    undenied = _said_not().sub(lambda m: " " * len(m.group(0)), lowered)
    if undenied != lowered and _first_day(lowered, today=today, direction=direction):
        return _first_day(undenied, today=today, direction=direction)
    return _first_day(lowered, today=today, direction=direction)


@cache
def _said_not() -> re.Pattern[str]:
    """A day denied with "not" ("not the 6th one", "not tue"): ``days.yaml`` ``said_not``."""
    return re.compile(alternation(entry("days", "said_not")))


@cache
def _weeks_after_patterns() -> tuple[re.Pattern[str], ...]:
    names = [n for names in entry("days", "weekdays") for n in names]
    anchor = "|".join(sorted([*names, "today", "tomorrow", "tmrw"], key=len, reverse=True))
    return tuple(re.compile(r"(?<!\w)" + p.replace("{day}", f"(?:{anchor})") + r"(?!\w)")
                 for p in entry("days", "weeks_after"))


def _weeks_after(lowered: str, *, today: date) -> list[tuple[int, date, int]]:
    """(start, day, end) of each day said as weeks after another ("a week on saturday",
    "saturday week", "the saturday after next", "two weeks today", "in a fortnight")."""
    numbers = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
    found: list[tuple[int, date, int]] = []
    for regex in _weeks_after_patterns():
        for match in regex.finditer(lowered):
            if any(s < match.end() and match.start() < e for s, _, e in found):
                continue
            said = match.groupdict()
            weeks_said = (said.get("weeks") or "").split()
            if not weeks_said or weeks_said[0] in ("week", "next"):
                weeks = 1
            elif "fortnight" in weeks_said:
                weeks = 2
            else:
                weeks = int(weeks_said[0]) if weeks_said[0].isdigit() else numbers[
                    weeks_said[0]]
            anchor_said = said.get("anchor") or ""
            rest = match.group(0)[len(said.get("weeks") or ""):]
            if not anchor_said and re.search(r"\b(?:tomorrow|tmrw)\b", rest):
                anchor_said = "tomorrow"
            if anchor_said in ("", "today"):
                anchor = today
            elif anchor_said in ("tomorrow", "tmrw"):
                anchor = today + timedelta(days=1)
            else:
                weekday = find_weekday(anchor_said)
                if weekday is None:
                    continue
                anchor = today + timedelta(days=(weekday[0] - today.weekday()) % 7)
            found.append((match.start(), anchor + timedelta(weeks=weeks), match.end()))
    return found


def weeks_after(lowered: str, *, today: date) -> list[tuple[int, date, int]]:
    """(start, day, end) of each day said as weeks after another, in order."""
    return sorted(_weeks_after(lowered, today=today))


def read_day_near(text: str, position: int, *, today: date,
                  direction: Direction = "past") -> date | None:
    """The day meant for what is said at ``position`` (a session's name): with several
    days named, the one in the same clause ("party last night so no long run this
    morning" -> this morning); else as ``read_day``."""
    lowered = normalise(text)
    if _corrected(lowered) is None:
        said = _days_said(lowered, today=today, direction=direction)
        if len({day for _, day in said}) > 1:
            start, end = _clause_span(lowered, position)
            inside = [(at, day) for at, day in said if start <= at < end]
            if inside:
                return min(inside, key=lambda item: item[0])[1]
    return read_day(text, today=today, direction=direction)


def _clause_span(lowered: str, position: int) -> tuple[int, int]:
    """Where the clause around ``position`` starts and ends: at punctuation, or at a word
    joining two happenings ("so", "because", "but")."""
    joints = re.compile(r"[.,;!?\n]|(?<!\w)(?:" + "|".join(entry("days", "clause_joints")) +
                        r")(?!\w)")
    start, end = 0, len(lowered)
    for found in joints.finditer(lowered):
        if found.end() <= position:
            start = found.end()
        elif found.start() >= position:
            end = found.start()
            break
    return start, end


def _first_day(lowered: str, *, today: date, direction: Direction) -> date | None:
    # The first day named is the one meant: "today's 35 min, soaked from yesterday".
    said = _days_said(lowered, today=today, direction=direction)
    if said:
        return min(said, key=lambda item: item[0])[1]
    return parse_calendar_date(lowered, today=today, direction=direction)


def _days_said(lowered: str, *, today: date, direction: Direction) -> list[tuple[int, date]]:
    """Each day named in ``lowered`` with where it is said."""
    said: list[tuple[int, date]] = []
    # "the last weekend of august" is a date, not last weekend.
    for found in _nth_of_month().finditer(lowered):
        nth = _nth_of_month_date(found, today=today, direction=direction)
        if nth is not None:
            said.append((found.start(), nth))
        lowered = lowered[:found.start()] + " " * (found.end() - found.start()) + lowered[
            found.end():]
    for start, later, end in _weeks_after(lowered, today=today):
        said.append((start, later))
        lowered = lowered[:start] + " " * (end - start) + lowered[end:]
    for regex, offset in _relative():
        match = regex.search(lowered)
        if match:
            said.append((match.start(), today + timedelta(days=offset)))
            # Longest first: "day before yesterday" is no "yesterday" too.
            lowered = lowered[:match.start()] + " " * (match.end() - match.start()) + lowered[
                match.end():]
    past = re.compile(alternation(entry("days", "weekend_past"))).search(lowered)
    ahead = re.compile(alternation(entry("days", "weekend_ahead"))).search(lowered)
    if past:
        said.append((past.start(), today - timedelta(days=(today.weekday() - 5) % 7 or 7)))
    elif ahead and direction == "past" and not re.search(r"\b(?:next|coming)\b",
                                                         ahead.group(0)):
        # "didn't do my long one at the weekend", "missed the run this wknd" (said on a
        # Tuesday): the weekend just gone (or this one).
        said.append((ahead.start(), today - timedelta(days=(today.weekday() - 5) % 7)))
    elif ahead:
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:
            saturday = today
        if "next" in ahead.group(0) and today.weekday() >= 5:
            saturday = today + timedelta(days=(5 - today.weekday()) % 7 or 7)
        said.append((ahead.start(), saturday))
    # Every weekday named ("sick on monday but did my easy run tuesday"), each read with
    # what stands before it.
    for index, start, end in weekdays_in(lowered):
        # "friday next week", "next week on tuesday": that weekday of the next calendar week.
        if re.match(r"'?s?\s*(?:of\s+)?next\s+week\b", lowered[end:]) or re.search(
                r"\bnext\s+week\s*(?:on\s+|,\s*)?$", lowered[:start]):
            monday = today + timedelta(days=7 - today.weekday())
            said.append((start, monday + timedelta(days=index)))
            continue
        said.append((start, _weekday_date(index, lowered[:start], today=today,
                                          direction=direction)))
    # "boxing day long run = cancelled, too much wine last night": a date named by its
    # name comes first as it is said; digits ("2.5 hrs") and spans ("in 10 days") do not.
    months = re.compile(rf"\b(?:{entry('days', 'months')})\b|\bday\b|\beve\b|halloween|"
                        r"new year")
    for start, end in calendar_spans(lowered)[:1]:
        span = lowered[start:end]
        if months.search(span) and not re.match(r"in\s|\d+\s+(?:days?|weeks?|months?)", span):
            named = parse_calendar_date(span, today=today, direction=direction)
            if named is not None:
                said.append((start, named))
    return said


def tense(text: str, *, ahead: bool = False, otherwise: Direction = "nearest") -> Direction:
    """Which way a day named without "last" or "next" points: back when told in the past
    tense, forward when told in the future tense (or ``ahead``: asked about a plan),
    else ``otherwise``."""
    lowered = normalise(text)
    if pattern("messages", "past_tense").search(lowered):
        return "past"
    if ahead or pattern("messages", "future_tense").search(lowered):
        return "future"
    return otherwise


def says_weekend(lowered: str) -> bool:
    """Whether the text names a weekend rather than one of its days."""
    return bool(re.compile(alternation([*entry("days", "weekend_ahead"),
                                        *entry("days", "weekend_past")])).search(lowered))
