"""One transaction over assessment's repositories, owned by a use case."""

from collections.abc import Callable
from typing import Protocol

from tutor_platform.assessment.ports.figures import AssessmentFigures
from tutor_platform.assessment.ports.repositories import (
    AttemptRepository,
    CardRepository,
    MasteryRepository,
    QuizRepository,
    UsageRepository,
)
from tutor_platform.shared.unit_of_work import UnitOfWork


class AssessmentUnitOfWork(UnitOfWork, Protocol):
    @property
    def quizzes(self) -> QuizRepository: ...

    @property
    def attempts(self) -> AttemptRepository: ...

    @property
    def usage(self) -> UsageRepository: ...

    @property
    def mastery(self) -> MasteryRepository: ...

    @property
    def cards(self) -> CardRepository: ...

    @property
    def figures(self) -> AssessmentFigures: ...


AssessmentUnitOfWorkFactory = Callable[[], AssessmentUnitOfWork]
