"""Attempts: numbered per (quiz, user) without duplicates, listed newest first, with their
answers, results and exact decimals as stored."""

import asyncio
from decimal import Decimal
from functools import partial

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.assessment_repository.conftest import Backend, make_attempt
from tests.contract.search_index.catalog_rows import CatalogRows
from tutor_platform.assessment.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyAssessmentUnitOfWork,
)
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.engine import create_session_factory


async def test_an_attempt_round_trips(backend: Backend) -> None:
    quiz = await backend.quiz()
    attempt = await backend.attempt(quiz, new_id(), score="0.4167")

    async with backend.uow_factory() as uow:
        found, total = await uow.attempts.search(quiz.id, attempt.user_id, PageRequest())

    assert (found, total) == ([attempt], 1)
    stored = found[0]
    assert stored.points == Decimal("2.35")
    assert stored.score == Decimal("0.4167")
    assert stored.results[1].awarded_points == Decimal("1.35")
    assert stored.answers[quiz.questions[1].id] == ("x", "y")
    assert stored.answers[quiz.questions[2].id] is False


async def test_a_taken_number_is_refused_and_nothing_is_stored(backend: Backend) -> None:
    quiz = await backend.quiz()
    user = new_id()
    first = await backend.attempt(quiz, user, number=1, score="0.9")

    async with backend.uow_factory() as uow:
        added = await uow.attempts.add_numbered(make_attempt(quiz, user, 1, Decimal("0.1")))
        await uow.commit()
    async with backend.uow_factory() as uow:
        found, total = await uow.attempts.search(quiz.id, user, PageRequest())
        other_user = await uow.attempts.add_numbered(
            make_attempt(quiz, new_id(), 1, Decimal("0.1"))
        )

    assert added is False
    assert (found, total) == ([first], 1)
    assert other_user is True


async def test_last_number_and_best_scores_are_per_user_and_quiz(backend: Backend) -> None:
    course_id = await backend.course()
    quiz = await backend.quiz(course_id)
    other_quiz = await backend.quiz(course_id)
    ann, bob = new_id(), new_id()
    await backend.attempt(quiz, ann, 1, "0.3")
    await backend.attempt(quiz, ann, 2, "0.8125")
    await backend.attempt(quiz, ann, 3, "0.5")
    await backend.attempt(quiz, bob, 1, "1")
    await backend.attempt(other_quiz, bob, 1, "0.25")

    async with backend.uow_factory() as uow:
        numbers = (
            await uow.attempts.last_number(quiz.id, ann),
            await uow.attempts.last_number(quiz.id, bob),
            await uow.attempts.last_number(other_quiz.id, ann),
        )
        ann_best = await uow.attempts.best_scores(ann, [quiz.id, other_quiz.id])
        bob_best = await uow.attempts.best_scores(bob, [quiz.id, other_quiz.id])
        none = await uow.attempts.best_scores(bob, [])

    assert numbers == (3, 1, 0)
    assert ann_best == {quiz.id: Decimal("0.8125")}
    assert bob_best == {quiz.id: Decimal(1), other_quiz.id: Decimal("0.25")}
    assert none == {}


async def test_attempts_are_listed_newest_first_in_pages(backend: Backend) -> None:
    quiz = await backend.quiz()
    ann, bob = new_id(), new_id()
    made = [
        await backend.attempt(quiz, ann, 1, seconds=1),
        await backend.attempt(quiz, bob, 1, seconds=2),
        await backend.attempt(quiz, ann, 2, seconds=3),
    ]

    async with backend.uow_factory() as uow:
        everyone, total = await uow.attempts.search(quiz.id, None, PageRequest(limit=2))
        rest, _ = await uow.attempts.search(quiz.id, None, PageRequest(limit=2, offset=2))
        anns, ann_total = await uow.attempts.search(quiz.id, ann, PageRequest())

    assert total == 3
    assert [a.id for a in everyone + rest] == [made[2].id, made[1].id, made[0].id]
    assert ann_total == 2
    assert [a.number for a in anns] == [2, 1]


async def test_standings_count_attempts_and_keep_the_best_per_quiz(backend: Backend) -> None:
    course_id = await backend.course()
    quiz, other_quiz, untaken = [await backend.quiz(course_id) for _ in range(3)]
    ann, bob = new_id(), new_id()
    await backend.attempt(quiz, ann, 1, "0.3")
    await backend.attempt(quiz, ann, 2, "0.8125")
    await backend.attempt(quiz, ann, 3, "0.5")
    await backend.attempt(other_quiz, ann, 1, "0")
    await backend.attempt(quiz, bob, 1, "1")

    async with backend.uow_factory() as uow:
        standings = await uow.attempts.standings(ann, [quiz.id, other_quiz.id, untaken.id])
        nothing = await uow.attempts.standings(ann, [])

    assert standings == {quiz.id: (3, Decimal("0.8125")), other_quiz.id: (1, Decimal("0"))}
    assert nothing == {}


@pytest.mark.parametrize("racers", [8])
async def test_racing_attempts_for_one_number_store_exactly_one(
    db_engine: AsyncEngine, clean_db: None, racers: int
) -> None:
    factory = partial(SqlAlchemyAssessmentUnitOfWork, create_session_factory(db_engine))
    backend = Backend(factory, db_engine.dialect.name, CatalogRows(db_engine))
    quiz = await backend.quiz()
    user = new_id()
    start = asyncio.Event()

    async def race() -> bool:
        await start.wait()
        async with factory() as uow:
            added = await uow.attempts.add_numbered(make_attempt(quiz, user, 1, Decimal("0.5")))
            await uow.commit()
        return added

    tasks = [asyncio.create_task(race()) for _ in range(racers)]
    start.set()
    outcomes = await asyncio.gather(*tasks)
    async with factory() as uow:
        stored, total = await uow.attempts.search(quiz.id, user, PageRequest())

    assert sorted(outcomes) == [False] * (racers - 1) + [True]
    assert total == 1
    assert [attempt.number for attempt in stored] == [1]
