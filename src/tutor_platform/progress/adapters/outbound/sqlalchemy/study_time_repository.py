"""Study time on SQLAlchemy: an addition is one conditional statement, so concurrent
additions are exact and a total never leaves its range (no read-then-write)."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.progress.adapters.outbound.sqlalchemy.sql import upsert
from tutor_platform.progress.adapters.outbound.sqlalchemy.tables import StudyTimeRow

_S = StudyTimeRow


class SqlAlchemyStudyTimeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def total(self, user_id: UUID, tutor_id: UUID) -> int | None:
        total: int | None = await self._session.scalar(
            select(_S.total_minutes).where(_S.user_id == user_id, _S.tutor_id == tutor_id)
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
        statement = upsert(self._session, _S).values(
            user_id=user_id,
            tutor_id=tutor_id,
            course_id=course_id,
            total_minutes=total_minutes,
            updated_at=at,
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id", "tutor_id"],
                set_={
                    "total_minutes": statement.excluded.total_minutes,
                    "course_id": statement.excluded.course_id,
                    "updated_at": statement.excluded.updated_at,
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
        new_total = _S.total_minutes + minutes
        if minutes < 0:
            take = (
                update(_S)
                .where(_S.user_id == user_id, _S.tutor_id == tutor_id, new_total >= 0)
                .values(total_minutes=new_total, course_id=course_id, updated_at=at)
                .returning(_S.total_minutes)
            )
            return (await self._session.execute(take)).scalar_one_or_none()
        insert = upsert(self._session, _S).values(
            user_id=user_id,
            tutor_id=tutor_id,
            course_id=course_id,
            total_minutes=minutes,
            updated_at=at,
        )
        statement = insert.on_conflict_do_update(
            index_elements=["user_id", "tutor_id"],
            set_={"total_minutes": new_total, "course_id": course_id, "updated_at": at},
            where=new_total <= max_total,
        ).returning(_S.total_minutes)
        return (await self._session.execute(statement)).scalar_one_or_none()

    async def minutes_by_course(self, user_id: UUID, course_ids: list[UUID]) -> dict[UUID, int]:
        rows = await self._session.execute(
            select(_S.course_id, func.sum(_S.total_minutes))
            .where(_S.user_id == user_id, _S.course_id.in_(course_ids))
            .group_by(_S.course_id)
        )
        return {course_id: int(total or 0) for course_id, total in rows}
