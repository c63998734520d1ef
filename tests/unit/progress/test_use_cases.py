"""Course progress use cases over in-memory adapters: completion, visibility, premium
lessons, percentages, quiz scores, accesses and streaks."""

from datetime import timedelta

import pytest

from tests.unit.progress.world import T0, ProgressWorld, admin, principal, student
from tutor_platform.catalog.domain.errors import CourseNotFound, LessonNotFound
from tutor_platform.progress.domain.progress import QuizScoreOutOfRange
from tutor_platform.shared.auth import Role
from tutor_platform.shared.errors import PremiumRequired
from tutor_platform.shared.ids import new_id


@pytest.fixture
def world() -> ProgressWorld:
    return ProgressWorld()


async def test_completing_a_lesson_shows_in_the_course_progress(world: ProgressWorld) -> None:
    course, lessons = world.course(lessons=4)
    learner = student()
    view = await world.use_case("complete_lesson").execute(learner, lessons[1].id)
    assert view.course_id == course.id
    assert view.completed_lesson_ids == [lessons[1].id]
    assert (view.completed, view.total, view.percent) == (1, 4, 25.0)
    assert view.last_accessed_at == T0
    assert (view.streak_days, view.longest_streak_days) == (1, 1)
    assert view.minutes == 0
    assert world.store.commits == 1


async def test_completing_again_changes_nothing(world: ProgressWorld) -> None:
    _, lessons = world.course()
    learner = student()
    complete = world.use_case("complete_lesson")
    first = await complete.execute(learner, lessons[0].id)
    world.clock.advance(days=1)
    again = await complete.execute(learner, lessons[0].id)
    assert again.completed_lesson_ids == first.completed_lesson_ids
    assert again.last_accessed_at == T0
    assert again.streak_days == 1, "a repeated completion is not new activity"


async def test_completed_lessons_are_listed_in_course_order(world: ProgressWorld) -> None:
    _, lessons = world.course(lessons=4)
    learner = student()
    complete = world.use_case("complete_lesson")
    for lesson in (lessons[3], lessons[0], lessons[2]):
        view = await complete.execute(learner, lesson.id)
    assert view.completed_lesson_ids == [lessons[0].id, lessons[2].id, lessons[3].id]


async def test_uncompleting_takes_a_lesson_back(world: ProgressWorld) -> None:
    _, lessons = world.course(lessons=2)
    learner = student()
    await world.use_case("complete_lesson").execute(learner, lessons[0].id)
    uncomplete = world.use_case("uncomplete_lesson")
    view = await uncomplete.execute(learner, lessons[0].id)
    assert (view.completed_lesson_ids, view.completed, view.percent) == ([], 0, 0.0)
    assert view.streak_days == 1, "activity already done keeps counting"
    again = await uncomplete.execute(learner, lessons[0].id)
    assert again.completed == 0


async def test_progress_is_per_learner(world: ProgressWorld) -> None:
    course, lessons = world.course()
    await world.use_case("complete_lesson").execute(student(), lessons[0].id)
    view = await world.use_case("get_course_progress").execute(student(), course.id)
    assert (view.completed, view.streak_days, view.last_accessed_at) == (0, 0, None)


@pytest.mark.parametrize(
    ("completed", "total", "percent"),
    [(0, 3, 0.0), (1, 3, 33.3), (2, 3, 66.7), (3, 3, 100.0), (1, 8, 12.5), (1, 16, 6.3)],
)
async def test_percent_has_one_decimal_rounded_half_up(
    world: ProgressWorld, completed: int, total: int, percent: float
) -> None:
    course, lessons = world.course(lessons=total)
    learner = student()
    for lesson in lessons[:completed]:
        await world.use_case("complete_lesson").execute(learner, lesson.id)
    view = await world.use_case("get_course_progress").execute(learner, course.id)
    assert view.percent == percent


async def test_a_course_without_lessons_is_at_zero_percent(world: ProgressWorld) -> None:
    course, _ = world.course(lessons=0)
    view = await world.use_case("get_course_progress").execute(student(), course.id)
    assert (view.completed, view.total, view.percent) == (0, 0, 0.0)


async def test_only_lessons_still_in_the_course_count(world: ProgressWorld) -> None:
    course, lessons = world.course(lessons=3)
    learner = student()
    for lesson in lessons[:2]:
        await world.use_case("complete_lesson").execute(learner, lesson.id)
    del world.store.catalog.lessons[lessons[0].id]
    view = await world.use_case("get_course_progress").execute(learner, course.id)
    assert (view.completed_lesson_ids, view.total, view.percent) == ([lessons[1].id], 2, 50.0)


async def test_unknown_lessons_and_courses_are_not_found(world: ProgressWorld) -> None:
    with pytest.raises(LessonNotFound):
        await world.use_case("complete_lesson").execute(student(), new_id())
    with pytest.raises(LessonNotFound):
        await world.use_case("uncomplete_lesson").execute(student(), new_id())
    with pytest.raises(CourseNotFound):
        await world.use_case("get_course_progress").execute(student(), new_id())


async def test_an_unpublished_course_is_hidden_from_others(world: ProgressWorld) -> None:
    course, lessons = world.course(published=False)
    for use_case in ("complete_lesson", "uncomplete_lesson"):
        for caller in (student(), principal(Role.INSTRUCTOR)):
            with pytest.raises(LessonNotFound):
                await world.use_case(use_case).execute(caller, lessons[0].id)
    with pytest.raises(CourseNotFound):
        await world.use_case("get_course_progress").execute(student(), course.id)
    assert world.store.completions == {}


async def test_its_instructor_and_admins_may_track_an_unpublished_course(
    world: ProgressWorld,
) -> None:
    course, lessons = world.course(lessons=2, published=False)
    for caller in (world.instructor, admin()):
        view = await world.use_case("complete_lesson").execute(caller, lessons[0].id)
        assert view.completed == 1
        view = await world.use_case("get_course_progress").execute(caller, course.id)
        assert view.completed == 1


async def test_completing_a_premium_lesson_needs_premium_content_rights(
    world: ProgressWorld,
) -> None:
    course, _ = world.course(lessons=1)
    premium = world.premium_lesson(course)
    with pytest.raises(PremiumRequired):
        await world.use_case("complete_lesson").execute(student(), premium.id)
    assert world.store.completions == {}
    for caller in (student(premium=True), world.instructor, admin()):
        view = await world.use_case("complete_lesson").execute(caller, premium.id)
        assert view.completed_lesson_ids == [premium.id]


async def test_a_free_learner_may_uncomplete_a_premium_lesson(world: ProgressWorld) -> None:
    course, _ = world.course(lessons=1)
    premium = world.premium_lesson(course)
    learner = student(premium=True)
    await world.use_case("complete_lesson").execute(learner, premium.id)
    downgraded = type(learner)(learner.user_id, learner.role, "free")
    view = await world.use_case("uncomplete_lesson").execute(downgraded, premium.id)
    assert view.completed == 0


async def test_quiz_scores_keep_the_best(world: ProgressWorld) -> None:
    course, _ = world.course()
    learner = student()
    quiz, other_quiz = new_id(), new_id()
    record = world.use_case("record_quiz_score")
    for score in (0.5, 0.9, 0.7):
        await record.execute(learner.user_id, course.id, quiz, score)
    await record.execute(learner.user_id, course.id, other_quiz, 0.0)
    view = await world.use_case("get_course_progress").execute(learner, course.id)
    assert view.quiz_scores == {quiz: 0.9, other_quiz: 0.0}
    assert view.streak_days == 0, "quiz scores are not streak activity"


@pytest.mark.parametrize("score", [-0.01, 1.01, float("nan"), float("inf")])
async def test_a_quiz_score_outside_zero_to_one_is_refused(
    world: ProgressWorld, score: float
) -> None:
    course, _ = world.course()
    with pytest.raises(QuizScoreOutOfRange):
        await world.use_case("record_quiz_score").execute(new_id(), course.id, new_id(), score)
    assert world.store.quiz_scores == {}


async def test_a_quiz_score_for_an_unknown_course_is_refused(world: ProgressWorld) -> None:
    with pytest.raises(CourseNotFound):
        await world.use_case("record_quiz_score").execute(new_id(), new_id(), new_id(), 0.5)


async def test_opening_a_lesson_sets_last_accessed_at(world: ProgressWorld) -> None:
    course, lessons = world.course()
    learner = student()
    world.clock.advance(hours=3)
    await world.use_case("record_lesson_access").execute(learner.user_id, lessons[2].id)
    view = await world.use_case("get_course_progress").execute(learner, course.id)
    assert view.last_accessed_at == T0 + timedelta(hours=3)
    assert (view.completed, view.streak_days) == (0, 0), "opening is not completing"


async def test_opening_an_unknown_lesson_is_ignored(world: ProgressWorld) -> None:
    await world.use_case("record_lesson_access").execute(new_id(), new_id())
    assert world.store.started == {}


async def test_started_courses_are_listed_most_recently_accessed_first(
    world: ProgressWorld,
) -> None:
    learner = student()
    (first, first_lessons), (second, second_lessons) = world.course(), world.course()
    (quizzed, _), (untouched, _) = world.course(), world.course()
    await world.use_case("complete_lesson").execute(learner, first_lessons[0].id)
    world.clock.advance(minutes=5)
    await world.use_case("record_lesson_access").execute(learner.user_id, second_lessons[0].id)
    world.clock.advance(minutes=5)
    await world.use_case("record_quiz_score").execute(learner.user_id, quizzed.id, new_id(), 1)
    world.clock.advance(minutes=5)
    await world.use_case("record_lesson_access").execute(learner.user_id, first_lessons[1].id)
    views = await world.use_case("list_course_progress").execute(learner)
    assert [view.course_id for view in views] == [first.id, second.id, quizzed.id]
    assert views[2].last_accessed_at is None
    assert untouched.id not in {view.course_id for view in views}


async def test_a_course_unpublished_since_leaves_the_list_of_others(world: ProgressWorld) -> None:
    course, lessons = world.course()
    learner = student()
    await world.use_case("complete_lesson").execute(learner, lessons[0].id)
    await world.use_case("complete_lesson").execute(world.instructor, lessons[0].id)
    world.store.catalog.courses[course.id].is_published = False
    assert await world.use_case("list_course_progress").execute(learner) == []
    [view] = await world.use_case("list_course_progress").execute(world.instructor)
    assert view.course_id == course.id


async def test_completed_lesson_ids_are_those_still_in_the_course(world: ProgressWorld) -> None:
    course, lessons = world.course(lessons=3)
    learner = student()
    for lesson in lessons:
        await world.use_case("complete_lesson").execute(learner, lesson.id)
    del world.store.catalog.lessons[lessons[1].id]
    completed = await world.use_case("list_completed_lessons").execute(learner.user_id, course.id)
    assert completed == {lessons[0].id, lessons[2].id}
    assert (
        await world.use_case("list_completed_lessons").execute(learner.user_id, new_id()) == set()
    )


class TestStreaks:
    async def test_completions_on_consecutive_days_make_a_streak(
        self, world: ProgressWorld
    ) -> None:
        course, lessons = world.course(lessons=3)
        learner = student()
        for lesson in lessons:
            view = await world.use_case("complete_lesson").execute(learner, lesson.id)
            world.clock.advance(days=1)
        assert (view.streak_days, view.longest_streak_days) == (3, 3)
        view = await world.use_case("get_course_progress").execute(learner, course.id)
        assert view.streak_days == 3, "still alive the day after"
        world.clock.advance(days=1)
        view = await world.use_case("get_course_progress").execute(learner, course.id)
        assert (view.streak_days, view.longest_streak_days) == (0, 3)

    async def test_days_are_counted_in_the_learners_time_zone(self, world: ProgressWorld) -> None:
        course, lessons = world.course(lessons=2)
        learner = student()
        world.profiles.timezones[learner.user_id] = "Asia/Tokyo"
        await world.use_case("complete_lesson").execute(learner, lessons[0].id)  # 19:00 JST
        world.clock.advance(hours=13, minutes=30)  # 23:30 UTC: 08:30 the next day in Tokyo
        view = await world.use_case("complete_lesson").execute(learner, lessons[1].id)
        assert view.streak_days == 2
        world.profiles.timezones[learner.user_id] = "Not/AZone"
        view = await world.use_case("get_course_progress").execute(learner, course.id)
        assert view.streak_days == 1, "an unknown zone counts in UTC: both on one UTC day"

    async def test_a_reset_sets_the_streak_to_zero_and_keeps_the_longest(
        self, world: ProgressWorld
    ) -> None:
        course, lessons = world.course(lessons=4)
        learner = student()
        for lesson in lessons[:3]:
            await world.use_case("complete_lesson").execute(learner, lesson.id)
            world.clock.advance(days=1)
        world.clock.advance(days=-1, hours=1)
        reset = await world.use_case("reset_streak").execute(learner.user_id)
        assert (reset.streak_days, reset.longest_streak_days) == (0, 3)
        assert reset.reset_at == world.clock.now()
        view = await world.use_case("get_course_progress").execute(learner, course.id)
        assert (view.streak_days, view.longest_streak_days) == (0, 3)
        world.clock.advance(minutes=30)
        view = await world.use_case("complete_lesson").execute(learner, lessons[3].id)
        assert (view.streak_days, view.longest_streak_days) == (1, 3), "later that day: day 1"

    async def test_reset_without_any_activity(self, world: ProgressWorld) -> None:
        reset = await world.use_case("reset_streak").execute(new_id())
        assert (reset.streak_days, reset.longest_streak_days) == (0, 0)

    async def test_a_streak_longer_than_one_read_window_is_counted_in_full(
        self, world: ProgressWorld
    ) -> None:
        learner = student()
        tutor = world.tutor()
        for _ in range(900):
            await world.add_study_time(learner, tutor, 1)
            world.clock.advance(days=1)
        course, _ = world.course()
        view = await world.use_case("get_course_progress").execute(learner, course.id)
        assert (view.streak_days, view.longest_streak_days) == (900, 900)

    async def test_the_longest_streak_outlives_the_activity_read(
        self, world: ProgressWorld
    ) -> None:
        learner = student()
        tutor = world.tutor()
        for _ in range(5):
            await world.add_study_time(learner, tutor, 10)
            world.clock.advance(days=1)
        world.clock.advance(days=1000)
        await world.add_study_time(learner, tutor, 10)
        course, _ = world.course()
        view = await world.use_case("get_course_progress").execute(learner, course.id)
        assert (view.streak_days, view.longest_streak_days) == (1, 5)
