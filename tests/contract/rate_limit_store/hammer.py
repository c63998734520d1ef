"""A worker process for the cross-process test: hits one Redis counter through the limiter."""

import asyncio
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier

from redis.asyncio import Redis

from tutor_platform.shared.ratelimit.limiter import RateLimiter
from tutor_platform.shared.ratelimit.policy import RateLimit, RouteGroup
from tutor_platform.shared.ratelimit.redis_store import RedisRateLimitStore

GROUP = "burst"
IDENTITY = "ip:shared"


def hammer(
    redis_url: str, prefix: str, hits: int, limit: int, start: Barrier, results: "Queue[int]"
) -> None:
    """Wait for every worker, then send ``hits`` concurrent hits; report how many were allowed."""
    results.put(asyncio.run(_hammer(redis_url, prefix, hits, limit, start)))


async def _hammer(redis_url: str, prefix: str, hits: int, limit: int, start: Barrier) -> int:
    client = Redis.from_url(redis_url)
    try:
        limiter = RateLimiter(
            RedisRateLimitStore(client, prefix),
            {GROUP: RouteGroup(GROUP, RateLimit(limit, 60), per="ip")},
        )
        await client.ping()
        start.wait(timeout=60)
        decisions = await asyncio.gather(*(limiter.check(GROUP, IDENTITY) for _ in range(hits)))
        return sum(decision.allowed for decision in decisions)
    finally:
        await client.aclose()
