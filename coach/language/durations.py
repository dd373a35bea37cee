"""The one reader of sessions and durations: "2h30", "2.5 hrs", "1:45", "90'", "6x800",
"10k tempo", "an hour". Used by the weekly plan, /swap, onboarding and free text alike.

Only what the text says is returned; estimates (a kind's usual length, a distance at a
rough pace, reps with warm-up) are a separate, explicit step: ``estimate_minutes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from coach.language.lexicon import alternation, entry, normalise

SESSION_KINDS = ("easy", "long", "tempo", "intervals", "hills", "recovery", "rest")
MAX_MINUTES = 600


@dataclass(frozen=True, slots=True)
class SessionWords:
    """What a text says about one session; None where it says nothing."""

    kind: str | None = None
    minutes: int | None = None
    distance_km: float | None = None
    reps: int | None = None
    work_minutes: float | None = None
    rest_minutes: float | None = None
    available_minutes: int | None = None


def default_minutes(kind: str) -> int:
    return int(entry("sessions", "default_minutes")[kind])


@cache
def _kind_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    kinds: dict[str, list[str]] = entry("sessions", "kinds")
    return tuple((kind, re.compile(alternation(phrases))) for kind, phrases in kinds.items())


@cache
def _generic() -> re.Pattern[str]:
    return re.compile(alternation(entry("sessions", "generic")))


@cache
def _units() -> dict[str, str]:
    number_words = entry("sessions", "number_words")
    single = [w for w in number_words if len(w) > 2]
    tens = "|".join(entry("sessions", "tens"))
    units = "|".join(w for w, n in number_words.items() if 1 <= n <= 9 and len(w) > 2)
    # "thirty five", "forty-five" before "thirty", "five".
    spelled = f"(?:{tens})[- ](?:{units})|" + "|".join(sorted(single, key=len, reverse=True))
    fractions = "|".join(re.escape(f) for f in sorted(entry("sessions", "hour_fractions"),
                                                       key=len, reverse=True))
    ranges = "|".join(re.escape(w) for w in entry("sessions", "range_words"))
    distance = entry("sessions", "distance_units")
    return {"h": entry("sessions", "hour_units"), "m": entry("sessions", "minute_units"),
            "spelled": spelled, "fractions": fractions, "range": ranges,
            "km": distance["km"], "mi": distance["mi"]}


@cache
def _duration_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    u = _units()
    end = r"(?![\w])"
    number = rf"(?:\d{{1,2}}|{u['spelled']})"
    return (
        # "2 and a half hours", "2½ hrs", "1 1/2 hours"
        ("h_fraction", re.compile(rf"(?<![\w.,/])({number})\s*({u['fractions']})\s*"
                                  rf"(?:{u['h']}){end}")),
        # "45-50 min", "1-1.5 hrs": the longer end
        ("range_m", re.compile(rf"(?<![\w.,x×/-])\d{{1,3}}\s*(?:{u['range']})\s*(\d{{1,3}})\s*"
                               rf"(?:{u['m']}){end}")),
        ("range_h", re.compile(rf"(?<![\w.,x×/-])\d{{1,2}}(?:[.,]\d+)?\s*(?:{u['range']})\s*"
                               rf"(\d{{1,2}}(?:[.,]\d+)?)\s*(?:{u['h']}){end}")),
        # "an hour and 15", "1 hr and 20 mins", "2 hours 15"
        # "one hour fifteen", "two hours ten minutes": the numbers in words too.
        ("hm", re.compile(rf"(?<![\w.:])(?:(\d{{1,2}}|an?|{u['spelled']})\s*(?:{u['h']})"
                          r"\s*(?:and\s+)?|(?:hour|hr)\s+and\s+)"
                          rf"(\d{{1,2}}|{u['spelled']})\s*(?:{u['m']}|m)?{end}"
                          r"(?!\s*(?:x|×|k\b|km|mi|s\b|sec|hours?|hrs?\b|quarters?\b))")),
        ("hms", re.compile(r"(?<![\w.:])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:])")),
        ("clock", re.compile(r"(?<![\w.:])(\d{1,2}):([0-5]\d)(?![\d:])(?!\s*(?:am|pm|a\.m|p\.m))")),
        ("h", re.compile(rf"(?<![\w.,])(\d{{1,2}}(?:[.,]\d+)?)\s*(?:{u['h']}){end}")),
        ("spelled_h", re.compile(rf"\b({u['spelled']})\s+(?:and a half\s+)?(?:hours?|hrs?){end}")),
        ("m", re.compile(rf"(?<![\w.,x×/-])(\d{{1,3}})\s*(?:-?ish\s*)?(?:{u['m']}){end}")),
        ("spelled_m", re.compile(rf"\b({u['spelled']})\s+(?:minutes?|mins?){end}")),
        # "75m" is minutes; "800m" (200 and up) is metres.
        ("small_m", re.compile(r"(?<![\w.,x×/-])(\d{1,3})\s*m(?![\w])")),
    )


@cache
def _fraction_after() -> re.Pattern[str]:
    parts: dict[str, float] = entry("sessions", "hour_fractions_after")
    names = "|".join(sorted(parts, key=len, reverse=True))
    return re.compile(rf"\s*(?:and|n|&|'n')\s+(?:an?\s+)?({names})(?![\w])")


@cache
def _hour_phrases() -> tuple[tuple[re.Pattern[str], int], ...]:
    phrases: dict[str, int] = entry("sessions", "hour_phrases")
    # Longest first: "an hour and a quarter" before "an hour".
    return tuple((re.compile(rf"\b{p}\b"), int(m))
                 for p, m in sorted(phrases.items(), key=lambda item: -len(item[0])))


@cache
def _reps() -> re.Pattern[str]:
    u = _units()
    times = "|".join(entry("sessions", "rep_times"))
    # "6x800", "5 x 4 min / 2 min", "6x3' with 90 s jog", "8x400m", "6 by 1km"
    return re.compile(
        rf"(\d{{1,2}})\s*(?:{times})\s*(\d{{1,4}}(?:[.,]\d)?)\s*({u['m']}|m|k|km|s|sec|secs|mi)?"
        rf"(?:\s*(?:/|with|w/|w|and|,)?\s*(\d{{1,3}})\s*(seconds|secs|sec|s|{u['m']})"
        r"(?:\s*(?:rest|easy|jog|jogging|recovery|recoveries|off)){0,2})?")


def _recovery_minutes(match: re.Match[str]) -> float | None:
    """The recovery told after a rep ("6x800 w/ 90s jog", "5 x 4 min / 2 min"), in minutes;
    None when none is told, or when the length is longer than any recovery between reps
    ("tue 8x400 45min": the session's length, said after its reps)."""
    if not match.group(4):
        return None
    amount = float(match.group(4))
    minutes = amount / 60 if match.group(5).startswith("s") else amount
    return minutes if minutes <= float(entry("sessions", "longest_recovery_minutes")) else None


def _rep_end(match: re.Match[str]) -> int:
    """Where the reps end: after their recovery, or after the rep itself when what follows
    is no recovery but the session's length."""
    if not match.group(4) or _recovery_minutes(match) is not None:
        return match.end()
    return match.end(3) if match.group(3) else match.end(2)


def _without_reps(text: str) -> str:
    """The text with every rep workout ("6x800 w/ 2 min jog") blanked, a length said after
    the reps ("8x400 45min") kept."""
    return _reps().sub(lambda m: " " * (_rep_end(m) - m.start()) + m.group(0)[
        _rep_end(m) - m.start():], text)


@cache
def _distance() -> re.Pattern[str]:
    u = _units()
    return re.compile(rf"(?<![\w.,x×])(\d{{1,3}}(?:[.,]\d+)?)\s*({u['km']}|{u['mi']})(?![\w])")


@cache
def _available() -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = alternation(entry("sessions", "available"))
    after = alternation(entry("sessions", "after_available"))
    # "only have time for 30 min": a few small words may sit between; "no time for the
    # 90 min run" or "just did 40 min" name the run's length.
    gap = "|".join(entry("sessions", "available_gap"))
    filler = rf"(?:\s+(?:{gap}))*\s*$"
    return re.compile(before + filler), re.compile(r"^\s*" + after)


def _number(word: str) -> float:
    """"40", "1,5", "forty", "thirty five", "forty-five" as a number."""
    numbers: dict[str, int] = {**entry("sessions", "number_words"), **entry("sessions", "tens")}
    parts = re.split(r"[- ]", word)
    if all(part in numbers for part in parts):
        return float(sum(numbers[part] for part in parts))
    return float(word.replace(",", "."))


def _durations(text: str) -> list[tuple[int, int, int]]:
    """Every duration in ``text`` as (start, end, minutes), in order, not overlapping."""
    found: list[tuple[int, int, int]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    # Hours with minutes after them ("an hour and 15") before "an hour" alone.
    patterns = _duration_patterns()
    hours_and_minutes = dict(patterns)["hm"]
    for match in hours_and_minutes.finditer(text):
        # "hour and 15" says no number: one hour.
        said = match.group(1) or "one"
        minutes = round(_number(match.group(2)))
        if minutes >= 60:
            continue  # "two hours ninety" is no length
        value = round(_number("one" if said in ("a", "an") else said)) * 60 + minutes
        found.append((match.start(), match.end(), value))
        taken.append(match.span())
    # The longest phrase said wins where phrases overlap ("half an hour", not "an hour").
    phrases = sorted(((m.start(), m.end(), minutes) for regex, minutes in _hour_phrases()
                      for m in regex.finditer(text)), key=lambda f: (f[0] - f[1], f[0]))
    for start, end, minutes in phrases:
        if free(start, end):
            # "two hours and half": a part of an hour said after a phrase of whole hours.
            part = _fraction_after().match(text, end) if re.search(
                r"(?:hours|hrs)$", text[start:end]) else None
            if part:
                minutes += round(60 * entry("sessions", "hour_fractions_after")[part.group(1)])
                end = part.end()
            found.append((start, end, minutes))
            taken.append((start, end))
    for name, regex in patterns:
        if name == "hm":
            continue
        for match in regex.finditer(text):
            if not free(match.start(), match.end()):
                continue
            if name in ("hms", "clock"):
                if name == "clock" and _is_pace(text, match.start(), match.end()):
                    continue
                value = int(match.group(1)) * 60 + int(match.group(2))
                if name == "hms":
                    value += int(match.group(3)) >= 30  # "1:52:40" is 113 minutes, rounded
                if name == "clock" and int(match.group(1)) * 60 > MAX_MINUTES:
                    # "parkrun in 23:40", "10k 48:12": minutes and seconds, no hours.
                    value = int(match.group(1)) + (int(match.group(2)) >= 30)
            elif name == "h_fraction":
                fractions: dict[str, float] = entry("sessions", "hour_fractions")
                value = round((_number(match.group(1)) + fractions[match.group(2)]) * 60)
            elif name == "range_m":
                value = int(match.group(1))
            elif name == "range_h":
                value = round(_number(match.group(1)) * 60)
            elif name in ("h", "spelled_h"):
                hours = _number(match.group(1))
                if "and a half" in match.group(0):
                    hours += 0.5
                part = _fraction_after().match(text, match.end())
                if part and "and a half" not in match.group(0):
                    # "2 hours and half", "3 hrs n a quarter": the part said after the unit.
                    hours += entry("sessions", "hour_fractions_after")[part.group(1)]
                    taken.append((match.start(), part.end()))
                value = round(hours * 60)
            elif name == "small_m":
                value = int(match.group(1))
                if value >= 200:
                    continue
            else:
                value = round(_number(match.group(1)))
            found.append((match.start(), match.end(), value))
            taken.append(match.span())
    return sorted(found)


@cache
def _pace_context() -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = alternation(entry("sessions", "pace_before"))
    after = alternation(entry("sessions", "pace_after"))
    return (re.compile(rf"{before}(?:\s+(?:all|of|about|around|like|~))*\s*$"),
            re.compile(rf"^\s*{after}"))


def _is_pace(text: str, start: int, end: int) -> bool:
    """A time in clock form that is a pace or a split ("splits all under 3:10")."""
    before, after = _pace_context()
    return bool(before.search(text[max(0, start - 30):start]) or after.match(text[end:]))


@cache
def _spent_before() -> re.Pattern[str]:
    """Words right before a duration that spend it on something else ("flight delayed 5h",
    "worked a 12 hour shift"), a few small words allowed between."""
    gap = r"(?:\s+(?:by|for|of|a|an|about|around|like|nearly|almost|over|another|\+|~))*"
    return re.compile(alternation(entry("sessions", "spent_before")) + gap + r"\s*$")


def _is_available(text: str, start: int, end: int) -> bool:
    before, after = _available()
    return bool(before.search(text[max(0, start - 40):start])) or bool(after.match(text[end:]))


def lengths(text: str) -> list[tuple[int, int, int]]:
    """Every length of time in ``text`` (normalised) as (start, end, minutes), reps'
    lengths ("6x800 w/ 2 min jog") left out."""
    return _durations(_without_reps(text))


def is_available(text: str, start: int, end: int) -> bool:
    """Whether the length at ``start:end`` of ``text`` is time the athlete has."""
    return _is_available(text, start, end)


def available_minutes(text: str) -> list[int]:
    """Every length of time the athlete says they have ("only 25 min", "an hour free")."""
    without_reps = _without_reps(normalise(text))
    return [value for start, end, value in _durations(without_reps)
            if _is_available(without_reps, start, end)]


def read_kind(text: str) -> str | None:
    """The session kind a text names first ("hill repeats" -> hills, "easy run with
    strides" -> easy); a kind said not to be meant ("my tempo, not intervals") is not."""
    found = _kinds_said(normalise(text))
    if not found and re.search(alternation(entry("sessions", "rep_shapes")), normalise(text)):
        return "intervals"
    # "rest day but i did a 25 min recovery jog", "40 easy on my rest day": the day's rest
    # is why the run is news; the run's kind is the one run.
    runs = [said for said in found if said[2] != "rest"]
    return min(runs or found)[2] if found else None


def kind_position(text: str) -> int | None:
    """Where in ``text`` (normalised) the kind ``read_kind`` reads is named, or None."""
    found = _kinds_said(normalise(text))
    runs = [said for said in found if said[2] != "rest"]
    return min(runs or found)[0] if found else None


def _kinds_said(lowered: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    denied = re.compile(alternation(entry("sessions", "denied")) + r"\s+$")
    for order, (kind, regex) in enumerate(_kind_patterns()):
        for match in regex.finditer(lowered):
            if not denied.search(lowered[:match.start()]):
                found.append((match.start(), order, kind))
                break
    return found


def session_words_fragment() -> str:
    """A regex fragment (no boundaries) matching any word for a session, of a kind or not."""
    kinds: dict[str, list[str]] = entry("sessions", "kinds")
    phrases = [p for ps in kinds.values() for p in ps] + list(entry("sessions", "generic")) + list(
        entry("sessions", "rep_shapes"))
    return "(?:" + "|".join(sorted(phrases, key=len, reverse=True)) + ")"


def mentions_session(text: str) -> bool:
    """True when the text names a run ("my 40 min tempo", "my 10k"), not just a reason:
    the time the athlete has ("only 30 minutes") is a reason, and "a long day", "take
    it easy" or "can't run today" name no session."""
    words = read_session_words(text)
    return (words.kind is not None or words.minutes is not None
            or words.distance_km is not None or words.reps is not None)


def names_a_run(text: str) -> bool:
    """True when the text names a session, of a known kind or not ("my run", "workout")."""
    lowered = normalise(text)
    return read_kind(lowered) is not None or bool(_generic().search(lowered))


def read_session_words(text: str, *, bare_numbers: bool = False) -> SessionWords:
    """Kind, explicit length, distance, reps and time available said in ``text``.

    ``bare_numbers``: a number without a unit is minutes (plans: "tue 40 easy").
    """
    lowered = normalise(text)
    reps = work = rest = None
    reps_match = _reps().search(lowered)
    if reps_match:
        reps = int(reps_match.group(1))
        unit = reps_match.group(3) or ""
        if unit and (unit[0] in "'" or unit.startswith("min")):
            work = float(reps_match.group(2).replace(",", "."))
        rest = _recovery_minutes(reps_match)
    without_reps = _without_reps(lowered)
    minutes = available = None
    not_this = re.compile(alternation(entry("sessions", "not_this")) + r"\s*$")
    elsewhere = re.compile(r"^\s*" + alternation(entry("sessions", "spent_elsewhere")))
    spent = _spent_before()
    for start, end, value in _durations(without_reps):
        blanked = without_reps[:start] + " " * (end - start) + without_reps[end:]
        if value > MAX_MINUTES:
            pass  # "watch says recovery time 72h": longer than any session is no length
        elif not_this.search(without_reps[max(0, start - 24):start]):
            pass  # "only 2 hrs not 2h15": the planned length, not the one run
        elif elsewhere.match(without_reps[end:]) or spent.search(
                without_reps[max(0, start - 40):start]):
            pass  # "6 hrs in the car": time spent on something else, no session's length
        elif _is_available(without_reps, start, end):
            available = available if available is not None else value
        elif minutes is None:
            minutes = value
        without_reps = blanked
    if bare_numbers and minutes is None:
        # A plan says how long runs are; "only 30 min", "around 35 mins" there is the
        # run's length, not time the athlete happens to have.
        minutes, available = available, None
    distance_km = None
    distance = _distance().search(without_reps)
    if distance:
        amount = float(distance.group(1).replace(",", "."))
        mile = re.fullmatch(_units()["mi"], distance.group(2)) is not None
        distance_km = amount * 1.609 if mile else amount
        without_reps = without_reps[: distance.start()] + " " * len(distance.group(0)) + \
            without_reps[distance.end():]
    if minutes is None and bare_numbers:
        about = "|".join(entry("sessions", "about_suffix"))
        bare = re.search(rf"(?<![\w.,:/-])(\d{{1,4}})(?:(?![\w.,:/])|(?=\s*(?:{about})\b))",
                         without_reps)
        if bare:
            minutes = int(bare.group(1))
    if minutes is None and bare_numbers:
        # "Tuesday easy forty-five", "thu tempo thirty": tens said in words, alone, are the
        # run's minutes in a plan as digits are.
        tens = "|".join(entry("sessions", "tens"))
        units = "|".join(w for w, n in entry("sessions", "number_words").items()
                         if 1 <= n <= 9 and len(w) > 2)
        spelled = re.search(rf"(?<![\w-])((?:{tens})(?:[- ](?:{units}))?)(?![\w-])"
                            r"(?![- ](?:k|km|mi|miles?|x|times|reps)\b)", without_reps)
        if spelled:
            minutes = int(_number(spelled.group(1)))
    if minutes is None and not bare_numbers:
        minutes = _number_beside_kind(without_reps)
    # The recovery of a rep workout ("8x400 w/ 90s jog") names no easy run: the kind is
    # read beside the reps, not in them.
    kind = read_kind(_without_reps(lowered))
    if kind is None and reps is not None:
        kind = "intervals"
    return SessionWords(kind=kind, minutes=minutes, distance_km=distance_km, reps=reps,
                        work_minutes=work, rest_minutes=rest, available_minutes=available)


def _number_beside_kind(text: str) -> int | None:
    """A bare number right beside a session kind is its minutes, as runners write them in a
    message too ("ran 45 easy", "tempo 40 done", "did my 90 long"); a number beside a
    unit, a clock or a score is none of these."""
    low, high = entry("sessions", "bare_minutes_range")
    # Digits, or tens said in words ("my easy forty five", "a steady ninety").
    tens = "|".join(entry("sessions", "tens"))
    units = "|".join(w for w, n in entry("sessions", "number_words").items() if 1 <= n <= 9
                     and len(w) > 2)
    number = (rf"(?<![\w.,:/~-])(\d{{2,3}}|(?:{tens})(?:[- ](?:{units}))?)"
              r"(?![\w:/%']|[.,]\d)(?![- ](?:k|km|mi|miles?|x|times|reps)\b)")
    for _, regex in _kind_patterns():
        kind = regex.pattern
        found = re.search(rf"{number}\s+(?:min\s+)?{kind}|{kind}\s+{number}(?!\s*(?:/|out ?of))",
                          text)
        if found:
            value = int(_number(found.group(1) or found.group(2)))
            if low <= value <= high:
                return value
    # "ran 40 instead of 50 for the tempo", "only did 35, legs were gone": a bare number
    # right after a verb of running, in a message that names a run, is what was run.
    if read_kind(text) is not None:
        verbs = alternation(entry("sessions", "ran_verbs"))
        found = re.search(rf"\b(?:{verbs})\s+(?:only |just |about |around |like |maybe )?"
                          rf"{number}(?!\s*(?:/|out ?of(?!\s+(?:the|my|a|an|that)\b)|am|pm|:))",
                          text)
        # "i finished it, roughly 45": a rough number on its own is the run's minutes.
        rough = alternation(entry("sessions", "rough_length"))
        found = found or re.search(
            rf"(?:^|[,;.(-]\s*){rough}\s*{number}(?:\s*-?\s*ish)?\s*(?:[,;.)!]|$)"
            r"(?!\s*(?:/|out ?of))", text)
        if found and low <= (value := int(_number(found.group(1)))) <= high:
            return value
    # "it was only gonna be a short 30", "a quick 20 before work": a number after a word
    # for a run's size is its minutes.
    sizes = alternation(entry("sessions", "size_words"))
    found = re.search(rf"\b(?:a|an|the|my|just a|only a)\s+{sizes}\s+{number}(?!\s*(?:/|out ?of))",
                      text)
    if found and low <= int(found.group(1)) <= high:
        return int(found.group(1))
    return None


def read_duration(text: str) -> int | None:
    """Minutes of the first duration said in ``text`` ("2h30", "90'", "an hour")."""
    without_reps = _without_reps(normalise(text))
    durations = _durations(without_reps)
    return durations[0][2] if durations else None


def estimate_minutes(words: SessionWords, kind: str, *, round_to: int = 5) -> int:
    """A length for a session whose text gave none: from a distance at a rough pace, from
    reps with warm-up and cool-down, else the kind's usual length."""
    if kind == "rest":
        return 0
    if words.minutes is not None:
        return words.minutes
    if words.distance_km is not None:
        pace = float(entry("sessions", "minutes_per_km")[kind])
        return max(5, round(words.distance_km * pace / round_to) * round_to)
    if words.reps and words.work_minutes:
        rest = words.rest_minutes if words.rest_minutes is not None else words.work_minutes / 2
        return round(words.reps * (words.work_minutes + rest) + 20)
    return default_minutes(kind)
