"""Assessment's repositories on SQLAlchemy (SQLite or PostgreSQL), one module per aggregate:
quizzes, attempts, mastery, usage and review cards."""

from tutor_platform.assessment.adapters.outbound.sqlalchemy.repositories.attempts import (
    SqlAlchemyAttemptRepository,
    attempt_from_row,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.repositories.cards import (
    SqlAlchemyCardRepository,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.repositories.mastery import (
    SqlAlchemyMasteryRepository,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.repositories.quizzes import (
    SqlAlchemyQuizRepository,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.repositories.usage import (
    SqlAlchemyUsageRepository,
)

__all__ = [
    "SqlAlchemyAttemptRepository",
    "SqlAlchemyCardRepository",
    "SqlAlchemyMasteryRepository",
    "SqlAlchemyQuizRepository",
    "SqlAlchemyUsageRepository",
    "attempt_from_row",
]
