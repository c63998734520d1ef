"""What assessment needs to know about users (the identity context)."""

from typing import Protocol
from uuid import UUID


class UserDirectory(Protocol):
    async def exists(self, user_id: UUID) -> bool: ...

    async def timezone_of(self, user_id: UUID) -> str | None:
        """The user's ``preferences.timezone`` (None when unset or the user is unknown)."""
        ...
