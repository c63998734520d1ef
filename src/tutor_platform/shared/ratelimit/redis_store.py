"""Fixed-window counters on Redis, shared by every API process.

One Lua script increments the counter and sets its expiry when the window is new, so
concurrent hits from any number of processes are counted exactly.
"""

from redis.asyncio import Redis

from tutor_platform.shared.ratelimit.store import WindowCount

_HIT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
"""


class RedisRateLimitStore:
    """Counters under ``prefix + key``; each expires with its window."""

    def __init__(self, redis: Redis, prefix: str = "ratelimit:") -> None:
        self._prefix = prefix
        self._script = redis.register_script(_HIT_SCRIPT)

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        hits, ttl_ms = await self._script(keys=[self._prefix + key], args=[window_seconds * 1000])
        return WindowCount(int(hits), int(ttl_ms) / 1000)
