"""Response bodies built from application views."""

from functools import cache
from typing import Any, TypeVar

import msgspec

S = TypeVar("S", bound=msgspec.Struct)


def convert(source: object, response: type[S], **fields: Any) -> S:
    """``response`` from the attributes of ``source`` (fields of the same names); ``fields``
    add or replace some (those computed, nested from another object or transformed)."""
    if not fields:
        return msgspec.convert(source, response, from_attributes=True)
    values = {name: getattr(source, name) for name in _names(response) if hasattr(source, name)}
    return msgspec.convert(values | fields, response, from_attributes=True)


@cache
def _names(response: type[msgspec.Struct]) -> tuple[str, ...]:
    """The encoded names of a response's fields (looked up once per type)."""
    return tuple(field.encode_name for field in msgspec.structs.fields(response))
