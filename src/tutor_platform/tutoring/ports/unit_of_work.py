"""Tutoring's unit of work: every repository on one transaction."""

from collections.abc import Callable
from typing import Protocol

from tutor_platform.shared.unit_of_work import UnitOfWork
from tutor_platform.tutoring.ports.figures import TutoringFigures
from tutor_platform.tutoring.ports.repositories import (
    FeedbackRepository,
    MessageRepository,
    SessionRepository,
    TutorRepository,
)


class TutoringUnitOfWork(UnitOfWork, Protocol):
    @property
    def tutors(self) -> TutorRepository: ...

    @property
    def sessions(self) -> SessionRepository: ...

    @property
    def messages(self) -> MessageRepository: ...

    @property
    def feedback(self) -> FeedbackRepository: ...

    @property
    def figures(self) -> TutoringFigures: ...


TutoringUnitOfWorkFactory = Callable[[], TutoringUnitOfWork]
