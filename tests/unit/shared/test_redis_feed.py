"""Cache invalidations over Redis pub/sub, on the real Redis: another process's cache drops
what a write invalidated; the writer's own cache is not invalidated twice by its echo."""

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from redis.asyncio import Redis

from tests.conftest import REDIS_URL, RUN_ID
from tutor_platform.shared.cache.redis_feed import RedisInvalidationFeed
from tutor_platform.shared.cache.ttl_cache import TtlCache

pytestmark = pytest.mark.requires_redis


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(REDIS_URL)
    yield client
    await client.aclose()


async def cached(cache: TtlCache[str, str], key: str, value: str) -> str:
    async def load() -> str:
        return value

    return await cache.get_or_load(key, load, lambda _: ("course:1",))


async def until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not condition():
        assert loop.time() < deadline, "gave up waiting"
        await asyncio.sleep(0.01)


async def test_a_write_reaches_other_caches_and_its_echo_spares_the_writer(redis: Redis) -> None:
    channel = f"{RUN_ID}-feed-test"
    writer_cache: TtlCache[str, str] = TtlCache(60)
    reader_cache: TtlCache[str, str] = TtlCache(60)
    writer = RedisInvalidationFeed(redis, channel, writer_cache)
    reader = RedisInvalidationFeed(redis, channel, reader_cache)
    await writer.start()
    await reader.start()
    try:
        await cached(reader_cache, "outline", "old")
        await writer.invalidate(["course:1"])
        await cached(writer_cache, "outline", "new")

        await until(lambda: reader_cache.peek("outline") is None)
        await reader.invalidate(["course:2"])
        await until(lambda: writer_cache.generation > 1)

        assert writer_cache.peek("outline") == "new"
    finally:
        await writer.stop()
        await reader.stop()
