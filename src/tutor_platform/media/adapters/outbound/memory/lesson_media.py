"""Lesson summaries and drafts in memory, next to the in-memory files (for unit tests)."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from tutor_platform.media.adapters.outbound.memory.repositories import (
    InMemoryFileRepository,
    InMemoryUploadReservations,
)
from tutor_platform.media.adapters.outbound.memory.store import InMemoryMediaStore
from tutor_platform.media.domain.lesson_media import LessonDraft, LessonSummary
from tutor_platform.media.ports.lesson_media_repositories import DuplicateJobResult
from tutor_platform.shared.in_memory import InMemoryRepository
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork

Item = TypeVar("Item", bound=LessonSummary | LessonDraft)


@dataclass
class InMemoryLessonMediaStore:
    media: InMemoryMediaStore = field(default_factory=InMemoryMediaStore)
    summaries: dict[UUID, LessonSummary] = field(default_factory=dict)
    drafts: dict[UUID, LessonDraft] = field(default_factory=dict)

    @property
    def commits(self) -> int:
        """The commits of the media store it shares."""
        return self.media.commits

    @commits.setter
    def commits(self, value: int) -> None:
        self.media.commits = value


class _JobResults(InMemoryRepository[Item]):
    """Summaries or drafts: one per job, listed per lesson newest first."""

    async def by_job(self, job_id: UUID) -> Item | None:
        return self._first(lambda item: item.job_id == job_id)

    async def add(self, entity: Item) -> None:
        if await self.by_job(entity.job_id) is not None:
            raise DuplicateJobResult(str(entity.job_id))
        await super().add(entity)

    def _of_lesson(
        self, matches: Callable[[Item], bool], page: PageRequest
    ) -> tuple[list[Item], int]:
        return self._page(matches, page, key=lambda item: (item.created_at, item.id), reverse=True)


class InMemoryLessonSummaryRepository(_JobResults[LessonSummary]):
    def __init__(self, store: InMemoryLessonMediaStore) -> None:
        super().__init__(store.summaries)
        self._files = store.media.files

    async def for_lesson(
        self, lesson_id: UUID, page: PageRequest
    ) -> tuple[list[LessonSummary], int]:
        files = self._files
        return self._of_lesson(
            lambda summary: (
                summary.lesson_id == lesson_id
                and summary.file_id in files
                and not files[summary.file_id].is_deleted
            ),
            page,
        )


class InMemoryLessonDraftRepository(_JobResults[LessonDraft]):
    def __init__(self, store: InMemoryLessonMediaStore) -> None:
        super().__init__(store.drafts)

    async def mark_applied(self, draft_id: UUID, at: datetime) -> bool:
        draft = self._rows.get(draft_id)
        if draft is None or draft.is_applied:
            return False
        self._rows[draft_id] = replace(draft, applied_at=at)
        return True

    async def mark_unapplied(self, draft_id: UUID) -> None:
        draft = self._rows.get(draft_id)
        if draft is not None:
            self._rows[draft_id] = replace(draft, applied_at=None)

    async def for_lesson(self, lesson_id: UUID, page: PageRequest) -> tuple[list[LessonDraft], int]:
        return self._of_lesson(lambda draft: draft.lesson_id == lesson_id, page)


class InMemoryLessonMediaUnitOfWork(InMemoryUnitOfWork[InMemoryLessonMediaStore]):
    """Writes land at once (no rollback); ``store.media.commits`` counts commits."""

    def _bind(self) -> None:
        self.files = InMemoryFileRepository(self.store.media)
        self.uploads = InMemoryUploadReservations(self.store.media)
        self.summaries = InMemoryLessonSummaryRepository(self.store)
        self.drafts = InMemoryLessonDraftRepository(self.store)
