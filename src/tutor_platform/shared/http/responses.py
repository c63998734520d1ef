"""Response bodies built from application views."""

from typing import Any, TypeVar

import msgspec

S = TypeVar("S", bound=msgspec.Struct)


def convert(source: object, response: type[S], **fields: Any) -> S:
    """``response`` from the attributes of ``source`` (fields of the same names); ``fields``
    add or replace some (those computed, nested from another object or transformed)."""
    if not fields:
        return msgspec.convert(source, response, from_attributes=True)
    names = (f.encode_name for f in msgspec.structs.fields(response))
    values = {name: getattr(source, name) for name in names if hasattr(source, name)}
    return msgspec.convert(values | fields, response, from_attributes=True)
