"""Tutoring's unit of work on one SQLAlchemy session."""

from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.feedback_repository import (
    SqlAlchemyFeedbackRepository,
)
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.figures_repository import (
    SqlAlchemyTutoringFigures,
)
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.message_repository import (
    SqlAlchemyMessageRepository,
)
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.session_repository import (
    SqlAlchemySessionRepository,
)
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tutor_repository import (
    SqlAlchemyTutorRepository,
)


class SqlAlchemyTutoringUnitOfWork(SqlAlchemyUnitOfWork):
    def _bind(self, session: AsyncSession) -> None:
        self.tutors = SqlAlchemyTutorRepository(session)
        self.sessions = SqlAlchemySessionRepository(session)
        self.messages = SqlAlchemyMessageRepository(session)
        self.feedback = SqlAlchemyFeedbackRepository(session)
        self.figures = SqlAlchemyTutoringFigures(session)
