"""Rows to entities and entities to column values, by field name.

A row (a Core ``Row`` or any object with the columns as attributes) becomes a slots dataclass
with ``msgspec.convert(..., from_attributes=True)``: UUIDs, datetimes and decimals pass through,
strings become the enum or ``Literal`` a field declares and lists the tuples. Only nested or
renamed fields need code of their own, passed as keyword arguments.
"""

import dataclasses
from typing import Any, TypeVar

import msgspec
from sqlalchemy import Table

E = TypeVar("E")


def to_entity(row: Any, entity: type[E], **fields: Any) -> E:
    """``entity`` from the same-named attributes of ``row``; ``fields`` add or replace some."""
    if not fields:
        return msgspec.convert(row, entity, from_attributes=True)
    return msgspec.convert({**row._mapping, **fields}, entity, from_attributes=True)


def to_values(entity: Any, table: Table, **fields: Any) -> dict[str, Any]:
    """The fields of ``entity`` that are columns of ``table``, plus ``fields`` (nested or
    renamed ones)."""
    values = {name: getattr(entity, name) for name in _stored_fields(type(entity), table)}
    values.update(fields)
    return values


_STORED: dict[tuple[type, Table], tuple[str, ...]] = {}


def _stored_fields(entity: type, table: Table) -> tuple[str, ...]:
    """The names of a dataclass's fields that are columns of ``table`` (looked up once)."""
    names = _STORED.get((entity, table))
    if names is None:
        columns = table.c.keys()
        fields = dataclasses.fields(entity)
        names = _STORED[entity, table] = tuple(f.name for f in fields if f.name in columns)
    return names
