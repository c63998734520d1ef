"""Helpers of the progress HTTP tests: the stored progress rows, a fixed learning clock and
a tutor directory with courses."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
from dependency_injector import providers
from litestar import Litestar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.learning.adapters.outbound.sqlalchemy import progress_tables
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.persistence.engine import create_session_factory
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import TutorRow

API = "/api/v1"
ProgressSnapshot = Callable[[], Awaitable[list[tuple[Any, ...]]]]
_TABLES = [
    progress_tables.LessonCompletionRow,
    progress_tables.CourseProgressRow,
    progress_tables.QuizScoreRow,
    progress_tables.LearningActivityRow,
    progress_tables.StreakRow,
    progress_tables.StudyTimeRow,
]


@pytest.fixture
def progress_snapshot(db_engine: AsyncEngine) -> ProgressSnapshot:
    """Every stored progress row, to prove a request changed nothing."""

    async def take() -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        async with db_engine.connect() as connection:
            for mapped in _TABLES:
                table = mapped.__table__
                result = await connection.execute(select(table).order_by(*table.primary_key))
                rows.extend((table.name, *row) for row in result.all())
        return rows

    return take


def fix_learning_clock(app: Litestar, at: datetime) -> FixedClock:
    """Stop the learning context's clock at ``at`` (identity keeps the real one for tokens)."""
    clock = FixedClock(at)
    app.state.container.learning.clock.override(providers.Object(clock))
    return clock


@dataclass
class CourseTutors:
    """A tutor directory where tutors made with :meth:`tutor` teach a course."""

    courses: dict[UUID, UUID | None] = field(default_factory=dict)

    def tutor(self, course_id: str | None = None) -> str:
        tutor_id = uuid4()
        self.courses[tutor_id] = None if course_id is None else UUID(course_id)
        return str(tutor_id)

    async def visible_to(self, principal: Principal, tutor_id: UUID) -> bool:
        return tutor_id in self.courses

    async def course_of(self, tutor_id: UUID) -> UUID | None:
        return self.courses.get(tutor_id)


def use_tutors(app: Litestar) -> CourseTutors:
    tutors = CourseTutors()
    app.state.container.learning.tutor_directory.override(providers.Object(tutors))
    return tutors


STUDY_TUTOR = "0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b10"


async def add_study_tutor(
    engine: AsyncEngine, tutor_id: str = STUDY_TUTOR, *, active: bool = True
) -> str:
    """A real tutor without a course, stored with a known id, for the study-time tests (an
    inactive one only its creator and admins may see)."""
    async with create_session_factory(engine).begin() as session:
        session.add(
            TutorRow(
                id=UUID(tutor_id),
                name="Study buddy",
                provider="local",
                model_id="local-retrieval-1",
                temperature=0.3,
                created_by=uuid4(),
                is_active=active,
            )
        )
    return tutor_id
