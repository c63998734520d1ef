"""On the database, a quiz follows its course and lesson: deleting the lesson detaches the
quiz, deleting the course deletes the quiz with its attempts."""

from functools import partial

from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.assessment_repository.conftest import Backend
from tests.contract.search_index.catalog_rows import CatalogRows
from tutor_platform.assessment.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyAssessmentUnitOfWork,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import CourseRow, LessonRow
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.engine import create_session_factory


async def test_catalog_deletions_reach_quizzes(db_engine: AsyncEngine, clean_db: None) -> None:
    rows = CatalogRows(db_engine)
    factory = partial(SqlAlchemyAssessmentUnitOfWork, create_session_factory(db_engine))
    backend = Backend(factory, db_engine.dialect.name, rows)
    course_id = await backend.course()
    lesson_id = await backend.lesson(course_id)
    quiz = await backend.quiz(course_id, lesson_id=lesson_id)
    await backend.attempt(quiz, new_id())

    await rows.remove(LessonRow, lesson_id)
    async with factory() as uow:
        detached = await uow.quizzes.get(quiz.id)
    await rows.remove(CourseRow, course_id)
    async with factory() as uow:
        deleted = await uow.quizzes.get(quiz.id)
        attempts = await uow.attempts.search(quiz.id, None, PageRequest())

    assert detached is not None
    assert detached.lesson_id is None
    assert detached.questions == quiz.questions
    assert deleted is None
    assert attempts == ([], 0)
