"""The in-memory ``UserReader``: reads the same store as the in-memory repositories."""

from uuid import UUID

from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.adapters.outbound.memory.user_repository import (
    InMemoryUserRepository,
)
from tutor_platform.identity.domain.user import User


class InMemoryUserReader:
    """Reads users straight from the store."""

    def __init__(self, store: InMemoryIdentityStore) -> None:
        self._users = InMemoryUserRepository(store)

    async def get(self, user_id: UUID) -> User | None:
        return await self._users.get(user_id)
