"""Identity's unit of work on one SQLAlchemy session."""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tutor_platform.identity.adapters.outbound.sqlalchemy.refresh_token_repository import (
    SqlAlchemyRefreshTokenRepository,
)
from tutor_platform.identity.adapters.outbound.sqlalchemy.user_repository import (
    SqlAlchemyUserRepository,
)
from tutor_platform.identity.ports.repositories import UserChangeListener
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyIdentityUnitOfWork(SqlAlchemyUnitOfWork):
    """Users and refresh tokens in one transaction; after a commit that changed users, the
    listener (the authentication cache) is told which ones."""

    users: SqlAlchemyUserRepository
    refresh_tokens: SqlAlchemyRefreshTokenRepository

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        on_users_changed: UserChangeListener | None = None,
    ) -> None:
        super().__init__(session_factory)
        self._on_users_changed = on_users_changed

    def _bind(self, session: AsyncSession) -> None:
        self.users = SqlAlchemyUserRepository(session)
        self.refresh_tokens = SqlAlchemyRefreshTokenRepository(session)

    async def commit(self) -> None:
        await super().commit()
        changed, self.users.changed_ids = self.users.changed_ids, set()
        if changed and self._on_users_changed is not None:
            await self._on_users_changed.users_changed(changed)
