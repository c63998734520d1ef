"""One contract for every ``StreamLog`` adapter: in this process's memory and on Redis
Streams (what lets a client resume a streamed answer on another API process)."""

import asyncio
from collections.abc import AsyncIterator
from uuid import uuid4

import pytest
from redis.asyncio import Redis

from tests.conftest import REDIS_URL
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.adapters.outbound.memory.stream_log import InMemoryStreamLog
from tutor_platform.tutoring.adapters.outbound.redis.stream_log import RedisStreamLog
from tutor_platform.tutoring.ports.stream_log import LoggedEvent, StreamLog

TTL = 60


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.requires_redis)])
async def log(request: pytest.FixtureRequest, run_id: str) -> AsyncIterator[StreamLog]:
    if request.param == "memory":
        yield InMemoryStreamLog(TTL)
        return
    client = Redis.from_url(REDIS_URL)
    prefix = f"{run_id}:answer-stream:{uuid4().hex}:"
    yield RedisStreamLog(client, TTL, prefix)
    keys = [key async for key in client.scan_iter(match=f"{prefix}*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


def event(seq: int, final: bool = False) -> LoggedEvent:
    return LoggedEvent(seq, "done" if final else "delta", f'{{"text": "{seq}"}}', final)


async def collect(log: StreamLog, stream_id: object, after: int, idle: float = 0.2) -> list[int]:
    return [e.seq async for e in log.follow(stream_id, after, idle)]  # type: ignore[arg-type]


async def test_a_log_remembers_its_owner_and_its_events(log: StreamLog) -> None:
    stream_id, owner = new_id(), new_id()
    assert await log.owner(stream_id) is None
    await log.start(stream_id, owner)
    for seq in (1, 2, 3):
        await log.append(stream_id, event(seq, final=seq == 3))

    assert await log.owner(stream_id) == owner
    assert await log.last_seq(stream_id) == 3
    got = [e async for e in log.follow(stream_id, 0, 0.2)]
    assert got == [event(1), event(2), event(3, final=True)]
    assert await collect(log, stream_id, 2) == [3]
    assert await collect(log, new_id(), 0) == []


async def test_a_follower_gets_new_events_as_they_come_until_the_final_one(
    log: StreamLog,
) -> None:
    stream_id = new_id()
    await log.start(stream_id, new_id())
    await log.append(stream_id, event(1))
    follower = asyncio.create_task(collect(log, stream_id, 0, idle=5))
    await asyncio.sleep(0.05)
    await log.append(stream_id, event(2))
    await asyncio.sleep(0.05)
    await log.append(stream_id, event(3, final=True))

    assert await asyncio.wait_for(follower, 5) == [1, 2, 3]


async def test_a_follower_stops_when_nothing_comes(log: StreamLog) -> None:
    stream_id = new_id()
    await log.start(stream_id, new_id())
    await log.append(stream_id, event(1))

    assert await asyncio.wait_for(collect(log, stream_id, 0, idle=0.1), 5) == [1]


async def test_logs_are_independent(log: StreamLog) -> None:
    one, two = new_id(), new_id()
    await log.start(one, new_id())
    await log.start(two, new_id())
    await log.append(one, event(1, final=True))

    assert await log.last_seq(two) == 0
    assert await collect(log, two, 0, idle=0.05) == []
