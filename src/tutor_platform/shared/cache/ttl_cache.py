"""A small in-process cache with expiry, tags for invalidation, and no stale re-caching.

Reads made inside :func:`recording_reads` note the tags of every value they got from a cache,
so that something built from those values (an encoded HTTP response) can be cached under the
same tags and dropped with them.
"""

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Collection, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Generic, Protocol, TypeVar

from tutor_platform.shared.cache.sizes import approximate_size
from tutor_platform.shared.telemetry import telemetry

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


_read_tags: ContextVar[set[str] | None] = ContextVar("cache_read_tags", default=None)


@contextmanager
def recording_reads() -> Iterator[set[str]]:
    """Collect the tags of every cached value read in this context (this task) until exit."""
    tags: set[str] = set()
    token = _read_tags.set(tags)
    try:
        yield tags
    finally:
        _read_tags.reset(token)


def _note(tags: Collection[str]) -> None:
    recorded = _read_tags.get()
    if recorded is not None:
        recorded.update(tags)


class Invalidator(Protocol):
    """Drops cached entries carrying any of ``tags`` (here, and in other processes if shared)."""

    async def invalidate(self, tags: Collection[str]) -> None: ...


class TtlCache(Generic[K, V]):
    """Keeps loaded values for ``ttl_seconds`` (0 turns the cache off), at most ``max_entries``
    and, with ``max_bytes``, values of at most that many bytes in all (``weigh``, by default
    :func:`approximate_size`); past either bound the least recently used go first.

    Each entry carries tags; :meth:`invalidate` drops every entry with one of the given tags.
    A load that overlaps an invalidation of one of its value's tags is returned but not stored,
    so a value read before a change can never be cached after that change was announced; an
    invalidation of other tags does not keep it out. Each invalidation is numbered, and the
    number of the last one of each tag is kept (for the ``max_tags`` most recent tags; a load
    older than the ones forgotten is not stored).
    """

    def __init__(
        self,
        ttl_seconds: float,
        *,
        max_entries: int = 10_000,
        max_tags: int = 10_000,
        max_bytes: int | None = None,
        weigh: Callable[[V], int] = approximate_size,
        monotonic: Callable[[], float] = time.monotonic,
        name: str = "cache",
    ) -> None:
        self.name = name
        self._ttl = ttl_seconds
        self._max_entries = max_entries
        self._max_bytes = max_bytes
        self._weigh = weigh
        self._bytes = 0
        self._max_tags = max_tags
        self._monotonic = monotonic
        self._entries: OrderedDict[K, tuple[float, V, Collection[str], int]] = OrderedDict()
        self._tagged: dict[str, set[K]] = {}
        self._generation = 0
        self._invalidated: OrderedDict[str, int] = OrderedDict()
        self._floor = 0
        self._suspended = False

    async def get_or_load(
        self,
        key: K,
        load: Callable[[], Awaitable[V]],
        tags: Callable[[V], Collection[str]],
    ) -> V:
        """The cached value of ``key``, or ``load()``'s result, stored under ``tags(value)``."""
        if self._ttl <= 0 or self._suspended:
            value = await load()
            _note(tags(value))
            return value
        now = self._monotonic()
        entry = self._entries.get(key)
        if entry is not None and entry[0] > now:
            self._entries.move_to_end(key)
            _note(entry[2])
            telemetry.cache_lookup(self.name, hit=True)
            return entry[1]
        telemetry.cache_lookup(self.name, hit=False)
        generation = self._generation
        value = await load()
        value_tags = tags(value)
        _note(value_tags)
        if self._current(value_tags, generation):
            self._store(key, now + self._ttl, value, value_tags)
        return value

    @property
    def generation(self) -> int:
        """Changes with every invalidation: pass it to :meth:`put` as it was before reading."""
        return self._generation

    def _current(self, tags: Collection[str], since: int) -> bool:
        """Whether no tag of ``tags`` was invalidated after ``since`` (nor everything)."""
        if since < self._floor:
            return False
        invalidated = self._invalidated
        return all(invalidated.get(tag, -1) <= since for tag in tags)

    def peek(self, key: K) -> V | None:
        """The unexpired value of ``key``, or None (nothing is loaded)."""
        entry = self._entries.get(key)
        if entry is None or entry[0] <= self._monotonic() or self._suspended:
            return None
        self._entries.move_to_end(key)
        return entry[1]

    def put(self, key: K, value: V, tags: Collection[str], *, since: int) -> bool:
        """Store ``value`` unless the cache is off or one of ``tags`` was invalidated after
        ``generation`` was ``since`` (the value may predate that change); True if stored."""
        if self._ttl <= 0 or self._suspended or not self._current(tags, since):
            return False
        self._store(key, self._monotonic() + self._ttl, value, tags)
        return True

    async def invalidate(self, tags: Collection[str]) -> None:
        self._generation += 1
        for tag in tags:
            self._invalidated.pop(tag, None)
            self._invalidated[tag] = self._generation
            for key in self._tagged.pop(tag, set()):
                self._drop(key)
        while len(self._invalidated) > self._max_tags:
            _, number = self._invalidated.popitem(last=False)
            self._floor = max(self._floor, number)

    def clear(self) -> None:
        """Forget everything."""
        self._generation += 1
        self._floor = self._generation
        self._invalidated.clear()
        self._entries.clear()
        self._tagged.clear()
        self._bytes = 0

    def suspend(self) -> None:
        """Forget everything and load every time until :meth:`resume` (while invalidations
        from other processes could be missed)."""
        self._suspended = True
        self.clear()

    def resume(self) -> None:
        self._suspended = False

    @property
    def stored_bytes(self) -> int:
        """The weight of the values held (0 unless bounded by ``max_bytes``)."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def _store(self, key: K, expires: float, value: V, tags: Collection[str]) -> None:
        self._drop(key)
        weight = 0 if self._max_bytes is None else self._weigh(value)
        if self._max_bytes is not None and weight > self._max_bytes:
            return
        self._entries[key] = (expires, value, tags, weight)
        self._bytes += weight
        for tag in tags:
            self._tagged.setdefault(tag, set()).add(key)
        while len(self._entries) > self._max_entries or (
            self._max_bytes is not None and self._bytes > self._max_bytes
        ):
            self._drop(next(iter(self._entries)))

    def _drop(self, key: K) -> None:
        entry = self._entries.pop(key, None)
        if entry is None:
            return
        self._bytes -= entry[3]
        for tag in entry[2]:
            keys = self._tagged.get(tag)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._tagged[tag]
