"""The in-memory store forgets expired windows, so it cannot grow without bound."""

from tests.unit.ratelimit.fake_clock import FakeMonotonic
from tutor_platform.shared.ratelimit.memory_store import MemoryRateLimitStore


async def test_expired_windows_are_pruned() -> None:
    clock = FakeMonotonic()
    store = MemoryRateLimitStore(now=clock, prune_interval_seconds=60)
    for n in range(500):
        await store.hit(f"ip:{n}", 1)
    await store.hit("long", 3600)
    assert len(store) == 501

    clock.advance(61)
    await store.hit("ip:new", 1)

    assert len(store) == 2


async def test_windows_still_open_survive_pruning() -> None:
    clock = FakeMonotonic()
    store = MemoryRateLimitStore(now=clock, prune_interval_seconds=60)
    await store.hit("long", 3600)
    await store.hit("long", 3600)

    clock.advance(61)
    await store.hit("other", 1)

    assert (await store.hit("long", 3600)).hits == 3
