"""The adaptive learning path: deterministic, in course order, reviewing weak quiz results."""

from decimal import Decimal

from tutor_platform.assessment.domain.learning_path import (
    NEXT,
    REVIEW,
    PathLesson,
    QuizStanding,
    learning_path,
    percent,
)
from tutor_platform.shared.ids import new_id

LESSONS = [PathLesson(new_id(), f"L{n}") for n in range(1, 7)]


def standing(
    lesson: int | None, best: str | None, passing: str = "0.7", title: str = "Q"
) -> QuizStanding:
    return QuizStanding(
        new_id(),
        title,
        None if lesson is None else LESSONS[lesson].id,
        None if best is None else Decimal(best),
        Decimal(passing),
    )


def test_a_new_learner_starts_at_the_beginning() -> None:
    path = learning_path(LESSONS, set(), [])

    assert [step.title for step in path] == ["L1", "L2", "L3", "L4", "L5", "L6"]
    assert {step.action for step in path} == {NEXT}
    assert path[0].reason == "The course starts here."
    assert path[1].reason == "Not completed yet; it follows \u201cL1\u201d in the course."


def test_completed_lessons_are_skipped_and_the_first_open_one_says_so() -> None:
    done = {LESSONS[0].id, LESSONS[1].id, LESSONS[3].id}

    path = learning_path(LESSONS, done, [])

    assert [step.title for step in path] == ["L3", "L5", "L6"]
    assert path[0].reason.startswith("The first lesson you have not completed")


def test_weak_quiz_results_bring_their_lesson_back_in_course_order() -> None:
    done = {lesson.id for lesson in LESSONS[:4]}
    quizzes = [
        standing(1, "0.4", title="Lists"),
        standing(2, "0.9"),
        standing(3, "0.69999"),
        standing(0, None),
        standing(None, "0.1"),
    ]

    path = learning_path(LESSONS, done, quizzes)

    assert [(step.title, step.action) for step in path] == [
        ("L2", REVIEW),
        ("L4", REVIEW),
        ("L5", NEXT),
        ("L6", NEXT),
    ]
    assert path[0].reason == (
        "Your best score in the quiz \u201cLists\u201d is 40%, below the 70% needed to pass."
    )


def test_the_weakest_quiz_of_a_lesson_explains_the_review() -> None:
    done = {lesson.id for lesson in LESSONS}

    path = learning_path(
        LESSONS, done, [standing(0, "0.6", title="A"), standing(0, "0.2", title="B")]
    )

    assert len(path) == 1
    assert "\u201cB\u201d is 20%" in path[0].reason


def test_a_lesson_not_completed_with_a_weak_result_is_reviewed() -> None:
    path = learning_path(LESSONS[:2], set(), [standing(1, "0.5")])

    assert [(s.title, s.action) for s in path] == [("L1", NEXT), ("L2", REVIEW)]


def test_the_path_holds_the_earliest_lessons_up_to_the_limit() -> None:
    assert [s.title for s in learning_path(LESSONS, set(), [], limit=2)] == ["L1", "L2"]


def test_a_finished_course_has_an_empty_path() -> None:
    assert learning_path(LESSONS, {lesson.id for lesson in LESSONS}, [standing(2, "1")]) == []


def test_percentages_drop_trailing_zeros() -> None:
    assert [percent(Decimal(v)) for v in ("0.7", "0.6667", "1", "0", "0.7000")] == [
        "70%",
        "66.67%",
        "100%",
        "0%",
        "70%",
    ]
