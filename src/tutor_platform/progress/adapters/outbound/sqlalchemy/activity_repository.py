"""Learning activity and streak records on SQLAlchemy; each write is one atomic upsert."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.progress.adapters.outbound.sqlalchemy.sql import greatest, upsert
from tutor_platform.progress.adapters.outbound.sqlalchemy.tables import (
    LearningActivityRow,
    StreakRow,
)
from tutor_platform.progress.domain.streaks import BUCKET, StreakRecord, activity_bucket

_A = LearningActivityRow


class SqlAlchemyActivityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, user_id: UUID, at: datetime) -> None:
        statement = upsert(self._session, _A).values(
            user_id=user_id, bucket=activity_bucket(at), last_at=at
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id", "bucket"],
                set_={"last_at": greatest(self._session, _A.last_at, statement.excluded.last_at)},
            )
        )

    async def between(self, user_id: UUID, after: datetime, until: datetime) -> list[datetime]:
        """The bucket bounds let the primary key's index narrow the scan."""
        rows = await self._session.scalars(
            select(_A.last_at)
            .where(
                _A.user_id == user_id,
                _A.bucket > after - BUCKET,
                _A.bucket <= until,
                _A.last_at > after,
                _A.last_at <= until,
            )
            .order_by(_A.last_at)
        )
        return list(rows)

    async def streak_record(self, user_id: UUID) -> StreakRecord:
        row = (
            await self._session.execute(
                select(StreakRow.reset_at, StreakRow.longest_days).where(
                    StreakRow.user_id == user_id
                )
            )
        ).first()
        return StreakRecord() if row is None else StreakRecord(row.reset_at, row.longest_days)

    async def raise_longest(self, user_id: UUID, days: int) -> None:
        await self._upsert(user_id, days, reset_at=None)

    async def reset(self, user_id: UUID, at: datetime, longest: int) -> None:
        await self._upsert(user_id, longest, reset_at=at)

    async def _upsert(self, user_id: UUID, longest: int, reset_at: datetime | None) -> None:
        statement = upsert(self._session, StreakRow).values(
            user_id=user_id, reset_at=reset_at, longest_days=longest
        )
        changes = {
            "longest_days": greatest(
                self._session, StreakRow.longest_days, statement.excluded.longest_days
            )
        }
        if reset_at is not None:
            changes["reset_at"] = statement.excluded.reset_at
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["user_id"], set_=changes)
        )
