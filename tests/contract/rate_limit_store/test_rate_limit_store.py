"""One contract for every ``RateLimitStore`` adapter: in memory and on Redis.

The cross-process test runs once, in the PostgreSQL + Redis + SAQ pass (marked ``processes``):
it starts real processes on Redis, which is where they run in production, and takes seconds; a
second run on SQLite would test nothing more."""

import asyncio
import multiprocessing
from collections.abc import AsyncIterator
from uuid import uuid4

import pytest
from redis import Redis as SyncRedis
from redis.asyncio import Redis

from tests.conftest import REDIS_URL
from tests.contract.rate_limit_store.hammer import GROUP, IDENTITY, hammer
from tutor_platform.shared.ratelimit.memory_store import MemoryRateLimitStore
from tutor_platform.shared.ratelimit.redis_store import RedisRateLimitStore
from tutor_platform.shared.ratelimit.store import RateLimitStore


def _prefix(run_id: str) -> str:
    return f"{run_id}:ratelimit:{uuid4().hex}:"


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.requires_redis)])
async def store(request: pytest.FixtureRequest, run_id: str) -> AsyncIterator[RateLimitStore]:
    if request.param == "memory":
        yield MemoryRateLimitStore()
        return
    client = Redis.from_url(REDIS_URL)
    prefix = _prefix(run_id)
    yield RedisRateLimitStore(client, prefix)
    keys = [key async for key in client.scan_iter(match=f"{prefix}*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


async def test_counts_increase_within_a_window(store: RateLimitStore) -> None:
    counts = [await store.hit("auth:ip:1", 60) for _ in range(5)]

    assert [c.hits for c in counts] == [1, 2, 3, 4, 5]
    assert all(0 < c.reset_after <= 60 for c in counts)


async def test_later_hits_do_not_extend_the_window(store: RateLimitStore) -> None:
    first = await store.hit("auth:ip:1", 60)
    await asyncio.sleep(0.05)
    second = await store.hit("auth:ip:1", 60)

    assert second.reset_after < first.reset_after


async def test_keys_are_independent(store: RateLimitStore) -> None:
    for _ in range(3):
        await store.hit("auth:ip:1", 60)

    assert (await store.hit("auth:ip:2", 60)).hits == 1
    assert (await store.hit("public:ip:1", 60)).hits == 1
    assert (await store.hit("auth:ip:1", 60)).hits == 4


async def test_the_count_starts_over_when_the_window_expires(store: RateLimitStore) -> None:
    await store.hit("auth:ip:1", 1)
    last = await store.hit("auth:ip:1", 1)
    assert last.hits == 2
    assert 0 < last.reset_after <= 1

    await asyncio.sleep(last.reset_after + 0.05)
    fresh = await store.hit("auth:ip:1", 1)

    assert fresh.hits == 1
    assert 0 < fresh.reset_after <= 1


@pytest.mark.requires_redis
@pytest.mark.processes
def test_redis_counter_is_exact_across_processes(run_id: str) -> None:
    processes, hits, limit = 4, 50, 37
    prefix = _prefix(run_id)
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(processes)
    results = context.Queue()
    workers = [
        context.Process(target=hammer, args=(REDIS_URL, prefix, hits, limit, start, results))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    allowed = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)

    client = SyncRedis.from_url(REDIS_URL)
    key = f"{prefix}{GROUP}:{IDENTITY}"
    try:
        assert int(client.get(key) or 0) == processes * hits
        assert sum(allowed) == limit
        assert [worker.exitcode for worker in workers] == [0] * processes
    finally:
        client.delete(key)
        client.close()
