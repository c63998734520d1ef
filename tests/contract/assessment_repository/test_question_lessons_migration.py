"""Migration 0012 gives each existing question its quiz's lesson, and comes out cleanly."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC, JsonB
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.search_index.catalog_rows import CatalogRows
from tests.support.clock import T0
from tests.support.migrations import database_at, downgrade
from tutor_platform.bootstrap.migrations import upgrade_database
from tutor_platform.shared.ids import new_id

BEFORE = "0011_tutoring_citations"
AFTER = "0012_assessment_review_mastery"
_QUIZZES = sa.table(
    "quizzes",
    *(sa.column(name, GUID()) for name in ("id", "course_id", "lesson_id", "created_by")),
    *(sa.column(name) for name in ("title", "passing_score", "is_premium")),
    *(sa.column(name, DateTimeUTC(timezone=True)) for name in ("created_at", "updated_at")),
)
_QUESTIONS = sa.table(
    "quiz_questions",
    *(sa.column(name, GUID()) for name in ("id", "quiz_id", "lesson_id")),
    *(sa.column(name) for name in ("position", "kind", "prompt", "points", "correct")),
    *(sa.column(name, JsonB) for name in ("options", "correct_option_ids", "accepted_answers")),
)


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    async with database_at(BEFORE, "question_lessons", tmp_path) as engine:
        yield engine


async def quiz_with_a_question(engine: AsyncEngine, course: Any, lesson_id: Any) -> Any:
    quiz_id, question_id = new_id(), new_id()
    async with engine.begin() as connection:
        await connection.execute(
            _QUIZZES.insert().values(
                id=quiz_id,
                course_id=course.id,
                lesson_id=lesson_id,
                title="Quiz",
                passing_score=7000,
                is_premium=False,
                created_by=new_id(),
                created_at=T0,
                updated_at=T0,
            )
        )
        await connection.execute(
            _QUESTIONS.insert().values(
                id=question_id,
                quiz_id=quiz_id,
                position=1,
                kind="true_false",
                prompt="Yes?",
                points=1,
                correct=True,
                options=[],
                correct_option_ids=[],
                accepted_answers=[],
            )
        )
    return question_id


async def test_existing_questions_get_their_quizs_lesson(engine: AsyncEngine) -> None:
    catalog = CatalogRows(engine)
    course = await catalog.course("Python")
    lesson = await catalog.lesson(course, "Numbers")
    with_lesson = await quiz_with_a_question(engine, course, lesson.id)
    without = await quiz_with_a_question(engine, course, None)

    await upgrade_database(engine, AFTER)
    async with engine.connect() as connection:
        rows = await connection.execute(sa.select(_QUESTIONS.c.id, _QUESTIONS.c.lesson_id))
        lessons = dict(rows.tuples().all())
    await downgrade(engine, BEFORE)

    assert lessons == {with_lesson: lesson.id, without: None}
