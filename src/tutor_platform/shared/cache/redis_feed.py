"""Cache invalidations shared between processes over Redis pub/sub.

A message is ``{"origin": <feed id>, "tags": [...]}``; a feed ignores its own messages (it
invalidated its cache before publishing), so a value loaded after a local write is not dropped
again when the write's message comes back.
"""

import asyncio
import contextlib
import json
import uuid
from collections.abc import Collection
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from tutor_platform.shared.cache.ttl_cache import TtlCache
from tutor_platform.shared.outage import OutageLog


class RedisInvalidationFeed:
    """Invalidates tags in this process's cache and publishes them to every other process.

    While it is not subscribed (before :meth:`start`, or after losing Redis), the local cache
    is suspended and loads every time, so no invalidation can be missed. Losing Redis and
    getting it back are logged once each through ``outage`` (shared by every user of Redis).
    """

    def __init__(
        self,
        redis: Redis,
        channel: str,
        cache: TtlCache[Any, Any],
        reconnect_delay: float = 1.0,
        outage: OutageLog | None = None,
    ) -> None:
        self._redis = redis
        self._outage = outage or OutageLog("redis")
        self._channel = channel
        self._cache = cache
        self._reconnect_delay = reconnect_delay
        self._task: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()
        self._origin = uuid.uuid4().hex
        cache.suspend()

    async def invalidate(self, tags: Collection[str]) -> None:
        await self._cache.invalidate(tags)
        try:
            message = json.dumps({"origin": self._origin, "tags": list(tags)})
            await self._redis.publish(self._channel, message)
        except (RedisError, OSError) as exc:
            self._outage.failed(exc)

    async def start(self, wait_seconds: float = 5.0) -> None:
        """Subscribe in the background; wait (bounded) for the first subscription."""
        if self._task is None:
            self._task = asyncio.create_task(self._listen())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._subscribed.wait(), wait_seconds)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _listen(self) -> None:
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    self._outage.succeeded()
                    self._cache.resume()
                    self._subscribed.set()
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            await self._receive(message["data"])
            except (RedisError, OSError) as exc:
                self._outage.failed(exc)
            self._cache.suspend()
            self._subscribed.clear()
            await asyncio.sleep(self._reconnect_delay)

    async def _receive(self, data: bytes | str) -> None:
        try:
            message = json.loads(data)
            tags = message.get("tags") if isinstance(message, dict) else None
            if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
                raise TypeError("tags")
        except (ValueError, TypeError):
            self._cache.clear()
            return
        if message.get("origin") != self._origin:
            await self._cache.invalidate(tags)
