"""Upserts compiled once (``shared.persistence.upsert``) on every database: statements on one
table that differ only in their ``ON CONFLICT`` clause, run one after the other on the same
engine, each do what they say (a cache key that confused them would run another's SQL)."""

from datetime import date
from typing import Any, cast

import pytest
from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tutor_platform.assessment.adapters.outbound.sqlalchemy.tables import PremiumQuotaCounterRow
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.upsert import Insert, Statement, Upsert

pytestmark = pytest.mark.usefixtures("clean_db")

COUNTERS = cast(Table, PremiumQuotaCounterRow.__table__)
KEY = ["user_id", "feature", "day"]


def setting(value: int) -> Upsert:
    return Upsert(
        COUNTERS,
        lambda insert: insert.on_conflict_do_update(index_elements=KEY, set_={"used": value}),
    )


def adding(insert: Insert) -> Statement:
    return insert.on_conflict_do_update(
        index_elements=KEY, set_={"used": COUNTERS.c.used + insert.excluded.used}
    )


ADD = Upsert(COUNTERS, adding)
KEEP = Upsert(
    COUNTERS,
    lambda insert: insert.on_conflict_do_nothing(index_elements=KEY).returning(COUNTERS.c.used),
)
SET_7, SET_9 = setting(7), setting(9)


async def run(engine: AsyncEngine, upsert: Upsert, rows: list[dict[str, Any]]) -> Any:
    async with AsyncSession(engine) as session:
        result = await session.execute(upsert.on(session), rows)
        await session.commit()
        return result


async def used(engine: AsyncEngine, user: object) -> list[int]:
    async with engine.connect() as connection:
        query = select(COUNTERS.c.used).where(COUNTERS.c.user_id == user).order_by(COUNTERS.c.day)
        return list((await connection.execute(query)).scalars())


async def test_upserts_differing_only_in_their_conflict_clause_each_do_their_own(
    db_engine: AsyncEngine,
) -> None:
    user = new_id()
    days = [date(2026, 1, 1), date(2026, 1, 2)]

    def rows(value: int) -> list[dict[str, Any]]:
        return [{"user_id": user, "feature": "synthesis", "day": d, "used": value} for d in days]

    await run(db_engine, ADD, rows(2))
    await run(db_engine, ADD, rows(3))
    after_adding = await used(db_engine, user)
    await run(db_engine, SET_7, rows(1))
    after_seven = await used(db_engine, user)
    await run(db_engine, SET_9, rows(1))
    after_nine = await used(db_engine, user)
    kept = await run(db_engine, KEEP, rows(100))
    await run(db_engine, ADD, rows(1))

    assert after_adding == [5, 5]
    assert after_seven == [7, 7]
    assert after_nine == [9, 9]
    assert kept.first() is None
    assert await used(db_engine, user) == [10, 10]
