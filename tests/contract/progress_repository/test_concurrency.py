"""Concurrent writers, each in its own unit of work: every write is one atomic statement,
so no update is lost and no bound is crossed (on SQLite, PostgreSQL and the fake)."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from tests.contract.progress_repository.harness import T0, Backend
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWork
from tutor_platform.shared.ids import new_id

MAX = 1_000_000
T = TypeVar("T")


async def _together(
    backend: Backend, count: int, write: Callable[[ProgressUnitOfWork, int], Awaitable[T]]
) -> list[T]:
    async def one(n: int) -> T:
        async with backend.uow_factory() as uow:
            result = await write(uow, n)
            await uow.commit()
            return result

    return await asyncio.gather(*(one(n) for n in range(count)))


async def test_fifty_concurrent_additions_sum_exactly(backend: Backend) -> None:
    user, tutor = new_id(), new_id()
    totals = await _together(
        backend, 50, lambda uow, n: uow.study_time.add(user, tutor, n + 1, None, T0, MAX)
    )
    assert sorted(total or 0 for total in totals)[-1] == sum(range(1, 51))
    assert len(set(totals)) == 50
    async with backend.uow_factory() as uow:
        assert await uow.study_time.total(user, tutor) == 1275


async def test_concurrent_subtractions_never_go_below_zero(backend: Backend) -> None:
    user, tutor = new_id(), new_id()
    async with backend.uow_factory() as uow:
        await uow.study_time.add(user, tutor, 10, None, T0, MAX)
        await uow.commit()
    totals = await _together(
        backend, 25, lambda uow, _: uow.study_time.add(user, tutor, -1, None, T0, MAX)
    )
    assert sorted(total for total in totals if total is not None) == list(range(10))
    assert totals.count(None) == 15
    async with backend.uow_factory() as uow:
        assert await uow.study_time.total(user, tutor) == 0


async def test_concurrent_quiz_scores_keep_the_best(backend: Backend) -> None:
    course = await backend.catalog.course()
    user, quiz = new_id(), new_id()
    scores = [((n * 37) % 31) / 30 for n in range(30)]
    assert max(scores) == 1.0
    await _together(
        backend,
        30,
        lambda uow, n: uow.progress.record_quiz_score(user, course.id, quiz, scores[n], T0),
    )
    async with backend.uow_factory() as uow:
        assert await uow.progress.quiz_scores(user, [course.id]) == {course.id: {quiz: 1.0}}


async def test_a_lesson_completed_concurrently_is_completed_once(backend: Backend) -> None:
    course = await backend.catalog.course()
    section = await backend.catalog.section(course, 1)
    lesson = await backend.catalog.lesson(course, section, 1)
    user = new_id()
    firsts = await _together(backend, 20, lambda uow, _: uow.progress.complete(user, lesson, T0))
    assert firsts.count(True) == 1


async def test_concurrent_longest_streaks_keep_the_longest(backend: Backend) -> None:
    user = new_id()
    await _together(backend, 30, lambda uow, n: uow.activity.raise_longest(user, (n * 7) % 30))
    async with backend.uow_factory() as uow:
        assert (await uow.activity.streak_record(user)).longest == 29
