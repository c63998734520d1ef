"""What assessment needs to know about users (the identity context)."""

from typing import Protocol
from uuid import UUID


class UserDirectory(Protocol):
    async def exists(self, user_id: UUID) -> bool: ...
