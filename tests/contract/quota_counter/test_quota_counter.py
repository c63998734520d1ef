"""One contract for every ``QuotaCounter`` adapter: in memory, in the run's database (SQLite
or PostgreSQL) and on Redis. Reservations never pass the limit, even when they race.

The days counted are the real UTC day and its neighbours: the Redis adapter lets a key expire
at an absolute time after its day ends, so a fixed date would be deleted on arrival once the
real date has passed it.
"""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from uuid import uuid4

import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import REDIS_URL
from tests.support.clock import utc_today
from tutor_platform.assessment.adapters.outbound.memory.quota_counter import InMemoryQuotaCounter
from tutor_platform.assessment.adapters.outbound.redis.quota_counter import RedisQuotaCounter
from tutor_platform.assessment.adapters.outbound.sqlalchemy.quota_counter import (
    SqlAlchemyQuotaCounter,
)
from tutor_platform.assessment.ports.quota import QuotaCounter
from tutor_platform.shared.ids import new_id

DAY = utc_today()
FEATURES = ("adaptive_learning", "synthesis")


@pytest.fixture(
    params=["memory", "database", pytest.param("redis", marks=pytest.mark.requires_redis)]
)
async def counter(
    request: pytest.FixtureRequest, run_id: str, db_engine: AsyncEngine, clean_db: None
) -> AsyncIterator[QuotaCounter]:
    if request.param == "memory":
        yield InMemoryQuotaCounter()
    elif request.param == "database":
        yield SqlAlchemyQuotaCounter(db_engine)
    else:
        client = Redis.from_url(REDIS_URL)
        prefix = f"{run_id}:quota:{uuid4().hex}:"
        yield RedisQuotaCounter(client, prefix)
        keys = [key async for key in client.scan_iter(match=f"{prefix}*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


async def test_reservations_stop_at_the_limit(counter: QuotaCounter) -> None:
    user = new_id()

    granted = [await counter.reserve(user, "synthesis", DAY, 3) for _ in range(5)]

    assert granted == [True, True, True, False, False]
    assert await counter.counts(user, FEATURES, DAY) == {"adaptive_learning": 0, "synthesis": 3}


async def test_a_released_slot_can_be_reserved_again(counter: QuotaCounter) -> None:
    user = new_id()
    for _ in range(2):
        assert await counter.reserve(user, "synthesis", DAY, 2)

    await counter.release(user, "synthesis", DAY)
    again = await counter.reserve(user, "synthesis", DAY, 2)
    refused = await counter.reserve(user, "synthesis", DAY, 2)

    assert (again, refused) == (True, False)


async def test_release_never_goes_below_zero(counter: QuotaCounter) -> None:
    user = new_id()
    await counter.release(user, "synthesis", DAY)
    assert await counter.reserve(user, "synthesis", DAY, 1)
    await counter.release(user, "synthesis", DAY)
    await counter.release(user, "synthesis", DAY)

    assert await counter.counts(user, ["synthesis"], DAY) == {"synthesis": 0}
    assert await counter.reserve(user, "synthesis", DAY, 1)
    assert not await counter.reserve(user, "synthesis", DAY, 1)


async def test_users_features_and_days_are_counted_apart(counter: QuotaCounter) -> None:
    ann, bob = new_id(), new_id()
    assert await counter.reserve(ann, "synthesis", DAY, 1)

    others = [
        await counter.reserve(bob, "synthesis", DAY, 1),
        await counter.reserve(ann, "adaptive_learning", DAY, 1),
        await counter.reserve(ann, "synthesis", DAY + timedelta(days=1), 1),
    ]

    assert others == [True, True, True]
    assert await counter.counts(ann, FEATURES, DAY) == {"adaptive_learning": 1, "synthesis": 1}
    assert await counter.counts(ann, FEATURES, DAY - timedelta(days=1)) == dict.fromkeys(
        FEATURES, 0
    )


async def test_a_limit_of_zero_refuses_every_call(counter: QuotaCounter) -> None:
    assert not await counter.reserve(new_id(), "synthesis", DAY, 0)


async def test_twenty_racing_reservations_against_five_get_exactly_five(
    counter: QuotaCounter,
) -> None:
    user = new_id()
    start = asyncio.Event()

    async def race() -> bool:
        await start.wait()
        return await counter.reserve(user, "adaptive_learning", DAY, 5)

    tasks = [asyncio.create_task(race()) for _ in range(20)]
    start.set()
    granted = await asyncio.gather(*tasks)

    assert sum(granted) == 5
    assert (await counter.counts(user, ["adaptive_learning"], DAY))["adaptive_learning"] == 5
