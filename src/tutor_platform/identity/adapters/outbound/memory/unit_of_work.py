"""The in-memory unit of work: writes land in the store at once; commits are counted."""

from types import TracebackType
from typing import Self

from tutor_platform.identity.adapters.outbound.memory.refresh_token_repository import (
    InMemoryRefreshTokenRepository,
)
from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.adapters.outbound.memory.user_repository import (
    InMemoryUserRepository,
)


class InMemoryIdentityUnitOfWork:
    """No isolation and no rollback: use cases validate before they write, so tests of
    their outcomes stay honest; ``store.commits`` tells whether a use case committed."""

    def __init__(self, store: InMemoryIdentityStore) -> None:
        self.store = store
        self.users = InMemoryUserRepository(store)
        self.refresh_tokens = InMemoryRefreshTokenRepository(store)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def commit(self) -> None:
        self.store.commits += 1
