"""Files, lesson summaries and drafts in one SQLAlchemy session."""

from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.media.adapters.outbound.sqlalchemy.lesson_media_repositories import (
    SqlAlchemyLessonDraftRepository,
    SqlAlchemyLessonSummaryRepository,
)
from tutor_platform.media.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyMediaUnitOfWork,
)


class SqlAlchemyLessonMediaUnitOfWork(SqlAlchemyMediaUnitOfWork):
    def _bind(self, session: AsyncSession) -> None:
        super()._bind(session)
        self.summaries = SqlAlchemyLessonSummaryRepository(session)
        self.drafts = SqlAlchemyLessonDraftRepository(session)
