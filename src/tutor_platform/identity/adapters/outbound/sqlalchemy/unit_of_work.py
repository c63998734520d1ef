"""Identity's unit of work on one SQLAlchemy session."""

from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.identity.adapters.outbound.sqlalchemy.refresh_token_repository import (
    SqlAlchemyRefreshTokenRepository,
)
from tutor_platform.identity.adapters.outbound.sqlalchemy.user_repository import (
    SqlAlchemyUserRepository,
)
from tutor_platform.shared.persistence.uow import SqlAlchemyUnitOfWork


class SqlAlchemyIdentityUnitOfWork(SqlAlchemyUnitOfWork):
    users: SqlAlchemyUserRepository
    refresh_tokens: SqlAlchemyRefreshTokenRepository

    def _bind(self, session: AsyncSession) -> None:
        self.users = SqlAlchemyUserRepository(session)
        self.refresh_tokens = SqlAlchemyRefreshTokenRepository(session)
