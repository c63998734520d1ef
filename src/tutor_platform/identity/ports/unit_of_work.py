"""One transaction over identity's repositories, owned by a use case."""

from collections.abc import Callable
from typing import Protocol

from tutor_platform.identity.ports.repositories import RefreshTokenRepository, UserRepository
from tutor_platform.shared.unit_of_work import UnitOfWork


class IdentityUnitOfWork(UnitOfWork, Protocol):
    """Identity's repositories in one transaction."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def refresh_tokens(self) -> RefreshTokenRepository: ...


IdentityUnitOfWorkFactory = Callable[[], IdentityUnitOfWork]
