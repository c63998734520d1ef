"""The ProgressRepository contract: completions, started courses and best quiz scores, on
the SQLAlchemy adapter (SQLite or PostgreSQL) and the in-memory fake."""

from datetime import timedelta

from tests.contract.progress_repository.harness import T0, Backend
from tutor_platform.progress.ports.progress import CourseActivity, CourseStanding, TrackedLesson
from tutor_platform.shared.ids import new_id


async def _lessons(backend: Backend, published: bool = True) -> list[TrackedLesson]:
    """A course of two sections: [1.1, 1.2] and [2.1, 2.2], in course order."""
    catalog = backend.catalog
    course = await catalog.course(published=published)
    first, second = await catalog.section(course, 1), await catalog.section(course, 2)
    return [
        await catalog.lesson(course, first, 1),
        await catalog.lesson(course, first, 2, is_premium=True),
        await catalog.lesson(course, second, 1),
        await catalog.lesson(course, second, 2),
    ]


async def test_courses_and_lessons_are_read_from_the_catalog(backend: Backend) -> None:
    lessons = await _lessons(backend, published=False)
    course = lessons[0].course
    async with backend.uow_factory() as uow:
        assert await uow.progress.course(course.id) == course
        assert await uow.progress.lesson(lessons[1].id) == lessons[1]
        assert lessons[1].is_premium
        assert not course.is_published
        assert await uow.progress.course(new_id()) is None
        assert await uow.progress.lesson(new_id()) is None


async def test_a_lesson_is_completed_once(backend: Backend) -> None:
    lesson = (await _lessons(backend))[0]
    user = new_id()
    async with backend.uow_factory() as uow:
        assert await uow.progress.complete(user, lesson, T0)
        assert not await uow.progress.complete(user, lesson, T0 + timedelta(hours=1))
        assert await uow.progress.complete(new_id(), lesson, T0)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert not await uow.progress.complete(user, lesson, T0)
        assert await uow.progress.uncomplete(user, lesson.id)
        assert not await uow.progress.uncomplete(user, lesson.id)
        await uow.commit()
    async with backend.uow_factory() as uow:
        course_id = lesson.course.id
        assert await uow.progress.completed_lessons(user, [course_id]) == {}


async def test_completed_lessons_come_in_course_order_per_course(backend: Backend) -> None:
    lessons, others = await _lessons(backend), await _lessons(backend)
    user = new_id()
    async with backend.uow_factory() as uow:
        for lesson in (lessons[3], lessons[0], others[2], lessons[2]):
            await uow.progress.complete(user, lesson, T0)
        await uow.progress.complete(new_id(), lessons[1], T0)
        await uow.commit()
    course, other = lessons[0].course.id, others[0].course.id
    async with backend.uow_factory() as uow:
        assert await uow.progress.completed_lessons(user, [course, other]) == {
            course: [lessons[0].id, lessons[2].id, lessons[3].id],
            other: [others[2].id],
        }
        assert await uow.progress.completed_lessons(user, [other]) == {other: [others[2].id]}
        assert await uow.progress.lesson_counts([course, other, new_id()]) == {
            course: 4,
            other: 4,
        }


async def test_a_deleted_lesson_no_longer_counts(backend: Backend) -> None:
    lessons = await _lessons(backend)
    user, course = new_id(), lessons[0].course.id
    async with backend.uow_factory() as uow:
        for lesson in lessons[:2]:
            await uow.progress.complete(user, lesson, T0)
        await uow.commit()
    await backend.catalog.delete_lesson(lessons[0].id)
    async with backend.uow_factory() as uow:
        assert await uow.progress.completed_lessons(user, [course]) == {course: [lessons[1].id]}
        assert await uow.progress.lesson_counts([course]) == {course: 3}


async def test_a_course_keeps_its_first_start_and_last_access(backend: Backend) -> None:
    course = (await _lessons(backend))[0].course
    user = new_id()
    async with backend.uow_factory() as uow:
        await uow.progress.touch_course(user, course.id, T0, accessed=False)
        await uow.progress.touch_course(user, course.id, T0 + timedelta(hours=1), accessed=False)
        await uow.commit()
    async with backend.uow_factory() as uow:
        standing = await uow.progress.course_standing(user, course.id)
        assert standing == CourseStanding(course, CourseActivity(course, T0, None), 4)
        await uow.progress.touch_course(user, course.id, T0 + timedelta(hours=2), accessed=True)
        await uow.progress.touch_course(user, course.id, T0 + timedelta(hours=3), accessed=False)
        await uow.commit()
    async with backend.uow_factory() as uow:
        standing = await uow.progress.course_standing(user, course.id)
        assert standing == CourseStanding(
            course, CourseActivity(course, T0, T0 + timedelta(hours=2)), 4
        )


async def test_a_course_standing_is_its_lessons_now_and_the_learners_activity(
    backend: Backend,
) -> None:
    lessons = await _lessons(backend, published=False)
    course, user, other = lessons[0].course, new_id(), new_id()
    async with backend.uow_factory() as uow:
        await uow.progress.touch_course(other, course.id, T0, accessed=True)
        await uow.commit()
    await backend.catalog.delete_lesson(lessons[0].id)
    async with backend.uow_factory() as uow:
        assert await uow.progress.course_standing(user, course.id) == CourseStanding(
            course, None, 3
        )
        assert await uow.progress.course_standing(user, new_id()) is None
    empty = await backend.catalog.course(published=True)
    async with backend.uow_factory() as uow:
        standing = await uow.progress.course_standing(user, empty.id)
    assert standing == CourseStanding(empty, None, 0)


async def test_started_courses_come_most_recently_accessed_first(backend: Backend) -> None:
    courses = [(await _lessons(backend))[0].course for _ in range(4)]
    user = new_id()
    hour = timedelta(hours=1)
    async with backend.uow_factory() as uow:
        await uow.progress.touch_course(user, courses[0].id, T0, accessed=True)
        await uow.progress.touch_course(user, courses[1].id, T0 + hour, accessed=False)
        await uow.progress.touch_course(user, courses[2].id, T0 + 2 * hour, accessed=True)
        await uow.progress.touch_course(user, courses[3].id, T0 + 3 * hour, accessed=False)
        await uow.progress.touch_course(new_id(), courses[1].id, T0, accessed=True)
        await uow.commit()
    async with backend.uow_factory() as uow:
        started = await uow.progress.started_courses(user)
    assert [item.course for item in started] == [courses[2], courses[0], courses[3], courses[1]]
    assert started[0] == CourseActivity(courses[2], T0 + 2 * hour, T0 + 2 * hour)


async def test_deleting_a_course_forgets_its_progress(backend: Backend) -> None:
    lessons = await _lessons(backend)
    course, user = lessons[0].course, new_id()
    async with backend.uow_factory() as uow:
        await uow.progress.complete(user, lessons[0], T0)
        await uow.progress.touch_course(user, course.id, T0, accessed=True)
        await uow.progress.record_quiz_score(user, course.id, new_id(), 0.5, T0)
        await uow.commit()
    await backend.catalog.delete_course(course.id)
    async with backend.uow_factory() as uow:
        assert await uow.progress.started_courses(user) == []
        assert await uow.progress.completed_lessons(user, [course.id]) == {}


async def test_the_best_quiz_score_is_kept(backend: Backend) -> None:
    course = (await _lessons(backend))[0].course
    other_course = (await _lessons(backend))[0].course
    user, quiz, second_quiz, other_quiz = new_id(), new_id(), new_id(), new_id()
    async with backend.uow_factory() as uow:
        for score in (0.4, 0.85, 0.6):
            await uow.progress.record_quiz_score(user, course.id, quiz, score, T0)
        await uow.progress.record_quiz_score(user, course.id, second_quiz, 0.0, T0)
        await uow.progress.record_quiz_score(user, other_course.id, other_quiz, 1.0, T0)
        await uow.progress.record_quiz_score(new_id(), course.id, quiz, 1.0, T0)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.progress.quiz_scores(user, [course.id, other_course.id]) == {
            course.id: {quiz: 0.85, second_quiz: 0.0},
            other_course.id: {other_quiz: 1.0},
        }
        assert await uow.progress.quiz_scores(user, [new_id()]) == {}


async def test_a_recomputed_best_score_replaces_the_kept_one_even_when_lower(
    backend: Backend,
) -> None:
    course = (await _lessons(backend))[0].course
    user, quiz = new_id(), new_id()
    async with backend.uow_factory() as uow:
        await uow.progress.record_quiz_score(user, course.id, quiz, 0.9, T0)
        await uow.progress.record_quiz_score(user, course.id, quiz, 0.55, T0, replace=True)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.progress.quiz_scores(user, [course.id]) == {course.id: {quiz: 0.55}}


async def test_nothing_is_kept_without_a_commit(backend: Backend) -> None:
    lesson = (await _lessons(backend))[0]
    user = new_id()
    async with backend.uow_factory() as uow:
        await uow.progress.complete(user, lesson, T0)
        if backend.name == "memory":
            return  # the fake does not roll back (use cases validate before they write)
    async with backend.uow_factory() as uow:
        assert await uow.progress.completed_lessons(user, [lesson.course.id]) == {}
