"""Media's unit of work on one SQLAlchemy session."""

from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.media.adapters.outbound.sqlalchemy.file_repository import (
    SqlAlchemyFileRepository,
)
from tutor_platform.media.adapters.outbound.sqlalchemy.upload_reservations import (
    SqlAlchemyUploadReservations,
)
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyMediaUnitOfWork(SqlAlchemyUnitOfWork):
    def _bind(self, session: AsyncSession) -> None:
        self.files = SqlAlchemyFileRepository(session)
        self.uploads = SqlAlchemyUploadReservations(session)
