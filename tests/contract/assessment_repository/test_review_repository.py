"""Attempts under review: the queue of a quiz, a person's grade stored with who and when, and
the lock that makes two graders of one attempt take turns (on the databases)."""

import asyncio
from dataclasses import replace
from decimal import Decimal
from functools import partial

from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.assessment_repository.conftest import Backend, at, make_attempt
from tests.contract.search_index.catalog_rows import CatalogRows
from tutor_platform.assessment.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyAssessmentUnitOfWork,
)
from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.quiz import Quiz
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_session_factory


async def store(backend: Backend, quiz: Quiz, seconds: float, *, unsure: bool) -> Attempt:
    attempt = make_attempt(quiz, new_id(), 1, Decimal("0.5"), at(seconds))
    first, second = attempt.results
    if unsure:
        second = replace(second, graded_by="rules", needs_review=True, max_points=3)
    attempt = replace(attempt, results=(first, second))
    async with backend.uow_factory() as uow:
        assert await uow.attempts.add_numbered(attempt)
        await uow.commit()
    return attempt


async def test_the_queue_holds_the_quizs_attempts_to_review_oldest_first(
    backend: Backend,
) -> None:
    quiz = await backend.quiz()
    later = await store(backend, quiz, 20, unsure=True)
    sooner = await store(backend, quiz, 10, unsure=True)
    await store(backend, quiz, 5, unsure=False)
    await store(backend, await backend.quiz(), 1, unsure=True)

    async with backend.uow_factory() as uow:
        waiting = await uow.attempts.awaiting_review(quiz.id)

    assert waiting == [sooner, later]
    assert waiting[0].status == "needs_review"
    assert waiting[0].results[1].max_points == 3


async def test_a_persons_grade_is_stored_with_who_and_when(backend: Backend) -> None:
    quiz = await backend.quiz()
    attempt = await store(backend, quiz, 0, unsure=True)
    first, second = attempt.results
    graded = replace(
        attempt,
        results=(
            first,
            replace(
                second,
                awarded_points=Decimal("2.50"),
                graded_by="instructor",
                needs_review=False,
                reviewer_id=new_id(),
                reviewed_at=at(60),
                feedback="Good.",
            ),
        ),
        points=Decimal("3.50"),
        score=Decimal("0.3333"),
        passed=False,
    )

    async with backend.uow_factory() as uow:
        locked = await uow.attempts.lock(attempt.id)
        await uow.attempts.update_grades(graded)
        await uow.commit()
    async with backend.uow_factory() as uow:
        stored = await uow.attempts.get(attempt.id)
        unknown = await uow.attempts.lock(new_id())
        waiting = await uow.attempts.awaiting_review(quiz.id)

    assert locked == attempt
    assert stored == graded
    assert stored is not None
    assert stored.status == "graded"
    assert unknown is None
    assert waiting == []


async def test_a_second_lock_waits_for_the_first_change(
    db_engine: AsyncEngine, clean_db: None
) -> None:
    factory = partial(SqlAlchemyAssessmentUnitOfWork, create_session_factory(db_engine))
    backend = Backend(factory, db_engine.dialect.name, CatalogRows(db_engine))
    attempt = await store(backend, await backend.quiz(), 0, unsure=True)
    first_locked = asyncio.Event()

    async def first() -> None:
        async with factory() as uow:
            await uow.attempts.lock(attempt.id)
            first_locked.set()
            await asyncio.sleep(0.3)
            await uow.attempts.update_grades(replace(attempt, points=Decimal("9.00")))
            await uow.commit()

    async def second() -> Decimal:
        await first_locked.wait()
        async with factory() as uow:
            seen = await uow.attempts.lock(attempt.id)
            await uow.commit()
        assert seen is not None
        return seen.points

    _, points = await asyncio.gather(first(), second())

    assert points == Decimal("9.00")
