"""Tutors on SQLAlchemy."""

from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Row, Table, and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.shared.pagination import PageRequest
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import (
    MessageFeedbackRow,
    TutorRow,
)
from tutor_platform.tutoring.domain.feedback import FeedbackType
from tutor_platform.tutoring.domain.tutor import Tutor
from tutor_platform.tutoring.ports.repositories import TutorQuery

_TUTORS = cast(Table, TutorRow.__table__)
_FEEDBACK = cast(Table, MessageFeedbackRow.__table__)


def tutor_from_row(row: Row[Any]) -> Tutor:
    return Tutor(
        id=row.id,
        name=row.name,
        provider=row.provider,
        model_id=row.model_id,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        course_id=row.course_id,
        description=row.description,
        knowledge_base_id=row.knowledge_base_id,
        system_prompt=row.system_prompt,
        temperature=row.temperature,
        rating=None if row.rating is None else float(row.rating),
        total_feedbacks=row.total_feedbacks,
        is_active=row.is_active,
    )


def _values(tutor: Tutor) -> dict[str, Any]:
    return {
        "course_id": tutor.course_id,
        "name": tutor.name,
        "description": tutor.description,
        "provider": tutor.provider,
        "model_id": tutor.model_id,
        "knowledge_base_id": tutor.knowledge_base_id,
        "system_prompt": tutor.system_prompt,
        "temperature": tutor.temperature,
        "is_active": tutor.is_active,
        "created_by": tutor.created_by,
        "created_at": tutor.created_at,
        "updated_at": tutor.updated_at,
    }


class SqlAlchemyTutorRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, tutor_id: UUID) -> Tutor | None:
        row = (await self._session.execute(select(_TUTORS).where(_TUTORS.c.id == tutor_id))).first()
        return None if row is None else tutor_from_row(row)

    async def lock(self, tutor_id: UUID) -> Tutor | None:
        """``SELECT ... FOR UPDATE`` on PostgreSQL. SQLite has no row locks: a no-op UPDATE
        takes the database's write lock (waiting for other writers) before the read."""
        if self._session.bind.dialect.name == "sqlite":
            await self._session.execute(
                update(_TUTORS)
                .where(_TUTORS.c.id == tutor_id)
                .values(updated_at=_TUTORS.c.updated_at)
            )
        row = (
            await self._session.execute(
                select(_TUTORS).where(_TUTORS.c.id == tutor_id).with_for_update()
            )
        ).first()
        return None if row is None else tutor_from_row(row)

    async def add(self, tutor: Tutor) -> None:
        await self._session.execute(
            _TUTORS.insert().values(id=tutor.id, rating=None, total_feedbacks=0, **_values(tutor))
        )

    async def update(self, tutor: Tutor) -> None:
        await self._session.execute(
            update(_TUTORS).where(_TUTORS.c.id == tutor.id).values(**_values(tutor))
        )

    async def delete(self, tutor_id: UUID) -> None:
        await self._session.execute(delete(_TUTORS).where(_TUTORS.c.id == tutor_id))

    async def listed_course_ids(self) -> set[UUID]:
        rows = await self._session.execute(
            select(_TUTORS.c.course_id)
            .where(_TUTORS.c.is_active.is_(True), _TUTORS.c.course_id.is_not(None))
            .distinct()
        )
        return {row.course_id for row in rows}

    async def search(self, query: TutorQuery, page: PageRequest) -> tuple[list[Tutor], int]:
        conditions: list[ColumnElement[bool]] = [_TUTORS.c.is_active.is_(True)]
        if query.course_id is not None:
            conditions.append(_TUTORS.c.course_id == query.course_id)
        if query.hidden_courses:
            conditions.append(
                or_(
                    _TUTORS.c.course_id.is_(None),
                    _TUTORS.c.course_id.not_in(query.hidden_courses),
                )
            )
        total = await self._session.scalar(
            select(func.count()).select_from(_TUTORS).where(*conditions)
        )
        rows = await self._session.execute(
            select(_TUTORS)
            .where(*conditions)
            .order_by(_TUTORS.c.created_at, _TUTORS.c.id)
            .limit(page.limit)
            .offset(page.offset)
        )
        return [tutor_from_row(row) for row in rows], int(total or 0)

    async def refresh_rating(self, tutor_id: UUID) -> None:
        detailed = and_(
            _FEEDBACK.c.tutor_id == _TUTORS.c.id, _FEEDBACK.c.feedback_type == FeedbackType.DETAILED
        )
        await self._session.execute(
            update(_TUTORS)
            .where(_TUTORS.c.id == tutor_id)
            .values(
                rating=select(func.avg(_FEEDBACK.c.rating)).where(detailed).scalar_subquery(),
                total_feedbacks=select(func.count())
                .select_from(_FEEDBACK)
                .where(detailed)
                .scalar_subquery(),
                updated_at=_TUTORS.c.updated_at,
            )
        )
