"""Daily quota counters in the database: one row per (user, feature, UTC day).

A reservation is one ``INSERT … ON CONFLICT DO UPDATE SET used = used + 1 WHERE used <
limit RETURNING used`` in its own short transaction: atomic on PostgreSQL (the row is locked
by the upsert) and on SQLite (one writer at a time), so concurrent calls from any number of
processes never count past the limit. Used when no Redis is configured.
"""

from collections.abc import Collection
from datetime import date
from typing import cast
from uuid import UUID

from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.assessment.adapters.outbound.sqlalchemy.tables import PremiumQuotaCounterRow
from tutor_platform.shared.persistence.repository import dialect_insert

_COUNTERS = cast(Table, PremiumQuotaCounterRow.__table__)
_KEY = ("user_id", "feature", "day")


class SqlAlchemyQuotaCounter:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def reserve(self, user_id: UUID, feature: str, day: date, limit: int) -> bool:
        if limit < 1:
            return False
        insert = dialect_insert(self._engine.dialect.name, _COUNTERS).values(
            user_id=user_id, feature=feature, day=day, used=1
        )
        statement = insert.on_conflict_do_update(
            index_elements=list(_KEY),
            set_={"used": _COUNTERS.c.used + 1},
            where=_COUNTERS.c.used < limit,
        ).returning(_COUNTERS.c.used)
        async with self._engine.begin() as connection:
            return (await connection.execute(statement)).first() is not None

    async def release(self, user_id: UUID, feature: str, day: date) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                update(_COUNTERS)
                .where(
                    _COUNTERS.c.user_id == user_id,
                    _COUNTERS.c.feature == feature,
                    _COUNTERS.c.day == day,
                    _COUNTERS.c.used > 0,
                )
                .values(used=_COUNTERS.c.used - 1)
            )

    async def counts(self, user_id: UUID, features: Collection[str], day: date) -> dict[str, int]:
        async with self._engine.connect() as connection:
            rows = await connection.execute(
                select(_COUNTERS.c.feature, _COUNTERS.c.used).where(
                    _COUNTERS.c.user_id == user_id,
                    _COUNTERS.c.day == day,
                    _COUNTERS.c.feature.in_(features),
                )
            )
            found = {row.feature: int(row.used) for row in rows}
        return {feature: found.get(feature, 0) for feature in features}
