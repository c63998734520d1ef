"""Spaced review: a card per question a learner has answered, scheduled by FSRS.

A card is made the first time the learner answers the question in an attempt, reviewed then
(right: ``good``, wrong: ``again``). Answering it later is graded like an attempt's answer and
rated from correctness and the time taken:

- wrong (or blank): ``again``;
- right: ``easy`` within ``FAST_MS`` (not for free text, which takes time to write), ``hard``
  after ``SLOW_MS`` (``SLOW_FREE_TEXT_MS`` for free text), else ``good``; without a time,
  ``good``.

"Due" is up to the end of the learner's day in their time zone (``preferences.timezone``,
UTC when unset or unknown), so a learner sees in the morning everything due that day.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any, Final, Literal
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tutor_platform.assessment.domain.quiz import QuestionKind

Rating = Literal["again", "hard", "good", "easy"]
FAST_MS: Final = 8_000
SLOW_MS: Final = 60_000
SLOW_FREE_TEXT_MS: Final = 300_000
MAX_ELAPSED_MS: Final = 86_400_000


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewCard:
    """``schedule`` is the scheduler's own state of the card (JSON), opaque here."""

    id: UUID
    user_id: UUID
    course_id: UUID
    quiz_id: UUID
    question_id: UUID
    lesson_id: UUID | None
    schedule: dict[str, Any]
    due_at: datetime
    last_reviewed_at: datetime | None
    reviews: int
    created_at: datetime


def rating(kind: str, correct: bool, elapsed_ms: int | None) -> Rating:
    if not correct:
        return "again"
    if elapsed_ms is None:
        return "good"
    slow = SLOW_FREE_TEXT_MS if kind == QuestionKind.FREE_TEXT else SLOW_MS
    if elapsed_ms >= slow:
        return "hard"
    if kind != QuestionKind.FREE_TEXT and elapsed_ms <= FAST_MS:
        return "easy"
    return "good"


def zone_of(name: object) -> tzinfo:
    """The IANA zone of that name; UTC when it is missing or unknown."""
    if not isinstance(name, str) or not name.strip():
        return UTC
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return UTC


def end_of_local_day(now: datetime, zone: tzinfo) -> datetime:
    """The first instant (UTC) of the learner's next local day."""
    local = now.astimezone(zone)
    tomorrow = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=zone)
    return tomorrow.astimezone(UTC)
