"""The catalog's unit of work on one SQLAlchemy session."""

from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.catalog.adapters.outbound.sqlalchemy.repositories import (
    SqlAlchemyCourseRepository,
    SqlAlchemyLessonRepository,
    SqlAlchemySectionRepository,
)
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyCatalogUnitOfWork(SqlAlchemyUnitOfWork):
    def _bind(self, session: AsyncSession) -> None:
        self.courses = SqlAlchemyCourseRepository(session)
        self.sections = SqlAlchemySectionRepository(session)
        self.lessons = SqlAlchemyLessonRepository(session)
