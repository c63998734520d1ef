"""A SQLAlchemy unit of work: one session, committed only by the use case."""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tutor_platform.shared.events import NO_HANDLERS, EventPublisher
from tutor_platform.shared.unit_of_work import EventedUnitOfWork


class SqlAlchemyUnitOfWork(EventedUnitOfWork):
    """Opens a session on enter, rolls back whatever was not committed on exit.

    Subclasses build their repositories over ``self.session`` in :meth:`_bind`.
    """

    session: AsyncSession

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        publisher: EventPublisher = NO_HANDLERS,
    ) -> None:
        super().__init__(publisher)
        self._session_factory = session_factory

    async def _begin(self) -> None:
        self.session = self._session_factory()
        self._bind(self.session)

    async def _commit(self) -> None:
        await self.session.commit()

    async def _end(self) -> None:
        try:
            await self.session.rollback()
        finally:
            await self.session.close()

    def _bind(self, session: AsyncSession) -> None:
        """Create the repositories of this unit of work."""
