"""Identity's unit of work on one SQLAlchemy session."""

from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.identity.adapters.outbound.sqlalchemy.refresh_token_repository import (
    SqlAlchemyRefreshTokenRepository,
)
from tutor_platform.identity.adapters.outbound.sqlalchemy.user_repository import (
    SqlAlchemyUserRepository,
)
from tutor_platform.identity.domain.events import UsersChanged
from tutor_platform.shared.events import Event
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyIdentityUnitOfWork(SqlAlchemyUnitOfWork):
    """Users and refresh tokens in one transaction; a commit that changed users publishes
    ``UsersChanged`` (the authentication cache drops them)."""

    def _bind(self, session: AsyncSession) -> None:
        self.users = SqlAlchemyUserRepository(session)
        self.refresh_tokens = SqlAlchemyRefreshTokenRepository(session)

    def _collect_new_events(self) -> list[Event]:
        changed, self.users.changed_ids = self.users.changed_ids, set()
        return [UsersChanged(frozenset(changed))] if changed else []
