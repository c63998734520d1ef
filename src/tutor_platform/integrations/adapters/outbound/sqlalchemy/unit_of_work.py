"""Integrations' unit of work on one SQLAlchemy session."""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tutor_platform.integrations.adapters.outbound.sqlalchemy.repositories import (
    SqlAlchemyConnectionRepository,
    SqlAlchemyImportRepository,
    SqlAlchemyStateRepository,
)
from tutor_platform.integrations.ports.google import TokenCipher
from tutor_platform.shared.events import NO_HANDLERS, EventPublisher
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyIntegrationsUnitOfWork(SqlAlchemyUnitOfWork):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        cipher: TokenCipher,
        publisher: EventPublisher = NO_HANDLERS,
    ) -> None:
        super().__init__(session_factory, publisher)
        self._cipher = cipher

    def _bind(self, session: AsyncSession) -> None:
        self.connections = SqlAlchemyConnectionRepository(session, self._cipher)
        self.states = SqlAlchemyStateRepository(session, self._cipher)
        self.imports = SqlAlchemyImportRepository(session)
