"""The in-memory unit of work: writes land in the store at once; commits are counted."""

from tutor_platform.identity.adapters.outbound.memory.refresh_token_repository import (
    InMemoryRefreshTokenRepository,
)
from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.adapters.outbound.memory.user_repository import (
    InMemoryUserRepository,
)
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork


class InMemoryIdentityUnitOfWork(InMemoryUnitOfWork[InMemoryIdentityStore]):
    """No isolation and no rollback: use cases validate before they write, so tests of
    their outcomes stay honest; ``store.commits`` tells whether a use case committed."""

    def _bind(self) -> None:
        self.users = InMemoryUserRepository(self.store)
        self.refresh_tokens = InMemoryRefreshTokenRepository(self.store)
