"""Rows to entities and entities to column values, by field name.

A row (a Core ``Row`` or any object with the columns as attributes) becomes a slots dataclass
with ``msgspec.convert(..., from_attributes=True)``: UUIDs, datetimes and decimals pass through,
strings become the enum or ``Literal`` a field declares and lists the tuples. Only nested or
renamed fields need code of their own, passed as keyword arguments.
"""

import dataclasses
from collections.abc import Collection
from typing import Any, TypeVar

import msgspec

E = TypeVar("E")


def to_entity(row: Any, entity: type[E], **fields: Any) -> E:
    """``entity`` from the same-named attributes of ``row``; ``fields`` add or replace some."""
    if not fields:
        return msgspec.convert(row, entity, from_attributes=True)
    return msgspec.convert({**row._mapping, **fields}, entity, from_attributes=True)


def to_values(entity: Any, columns: Collection[str], **fields: Any) -> dict[str, Any]:
    """The fields of ``entity`` that are ``columns``, plus ``fields`` (nested or renamed ones)."""
    values = {name: getattr(entity, name) for name in field_names(type(entity)) if name in columns}
    values.update(fields)
    return values


_FIELDS: dict[type, tuple[str, ...]] = {}


def field_names(entity: type) -> tuple[str, ...]:
    """The names of a dataclass's fields, in order (looked up once per class)."""
    names = _FIELDS.get(entity)
    if names is None:
        names = _FIELDS[entity] = tuple(field.name for field in dataclasses.fields(entity))
    return names
