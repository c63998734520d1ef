"""Request bodies: strict structs and their optional patch fields."""

from typing import TypeVar

import msgspec

T = TypeVar("T")


class StrictRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A request body: unknown fields are rejected (422)."""


def given(value: T | msgspec.UnsetType) -> T | None:
    """A patch field's value, or ``None`` when the client left it out."""
    return None if isinstance(value, msgspec.UnsetType) else value
