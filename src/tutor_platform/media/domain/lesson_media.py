"""Lesson summaries and AI lesson drafts: what the jobs of the media context leave behind.

A summary is a narrated audio or video file made for one lesson; a draft is lesson content an
AI model wrote, kept for the course's instructor to review and apply (never applied by itself).
"""

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Final
from uuid import UUID

from tutor_platform.media.domain.lesson_errors import DraftAlreadyApplied


class SummaryKind(StrEnum):
    """A lesson summary is narrated audio, or a video of cards over the narration."""

    AUDIO = "audio"
    VIDEO = "video"


SUMMARY_KINDS: Final = tuple(SummaryKind)
MAX_INSTRUCTIONS_LENGTH: Final = 2000
MAX_DRAFT_LENGTH: Final = 200_000
"""The longest lesson content the learning context accepts; a longer draft is cut."""


@dataclass(frozen=True, slots=True)
class LessonSummary:
    """A narrated summary of a lesson, stored as the file ``file_id``; one per job."""

    id: UUID
    lesson_id: UUID
    kind: SummaryKind
    file_id: UUID
    job_id: UUID
    script: str
    created_by: UUID
    created_at: datetime


@dataclass(frozen=True, slots=True)
class LessonDraft:
    """Lesson content written by an AI model for review; one per job."""

    id: UUID
    lesson_id: UUID
    course_id: UUID
    job_id: UUID
    content: str
    instructions: str | None
    model_id: str
    provider: str
    created_by: UUID
    created_at: datetime
    applied_at: datetime | None = None

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None

    def applied(self, at: datetime) -> "LessonDraft":
        """The draft marked as applied; a draft is applied once (``DraftAlreadyApplied``)."""
        if self.is_applied:
            raise DraftAlreadyApplied()
        return replace(self, applied_at=at)
