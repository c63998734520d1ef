"""Response bodies built from application views."""

from typing import TypeVar

import msgspec

T = TypeVar("T")


def convert(source: object, response: type[T]) -> T:
    """``response`` from the attributes of ``source`` (fields of the same names)."""
    return msgspec.convert(source, response, from_attributes=True)
