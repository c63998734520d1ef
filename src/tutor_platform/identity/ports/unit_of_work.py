"""One transaction over identity's repositories, owned by a use case."""

from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self

from tutor_platform.identity.ports.repositories import RefreshTokenRepository, UserRepository


class IdentityUnitOfWork(Protocol):
    """Entered per use case; what was not committed is rolled back on exit."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def refresh_tokens(self) -> RefreshTokenRepository: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...


UnitOfWorkFactory = Callable[[], IdentityUnitOfWork]
