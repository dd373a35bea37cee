"""Log a session from a run file the athlete sent: read it, put it on its day, close that
day's check-in and say how it compares with the plan.

The handler downloads the file (after :func:`refuse_before_download` let it) and calls
:func:`log_run_file`; nothing here knows Telegram.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from coach.language import t
from coach.language.names import date_label
from coach.runfiles import (
    MAX_FILE_BYTES,
    ActivitySummary,
    RunFileError,
    content_digest,
    detect_format,
    parse_run_file,
)
from storage import repository
from usecases.ports import UnitOfWork
from usecases.replies import Reply
from usecases.snapshot import load_snapshot

log = logging.getLogger(__name__)

# A run-file check-in never overwrites these: the athlete's own pain report stays.
_KEPT_STATUSES = frozenset({"pain"})


def refuse_before_download(
    *, filename: str | None, size: int | None, language: str = "en"
) -> Reply | None:
    """A reply refusing the file before it is downloaded (too big, not an activity file),
    or None: go ahead and download it."""
    if size is not None and size > MAX_FILE_BYTES:
        return Reply(t("runfiles.too_big", language=language,
                       limit_mb=MAX_FILE_BYTES // (1024 * 1024)))
    if size == 0:
        return Reply(t("runfiles.empty", language=language))
    suffix = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if suffix and suffix not in ("fit", "gpx", "tcx", "xml"):
        return Reply(t("runfiles.unknown_format", language=language))
    return None


def download_failed(language: str = "en") -> Reply:
    return Reply(t("runfiles.download_failed", language=language))


def _problem_reply(error: RunFileError, kind: str | None, language: str) -> Reply:
    if error.problem == "too_big":
        return Reply(t("runfiles.too_big", language=language,
                       limit_mb=MAX_FILE_BYTES // (1024 * 1024)))
    if error.problem == "unreadable":
        return Reply(t("runfiles.unreadable", language=language,
                       format=f".{kind}" if kind else "activity"))
    return Reply(t(f"runfiles.{error.problem}", language=language))


def _details(summary: ActivitySummary, *, avg_hr: int | None, language: str) -> str:
    parts = [t("runfiles.detail_minutes", language=language, minutes=summary.minutes)]
    if summary.distance_m:
        parts.append(t("runfiles.detail_distance", language=language,
                       km=f"{summary.distance_m / 1000:.1f}"))
    if summary.ascent_m and summary.ascent_m >= 1:
        parts.append(t("runfiles.detail_ascent", language=language,
                       metres=round(summary.ascent_m)))
    if avg_hr:
        parts.append(t("runfiles.detail_hr", language=language, bpm=avg_hr))
    return ", ".join(parts)


def log_run_file(
    uow: UnitOfWork, *, athlete_id: int, filename: str | None, data: bytes
) -> Reply:
    """Read ``data`` (a .fit, .gpx or .tcx file) and log it for athlete ``athlete_id``.

    A file that can't be used gets a line saying why and changes nothing; the same file
    sent again changes nothing either.
    """
    with uow.transaction() as session:
        snapshot = load_snapshot(session, athlete_id=athlete_id, now=uow.now())
    language = snapshot.language
    kind = detect_format(filename, data)
    try:
        summary = parse_run_file(data, filename)
    except RunFileError as error:
        log.info("run file refused: %s", error.problem)
        return _problem_reply(error, kind, language)

    day = summary.local_start(ZoneInfo(snapshot.timezone)).date()
    with uow.transaction() as session:
        row, created = repository.log_activity(
            session=session, athlete_id=athlete_id, day=day, started_at=summary.start,
            sport=summary.sport, duration_s=round(summary.duration_s),
            distance_m=summary.distance_m, ascent_m=summary.ascent_m, avg_hr=summary.avg_hr,
            file_format=summary.file_format, content_sha256=content_digest(data),
            now=uow.now(),
        )
        if not created:
            return Reply(t("runfiles.already_logged", language=language,
                           sport=row.sport,
                           day=date_label(row.day, today=snapshot.today, language=language)))
        same_day = repository.list_logged_activities(
            session=session, athlete_id=athlete_id, since=day, until=day)
        existing = repository.get_checkin(session=session, athlete_id=athlete_id, day=day)
        planned = snapshot.planned_on(day)
        is_run_day = planned is not None and planned.kind != "rest" and planned.minutes > 0
        ran = any(activity.sport == "running" for activity in same_day)
        status = "done" if ran or not is_run_day else "swapped"
        kept = existing is not None and existing.status in _KEPT_STATUSES
        if not kept:
            repository.record_checkin(session=session, athlete_id=athlete_id, day=day,
                                      status=status, now=uow.now())

    lines = [t("runfiles.logged", language=language, sport=summary.sport,
               day=date_label(day, today=snapshot.today, language=language),
               details=_details(summary, avg_hr=row.avg_hr, language=language))]
    if planned is None:
        lines.append(t("runfiles.no_plan", language=language) if not snapshot.plan
                     else t("runfiles.rest_day", language=language))
    elif not is_run_day:
        lines.append(t("runfiles.rest_day", language=language))
    elif summary.is_running:
        done = sum(round(a.duration_s / 60) for a in same_day if a.sport == "running")
        key = "runfiles.versus_plan" if done == summary.minutes else "runfiles.versus_plan_total"
        lines.append(t(key, language=language, done=done, planned=planned.minutes,
                       kind=planned.kind))
    else:
        lines.append(t("runfiles.swap_for_plan", language=language,
                       planned=planned.minutes, kind=planned.kind))
    lines.append(t("runfiles.pain_kept", language=language) if kept
                 else t("runfiles.checkin_closed", language=language))
    lines.append(t("runfiles.see_week", language=language))
    return Reply("\n".join(lines))
