"""Lesson summaries and drafts on SQLAlchemy; a second row for one job is refused by the
unique ``job_id`` and reported as ``DuplicateJobResult``."""

from datetime import datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, func, select, update
from sqlalchemy.exc import IntegrityError

from tutor_platform.media.adapters.outbound.sqlalchemy.file_repository import FILES
from tutor_platform.media.adapters.outbound.sqlalchemy.lesson_media_tables import (
    LessonDraftRow,
    LessonSummaryRow,
)
from tutor_platform.media.domain.lesson_media import LessonDraft, LessonSummary
from tutor_platform.media.ports.lesson_media_repositories import DuplicateJobResult
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.mapping import to_values
from tutor_platform.shared.persistence.repository import E, Repository

_SUMMARIES = cast(Table, LessonSummaryRow.__table__)
_DRAFTS = cast(Table, LessonDraftRow.__table__)


class _JobResults(Repository[E]):
    """One row per job: ``add`` reports a second one as ``DuplicateJobResult``."""

    async def by_job(self, job_id: UUID) -> E | None:
        return await self.first(self.table.c.job_id == job_id)

    async def add(self, entity: E) -> None:
        try:
            await super().add(entity)
        except IntegrityError as exc:
            raise DuplicateJobResult(str(cast(Any, entity).job_id)) from exc


class SqlAlchemyLessonSummaryRepository(_JobResults[LessonSummary]):
    table = _SUMMARIES
    entity = LessonSummary

    def _values(self, entity: LessonSummary) -> dict[str, Any]:
        return to_values(entity, _SUMMARIES, updated_at=entity.created_at)

    async def for_lesson(
        self, lesson_id: UUID, page: PageRequest
    ) -> tuple[list[LessonSummary], int]:
        """Summaries whose file exists and is not deleted."""
        c = _SUMMARIES.c
        joined = (
            select(_SUMMARIES)
            .join(FILES, FILES.c.id == c.file_id)
            .where(c.lesson_id == lesson_id, FILES.c.deleted_at.is_(None))
        )
        total = await self._session.scalar(select(func.count()).select_from(joined.subquery()))
        found = await self._slice(joined.order_by(c.created_at.desc(), c.id.desc()), page)
        return found, int(total or 0)


class SqlAlchemyLessonDraftRepository(_JobResults[LessonDraft]):
    table = _DRAFTS
    entity = LessonDraft

    def _values(self, entity: LessonDraft) -> dict[str, Any]:
        updated_at = entity.applied_at or entity.created_at
        return to_values(entity, _DRAFTS, updated_at=updated_at)

    async def mark_applied(self, draft_id: UUID, at: datetime) -> bool:
        c = _DRAFTS.c
        statement = update(_DRAFTS).where(c.id == draft_id, c.applied_at.is_(None))
        return await self._write(statement.values(applied_at=at, updated_at=at)) > 0

    async def mark_unapplied(self, draft_id: UUID) -> None:
        await self._write(update(_DRAFTS).where(_DRAFTS.c.id == draft_id).values(applied_at=None))

    async def for_lesson(self, lesson_id: UUID, page: PageRequest) -> tuple[list[LessonDraft], int]:
        c = _DRAFTS.c
        return await self.page(
            page, c.lesson_id == lesson_id, order_by=(c.created_at.desc(), c.id.desc())
        )
