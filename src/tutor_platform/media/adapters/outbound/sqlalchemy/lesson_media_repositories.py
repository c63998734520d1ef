"""Lesson summaries and drafts on SQLAlchemy; a second row for one job is refused by the
unique ``job_id`` and reported as ``DuplicateJobResult``."""

from datetime import datetime
from typing import cast
from uuid import UUID

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.media.adapters.outbound.sqlalchemy.lesson_media_tables import (
    LessonDraftRow,
    LessonSummaryRow,
)
from tutor_platform.media.adapters.outbound.sqlalchemy.tables import FileRow
from tutor_platform.media.domain.lesson_media import LessonDraft, LessonSummary, SummaryKind
from tutor_platform.media.ports.lesson_media_repositories import DuplicateJobResult
from tutor_platform.shared.pagination import PageRequest


def summary_from_row(row: LessonSummaryRow) -> LessonSummary:
    return LessonSummary(
        id=row.id,
        lesson_id=row.lesson_id,
        kind=cast(SummaryKind, row.kind),
        file_id=row.file_id,
        job_id=row.job_id,
        script=row.script,
        created_by=row.created_by,
        created_at=row.created_at,
    )


def summary_to_row(summary: LessonSummary) -> LessonSummaryRow:
    return LessonSummaryRow(
        id=summary.id,
        lesson_id=summary.lesson_id,
        kind=summary.kind,
        file_id=summary.file_id,
        job_id=summary.job_id,
        script=summary.script,
        created_by=summary.created_by,
        created_at=summary.created_at,
        updated_at=summary.created_at,
    )


def draft_from_row(row: LessonDraftRow) -> LessonDraft:
    return LessonDraft(
        id=row.id,
        lesson_id=row.lesson_id,
        course_id=row.course_id,
        job_id=row.job_id,
        content=row.content,
        instructions=row.instructions,
        model_id=row.model_id,
        provider=row.provider,
        created_by=row.created_by,
        created_at=row.created_at,
        applied_at=row.applied_at,
    )


def draft_to_row(draft: LessonDraft) -> LessonDraftRow:
    return LessonDraftRow(
        id=draft.id,
        lesson_id=draft.lesson_id,
        course_id=draft.course_id,
        job_id=draft.job_id,
        content=draft.content,
        instructions=draft.instructions,
        model_id=draft.model_id,
        provider=draft.provider,
        created_by=draft.created_by,
        created_at=draft.created_at,
        updated_at=draft.applied_at or draft.created_at,
        applied_at=draft.applied_at,
    )


async def _insert(session: AsyncSession, row: LessonSummaryRow | LessonDraftRow) -> None:
    session.add(row)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise DuplicateJobResult(str(row.job_id)) from exc


class SqlAlchemyLessonSummaryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_job(self, job_id: UUID) -> LessonSummary | None:
        row = await self._session.scalar(
            select(LessonSummaryRow).where(LessonSummaryRow.job_id == job_id)
        )
        return None if row is None else summary_from_row(row)

    async def add(self, summary: LessonSummary) -> None:
        await _insert(self._session, summary_to_row(summary))

    async def for_lesson(
        self, lesson_id: UUID, page: PageRequest
    ) -> tuple[list[LessonSummary], int]:
        """Summaries whose file exists and is not deleted."""
        conditions = (LessonSummaryRow.lesson_id == lesson_id, FileRow.deleted_at.is_(None))
        joined = select(LessonSummaryRow).join(FileRow, FileRow.id == LessonSummaryRow.file_id)
        total = await self._session.scalar(
            select(func.count()).select_from(joined.where(*conditions).subquery())
        )
        rows = await self._session.scalars(
            joined.where(*conditions)
            .order_by(LessonSummaryRow.created_at.desc(), LessonSummaryRow.id.desc())
            .limit(page.limit)
            .offset(page.offset)
        )
        return [summary_from_row(row) for row in rows], int(total or 0)


class SqlAlchemyLessonDraftRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, draft_id: UUID) -> LessonDraft | None:
        row = await self._session.get(LessonDraftRow, draft_id)
        return None if row is None else draft_from_row(row)

    async def by_job(self, job_id: UUID) -> LessonDraft | None:
        row = await self._session.scalar(
            select(LessonDraftRow).where(LessonDraftRow.job_id == job_id)
        )
        return None if row is None else draft_from_row(row)

    async def add(self, draft: LessonDraft) -> None:
        await _insert(self._session, draft_to_row(draft))

    async def mark_applied(self, draft_id: UUID, at: datetime) -> bool:
        result = await self._session.execute(
            update(LessonDraftRow)
            .where(LessonDraftRow.id == draft_id, LessonDraftRow.applied_at.is_(None))
            .values(applied_at=at, updated_at=at),
            execution_options={"synchronize_session": False},
        )
        return bool(getattr(result, "rowcount", 0))

    async def mark_unapplied(self, draft_id: UUID) -> None:
        await self._session.execute(
            update(LessonDraftRow).where(LessonDraftRow.id == draft_id).values(applied_at=None),
            execution_options={"synchronize_session": False},
        )

    async def for_lesson(self, lesson_id: UUID, page: PageRequest) -> tuple[list[LessonDraft], int]:
        condition = LessonDraftRow.lesson_id == lesson_id
        total = await self._session.scalar(
            select(func.count()).select_from(LessonDraftRow).where(condition)
        )
        rows = await self._session.scalars(
            select(LessonDraftRow)
            .where(condition)
            .order_by(LessonDraftRow.created_at.desc(), LessonDraftRow.id.desc())
            .limit(page.limit)
            .offset(page.offset)
        )
        return [draft_from_row(row) for row in rows], int(total or 0)
