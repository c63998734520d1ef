"""Writing, reading and taking quizzes through the use cases (in-memory adapters)."""

from decimal import Decimal

import pytest

from tests.unit.assessment.world import (
    World,
    admin,
    choice,
    free_text,
    instructor,
    person,
    premium,
)
from tutor_platform.assessment.application.create_quiz import NewQuiz
from tutor_platform.assessment.application.update_quiz import QuizChanges
from tutor_platform.assessment.domain.authoring import OptionDraft, QuestionDraft
from tutor_platform.assessment.domain.errors import (
    AttemptsExhausted,
    CourseNotFound,
    NotCourseEditor,
    PremiumQuiz,
    QuizNotFound,
)
from tutor_platform.shared.errors import UpstreamFailed, ValidationFailed
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest


@pytest.fixture
def world() -> World:
    return World()


async def test_the_course_instructor_writes_a_quiz_linked_to_a_lesson(world: World) -> None:
    lesson = world.course.lessons[1]

    quiz = await world.quiz(choice(), free_text(), lesson_id=lesson.id, max_attempts=2)

    stored = await world.container.get_quiz_for_authoring().execute(world.teacher, quiz.id)
    assert stored == quiz
    assert stored.lesson_id == lesson.id
    assert stored.max_points == 3
    assert stored.created_by == world.teacher.user_id


async def test_only_the_course_instructor_or_an_admin_writes_quizzes(world: World) -> None:
    create = world.container.create_quiz()
    quiz = await world.quiz()
    new = NewQuiz(title="New", questions=[choice()])

    with pytest.raises(NotCourseEditor):
        await create.execute(instructor(), world.course.id, new)
    with pytest.raises(CourseNotFound):
        await create.execute(world.teacher, new_id(), new)
    with pytest.raises(NotCourseEditor):
        await world.container.delete_quiz().execute(instructor(), quiz.id)
    with pytest.raises(NotCourseEditor):
        await world.container.update_quiz().execute(instructor(), quiz.id, QuizChanges())
    by_admin = await create.execute(admin(), world.course.id, new)

    assert by_admin.course_id == world.course.id
    assert len(world.store.committed.quizzes) == 2


async def test_a_lesson_of_another_course_is_refused(world: World) -> None:
    other = world.catalog.add(world.teacher.user_id)

    with pytest.raises(ValidationFailed) as failure:
        await world.quiz(lesson_id=other.lessons[0].id, title="   ")

    assert {e.field for e in failure.value.errors} == {"lesson_id", "title"}
    assert world.store.committed.quizzes == {}


async def test_a_change_replaces_questions_and_keeps_what_was_not_sent(world: World) -> None:
    quiz = await world.quiz(choice(), max_attempts=3, lesson_id=world.course.lessons[0].id)
    update = world.container.update_quiz()

    changed = await update.execute(
        world.teacher,
        quiz.id,
        QuizChanges(
            title=" Renamed ",
            detach_lesson=True,
            unlimited_attempts=True,
            passing_score=Decimal("0.5"),
            questions=[QuestionDraft(kind="true_false", prompt="Sure?", points=5, correct=True)],
        ),
    )
    same = await update.execute(world.teacher, quiz.id, QuizChanges(is_premium=True))

    assert changed.title == "Renamed"
    assert changed.lesson_id is None
    assert changed.max_attempts is None
    assert changed.passing_score == Decimal("0.5")
    assert [q.kind for q in changed.questions] == ["true_false"]
    assert same.questions == changed.questions
    assert same.is_premium is True


async def test_a_bad_change_changes_nothing(world: World) -> None:
    quiz = await world.quiz()

    with pytest.raises(ValidationFailed):
        await world.container.update_quiz().execute(
            world.teacher,
            quiz.id,
            QuizChanges(
                title="Fine",
                questions=[QuestionDraft(kind="free_text", prompt="No rubric", points=1)],
            ),
        )

    assert world.store.committed.quizzes[quiz.id] == quiz


async def test_hidden_courses_hide_their_quizzes(world: World) -> None:
    draft = world.catalog.add(world.teacher.user_id, published=False)
    quiz = await world.quiz(course_id=draft.id)

    for use_case in (world.container.get_quiz(), world.container.get_quiz_for_authoring()):
        with pytest.raises(QuizNotFound):
            await use_case.execute(instructor(), quiz.id)
    with pytest.raises(CourseNotFound):
        await world.container.list_course_quizzes().execute(person(), draft.id, PageRequest())
    assert (await world.container.get_quiz().execute(admin(), quiz.id)).id == quiz.id


async def test_premium_quizzes_are_listed_but_taken_only_with_the_right(world: World) -> None:
    quiz = await world.quiz(is_premium=True)
    free = person()

    page = await world.container.list_course_quizzes().execute(free, world.course.id, PageRequest())
    with pytest.raises(PremiumQuiz):
        await world.container.get_quiz().execute(free, quiz.id)
    with pytest.raises(PremiumQuiz):
        await world.container.submit_attempt().execute(free, quiz.id, {})

    assert [item.quiz.id for item in page.items] == [quiz.id]
    for allowed in (premium(), world.teacher, admin()):
        assert (await world.container.get_quiz().execute(allowed, quiz.id)).id == quiz.id


async def test_an_attempt_is_graded_stored_and_feeds_the_best_score(world: World) -> None:
    quiz = await world.quiz(choice(points=2), free_text(points=2))
    learner = person()
    single, free = (str(q.id) for q in quiz.questions)
    submit = world.container.submit_attempt()

    first = await submit.execute(learner, quiz.id, {single: "b", free: "It hides a bug."})
    world.ai.score = 0.2
    second = await submit.execute(learner, quiz.id, {single: "a", free: "No idea"})

    assert first.number == 1
    assert first.points == Decimal("3.50")
    assert first.score == Decimal("0.875")
    assert first.passed is True
    assert [r.correct for r in first.results] == [True, True]
    assert first.results[1].feedback == "graded: It hides a bug."
    assert second.number == 2
    assert second.score == Decimal("0.1")
    assert world.ai.graded[0][2] == quiz.questions[1].rubric
    assert [s for *_, s in world.progress.recorded] == [Decimal("0.875"), Decimal("0.875")]
    assert world.attempts == 2


async def test_missing_answers_score_zero_without_asking_the_ai(world: World) -> None:
    quiz = await world.quiz(choice(), free_text())

    attempt = await world.container.submit_attempt().execute(person(), quiz.id, {})

    assert attempt.points == 0
    assert attempt.score == 0
    assert attempt.passed is False
    assert world.ai.graded == []


async def test_bad_answers_store_nothing_and_call_no_ai(world: World) -> None:
    quiz = await world.quiz(choice(), free_text())
    free = str(quiz.questions[1].id)

    for answers in ({str(new_id()): "a"}, {str(quiz.questions[0].id): True}, {free: "x" * 100_000}):
        with pytest.raises(ValidationFailed):
            await world.container.submit_attempt().execute(person(), quiz.id, answers)

    assert world.attempts == 0
    assert world.ai.graded == []
    assert world.progress.recorded == []


async def test_attempts_past_the_limit_are_refused(world: World) -> None:
    quiz = await world.quiz(max_attempts=2)
    learner = person()
    submit = world.container.submit_attempt()
    for _ in range(2):
        await submit.execute(learner, quiz.id, {})

    with pytest.raises(AttemptsExhausted):
        await submit.execute(learner, quiz.id, {})
    other = await submit.execute(person(), quiz.id, {})

    assert world.attempts == 3
    assert other.number == 1


async def test_a_failing_grader_stores_nothing(world: World) -> None:
    quiz = await world.quiz(free_text())
    world.ai.fail = True

    with pytest.raises(UpstreamFailed):
        await world.container.submit_attempt().execute(
            person(), quiz.id, {str(quiz.questions[0].id): "An answer"}
        )

    assert world.attempts == 0


async def test_learners_see_their_own_attempts_and_editors_everyones(world: World) -> None:
    quiz = await world.quiz()
    ann, bob = person(), person()
    submit = world.container.submit_attempt()
    await submit.execute(ann, quiz.id, {})
    await submit.execute(bob, quiz.id, {})
    await submit.execute(ann, quiz.id, {})
    attempts = world.container.list_attempts()

    own = await attempts.execute(ann, quiz.id, None, PageRequest())
    snooping = await attempts.execute(ann, quiz.id, bob.user_id, PageRequest())
    everyone = await attempts.execute(world.teacher, quiz.id, None, PageRequest())
    bobs = await attempts.execute(admin(), quiz.id, bob.user_id, PageRequest())

    assert [a.user_id for a in own.items] == [ann.user_id, ann.user_id]
    assert snooping.total == 0
    assert everyone.total == 3
    assert [a.user_id for a in bobs.items] == [bob.user_id]


async def test_deleting_a_quiz_removes_it_and_its_attempts(world: World) -> None:
    quiz = await world.quiz(
        choice(),
        QuestionDraft(
            kind="multiple_choice",
            prompt="Pick",
            points=1,
            options=[OptionDraft("A"), OptionDraft("B")],
            correct_option_ids=["a"],
        ),
    )
    await world.container.submit_attempt().execute(person(), quiz.id, {})

    await world.container.delete_quiz().execute(admin(), quiz.id)

    assert world.store.committed.quizzes == {}
    assert world.attempts == 0
    with pytest.raises(QuizNotFound):
        await world.container.get_quiz().execute(admin(), quiz.id)
