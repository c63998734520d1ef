"""An estimate of how much memory a cached value holds, for caches bounded in bytes."""

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import Any

OBJECT_BYTES = 64
"""What every object, number or container is counted as, besides its text."""


def approximate_size(value: Any) -> int:
    """Bytes held by ``value``: its text and bytes at length, every object at ``OBJECT_BYTES``,
    through tuples, lists, sets, mappings, dataclasses and msgspec structs (a value met twice
    is counted twice: an overestimate is safe for a bound)."""
    size = 0
    pending = [value]
    while pending:
        item = pending.pop()
        size += OBJECT_BYTES
        if isinstance(item, str | bytes | bytearray):
            size += len(item)
        elif isinstance(item, Mapping):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, tuple | list | set | frozenset):
            pending.extend(item)
        elif is_dataclass(item):
            pending.extend(getattr(item, each.name) for each in fields(item))
        elif hasattr(item, "__struct_fields__"):
            pending.extend(getattr(item, name) for name in item.__struct_fields__)
    return size
