"""Assessment's unit of work on every backend: the run's database (SQLite or PostgreSQL) and
memory, with builders of quizzes and attempts. On the database, quizzes belong to real course
rows (a quiz references its course and lesson)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.search_index.catalog_rows import CatalogRows
from tests.support.clock import T0
from tutor_platform.assessment.adapters.outbound.memory.store import InMemoryAssessmentStore
from tutor_platform.assessment.adapters.outbound.memory.unit_of_work import (
    InMemoryAssessmentUnitOfWork,
)
from tutor_platform.assessment.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyAssessmentUnitOfWork,
)
from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.grading import QuestionResult
from tutor_platform.assessment.domain.quiz import Option, Question, QuestionKind, Quiz, Rubric
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWork
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_session_factory


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def every_kind() -> tuple[Question, ...]:
    """One question of each kind, with every field of its kind set."""
    return (
        Question(
            id=new_id(),
            kind=QuestionKind.SINGLE_CHOICE,
            prompt="7 / 2?",
            points=1,
            explanation="True division.",
            options=(Option("a", "3"), Option("b", "3.5")),
            correct_option_ids=("b",),
        ),
        Question(
            id=new_id(),
            kind=QuestionKind.MULTIPLE_CHOICE,
            prompt="Falsy values?",
            points=2,
            options=(Option("x", "0"), Option("y", '""'), Option("z", "'False'")),
            correct_option_ids=("x", "y"),
        ),
        Question(
            id=new_id(),
            kind=QuestionKind.TRUE_FALSE,
            prompt="Strings are immutable.",
            points=1,
            correct=True,
        ),
        Question(
            id=new_id(),
            kind=QuestionKind.SHORT_ANSWER,
            prompt="Which function converts to int?",
            points=1,
            accepted_answers=("int", "int()"),
        ),
        Question(
            id=new_id(),
            kind=QuestionKind.FREE_TEXT,
            prompt="Why name exceptions?",
            points=3,
            explanation="Bare except hides bugs.",
            rubric=Rubric(("specific", "bug"), "Mentions hidden bugs."),
        ),
    )


@dataclass
class Backend:
    uow_factory: Callable[[], AssessmentUnitOfWork]
    name: str
    rows: CatalogRows | None = None
    courses: dict[UUID, Any] = field(default_factory=dict)

    async def course(self) -> UUID:
        if self.rows is None:
            return new_id()
        row = await self.rows.course("Course")
        self.courses[row.id] = row
        return row.id

    async def lesson(self, course_id: UUID) -> UUID:
        if self.rows is None:
            return new_id()
        return (await self.rows.lesson(self.courses[course_id], "Lesson")).id

    async def quiz(self, course_id: UUID | None = None, **fields: Any) -> Quiz:
        values: dict[str, Any] = {
            "id": new_id(),
            "course_id": course_id or await self.course(),
            "title": "Quiz",
            "questions": every_kind(),
            "created_by": new_id(),
            "created_at": T0,
            "updated_at": T0,
        }
        values.update(fields)
        quiz = Quiz(**values)
        async with self.uow_factory() as uow:
            await uow.quizzes.add(quiz)
            await uow.commit()
        return quiz

    async def attempt(
        self, quiz: Quiz, user_id: UUID, number: int = 1, score: str = "0.5", seconds: float = 0
    ) -> Attempt:
        attempt = make_attempt(quiz, user_id, number, Decimal(score), at(seconds))
        async with self.uow_factory() as uow:
            assert await uow.attempts.add_numbered(attempt)
            await uow.commit()
        return attempt


def make_attempt(
    quiz: Quiz, user_id: UUID, number: int, score: Decimal, completed_at: datetime = T0
) -> Attempt:
    first = quiz.questions[0]
    return Attempt(
        id=new_id(),
        quiz_id=quiz.id,
        user_id=user_id,
        number=number,
        answers={first.id: "b", quiz.questions[1].id: ("x", "y"), quiz.questions[2].id: False},
        results=(
            QuestionResult(first.id, True, Decimal("1.00"), "True division."),
            QuestionResult(quiz.questions[4].id, False, Decimal("1.35"), None, "Half of it."),
        ),
        points=Decimal("2.35"),
        max_points=quiz.max_points,
        score=score,
        passed=score >= quiz.passing_score,
        completed_at=completed_at,
    )


@pytest.fixture(params=["sqlalchemy", "memory"])
def backend(request: pytest.FixtureRequest) -> Backend:
    """A fresh, empty store behind an assessment unit-of-work factory, for each backend."""
    if request.param == "memory":
        store = InMemoryAssessmentStore()
        return Backend(partial(InMemoryAssessmentUnitOfWork, store), "memory")
    engine: AsyncEngine = request.getfixturevalue("db_engine")
    request.getfixturevalue("clean_db")
    factory = partial(SqlAlchemyAssessmentUnitOfWork, create_session_factory(engine))
    return Backend(factory, engine.dialect.name, CatalogRows(engine))
