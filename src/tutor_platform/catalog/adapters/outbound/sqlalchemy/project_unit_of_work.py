"""The projects' unit of work on one SQLAlchemy session."""

from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.catalog.adapters.outbound.sqlalchemy.project_repository import (
    SqlAlchemyProjectRepository,
)
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyProjectUnitOfWork(SqlAlchemyUnitOfWork):
    def _bind(self, session: AsyncSession) -> None:
        self.projects = SqlAlchemyProjectRepository(session)
