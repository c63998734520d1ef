"""Helpers of the progress HTTP tests: the stored progress rows, a fixed learning clock and
stored tutors."""

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
from dependency_injector import providers
from litestar import Litestar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.progress.adapters.outbound.sqlalchemy import tables as progress_tables
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
    """Stop the catalog's and progress's clocks at ``at`` (identity keeps the real one for
    tokens)."""
    clock = FixedClock(at)
    app.state.container.catalog.clock.override(providers.Object(clock))
    app.state.container.progress.clock.override(providers.Object(clock))
    return clock


STUDY_TUTOR = "0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b10"


async def add_study_tutor(
    engine: AsyncEngine,
    tutor_id: str = STUDY_TUTOR,
    *,
    active: bool = True,
    course_id: str | None = None,
) -> str:
    """A real tutor, without a course unless given, stored with a known id, for the
    study-time tests (an inactive one only its creator and admins may see)."""
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
                course_id=None if course_id is None else UUID(course_id),
            )
        )
    return tutor_id
