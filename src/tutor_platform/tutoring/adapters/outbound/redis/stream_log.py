"""The stream log on Redis Streams, shared by every API process.

One stream per answer (``{prefix}{id}``: ``XADD`` of ``seq``, ``event``, ``data``,
``final``) and one key for its owner (``{prefix}{id}:owner``); both expire ``ttl_seconds``
after the last entry. A follower reads what is there with ``XRANGE`` and waits for the rest
with a blocking ``XREAD`` from the last entry it saw.
"""

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

from redis.asyncio import Redis

from tutor_platform.tutoring.ports.stream_log import LoggedEvent


def _event(fields: dict[bytes, bytes]) -> LoggedEvent:
    return LoggedEvent(
        seq=int(fields[b"seq"]),
        event=fields[b"event"].decode(),
        data=fields[b"data"].decode(),
        final=fields[b"final"] == b"1",
    )


class RedisStreamLog:
    def __init__(self, redis: Redis, ttl_seconds: int, prefix: str = "answer-stream:") -> None:
        self._redis = redis
        self._ttl = ttl_seconds
        self._prefix = prefix

    def _key(self, stream_id: UUID) -> str:
        return f"{self._prefix}{stream_id}"

    async def start(self, stream_id: UUID, owner_id: UUID) -> None:
        await self._redis.set(f"{self._key(stream_id)}:owner", str(owner_id), ex=self._ttl)

    async def append(self, stream_id: UUID, event: LoggedEvent) -> None:
        key = self._key(stream_id)
        fields: Any = {
            "seq": event.seq,
            "event": event.event,
            "data": event.data,
            "final": int(event.final),
        }
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.xadd(key, fields)
            pipe.expire(key, self._ttl)
            pipe.expire(f"{key}:owner", self._ttl)
            await pipe.execute()

    async def owner(self, stream_id: UUID) -> UUID | None:
        value = await self._redis.get(f"{self._key(stream_id)}:owner")
        return None if value is None else UUID(value.decode())

    async def last_seq(self, stream_id: UUID) -> int:
        entries = await self._redis.xrevrange(self._key(stream_id), count=1)
        return int(entries[0][1][b"seq"]) if entries else 0

    async def follow(
        self, stream_id: UUID, after: int, idle_seconds: float
    ) -> AsyncIterator[LoggedEvent]:
        key = self._key(stream_id)
        last = "0-0"
        for entry_id, fields in await self._redis.xrange(key):
            last = entry_id
            event = _event(fields)
            if event.seq > after:
                yield event
                if event.final:
                    return
        block = max(1, int(idle_seconds * 1000))
        while True:
            answer = await self._redis.xread({key: last}, block=block)
            if not answer:
                return
            for entry_id, fields in answer[0][1]:
                last = entry_id
                event = _event(fields)
                yield event
                if event.final:
                    return
