"""Study time on SQLAlchemy: an addition is one conditional statement, so concurrent
additions are exact and a total never leaves its range (no read-then-write)."""

from datetime import datetime
from typing import cast
from uuid import UUID

from sqlalchemy import Table, func, select, update

from tutor_platform.progress.adapters.outbound.sqlalchemy.tables import StudyTimeRow
from tutor_platform.shared.persistence.repository import CoreRepository, insert

_STUDY_TIME = cast(Table, StudyTimeRow.__table__)
_KEY = ["user_id", "tutor_id"]


class SqlAlchemyStudyTimeRepository(CoreRepository):
    async def total(self, user_id: UUID, tutor_id: UUID) -> int | None:
        c = _STUDY_TIME.c
        total: int | None = await self._session.scalar(
            select(c.total_minutes).where(c.user_id == user_id, c.tutor_id == tutor_id)
        )
        return total

    async def set_total(
        self,
        user_id: UUID,
        tutor_id: UUID,
        total_minutes: int,
        course_id: UUID | None,
        at: datetime,
    ) -> None:
        statement = insert(self._session, _STUDY_TIME).values(
            user_id=user_id,
            tutor_id=tutor_id,
            course_id=course_id,
            total_minutes=total_minutes,
            updated_at=at,
        )
        new = statement.excluded
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=_KEY,
                set_={
                    "total_minutes": new.total_minutes,
                    "course_id": new.course_id,
                    "updated_at": new.updated_at,
                },
            )
        )

    async def add(
        self,
        user_id: UUID,
        tutor_id: UUID,
        minutes: int,
        course_id: UUID | None,
        at: datetime,
        max_total: int,
    ) -> int | None:
        """Adding: ``INSERT ... ON CONFLICT DO UPDATE ... WHERE total + m <= max``. Taking
        away: ``UPDATE ... WHERE total + m >= 0`` (no row: nothing to take from). Either
        returns the new total, or no row when the condition failed."""
        c = _STUDY_TIME.c
        new_total = c.total_minutes + minutes
        if minutes < 0:
            take = (
                update(_STUDY_TIME)
                .where(c.user_id == user_id, c.tutor_id == tutor_id, new_total >= 0)
                .values(total_minutes=new_total, course_id=course_id, updated_at=at)
                .returning(c.total_minutes)
            )
            return (await self._session.execute(take)).scalar_one_or_none()
        statement = (
            insert(self._session, _STUDY_TIME)
            .values(
                user_id=user_id,
                tutor_id=tutor_id,
                course_id=course_id,
                total_minutes=minutes,
                updated_at=at,
            )
            .on_conflict_do_update(
                index_elements=_KEY,
                set_={"total_minutes": new_total, "course_id": course_id, "updated_at": at},
                where=new_total <= max_total,
            )
            .returning(c.total_minutes)
        )
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def minutes_by_course(self, user_id: UUID, course_ids: list[UUID]) -> dict[UUID, int]:
        c = _STUDY_TIME.c
        rows = await self._session.execute(
            select(c.course_id, func.sum(c.total_minutes))
            .where(c.user_id == user_id, c.course_id.in_(course_ids))
            .group_by(c.course_id)
        )
        return {course_id: int(total or 0) for course_id, total in rows}
