"""Storage of lesson summaries and drafts, in one transaction with the files they make.
Repositories never commit."""

from datetime import datetime
from typing import Protocol
from uuid import UUID

from tutor_platform.media.domain.lesson_media import LessonDraft, LessonSummary
from tutor_platform.shared.pagination import PageRequest


class DuplicateJobResult(Exception):
    """A summary or draft of this job is already stored (a concurrent run of the job won)."""


class LessonSummaryRepository(Protocol):
    async def by_job(self, job_id: UUID) -> LessonSummary | None: ...

    async def add(self, summary: LessonSummary) -> None:
        """``DuplicateJobResult`` when the job already has a summary."""
        ...

    async def for_lesson(
        self, lesson_id: UUID, page: PageRequest
    ) -> tuple[list[LessonSummary], int]:
        """One page of the lesson's summaries, newest first, and their total."""
        ...


class LessonDraftRepository(Protocol):
    async def get(self, draft_id: UUID) -> LessonDraft | None: ...

    async def by_job(self, job_id: UUID) -> LessonDraft | None: ...

    async def add(self, draft: LessonDraft) -> None:
        """``DuplicateJobResult`` when the job already has a draft."""
        ...

    async def mark_applied(self, draft_id: UUID, at: datetime) -> bool:
        """Set ``applied_at`` if the draft is not applied yet; false when it already was
        (one of two concurrent calls wins)."""
        ...

    async def mark_unapplied(self, draft_id: UUID) -> None: ...

    async def for_lesson(self, lesson_id: UUID, page: PageRequest) -> tuple[list[LessonDraft], int]:
        """One page of the lesson's drafts, newest first, and their total."""
        ...
