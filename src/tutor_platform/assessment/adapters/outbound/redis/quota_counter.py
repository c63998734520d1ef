"""Daily quota counters on Redis, shared by every API process.

One key per (feature, user, UTC day), under ``prefix``. A Lua script checks the count against
the limit and increments it in one atomic step, so concurrent reservations from any number of
processes never count past the limit; the key expires a day after the day it counts ends.
"""

from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from redis.asyncio import Redis

_RESERVE = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= tonumber(ARGV[1]) then
  return 0
end
redis.call('INCR', KEYS[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1
"""
_RELEASE = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used > 0 then
  return redis.call('DECR', KEYS[1])
end
return 0
"""


def _expires_at_ms(day: date) -> int:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return int((start + timedelta(days=2)).timestamp() * 1000)


class RedisQuotaCounter:
    def __init__(self, redis: Redis, prefix: str = "quota:") -> None:
        self._redis = redis
        self._prefix = prefix
        self._reserve = redis.register_script(_RESERVE)
        self._release = redis.register_script(_RELEASE)

    def _key(self, user_id: UUID, feature: str, day: date) -> str:
        return f"{self._prefix}{feature}:{user_id}:{day.isoformat()}"

    async def reserve(self, user_id: UUID, feature: str, day: date, limit: int) -> bool:
        key = self._key(user_id, feature, day)
        return bool(await self._reserve(keys=[key], args=[limit, _expires_at_ms(day)]))

    async def release(self, user_id: UUID, feature: str, day: date) -> None:
        await self._release(keys=[self._key(user_id, feature, day)])

    async def counts(self, user_id: UUID, features: Collection[str], day: date) -> dict[str, int]:
        names = list(features)
        if not names:
            return {}
        values = await self._redis.mget([self._key(user_id, name, day) for name in names])
        return {name: int(value or 0) for name, value in zip(names, values, strict=True)}
