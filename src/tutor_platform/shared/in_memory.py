"""The base of the in-memory repositories (the fakes that pass the SQL ones' contract suites).

A fake keeps its entities in one dict of its store, keyed by ``id``, and inherits get, add,
update and delete: it hands out and keeps deep copies, like a database, so a changed entity
counts only once it is stored. It writes the queries its port adds over the same dict.
"""

import copy
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from tutor_platform.shared.pagination import PageRequest

T = TypeVar("T")


class Identified(Protocol):
    @property
    def id(self) -> Any: ...


E = TypeVar("E", bound=Identified)


def page_of(
    items: Iterable[T], page: PageRequest, key: Callable[[T], Any], *, reverse: bool = False
) -> tuple[list[T], int]:
    """One page of ``items`` ordered by ``key``, and how many there are in all."""
    ordered = sorted(items, key=key, reverse=reverse)
    return ordered[page.offset : page.offset + page.limit], len(ordered)


class InMemoryRepository(Generic[E]):
    """Entities in ``rows`` by id. ``not_found`` is the domain error ``update`` raises when the
    entity is not stored (none: the update does nothing, like an ``UPDATE`` of no row)."""

    not_found: ClassVar[type[Exception] | None] = None

    def __init__(self, rows: dict[Any, E]) -> None:
        self._rows = rows

    async def get(self, entity_id: Any) -> E | None:
        return copy.deepcopy(self._rows.get(entity_id))

    async def add(self, entity: E) -> None:
        self._rows[entity.id] = copy.deepcopy(entity)

    async def update(self, entity: E) -> None:
        if entity.id in self._rows:
            self._rows[entity.id] = copy.deepcopy(entity)
        elif self.not_found is not None:
            raise self.not_found()

    async def delete(self, entity_id: Any) -> None:
        self._rows.pop(entity_id, None)

    def _first(self, matches: Callable[[E], bool]) -> E | None:
        """A copy of the first stored entity that ``matches``."""
        return copy.deepcopy(next((e for e in self._rows.values() if matches(e)), None))

    def _page(
        self,
        matches: Callable[[E], bool],
        page: PageRequest,
        key: Callable[[E], Any],
        *,
        reverse: bool = False,
    ) -> tuple[list[E], int]:
        """Copies of one page of the entities that match, ordered by ``key``, and their total."""
        found = (e for e in self._rows.values() if matches(e))
        window, total = page_of(found, page, key, reverse=reverse)
        return copy.deepcopy(window), total
