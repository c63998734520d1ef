"""The rate limiter: decides whether one more request of a group is allowed for an identity."""

import math
from collections.abc import Mapping
from dataclasses import dataclass

from tutor_platform.shared.ratelimit.policy import RouteGroup
from tutor_platform.shared.ratelimit.store import RateLimitStore


class UnknownRateLimitGroup(LookupError):
    """A route names a rate-limit group that does not exist."""


@dataclass(frozen=True, slots=True)
class RateLimitDecision:
    """Whether the request may proceed, and what to tell the client about its budget."""

    allowed: bool
    limit: int
    remaining: int
    reset_after: int


class RateLimiter:
    """Counts each request of a group against that group's limit, per identity."""

    def __init__(self, store: RateLimitStore, groups: Mapping[str, RouteGroup]) -> None:
        self._store = store
        self._groups = dict(groups)

    @property
    def group_names(self) -> frozenset[str]:
        return frozenset(self._groups)

    def group(self, name: str) -> RouteGroup:
        try:
            return self._groups[name]
        except KeyError:
            raise UnknownRateLimitGroup(f"unknown rate-limit group {name!r}") from None

    async def check(self, group: str, identity: str) -> RateLimitDecision:
        """Record one request of ``identity`` (``ip:...`` or ``user:...``) in ``group``."""
        rate = self.group(group).rate
        hits, reset_after = await self._store.hit(f"{group}:{identity}", rate.window_seconds)
        return RateLimitDecision(
            allowed=hits <= rate.limit,
            limit=rate.limit,
            remaining=max(0, rate.limit - hits),
            reset_after=max(1, math.ceil(reset_after)),
        )
