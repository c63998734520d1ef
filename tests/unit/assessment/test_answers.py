"""Answers are checked against the quiz before anything is graded: unknown questions and
answers of the wrong type are 422 naming ``answers.<question id>``."""

from typing import Any

import pytest

from tests.support.ids import fixed_id
from tests.unit.assessment.world import T0
from tutor_platform.assessment.domain.answers import checked_answers
from tutor_platform.assessment.domain.quiz import Option, Question, QuestionKind, Quiz, Rubric
from tutor_platform.shared.errors import ValidationFailed
from tutor_platform.shared.ids import new_id

OPTIONS = (Option("a", "A"), Option("b", "B"), Option("c", "C"))
QUESTIONS = (
    Question(
        id=fixed_id(1),
        kind=QuestionKind.SINGLE_CHOICE,
        prompt="1",
        points=1,
        options=OPTIONS,
        correct_option_ids=("a",),
    ),
    Question(
        id=fixed_id(2),
        kind=QuestionKind.MULTIPLE_CHOICE,
        prompt="2",
        points=1,
        options=OPTIONS,
        correct_option_ids=("a", "b"),
    ),
    Question(id=fixed_id(3), kind=QuestionKind.TRUE_FALSE, prompt="3", points=1, correct=True),
    Question(
        id=fixed_id(4),
        kind=QuestionKind.SHORT_ANSWER,
        prompt="4",
        points=1,
        accepted_answers=("x",),
    ),
    Question(
        id=fixed_id(5), kind=QuestionKind.FREE_TEXT, prompt="5", points=1, rubric=Rubric(("k",), "")
    ),
)
QUIZ = Quiz(
    id=fixed_id(100),
    course_id=fixed_id(101),
    title="Q",
    questions=QUESTIONS,
    created_by=fixed_id(102),
    created_at=T0,
    updated_at=T0,
)
SINGLE, MULTIPLE, TF, SHORT, FREE = (str(q.id) for q in QUESTIONS)


def _errors(raw: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as failure:
        checked_answers(QUIZ, raw)
    return {error.field: error.message for error in failure.value.errors}


def test_valid_answers_of_every_kind_are_kept_by_question_id() -> None:
    answers = checked_answers(
        QUIZ, {SINGLE: "b", MULTIPLE: ["c", "a"], TF: False, SHORT: "x", FREE: "Because."}
    )

    assert answers == {
        QUESTIONS[0].id: "b",
        QUESTIONS[1].id: ("c", "a"),
        QUESTIONS[2].id: False,
        QUESTIONS[3].id: "x",
        QUESTIONS[4].id: "Because.",
    }


def test_left_out_and_null_answers_are_no_answer() -> None:
    assert checked_answers(QUIZ, {}) == {}
    assert checked_answers(QUIZ, {SINGLE: None, TF: None}) == {}


def test_answers_for_unknown_questions_are_refused() -> None:
    stranger = str(new_id())

    errors = _errors({stranger: "a", "not-a-uuid": "a", SINGLE: "a"})

    assert errors == {
        f"answers.{stranger}": "is not a question of this quiz",
        "answers.not-a-uuid": "is not a question of this quiz",
    }


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (SINGLE, 1),
        (SINGLE, ["a"]),
        (SINGLE, True),
        (SINGLE, "z"),
        (MULTIPLE, "a"),
        (MULTIPLE, ["a", 1]),
        (MULTIPLE, ["a", "a"]),
        (MULTIPLE, ["a", "z"]),
        (MULTIPLE, {"a": True}),
        (TF, "true"),
        (TF, 1),
        (TF, 0),
        (SHORT, 42),
        (SHORT, ["x"]),
        (SHORT, "x" * 501),
        (FREE, False),
        (FREE, "y" * 10_001),
    ],
)
def test_answers_of_the_wrong_type_are_refused(key: str, value: object) -> None:
    errors = _errors({key: value})

    assert list(errors) == [f"answers.{key}"]


def test_every_bad_answer_is_reported_together() -> None:
    errors = _errors({SINGLE: 1, TF: "yes", FREE: "y" * 100_000})

    assert set(errors) == {f"answers.{SINGLE}", f"answers.{TF}", f"answers.{FREE}"}


def test_two_keys_for_one_question_are_refused() -> None:
    errors = _errors({SINGLE: "a", SINGLE.upper(): "b"})

    assert list(errors) == [f"answers.{SINGLE.upper()}"]
