"""Progress's daily figures: what a lesson completion adds (a completion of the lesson, and
the minutes from the learner's first opening of the lesson to its completion)."""

import math
from datetime import datetime
from typing import Final
from uuid import UUID

from tutor_platform.shared.figures import FigureDelta, utc_day

LESSON_COMPLETIONS: Final = "lesson_completions"
LESSON_MINUTES: Final = "lesson_minutes"
MAX_LESSON_MINUTES: Final = 180
"""Longer sittings count as this many minutes (a lesson left open overnight)."""


def lesson_minutes(opened_at: datetime | None, completed_at: datetime) -> int | None:
    """Whole minutes (1..180) from the first opening to the completion; None when the lesson
    was not opened before it was completed."""
    if opened_at is None or opened_at > completed_at:
        return None
    seconds = (completed_at - opened_at).total_seconds()
    return min(max(math.ceil(seconds / 60), 1), MAX_LESSON_MINUTES)


def completion_figures(
    course_id: UUID, lesson_id: UUID, completed_at: datetime, opened_at: datetime | None
) -> list[FigureDelta]:
    day = utc_day(completed_at)
    deltas = [FigureDelta(course_id, day, LESSON_COMPLETIONS, lesson_id)]
    minutes = lesson_minutes(opened_at, completed_at)
    if minutes is not None:
        deltas.append(FigureDelta(course_id, day, LESSON_MINUTES, lesson_id, f"{minutes:03d}"))
    return deltas
