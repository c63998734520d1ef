"""Assessment's unit of work on one SQLAlchemy session."""

from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.assessment.adapters.outbound.sqlalchemy.figures_repository import (
    SqlAlchemyAssessmentFigures,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.repositories import (
    SqlAlchemyAttemptRepository,
    SqlAlchemyCardRepository,
    SqlAlchemyMasteryRepository,
    SqlAlchemyQuizRepository,
    SqlAlchemyUsageRepository,
)
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyAssessmentUnitOfWork(SqlAlchemyUnitOfWork):
    def _bind(self, session: AsyncSession) -> None:
        self.quizzes = SqlAlchemyQuizRepository(session)
        self.attempts = SqlAlchemyAttemptRepository(session)
        self.usage = SqlAlchemyUsageRepository(session)
        self.mastery = SqlAlchemyMasteryRepository(session)
        self.cards = SqlAlchemyCardRepository(session)
        self.figures = SqlAlchemyAssessmentFigures(session)
