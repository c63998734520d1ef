"""The StudyTimeRepository contract: one total per learner and tutor, kept in range."""

from tests.contract.progress_repository.harness import T0, Backend
from tutor_platform.shared.ids import new_id

MAX = 1_000


async def test_nothing_recorded_is_none(backend: Backend) -> None:
    async with backend.uow_factory() as uow:
        assert await uow.study_time.total(new_id(), new_id()) is None


async def test_adding_creates_then_accumulates(backend: Backend) -> None:
    user, tutor = new_id(), new_id()
    async with backend.uow_factory() as uow:
        assert await uow.study_time.add(user, tutor, 30, None, T0, MAX) == 30
        assert await uow.study_time.add(user, tutor, 12, None, T0, MAX) == 42
        assert await uow.study_time.add(user, tutor, -42, None, T0, MAX) == 0
        assert await uow.study_time.add(user, new_id(), 0, None, T0, MAX) == 0
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.study_time.total(user, tutor) == 0
        assert await uow.study_time.total(new_id(), tutor) is None


async def test_an_addition_out_of_range_returns_none_and_changes_nothing(
    backend: Backend,
) -> None:
    user, tutor = new_id(), new_id()
    async with backend.uow_factory() as uow:
        await uow.study_time.add(user, tutor, 10, None, T0, MAX)
        assert await uow.study_time.add(user, tutor, -11, None, T0, MAX) is None
        assert await uow.study_time.add(user, tutor, MAX - 9, None, T0, MAX) is None
        assert await uow.study_time.add(user, new_id(), -1, None, T0, MAX) is None
        assert await uow.study_time.total(user, tutor) == 10
        assert await uow.study_time.add(user, tutor, MAX - 10, None, T0, MAX) == MAX
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.study_time.total(user, tutor) == MAX


async def test_setting_replaces_the_total(backend: Backend) -> None:
    user, tutor = new_id(), new_id()
    async with backend.uow_factory() as uow:
        await uow.study_time.set_total(user, tutor, 90, None, T0)
        await uow.study_time.set_total(user, tutor, 15, None, T0)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.study_time.total(user, tutor) == 15


async def test_minutes_are_summed_per_course_of_the_tutors(backend: Backend) -> None:
    course = await backend.catalog.course()
    other = await backend.catalog.course()
    user, first, second, elsewhere = new_id(), new_id(), new_id(), new_id()
    async with backend.uow_factory() as uow:
        await uow.study_time.add(user, first, 20, course.id, T0, MAX)
        await uow.study_time.set_total(user, second, 25, course.id, T0)
        await uow.study_time.add(user, elsewhere, 7, other.id, T0, MAX)
        await uow.study_time.add(user, new_id(), 100, None, T0, MAX)
        await uow.study_time.add(new_id(), first, 50, course.id, T0, MAX)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.study_time.minutes_by_course(user, [course.id, other.id]) == {
            course.id: 45,
            other.id: 7,
        }
        assert await uow.study_time.minutes_by_course(user, [new_id()]) == {}


async def test_a_tutor_moving_to_another_course_takes_its_minutes_along(
    backend: Backend,
) -> None:
    course, other = await backend.catalog.course(), await backend.catalog.course()
    user, tutor = new_id(), new_id()
    async with backend.uow_factory() as uow:
        await uow.study_time.add(user, tutor, 20, course.id, T0, MAX)
        await uow.study_time.add(user, tutor, 5, other.id, T0, MAX)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.study_time.minutes_by_course(user, [course.id, other.id]) == {other.id: 25}
