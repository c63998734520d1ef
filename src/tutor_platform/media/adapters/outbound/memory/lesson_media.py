"""Lesson summaries and drafts in memory, next to the in-memory files (for unit tests)."""

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
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork

Item = TypeVar("Item", LessonSummary, LessonDraft)


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


def _page(items: list[Item], page: PageRequest) -> list[Item]:
    ordered = sorted(items, key=lambda item: (item.created_at, item.id), reverse=True)
    return ordered[page.offset : page.offset + page.limit]


class InMemoryLessonSummaryRepository:
    def __init__(self, store: InMemoryLessonMediaStore) -> None:
        self._store = store

    async def by_job(self, job_id: UUID) -> LessonSummary | None:
        return next((s for s in self._store.summaries.values() if s.job_id == job_id), None)

    async def add(self, summary: LessonSummary) -> None:
        if await self.by_job(summary.job_id) is not None:
            raise DuplicateJobResult(str(summary.job_id))
        self._store.summaries[summary.id] = summary

    async def for_lesson(
        self, lesson_id: UUID, page: PageRequest
    ) -> tuple[list[LessonSummary], int]:
        files = self._store.media.files
        found = [
            summary
            for summary in self._store.summaries.values()
            if summary.lesson_id == lesson_id
            and summary.file_id in files
            and not files[summary.file_id].is_deleted
        ]
        return _page(found, page), len(found)


class InMemoryLessonDraftRepository:
    def __init__(self, store: InMemoryLessonMediaStore) -> None:
        self._store = store

    async def get(self, draft_id: UUID) -> LessonDraft | None:
        return self._store.drafts.get(draft_id)

    async def by_job(self, job_id: UUID) -> LessonDraft | None:
        return next((d for d in self._store.drafts.values() if d.job_id == job_id), None)

    async def add(self, draft: LessonDraft) -> None:
        if await self.by_job(draft.job_id) is not None:
            raise DuplicateJobResult(str(draft.job_id))
        self._store.drafts[draft.id] = draft

    async def mark_applied(self, draft_id: UUID, at: datetime) -> bool:
        draft = self._store.drafts.get(draft_id)
        if draft is None or draft.is_applied:
            return False
        self._store.drafts[draft_id] = replace(draft, applied_at=at)
        return True

    async def mark_unapplied(self, draft_id: UUID) -> None:
        draft = self._store.drafts.get(draft_id)
        if draft is not None:
            self._store.drafts[draft_id] = replace(draft, applied_at=None)

    async def for_lesson(self, lesson_id: UUID, page: PageRequest) -> tuple[list[LessonDraft], int]:
        found = [d for d in self._store.drafts.values() if d.lesson_id == lesson_id]
        return _page(found, page), len(found)


class InMemoryLessonMediaUnitOfWork(InMemoryUnitOfWork[InMemoryLessonMediaStore]):
    """Writes land at once (no rollback); ``store.media.commits`` counts commits."""

    def _bind(self) -> None:
        self.files = InMemoryFileRepository(self.store.media)
        self.uploads = InMemoryUploadReservations(self.store.media)
        self.summaries = InMemoryLessonSummaryRepository(self.store)
        self.drafts = InMemoryLessonDraftRepository(self.store)
