"""The in-process cache: hits within the TTL, tag invalidation, no stale re-caching, bounds."""

import asyncio
from collections.abc import Awaitable, Callable

from tutor_platform.shared.cache.ttl_cache import TtlCache, recording_reads


class Source:
    """Values by key, counting loads; a load can be held at a gate."""

    def __init__(self, **values: str) -> None:
        self.values = dict(values)
        self.loads = 0
        self.gate: asyncio.Event | None = None

    def loader(self, key: str) -> Callable[[], Awaitable[str]]:
        async def load() -> str:
            self.loads += 1
            value = self.values[key]
            if self.gate is not None:
                await self.gate.wait()
            return value

        return load


class Ticker:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def tags_of(key: str) -> Callable[[str], tuple[str, ...]]:
    return lambda value: (f"key:{key}", f"value:{value}")


async def get(cache: TtlCache[str, str], source: Source, key: str) -> str:
    return await cache.get_or_load(key, source.loader(key), tags_of(key))


async def test_a_value_is_loaded_once_within_the_ttl_and_again_after_it() -> None:
    source, ticker = Source(a="1"), Ticker()
    cache: TtlCache[str, str] = TtlCache(10, monotonic=ticker)
    assert await get(cache, source, "a") == "1"
    assert await get(cache, source, "a") == "1"
    assert source.loads == 1
    ticker.now += 10.5
    await get(cache, source, "a")
    assert source.loads == 2


async def test_invalidating_a_tag_drops_every_entry_carrying_it() -> None:
    source = Source(a="shared", b="shared", c="other")
    cache: TtlCache[str, str] = TtlCache(10)
    for key in "abc":
        await get(cache, source, key)
    source.values.update(a="new-a", b="new-b", c="new-c")
    await cache.invalidate(["value:shared"])
    assert [await get(cache, source, key) for key in "abc"] == ["new-a", "new-b", "other"]


async def test_a_load_that_overlaps_an_invalidation_is_not_stored() -> None:
    source = Source(a="old")
    cache: TtlCache[str, str] = TtlCache(10)
    source.gate = asyncio.Event()
    slow = asyncio.create_task(get(cache, source, "a"))
    await asyncio.sleep(0)
    source.values["a"] = "new"
    await cache.invalidate(["key:a"])
    source.gate.set()
    assert await slow == "old"
    source.gate = None
    assert await get(cache, source, "a") == "new"


async def test_an_invalidation_of_other_tags_does_not_keep_a_load_out() -> None:
    source = Source(a="old")
    cache: TtlCache[str, str] = TtlCache(10)
    source.gate = asyncio.Event()
    slow = asyncio.create_task(get(cache, source, "a"))
    await asyncio.sleep(0)
    await cache.invalidate(["key:b", "value:other"])
    source.gate.set()
    assert await slow == "old"
    source.gate = None
    await get(cache, source, "a")
    assert source.loads == 1, "stored: nothing it carries was invalidated"


async def test_a_load_older_than_the_forgotten_invalidations_is_not_stored() -> None:
    cache: TtlCache[str, str] = TtlCache(10, max_tags=2)
    since = cache.generation
    for tag in ("t1", "t2", "t3"):
        await cache.invalidate([tag])
    assert not cache.put("page", "body", ["t1"], since=since), "t1's number was forgotten"
    assert cache.put("page", "body", ["t1"], since=cache.generation)
    cache.clear()
    assert not cache.put("page", "body", ["other"], since=since)


async def test_suspended_or_zero_ttl_caches_always_load() -> None:
    source = Source(a="1")
    off: TtlCache[str, str] = TtlCache(0)
    await get(off, source, "a")
    await get(off, source, "a")
    assert source.loads == 2
    suspended: TtlCache[str, str] = TtlCache(10)
    suspended.suspend()
    await get(suspended, source, "a")
    await get(suspended, source, "a")
    assert source.loads == 4
    suspended.resume()
    await get(suspended, source, "a")
    await get(suspended, source, "a")
    assert source.loads == 5


async def test_the_cache_is_bounded_and_forgets_the_least_recently_used() -> None:
    source = Source(**{key: key.upper() for key in "abcde"})
    cache: TtlCache[str, str] = TtlCache(10, max_entries=3)
    for key in "abc":
        await get(cache, source, key)
    await get(cache, source, "a")
    await get(cache, source, "d")
    assert source.loads == 4
    await get(cache, source, "a")
    assert source.loads == 4
    await get(cache, source, "b")
    assert source.loads == 5


async def test_a_cache_bounded_in_bytes_forgets_the_least_recently_used() -> None:
    source = Source(a="a" * 400, b="b" * 400, c="c" * 400, big="x" * 2000)
    cache: TtlCache[str, str] = TtlCache(10, max_bytes=1000, weigh=len)
    for key in "abc":
        await get(cache, source, key)
    assert (len(cache), cache.stored_bytes) == (2, 800)
    await get(cache, source, "b")
    assert source.loads == 3
    await get(cache, source, "a")
    assert source.loads == 4


async def test_a_value_larger_than_the_byte_bound_is_returned_but_not_kept() -> None:
    source = Source(a="a" * 400, big="x" * 2000)
    cache: TtlCache[str, str] = TtlCache(10, max_bytes=1000, weigh=len)
    await get(cache, source, "a")
    assert await get(cache, source, "big") == "x" * 2000
    await get(cache, source, "big")
    await get(cache, source, "a")
    assert source.loads == 3
    assert cache.stored_bytes == 400


async def test_invalidated_and_cleared_entries_give_their_bytes_back() -> None:
    source = Source(a="a" * 400, b="b" * 300)
    cache: TtlCache[str, str] = TtlCache(10, max_bytes=1000, weigh=len)
    await get(cache, source, "a")
    await get(cache, source, "b")
    await cache.invalidate(["key:a"])
    assert cache.stored_bytes == 300
    cache.clear()
    assert (len(cache), cache.stored_bytes) == (0, 0)


async def test_reads_note_the_tags_of_what_they_got_hit_or_miss() -> None:
    source = Source(a="1", b="2")
    cache: TtlCache[str, str] = TtlCache(10)
    await get(cache, source, "a")
    with recording_reads() as tags:
        await get(cache, source, "a")
        await get(cache, source, "b")
    await get(cache, source, "b")
    assert tags == {"key:a", "value:1", "key:b", "value:2"}


async def test_a_value_put_after_an_invalidation_it_may_predate_is_not_stored() -> None:
    cache: TtlCache[str, str] = TtlCache(10)
    since = cache.generation
    await cache.invalidate(["course:1"])
    assert not cache.put("page", "old body", ["course:1"], since=since)
    assert cache.peek("page") is None
    assert cache.put("page", "new body", ["course:1"], since=cache.generation)
    assert cache.peek("page") == "new body"
    await cache.invalidate(["course:1"])
    assert cache.peek("page") is None


async def test_nothing_is_put_or_peeked_while_suspended_or_expired() -> None:
    ticker = Ticker()
    cache: TtlCache[str, str] = TtlCache(10, monotonic=ticker)
    assert cache.put("page", "body", ["t"], since=cache.generation)
    ticker.now += 11
    assert cache.peek("page") is None
    cache.suspend()
    assert not cache.put("page", "body", ["t"], since=cache.generation)
    cache.resume()
    assert cache.peek("page") is None
