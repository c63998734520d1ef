"""Limit/offset paging shared by list endpoints."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which slice of a list the caller wants."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One slice of a list with the total size of the list."""

    items: Sequence[T]
    total: int
    limit: int
    offset: int
