"""The weekly plan as athletes type it: "Mon easy 40, Wed tempo 45, Sat long 1h30".

Each day's words go through the one session reader (``coach.language.durations``), so a
plan, /swap and free text read "long 75m" or "intervals 10k" the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, partial

from coach.language.body import pain_spans
from coach.language.durations import (
    MAX_MINUTES,
    SessionWords,
    default_minutes,
    estimate_minutes,
    read_duration,
    read_kind,
    read_session_words,
)
from coach.language.lexicon import alternation, entry, normalise
from coach.language.typos import correct

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class PlanParseError(ValueError):
    """The text could not be read as a weekly plan; the message says why, for the athlete."""


@dataclass(frozen=True, slots=True)
class PlannedRun:
    weekday: int
    kind: str
    minutes: int


def parse_weekly_plan(text: str) -> list[PlannedRun]:
    """Read "Mon easy 40, Wed tempo 45, Sat long 100" (order and separators are free).

    Days may share a session ("Tue and Thu tempo 45", "Mon/Wed easy 40"), separators may be
    left out ("Mon easy 40 Wed tempo 45"), and lengths may be minutes ("40", "40 min"),
    hours ("1h30", "1.5 hours", "1:30") or a distance ("10k", converted at an easy pace).
    """
    runs_text = _lengths_in_order(_corrected_days(_runs_only(text)))
    # "every day except friday. easy 35 mostly, wed intervals 50": the days left out rest,
    # the other days not named take the run said without a day.
    every = _every_day().search(runs_text)
    if every:
        runs_text = runs_text[:every.start()] + " " + runs_text[every.end():]
    # "except fri which is off", "but wed is intervals 50": a day after such a word
    # starts a part of its own; said with nothing about its run, it is a day off.
    runs_text = _except_day().sub(f"\n{_EXCEPTED} ", runs_text)
    # A comma between digits is a decimal comma ("1,5 hours"), not a separator; so is a
    # full stop ("1.5 hrs"), which otherwise ends a sentence.
    # A sentence's end is kept as its own part: days still waiting for a run there take
    # the run said before them ("easy 30 mins mon, wed & fri. long run sunday 75").
    runs_text = re.sub(r"\.(?=\s|$)", f";{_SENTENCE_END};", runs_text)
    parts = re.split(r"(?:[;\n+|!?]|(?<!\d),|,(?!\d))+", runs_text)
    segments = _merge_lengths(
        [piece for s in parts if s.strip() for piece in _split_at_joiners(_short_days(s))])
    segments = [piece for segment in segments for piece in _split_before_others(segment)]
    others = [s for s in segments if _other_days().search(s)]
    segments = [s for s in segments if s not in others]
    off_days: set[int] = set()
    for segment in list(segments):
        if segment.lstrip().startswith(_EXCEPTED):
            days = _day_specs(segment.replace(_EXCEPTED, " "))
            if days and not any(_has_content(spec) for _, spec in days):
                off_days.update(day for day, _ in days)
                segments.remove(segment)
    segments = _paired_in_order([s.replace(_EXCEPTED, " ") for s in segments])
    plan: dict[int, PlannedRun] = {}
    first_length: dict[str, int] = {}
    swapped = bool(_swap().search(text.lower()))
    kind_said: dict[int, bool] = {}
    length_said: dict[int, bool] = {}

    def put(day: int, spec: str) -> PlannedRun:
        """The day's run; a day said again keeps what the new words leave out ("sat long
        90 ... no wait, sat is 50": still long; "mon-thu 35 min each ... mon and thu are
        easy": still 35 min)."""
        words = read_session_words(spec, bare_numbers=True)
        said_kind, said_length = words.kind is not None, _says_length(words)
        run = _planned_run(day, spec)
        before = plan.get(day)
        if before is not None and before.kind != "rest" and run.kind != "rest":
            kind = run.kind if said_kind or not kind_said.get(day) else before.kind
            minutes = run.minutes if said_length or not length_said.get(day) else before.minutes
            if not said_length and not length_said.get(day) and kind != run.kind:
                minutes = default_minutes(kind)
            if swapped and said_kind and not said_length and kind != before.kind and (
                    kind in first_length):
                # "tue tempo 35, thu easy 40, actually swap them": a run moves with its length.
                minutes = first_length[kind]
            run = PlannedRun(weekday=day, kind=kind, minutes=minutes)
        if said_kind and said_length:
            first_length.setdefault(run.kind, run.minutes)
        kind_said[day] = said_kind or kind_said.get(day, False)
        length_said[day] = said_length or length_said.get(day, False)
        return run

    # "Mon, Wed, Fri easy 40": days named with nothing about the run wait for the next run.
    waiting: list[int] = []
    undated: list[str] = []
    last_run = ""
    last_days: list[int] = []
    leading = ""
    for segment in segments:
        if segment.strip() == _SENTENCE_END:
            for day in waiting if last_run else []:
                plan[day] = put(day, last_run)
            waiting = [] if last_run else waiting
            continue
        days = _day_specs(segment)
        if not days:
            undated.append(segment.strip())
        described = [spec for _, spec in days if _has_content(spec)]
        if not days and _has_content(segment) and _EACH in segment and plan and (
                _says_length(read_session_words(segment, bare_numbers=True))):
            # "tue track, thu tempo, sun long. about an hour each": the length of every
            # day named before whose length was not said (a day said again later, "sunday
            # more like 1h45", keeps its own).
            for day in [d for d in plan if not length_said.get(d) and plan[d].kind != "rest"]:
                plan[day] = put(day, f"{plan[day].kind} {segment.replace(_EACH, ' ')}")
            for day in waiting:
                plan[day] = put(day, segment.replace(_EACH, " "))
            waiting = []
            continue
        if not days and _has_content(segment):
            if every and not waiting:
                continue  # the run of every other day, taken below
            if not waiting and _completes_days(segment, last_days, kind_said, length_said):
                # "mon wed fri, all easy, around 35 mins": the length is those days' too.
                for day in last_days:
                    plan[day] = put(day, segment)
                continue
            if not waiting and not plan and not last_days and not leading:
                # "3 runs, 35 min each, on tue thu and sat": a run said before any day is
                # the run of the days listed after it with nothing said about them.
                leading = segment
                continue
            if not waiting and read_kind(segment) == "rest" and not re.search(r"\d", segment):
                continue  # "I need my rest days": the days not named rest, as they do anyway
            if not waiting:
                raise PlanParseError(
                    f"Which day is “{segment.strip()}”? Start each part with a day, "
                    "e.g. Mon easy 40."
                )
            described = [segment]
        if not described:
            waiting.extend(day for day, _ in days)
            continue
        # A long run is one day's: days waiting before it take the run said before them
        # (or wait on). A day of the list said again is described alone ("tue thu sat,
        # sat is long 90").
        named_now = {day for day, _ in days}
        shared: str | None = described[0]
        if read_kind(described[0]) == "long":
            shared = last_run or None
        elif named_now and named_now <= set(waiting):
            shared = None
        if shared is not None:
            for day in waiting:
                plan[day] = put(day, shared)
            last_days = waiting if not days else [day for day, _ in days]
            waiting = []
        else:
            waiting = [day for day in waiting if day not in named_now]
            last_days = [day for day, _ in days]
        last_run = described[-1]
        for day, spec in days:
            plan[day] = put(day, spec)
    # "tempo 35 (tue, thu)": days left waiting at the end share the run said before them.
    trailing = last_run if last_run and read_kind(last_run) != "long" else leading
    if leading and _EACH in leading and not waiting and _says_length(
            read_session_words(leading, bare_numbers=True)):
        # "about 45 min each: mon easy, wed tempo, fri easy": every day without its own.
        for day in [d for d in plan if not length_said.get(d) and plan[d].kind != "rest"]:
            plan[day] = put(day, f"{plan[day].kind} {leading.replace(_EACH, ' ')}")
        leading = ""
    remark = read_session_words(leading) if leading else None
    if remark and remark.kind is None and remark.minutes is None and not waiting and plan and all(
            length_said.get(d) for d in plan if plan[d].kind != "rest"):
        # "just started c25k!! mon wed fri, 25 mins each": a remark before a plan that
        # says every day's run, naming no kind and no length of its own, is no run ("easy
        # 30, then tue tempo 40" still asks which day the easy 30 is).
        leading = ""
    if leading and not (waiting and trailing == leading):
        raise PlanParseError(
            f"Which day is “{leading.strip()}”? Start each part with a day, e.g. Mon easy 40."
        )
    for day in waiting:
        plan[day] = put(day, trailing)
    for day in off_days:
        plan[day] = PlannedRun(weekday=day, kind="rest", minutes=0)
    if every:
        usual = next((s for s in undated if _has_content(s)), "")
        for day in range(7):
            if day not in plan:
                plan[day] = put(day, usual)
    # "run mon, wed, fri and sat - the sat one is long, others 35": the days listed with
    # nothing said about them are the others; failing those, every day not named.
    listed_bare = [day for day in plan if not kind_said.get(day) and not length_said.get(day)
                   and plan[day].kind != "rest"]
    for segment in others:  # "rest of the week rest": every day not named yet
        spec = _other_days().sub(" ", segment)
        if not _has_content(spec):
            continue
        if listed_bare and read_kind(spec) != "rest":
            for day in listed_bare:
                plan[day] = put(day, spec)
            continue
        for day in range(7):
            if day not in plan:
                plan[day] = put(day, spec)
    if not plan and undated:
        raise PlanParseError(
            f"Which day is “{undated[0]}”? Start each part with a day, e.g. Mon easy 40."
        )
    if not plan:
        raise PlanParseError(
            "I couldn't find any days. Try: Mon easy 40, Wed tempo 45, Sat long 90"
        )
    _name_long_run(plan, kind_said)
    return [plan[d] for d in sorted(plan)]


def _says_length(words: SessionWords) -> bool:
    return words.minutes is not None or words.distance_km is not None or bool(
        words.reps and words.work_minutes)


def _completes_days(segment: str, days: list[int], kind_said: Mapping[int, bool],
                    length_said: Mapping[int, bool]) -> bool:
    """True when a part with no day only fills in what the days just described lack
    (their length, or their kind), so it is theirs rather than a run of its own."""
    if not days:
        return False
    words = read_session_words(segment, bare_numbers=True)
    fills_length = _says_length(words) and not any(length_said.get(d) for d in days)
    fills_kind = words.kind is not None and not any(kind_said.get(d) for d in days)
    adds_kind = words.kind is None or fills_kind
    adds_length = not _says_length(words) or fills_length
    return (fills_length or fills_kind) and adds_kind and adds_length


_LEADING_JOINER = re.compile(r"^\s*(?:and|&|then|plus)\s+")


def _paired_in_order(segments: list[str]) -> list[str]:
    """"tuesday thursday saturday. 30min, 30min, and 75min long": days listed bare,
    then as many runs with no day, are paired in order."""
    out: list[str] = []
    index = 0
    while index < len(segments):
        days: list[int] = []
        cursor = index
        while cursor < len(segments) and (segments[cursor].strip() == _SENTENCE_END or (
                _day_specs(segments[cursor]) and not any(
                    _has_content(spec) for _, spec in _day_specs(segments[cursor])))):
            days += [day for day, _ in _day_specs(segments[cursor])]
            cursor += 1
        following: list[str] = []
        while cursor < len(segments) and len(following) < len(days):
            piece = segments[cursor]
            if piece.strip() == _SENTENCE_END:
                cursor += 1
                continue
            if _day_specs(piece) or not _has_content(piece):
                break
            following += _runs_joined(piece)
            cursor += 1
        rest_has_undated = cursor < len(segments) and not _day_specs(
            segments[cursor]) and _has_content(segments[cursor])
        if len(days) >= 2 and len(following) == len(days) and not rest_has_undated:
            out += [f"{WEEKDAYS[day]} {_LEADING_JOINER.sub('', run)}"
                    for day, run in zip(days, following, strict=True)]
            index = cursor
            continue
        out.append(segments[index])
        index += 1
    return out


@cache
def _lengths_in_order_pattern() -> re.Pattern[str]:
    days = "|".join(sorted(_weekday_words(), key=len, reverse=True))
    days_joined = entry("plans", "days_joined_in_order")
    joined = entry("plans", "lengths_joined_in_order")
    length = rf"\d{{1,3}}(?:\s*(?:{'|'.join(entry('plans', 'minute_marks'))}))?"
    return re.compile(
        rf"\b((?:{days})(?:{days_joined}(?:{days}))+)\s+((?:[a-z]+\s+){{0,3}}?)"
        rf"({length}(?:{joined}{length})+)\b(?!\s*(?:x|×|/\d))")


def _lengths_in_order(text: str) -> str:
    """"wed and sun easy 40 and 30", "tue & thu tempo 40 & 50": days joined, one run's
    words, then as many lengths joined: each day takes the length in its place."""
    days_joined = re.compile(entry("plans", "days_joined_in_order"))
    joined = re.compile(entry("plans", "lengths_joined_in_order"))

    def spread(match: re.Match[str]) -> str:
        days = [d for d in days_joined.split(match.group(1)) if d.strip()]
        lengths = [n for n in joined.split(match.group(3)) if n.strip()]
        if len(days) != len(lengths):
            return match.group(0)
        return ", ".join(f"{day} {match.group(2)}{length}"
                         for day, length in zip(days, lengths, strict=True)) + ","

    return _lengths_in_order_pattern().sub(spread, text)


def _runs_joined(piece: str) -> list[str]:
    """"40 min tempo and 70 min long" -> two runs, when each side says something."""
    sides = re.split(r"\s+(?:and|&|then|plus)\s+", piece)
    if len(sides) > 1 and all(_has_content(side) for side in sides):
        return sides
    return [piece]


def _name_long_run(plan: dict[int, PlannedRun], kind_said: Mapping[int, bool]) -> None:
    """"just 2 runs: wed 25 min and sun 45 min": when no run's kind is said, the one
    weekend run that is clearly the longest is the long run ("tue 30 easy, sat an hour"
    says what kinds are meant, and keeps Saturday easy)."""
    running = [r for r in plan.values() if r.kind != "rest"]
    if len(running) < 2 or any(r.kind == "long" for r in running):
        return
    longest = max(running, key=lambda r: r.minutes)
    others = max(r.minutes for r in running if r is not longest)
    if (longest.weekday in entry("plans", "long_run_days")
            and not any(kind_said.get(r.weekday, True) for r in running)
            and longest.minutes >= float(entry("plans", "long_run_ratio")) * others):
        plan[longest.weekday] = PlannedRun(weekday=longest.weekday, kind="long",
                                           minutes=longest.minutes)


_WORD = re.compile(r"[a-z]+")


@cache
def _run_counts() -> re.Pattern[str]:
    return re.compile(alternation(entry("plans", "run_counts")))


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = entry("plans", "abbreviations")
    letters = "|".join(sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<=\d)(\s*'?\s*)({letters})\b(?!\s*\d)"), table


def _runs_only(text: str) -> str:
    """The plan without what is not about a day's run: "4x a week", "knee is a 3/10"."""
    for emoji in entry("plans", "rest_emoji"):
        text = text.replace(emoji, " rest ")
    # Lines stay apart: a new line separates days as a comma does.
    lowered = "\n".join(correct(normalise(line)) for line in text.splitlines())
    lowered = _week_letters(lowered)
    lowered = _bare_hour(lowered)
    lowered = re.sub(entry("plans", "minute_range"), _middle, lowered)
    lowered = re.sub(entry("plans", "hour_range"), _middle_hours, lowered)
    lowered = _without_ages(lowered)
    # "30e", "90' L": a kind's letter right after a length.
    regex, table = _abbreviations()
    lowered = regex.sub(lambda m: f"{m.group(1)} {table[m.group(2)]}", lowered)
    for start, end in sorted(pain_spans(lowered), reverse=True):
        lowered = lowered[:start] + " " * (end - start) + lowered[end:]
    groups: dict[str, str] = entry("plans", "day_groups")
    for words, days in groups.items():
        lowered = re.sub(rf"\b(?:{words})\b", partial(_group_days, days=days), lowered)
    lowered = _day_range().sub(_spell_range, lowered)
    lowered = re.sub(rf"\b({_DAY})(\s*[:=-]?\s*)(?:{'|'.join(entry('plans', 'no_run'))})\b",
                     lambda m: f"{m.group(1)}{m.group(2)}rest" if _weekday_of(m.group(1))
                     is not None else m.group(0), lowered)
    lowered = _rest_days_told_more(lowered)
    lowered = _cross_training_days(lowered)
    each = alternation(entry("plans", "each_run"))
    lowered = re.sub(each + r"(?!\s*(?:week|wk|day|morning|evening|weekend))",
                     f" {_EACH} ", lowered)
    # "about 45 min each: mon easy, ...": the length said first is a part of its own.
    lowered = re.sub(rf"{_EACH}\s*:", f"{_EACH};", lowered)
    return _run_counts().sub(" ", lowered)


@cache
def _cross_training_day() -> re.Pattern[str]:
    sports = "|".join(entry("plans", "cross_training"))
    return re.compile(rf"\b({_DAY})(\s*[:=(-]?\s*)(?:{sports})\b[^,;\n]*")


@cache
def _rest_day_told_more() -> re.Pattern[str]:
    rest = "|".join(entry("plans", "rest_words"))
    return re.compile(rf"\b({_DAY})(\s*[:=-]?\s*)(?:{rest})\b([^,;\n]*)")


def _rest_days_told_more(lowered: str) -> str:
    """"mon rest (swim)", "fri off - gym maybe": a day off told with more words that name
    no run is a day off, not a day waiting for the next run said."""
    def rest(match: re.Match[str]) -> str:
        tail = _denied_run().sub(" ", match.group(3))
        if _weekday_of(match.group(1)) is None or not tail.strip() or re.search(
                r"\d|\brun", tail) or read_kind(tail) not in (None, "rest"):
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}rest"
    return _rest_day_told_more().sub(rest, lowered)


def _cross_training_days(lowered: str) -> str:
    """"mon swim, sun bike 90": a day given to another sport has no run, so it rests in
    the running plan instead of taking the next day's run. A part that also names a run
    ("tue gym + easy 30") keeps it."""
    def rest(match: re.Match[str]) -> str:
        # "mon swim (not running)": a run denied beside the sport is no run.
        after = _denied_run().sub(" ", match.group(0)[match.end(2) - match.start():])
        if _weekday_of(match.group(1)) is None or read_kind(after) is not None or (
                re.search(r"\brun", after)):
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}rest"
    lowered = _cross_training_day().sub(rest, lowered)
    # "football on sundays", "swim sat": the sport before its day; that day holds no run
    # (taken out whole, so days waiting for a run do not take a rest from it).
    return _sport_then_day().sub(lambda m: " " if _weekday_of(m.group(1)) is not None
                                 else m.group(0), lowered)


@cache
def _denied_run() -> re.Pattern[str]:
    return re.compile(alternation(entry("plans", "denied_run")))


@cache
def _sport_then_day() -> re.Pattern[str]:
    sports = "|".join(entry("plans", "cross_training"))
    return re.compile(rf"\b(?:{sports})\b(?:\s+\w+){{0,2}}?\s+(?:on\s+|every\s+)?({_DAY})(?![\w'])"
                      r"(?!\s*(?:\+|&|and)?\s*(?:easy|run|jog|\d))")


def _group_days(match: re.Match[str], *, days: str) -> str:
    """"weekdays easy 30" -> every weekday; "weekend: sat long 90, ..." and "weekdays i
    only have time for tue and thu" -> a heading: the days named after it are the ones."""
    clause = re.split(r"[,;.\n]", match.string[match.end():], maxsplit=1)[0]
    # "weekdays 25 min except wed which is tempo": a day set apart is no heading's day.
    clause = re.split(rf"\b(?:{'|'.join(entry('plans', 'except'))})\b", clause, maxsplit=1)[0]
    group = {WEEKDAYS.index(day) for day in days.split("/")}
    if any(day in group for _, day in _days_in(clause)):
        return " "
    return days


def _week_letters(lowered: str) -> str:
    """"M rest T 45 easy W 45 tempo T 45 easy F rest S 1:45 long S 40 recovery": when the
    lone day letters are the whole week in order, each is its day."""
    letters = list(re.finditer(r"(?<![\w'])[mtwfs](?![\w'])", lowered))
    if "".join(m.group(0) for m in letters) != entry("plans", "week_letters"):
        return lowered
    for day, match in reversed(list(enumerate(letters))):
        lowered = lowered[:match.start()] + WEEKDAYS[day] + lowered[match.end():]
    return lowered


@cache
def _not_before_hour() -> re.Pattern[str]:
    return re.compile("|".join(entry("plans", "not_before_hour")))


def _bare_hour(lowered: str) -> str:
    """"thursday easy hour" -> "thursday easy an hour"; "two hour", "half hour" stay."""
    def said(match: re.Match[str]) -> str:
        before = re.findall(r"[\w.,]+", lowered[:match.start()])
        if before and _not_before_hour().fullmatch(before[-1]):
            return match.group(0)
        return entry("plans", "an_hour")

    return re.sub(rf"\b{entry('plans', 'bare_hour')}\b", said, lowered)


def _middle(match: re.Match[str]) -> str:
    """"30-40" -> "35": a run's length given as a range is its middle."""
    low, high = int(match.group(1)), int(match.group(2))
    return str((low + high) // 2) if low < high else match.group(0)


def _middle_hours(match: re.Match[str]) -> str:
    """"2-3 hours" -> "150 min": a range of hours is its middle, as a range of minutes is."""
    low, high = (float(match.group(i).replace(",", ".")) for i in (1, 2))
    if not 0 < low < high:
        return match.group(0)
    return f"{round((low + high) * 30)} min"


@cache
def _ages() -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = alternation(entry("plans", "age_before"))
    after = "|".join(entry("plans", "age_after"))
    return (re.compile(rf"{before}\s+(\d{{2}})\b(?!\s*(?:[:.,]\d|{after}))"),
            re.compile(rf"\b\d{{2}}\s*(?:{after})\b"))


def _without_ages(lowered: str) -> str:
    """"other days I rest, at 66 my body needs it": an age told beside the plan is no
    run's length. After "at" or "I'm", a number is an age only when what follows says
    nothing of a run (no unit, no time of day, no kind)."""
    maybe, sure = _ages()
    lowered = sure.sub(" ", lowered)

    def age(match: re.Match[str]) -> str:
        after = " ".join(lowered[match.end():].split()[:2])
        if read_session_words(f"{match.group(1)} {after}").minutes is not None or re.match(
                r"\s*(?:am|pm|h\b|o'?clock|k\b|km|mi\b|miles?|x\b|%)", lowered[match.end():]
        ) or read_kind(after) is not None:
            return match.group(0)
        return " "

    return maybe.sub(age, lowered)


@cache
def _day_range() -> re.Pattern[str]:
    joiners = "|".join(entry("plans", "range_joiners"))
    # "mon-wed-fri" is a list of three days, not a range.
    chained = rf"\s*[-–/]\s*{_DAY}\b"
    return re.compile(rf"(?<![-–/])(?<![-–/]\s)\b({_DAY})\s*(?:{joiners})\s*({_DAY})\b"
                      rf"(?!{chained})")


def _spell_range(match: re.Match[str]) -> str:
    """"mon-thu" -> "mon/tue/wed/thu"; a range that is no pair of days stays as said."""
    first, last = _weekday_of(match.group(1)), _weekday_of(match.group(2))
    if first is None or last is None or first == last:
        return match.group(0)
    span = [(first + step) % 7 for step in range((last - first) % 7 + 1)]
    return "/".join(WEEKDAYS[day] for day in span)


@cache
def _joiners() -> re.Pattern[str]:
    words = "|".join(entry("plans", "joiners"))
    return re.compile(rf"(\s+(?:{words})\s+|(?<=\w)\.\s+)")


_EXCEPTED = "§"
_EACH = "∀"  # where a length said of every run stood ("an hour each")
_SENTENCE_END = "¶"
_DAY = "(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*"


@cache
def _every_day() -> re.Pattern[str]:
    return re.compile(alternation(entry("plans", "every_day")))


@cache
def _except_day() -> re.Pattern[str]:
    """"except friday", "but wed is intervals 50", "except the long run on saturday": a
    part of its own starts at the word, when a day follows within the clause."""
    but = "|".join(entry("plans", "except"))
    return re.compile(rf"[\s,]*\b(?:{but})\s+(?=(?:the\s+)?{_DAY}\b"
                      rf"|[^,.;\n§¶]{{0,30}}?\b(?:on\s+)(?:the\s+)?{_DAY}\b)")


@cache
def _swap() -> re.Pattern[str]:
    return re.compile(alternation(entry("plans", "swaps")))


@cache
def _correction() -> re.Pattern[str]:
    words = "|".join(entry("plans", "corrections"))
    # "actually sunday is more like 100" says sunday again; it moves no run to sunday.
    return re.compile(rf"[\s,.;]*(?:{words})[\s,]+({_DAY})\b(?!'?s? +(?:is|was|will be|"
                      rf"should be|would be|needs to be|can be)\b|\s*[=:])[\s,.;]*")


def _corrected_days(text: str) -> str:
    """"sat long 2h, no actually make that sunday. tue tempo 40" -> "sun long 2h, tue
    tempo 40": a day corrected takes the place of the day said just before."""
    while match := _correction().search(text):
        before = list(re.finditer(rf"\b{_DAY}\b", text[:match.start()]))
        head = text[:match.start()]
        if before:
            last = before[-1]
            head = head[:last.start()] + match.group(1) + head[last.end():]
        text = head + ", " + text[match.end():]
    # "sat 90 long — wait no, long run is sunday not sat": the day denied is replaced.
    while match := _denied_day().search(text):
        said, denied = _weekday_of(match.group(1)), _weekday_of(match.group(2))
        before = [m for m in re.finditer(rf"\b{_DAY}\b", text[:match.start()])
                  if _weekday_of(m.group(0)) == denied]
        head = text[:match.start()]
        if before and said is not None:
            last = before[-1]
            head = head[:last.start()] + WEEKDAYS[said] + head[last.end():]
        text = head + ", " + text[match.end():]
    return text


@cache
def _denied_day() -> re.Pattern[str]:
    words = "|".join(entry("plans", "corrections"))
    return re.compile(rf"[\s,.;—–-]*(?:(?:{words}|wait|no)[\s,]+)*(?:[a-z ]{{0,25}}?\bis\s+)?"
                      rf"({_DAY})\s*,?\s+not\s+(?:on\s+)?(?:the\s+)?({_DAY})\b[\s,.;]*")


def _days_in(words: str) -> list[tuple[re.Match[str], int]]:
    return [(match, day) for match in _WORD.finditer(words)
            if (day := _weekday_of(match.group(0))) is not None]


@cache
def _other_days() -> re.Pattern[str]:
    return re.compile(alternation(entry("plans", "other_days")))


def _split_before_others(segment: str) -> list[str]:
    """"sun easy 30 the rest is rest", "sat long 90 other days rest": the day named and
    its run, then what the other days do, as two parts (not easy 30 for every day)."""
    found = _other_days().search(segment)
    if found is None or not segment[:found.start()].strip():
        return [segment]
    days = _day_specs(segment[:found.start()])
    if not days or not any(_has_content(spec) for _, spec in days):
        return [segment]
    return [segment[:found.start()], segment[found.start():]]


def _split_at_joiners(segment: str) -> list[str]:
    """"easy 40 on monday and a long run on saturday" -> two parts, when each side names
    a day and says something about its run; "tue and thu tempo 45" stays one part."""
    pieces: list[str] = []
    joiner = ""
    for index, piece in enumerate(_joiners().split(segment)):
        if index % 2:  # the joiner itself, kept where the part is not split
            joiner = piece
        elif pieces and _day_specs(piece) and _has_content(piece) and _day_specs(pieces[-1]) \
                and _has_content(pieces[-1]) and not _other_days().search(pieces[-1]) \
                and not _completes(pieces[-1], piece):
            pieces.append(piece)
        elif pieces and _other_days().search(piece) and _day_specs(pieces[-1]) \
                and read_kind(_other_days().sub(" ", piece)) is not None:
            pieces.append(piece)  # "sat: 16k long / rest all other days"
        elif pieces:
            pieces[-1] = f"{pieces[-1]}{joiner}{piece}"
        else:
            pieces.append(piece)
    return pieces


def _completes(left: str, right: str) -> bool:
    """True when one side says the kind and the other only the length, so both sides
    describe one run: "easy runs mon and wed (35 min each)"."""
    left_words = read_session_words(left, bare_numbers=True)
    right_words = read_session_words(right, bare_numbers=True)

    def length(words: SessionWords) -> bool:
        return words.minutes is not None or words.distance_km is not None

    return (left_words.kind is not None and not length(left_words)
            and right_words.kind is None and length(right_words))


def _merge_lengths(segments: list[str]) -> list[str]:
    """A part with no day and no kind, only a length ("tue and thu, 40ish", "(6x1k, about
    an hour all in)"), belongs to the part before it."""
    merged: list[str] = []
    for segment in segments:
        # "every day but sunday, 45 min": the 45 min is every day's, not Sunday's.
        if merged and not _day_specs(segment) and read_kind(segment) is None \
                and _has_content(segment) and _day_specs(merged[-1]) \
                and not merged[-1].lstrip().startswith(_EXCEPTED) \
                and not _other_days().search(segment):  # "others 40" is theirs
            merged[-1] = f"{merged[-1]} {segment}"
        else:
            merged.append(segment)
    return merged


@cache
def _short_day_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    names: list[list[str]] = entry("plans", "short_days")
    table = {word: day for day, words in enumerate(names) for word in words}
    short = "|".join(sorted(table, key=len, reverse=True))
    kinds = "|".join(entry("plans", "short_days_before"))
    # One short name, or several joined ("tu/th", "m, w & f").
    # Several said with spaces only before a colon, a length or a run ("tu th sa su: ...",
    # "m w f 20 min", "m w f easy 30") are a list too.
    return re.compile(rf"(?:^|(?<=\s/\s))\s*((?:{short})(?:\s+(?:{short}))+"
                      rf"(?=\s*:|\s+\d|\s+(?:{kinds})\b)"
                      rf"|(?:{short})(?:\s*(?:/|&|and)\s*(?:{short}))*)"
                      r"(?=\s|:|$)"), table


def _short_days(segment: str) -> str:
    """"M rest" -> "mon rest", "tu 50 tempo" -> "tue 50 tempo", "tu/th easy" -> "tue/thu
    easy", "th: tempo": short day names only where a part (or a " / " piece) starts."""
    regex, table = _short_day_pattern()
    # "M: rest T: intervals 50 W: easy 40": a short name with a colon is a day's label
    # wherever it stands.
    short = "|".join(sorted(table, key=len, reverse=True))
    segment = re.sub(rf"(?<=\s)({short})(?=\s*:(?!\d))",
                     lambda m: WEEKDAYS[table[m.group(1)]], segment)
    if _days_in(segment):
        # "T 45 wed", "L 100 sun": beside a day said in full, a letter before a length
        # is the run's kind, not a second day.
        codes, kinds = _abbreviations()[1], entry("plans", "abbreviations")
        segment = re.sub(rf"^(\s*)({'|'.join(sorted(codes, key=len, reverse=True))})\s+(?=\d)",
                         lambda m: f"{m.group(1)}{kinds[m.group(2)]} ", segment)

    def spell(match: re.Match[str]) -> str:
        after = match.string[match.end():]
        if re.match(r"\s+[a-z]", after) and not _has_content(after):
            # "we have a stroller", "mo is the best": a word, not a day, when the words
            # after it say nothing about a run.
            return match.group(0)
        return re.sub(r"[a-z]+", lambda w: WEEKDAYS[table[w.group(0)]] if w.group(0) in table
                      else w.group(0), match.group(1))

    return regex.sub(spell, segment)


@cache
def _weekday_words() -> dict[str, int]:
    names: list[list[str]] = entry("days", "weekdays")
    return {word: index for index, words in enumerate(names) for word in words if len(word) > 2}


def _weekday_of(word: str) -> int | None:
    """The weekday a word names: mon, monday, mondays, tues, weds, thurs..."""
    return _weekday_words().get(word)


def _has_content(spec: str) -> bool:
    """True when the words after a day say something about the run ("an hour" too)."""
    return (bool(re.search(r"\d", spec)) or read_kind(spec) is not None
            or read_duration(spec) is not None)


def _day_specs(segment: str) -> list[tuple[int, str]]:
    """The days in one comma-separated part, each with the words that describe its run."""
    days = [
        (day, match)
        for match in _WORD.finditer(segment)
        if (day := _weekday_of(match.group(0))) is not None
    ]
    if not days:
        return []
    prefix = segment[: days[0][1].start()]
    specs = [
        segment[match.end() : days[i + 1][1].start() if i + 1 < len(days) else len(segment)]
        for i, (_, match) in enumerate(days)
    ]
    if len(days) == 1:
        return [(days[0][0], prefix + " " + specs[0])]  # "easy 40 on Monday" too
    resolved: list[tuple[int, str]] = []
    for i, (day, _) in enumerate(days):
        spec = specs[i]
        if not _has_content(spec):
            # "Tue and Thu tempo 45": a bare day shares the next described run; failing
            # that, the words before the days ("tempo 45 on Tue and Thu"), then the last one.
            later = [s for s in specs[i + 1 :] if _has_content(s)]
            # "tue thu sat long 90": a long run said after days listed with nothing
            # between them is the last day's; the others are runs of their own.
            if later and not spec.strip() and read_kind(later[0]) == "long":
                later = []
            earlier = [s for s in specs[:i] if _has_content(s)]
            if later:
                spec = later[0]
            elif _has_content(prefix):
                spec = prefix
            elif earlier:
                spec = earlier[-1]
        if read_kind(spec) is None and read_kind(prefix) is not None:
            spec = f"{prefix} {spec}"  # "tempo runs tue and fri (40 min each)"
        resolved.append((day, spec))
    return resolved


def _planned_run(day: int, spec: str) -> PlannedRun:
    words = read_session_words(spec, bare_numbers=True)
    kind = words.kind or "easy"
    if words.kind is None and words.minutes == 0 and words.distance_km is None:
        kind = "rest"  # "wed 0": nothing to run that day
    if kind == "rest":
        return PlannedRun(weekday=day, kind="rest", minutes=0)
    minutes = estimate_minutes(words, kind)
    # A run of no kind said that lasts as long as a long run is one ("sat 14 miles").
    if words.kind is None and minutes >= default_minutes("long"):
        kind = "long"
        minutes = estimate_minutes(words, kind)
    if minutes > MAX_MINUTES:
        raise PlanParseError(
            f"{minutes} minutes on {WEEKDAY_NAMES[day]} looks too long; "
            f"the most I accept is {MAX_MINUTES}."
        )
    if minutes < 1:
        raise PlanParseError(
            f"0 minutes on {WEEKDAY_NAMES[day]}? For a day off write “{WEEKDAYS[day].title()} "
            "rest”."
        )
    return PlannedRun(weekday=day, kind=kind, minutes=minutes)
