"""Paging at the HTTP edge: the ``limit``/``offset`` query parameters and the page body."""

from typing import Annotated, Any, Generic, TypeVar

import msgspec
from litestar.params import KwargDefinition, QueryParameter

from tutor_platform.shared.pagination import MAX_LIMIT, Page

T = TypeVar("T")

MAX_OFFSET = 2**31 - 1
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET, description="Items to skip.")]


class PageResponse(msgspec.Struct, Generic[T]):
    """One page of a list, with the size of the whole list."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls, page: Page[Any], item: type[T]) -> "PageResponse[T]":
        """The page with each item converted to ``item`` from its attributes."""
        items = [msgspec.convert(each, item, from_attributes=True) for each in page.items]
        return cls(items, page.total, page.limit, page.offset)


def named(name: str) -> KwargDefinition:
    """Metadata naming a generic response's OpenAPI component:
    ``Annotated[PageResponse[UserResponse], named("UserListResponse")]``."""
    return KwargDefinition(schema_component_key=name)
