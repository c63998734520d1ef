"""The limiter's decisions over the in-memory store, with a clock the test moves."""

import pytest

from tests.unit.ratelimit.fake_clock import FakeMonotonic
from tutor_platform.shared.ratelimit.limiter import RateLimiter, UnknownRateLimitGroup
from tutor_platform.shared.ratelimit.memory_store import MemoryRateLimitStore
from tutor_platform.shared.ratelimit.policy import RateLimit, RouteGroup

GROUPS = {
    "auth": RouteGroup("auth", RateLimit(3, 60), per="ip"),
    "ai_messages": RouteGroup("ai_messages", RateLimit(2, 60), per="user"),
}


@pytest.fixture
def clock() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def limiter(clock: FakeMonotonic) -> RateLimiter:
    return RateLimiter(MemoryRateLimitStore(now=clock), GROUPS)


async def test_requests_up_to_the_limit_are_allowed_then_denied(limiter: RateLimiter) -> None:
    decisions = [await limiter.check("auth", "ip:10.0.0.1") for _ in range(5)]

    assert [d.allowed for d in decisions] == [True, True, True, False, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0, 0]
    assert {d.limit for d in decisions} == {3}
    assert {d.reset_after for d in decisions} == {60}


async def test_the_window_resets_after_its_length(
    limiter: RateLimiter, clock: FakeMonotonic
) -> None:
    for _ in range(4):
        await limiter.check("auth", "ip:10.0.0.1")
    clock.advance(59.5)
    denied = await limiter.check("auth", "ip:10.0.0.1")
    clock.advance(0.5)
    allowed = await limiter.check("auth", "ip:10.0.0.1")

    assert (denied.allowed, denied.reset_after) == (False, 1)
    assert (allowed.allowed, allowed.remaining, allowed.reset_after) == (True, 2, 60)


async def test_reset_is_rounded_up_to_whole_seconds(
    limiter: RateLimiter, clock: FakeMonotonic
) -> None:
    await limiter.check("auth", "ip:10.0.0.1")
    clock.advance(0.25)

    assert (await limiter.check("auth", "ip:10.0.0.1")).reset_after == 60


async def test_identities_and_groups_are_counted_separately(limiter: RateLimiter) -> None:
    for _ in range(3):
        await limiter.check("auth", "ip:10.0.0.1")

    assert not (await limiter.check("auth", "ip:10.0.0.1")).allowed
    assert (await limiter.check("auth", "ip:10.0.0.2")).allowed
    assert (await limiter.check("ai_messages", "ip:10.0.0.1")).allowed


async def test_an_unknown_group_is_an_error(limiter: RateLimiter) -> None:
    with pytest.raises(UnknownRateLimitGroup, match="nope"):
        await limiter.check("nope", "ip:10.0.0.1")
