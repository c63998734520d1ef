"""The in-memory store forgets expired windows and holds at most ``max_windows``, so it cannot
grow without bound."""

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


async def test_past_the_limit_the_oldest_open_window_is_forgotten() -> None:
    clock = FakeMonotonic()
    store = MemoryRateLimitStore(now=clock, max_windows=3)
    for key in ("a", "b", "c"):
        await store.hit(key, 3600)
    await store.hit("b", 3600)

    await store.hit("d", 3600)

    assert len(store) == 3
    assert (await store.hit("b", 3600)).hits == 3
    assert (await store.hit("a", 3600)).hits == 1


async def test_expired_windows_make_room_before_open_ones_are_forgotten() -> None:
    clock = FakeMonotonic()
    store = MemoryRateLimitStore(now=clock, prune_interval_seconds=600, max_windows=2)
    await store.hit("long", 3600)
    await store.hit("short", 1)
    clock.advance(2)

    await store.hit("new", 3600)

    assert len(store) == 2
    assert (await store.hit("long", 3600)).hits == 2
