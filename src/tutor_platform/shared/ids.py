"""Time-ordered identifiers (UUIDv7)."""

from uuid import UUID

from uuid_utils.compat import uuid7


def new_id() -> UUID:
    """Return a new time-ordered UUID (version 7)."""
    return uuid7()
