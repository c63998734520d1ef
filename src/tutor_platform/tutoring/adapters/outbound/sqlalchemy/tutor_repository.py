"""Tutors on SQLAlchemy."""

from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Table, and_, func, or_, select, update

from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.mapping import to_entity, to_values
from tutor_platform.shared.persistence.repository import Repository
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import (
    MessageFeedbackRow,
    TutorRow,
)
from tutor_platform.tutoring.domain.feedback import FeedbackType
from tutor_platform.tutoring.domain.tutor import Tutor
from tutor_platform.tutoring.ports.repositories import TutorQuery

_TUTORS = cast(Table, TutorRow.__table__)
_FEEDBACK = cast(Table, MessageFeedbackRow.__table__)


def tutor_from_row(row: Any) -> Tutor:
    return to_entity(row, Tutor)


class SqlAlchemyTutorRepository(Repository[Tutor]):
    """``update`` leaves ``rating`` and ``total_feedbacks`` to ``refresh_rating``."""

    table = _TUTORS
    entity = Tutor

    def _values(self, entity: Tutor) -> dict[str, Any]:
        values = to_values(entity, _TUTORS)
        del values["rating"], values["total_feedbacks"]
        return values

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

    async def add(self, entity: Tutor) -> None:
        values = {**self._values(entity), "rating": None, "total_feedbacks": 0}
        await self._session.execute(_TUTORS.insert().values(values))

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
        return await self.page(page, *conditions, order_by=(_TUTORS.c.created_at, _TUTORS.c.id))

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
