"""Study time per learner and tutor over in-memory adapters: totals, bounds, tutors of a
course, and what counts as streak activity (which tutors a caller may use is tutoring's:
``tests/unit/tutoring/test_study_time.py``)."""

import pytest

from tests.unit.progress.world import ProgressWorld, student
from tutor_platform.progress.domain.study_time import MAX_TOTAL_MINUTES, StudyTimeOutOfRange
from tutor_platform.shared.ids import new_id


@pytest.fixture
def world() -> ProgressWorld:
    return ProgressWorld()


async def test_no_study_time_reads_as_zero(world: ProgressWorld) -> None:
    tutor = world.tutor()
    view = await world.get_study_time(student(), tutor)
    assert (view.tutor_id, view.total_minutes) == (tutor, 0)


async def test_adding_and_setting_minutes(world: ProgressWorld) -> None:
    learner, tutor = student(), world.tutor()
    add = world.add_study_time
    assert (await add(learner, tutor, 30)).total_minutes == 30
    assert (await add(learner, tutor, 15)).total_minutes == 45
    assert (await add(learner, tutor, -40)).total_minutes == 5
    assert (await world.set_study_time(learner, tutor, 120)).total_minutes == 120
    assert (await world.get_study_time(learner, tutor)).total_minutes == 120
    assert (await world.get_study_time(student(), tutor)).total_minutes == 0


async def test_a_total_below_zero_is_refused_and_nothing_changes(world: ProgressWorld) -> None:
    learner, tutor = student(), world.tutor()
    add = world.add_study_time
    await add(learner, tutor, 10)
    with pytest.raises(StudyTimeOutOfRange) as raised:
        await add(learner, tutor, -11)
    assert [error.field for error in raised.value.errors] == ["minutes"]
    assert (await world.get_study_time(learner, tutor)).total_minutes == 10
    with pytest.raises(StudyTimeOutOfRange):
        await add(student(), tutor, -1)
    assert world.store.commits == 1


async def test_a_total_above_the_maximum_is_refused(world: ProgressWorld) -> None:
    learner, tutor = student(), world.tutor()
    await world.set_study_time(learner, tutor, MAX_TOTAL_MINUTES)
    with pytest.raises(StudyTimeOutOfRange):
        await world.add_study_time(learner, tutor, 1)
    with pytest.raises(StudyTimeOutOfRange):
        await world.set_study_time(learner, tutor, MAX_TOTAL_MINUTES + 1)
    with pytest.raises(StudyTimeOutOfRange):
        await world.set_study_time(learner, tutor, -1)
    with pytest.raises(StudyTimeOutOfRange):
        await world.add_study_time(learner, tutor, -MAX_TOTAL_MINUTES - 1)
    view = await world.get_study_time(learner, tutor)
    assert view.total_minutes == MAX_TOTAL_MINUTES


async def test_minutes_with_the_tutors_of_a_course_count_in_its_progress(
    world: ProgressWorld,
) -> None:
    course, _ = world.course()
    other_course, _ = world.course()
    learner = student()
    first, second = world.tutor(course.id), world.tutor(course.id)
    await world.add_study_time(learner, first, 20)
    await world.set_study_time(learner, second, 25)
    await world.add_study_time(learner, world.tutor(), 100)
    await world.add_study_time(learner, world.tutor(other_course.id), 7)
    view = await world.use_case("get_course_progress").execute(learner, course.id)
    assert view.minutes == 45
    listed = await world.use_case("list_course_progress").execute(learner)
    assert {item.course_id: item.minutes for item in listed} == {course.id: 45, other_course.id: 7}


async def test_a_tutor_of_a_deleted_course_counts_towards_no_course(world: ProgressWorld) -> None:
    learner, tutor = student(), world.tutor(new_id())
    view = await world.add_study_time(learner, tutor, 20)
    assert view.total_minutes == 20
    assert await world.use_case("list_course_progress").execute(learner) == []


async def test_positive_additions_are_streak_activity(world: ProgressWorld) -> None:
    course, _ = world.course()
    learner, tutor = student(), world.tutor()
    await world.add_study_time(learner, tutor, 15)
    view = await world.use_case("get_course_progress").execute(learner, course.id)
    assert view.streak_days == 1


@pytest.mark.parametrize("minutes", [0, -5])
async def test_other_changes_of_study_time_are_not_streak_activity(
    world: ProgressWorld, minutes: int
) -> None:
    course, _ = world.course()
    learner, tutor = student(), world.tutor()
    await world.set_study_time(learner, tutor, 30)
    await world.add_study_time(learner, tutor, minutes)
    view = await world.use_case("get_course_progress").execute(learner, course.id)
    assert view.streak_days == 0
