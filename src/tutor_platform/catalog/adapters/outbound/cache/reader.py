"""A short-lived cache in front of the catalog's read side, invalidated by every write."""

from collections.abc import Awaitable, Callable, Collection, Hashable
from typing import Any, TypeVar, cast
from uuid import UUID

from tutor_platform.catalog.adapters.outbound.cache.search import SEARCH
from tutor_platform.catalog.domain.catalog import Course, CourseOutline, Lesson, Section
from tutor_platform.catalog.domain.events import CourseChanged
from tutor_platform.catalog.ports.reader import CatalogReader, CourseQuery
from tutor_platform.shared.cache.ttl_cache import Invalidator, TtlCache
from tutor_platform.shared.pagination import PageRequest

T = TypeVar("T")
LISTS = "catalog:lists"
MISSES = "catalog:misses"


def course_tag(course_id: UUID) -> str:
    return f"course:{course_id}"


class CachingCatalogReader:
    """Implements ``CatalogReader`` through a ``TtlCache`` over another reader.

    Entries are tagged with their course; lists with one tag for all lists; unknown ids with
    one tag for misses. Every committed write of a course invalidates its tag, the lists and
    the misses (:class:`CatalogCacheInvalidation`), in every process when shared through Redis.
    Cached entities are shared between requests: read use cases must not mutate them.
    """

    def __init__(self, inner: CatalogReader, cache: TtlCache[Hashable, Any]) -> None:
        self._inner = inner
        self._cache = cache

    async def course(self, course_id: UUID) -> Course | None:
        return await self._by_course(("course", course_id), course_id, self._inner.course)

    async def courses(self, course_ids: Collection[UUID]) -> list[Course]:
        """Not cached: one query, whatever the cache holds."""
        return await self._inner.courses(course_ids)

    async def outline(self, course_id: UUID) -> CourseOutline | None:
        return await self._by_course(("outline", course_id), course_id, self._inner.outline)

    async def ordered_lessons(self, course_id: UUID) -> list[Lesson]:
        return await self._by_course(("ordered", course_id), course_id, self._inner.ordered_lessons)

    async def section(self, section_id: UUID) -> Section | None:
        return await self._get(
            ("section", section_id), lambda: self._inner.section(section_id), _owner_tags
        )

    async def lesson(self, lesson_id: UUID) -> Lesson | None:
        return await self._get(
            ("lesson", lesson_id), lambda: self._inner.lesson(lesson_id), _owner_tags
        )

    async def list_courses(self, query: CourseQuery, page: PageRequest) -> tuple[list[Course], int]:
        return await self._get(
            ("list", query, page), lambda: self._inner.list_courses(query, page), lambda _: (LISTS,)
        )

    async def _by_course(
        self, key: Hashable, course_id: UUID, read: Callable[[UUID], Awaitable[T]]
    ) -> T:
        return await self._get(key, lambda: read(course_id), lambda _: (course_tag(course_id),))

    async def _get(
        self,
        key: Hashable,
        load: Callable[[], Awaitable[T]],
        tags: Callable[[Any], tuple[str, ...]],
    ) -> T:
        return cast(T, await self._cache.get_or_load(key, load, tags))


def _owner_tags(found: Section | Lesson | None) -> tuple[str, ...]:
    return (MISSES,) if found is None else (course_tag(found.course_id),)


class CatalogCacheInvalidation:
    """Handles ``CourseChanged`` when the catalog is cached: drops the course's reads and every
    encoded search response (tag ``SEARCH``) from the read cache and, with ``search`` given,
    every cached search result."""

    def __init__(self, invalidator: Invalidator, search: Invalidator | None = None) -> None:
        self._invalidator = invalidator
        self._search = search

    async def course_changed(self, event: CourseChanged) -> None:
        await self._invalidator.invalidate([course_tag(event.course_id), LISTS, MISSES, SEARCH])
        if self._search is not None:
            await self._search.invalidate([SEARCH])
