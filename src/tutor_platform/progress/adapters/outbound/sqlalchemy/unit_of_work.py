"""The progress unit of work on one SQLAlchemy session."""

from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.progress.adapters.outbound.sqlalchemy.activity_repository import (
    SqlAlchemyActivityRepository,
)
from tutor_platform.progress.adapters.outbound.sqlalchemy.figures_repository import (
    SqlAlchemyProgressFigures,
)
from tutor_platform.progress.adapters.outbound.sqlalchemy.repository import (
    SqlAlchemyProgressRepository,
)
from tutor_platform.progress.adapters.outbound.sqlalchemy.study_time_repository import (
    SqlAlchemyStudyTimeRepository,
)
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyProgressUnitOfWork(SqlAlchemyUnitOfWork):
    def _bind(self, session: AsyncSession) -> None:
        self.progress = SqlAlchemyProgressRepository(session)
        self.activity = SqlAlchemyActivityRepository(session)
        self.study_time = SqlAlchemyStudyTimeRepository(session)
        self.figures = SqlAlchemyProgressFigures(session)
