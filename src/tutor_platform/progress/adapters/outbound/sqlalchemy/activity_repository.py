"""Learning activity and streak records on SQLAlchemy; each write is one atomic upsert."""

from datetime import datetime
from typing import cast
from uuid import UUID

from sqlalchemy import Table, select

from tutor_platform.progress.adapters.outbound.sqlalchemy.tables import (
    LearningActivityRow,
    StreakRow,
)
from tutor_platform.progress.domain.streaks import BUCKET, StreakRecord, activity_bucket
from tutor_platform.shared.persistence.repository import CoreRepository, greatest, insert

_ACTIVITY = cast(Table, LearningActivityRow.__table__)
_STREAKS = cast(Table, StreakRow.__table__)


class SqlAlchemyActivityRepository(CoreRepository):
    async def record(self, user_id: UUID, at: datetime) -> None:
        statement = insert(self._session, _ACTIVITY).values(
            user_id=user_id, bucket=activity_bucket(at), last_at=at
        )
        latest = greatest(self._session, _ACTIVITY.c.last_at, statement.excluded.last_at)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id", "bucket"], set_={"last_at": latest}
            )
        )

    async def between(self, user_id: UUID, after: datetime, until: datetime) -> list[datetime]:
        """The bucket bounds let the primary key's index narrow the scan."""
        c = _ACTIVITY.c
        rows = await self._session.scalars(
            select(c.last_at)
            .where(
                c.user_id == user_id,
                c.bucket > after - BUCKET,
                c.bucket <= until,
                c.last_at > after,
                c.last_at <= until,
            )
            .order_by(c.last_at)
        )
        return list(rows)

    async def streak_record(self, user_id: UUID) -> StreakRecord:
        c = _STREAKS.c
        query = select(c.reset_at, c.longest_days).where(c.user_id == user_id)
        row = (await self._session.execute(query)).first()
        return StreakRecord() if row is None else StreakRecord(row.reset_at, row.longest_days)

    async def raise_longest(self, user_id: UUID, days: int) -> None:
        await self._upsert(user_id, days, reset_at=None)

    async def reset(self, user_id: UUID, at: datetime, longest: int) -> None:
        await self._upsert(user_id, longest, reset_at=at)

    async def _upsert(self, user_id: UUID, longest: int, reset_at: datetime | None) -> None:
        statement = insert(self._session, _STREAKS).values(
            user_id=user_id, reset_at=reset_at, longest_days=longest
        )
        new = statement.excluded
        changes = {
            "longest_days": greatest(self._session, _STREAKS.c.longest_days, new.longest_days)
        }
        if reset_at is not None:
            changes["reset_at"] = new.reset_at
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["user_id"], set_=changes)
        )
