"""Grading per question kind, and the exact score of an attempt."""

from decimal import Decimal

import pytest

from tutor_platform.assessment.domain.grading import (
    QuestionResult,
    grade_free_text,
    grade_objective,
    normalise_text,
    outcome,
    unanswered_free_text,
)
from tutor_platform.assessment.domain.quiz import Option, Question, QuestionKind, Rubric
from tutor_platform.shared.ids import new_id

OPTIONS = (Option("a", "0"), Option("b", '""'), Option("c", "'False'"), Option("d", "[]"))


def question(kind: str, points: int = 2, **fields: object) -> Question:
    return Question(id=new_id(), kind=kind, prompt="?", points=points, explanation="Why.", **fields)  # type: ignore[arg-type]


SINGLE = question(QuestionKind.SINGLE_CHOICE, options=OPTIONS, correct_option_ids=("b",))
MULTIPLE = question(
    QuestionKind.MULTIPLE_CHOICE, options=OPTIONS, correct_option_ids=("a", "b", "d")
)
TRUE = question(QuestionKind.TRUE_FALSE, correct=True)
FALSE = question(QuestionKind.TRUE_FALSE, correct=False)
SHORT = question(QuestionKind.SHORT_ANSWER, accepted_answers=("ValueError", "int()"))
FREE = question(QuestionKind.FREE_TEXT, points=3, rubric=Rubric(("bug",), ""))


@pytest.mark.parametrize(
    ("q", "answer", "right"),
    [
        (SINGLE, "b", True),
        (SINGLE, "a", False),
        (MULTIPLE, ("d", "a", "b"), True),
        (MULTIPLE, ("a", "b"), False),
        (MULTIPLE, ("a", "b", "c", "d"), False),
        (MULTIPLE, (), False),
        (TRUE, True, True),
        (TRUE, False, False),
        (FALSE, False, True),
        (FALSE, True, False),
        (SHORT, "valueerror", True),
        (SHORT, "  Value\u00a0Error  ", False),
        (SHORT, " VALUEERROR. ", True),
        (SHORT, "int()", True),
        (SHORT, "\uff29\uff2e\uff34()", True),
        (SHORT, "int", False),
        (SHORT, "TypeError", False),
    ],
)
def test_each_kind_is_right_only_for_its_correct_answer(
    q: Question, answer: str | bool | tuple[str, ...], right: bool
) -> None:
    result = grade_objective(q, answer)

    assert result.correct is right
    assert result.awarded_points == (Decimal(2) if right else Decimal(0))
    assert result.explanation == "Why."


@pytest.mark.parametrize("q", [SINGLE, MULTIPLE, TRUE, FALSE, SHORT])
@pytest.mark.parametrize("missing", [None, "", "   "])
def test_a_missing_answer_is_wrong_and_scores_zero(q: Question, missing: str | None) -> None:
    result = grade_objective(q, missing)

    assert (result.correct, result.awarded_points) == (False, Decimal(0))


def test_multiple_choice_is_all_or_nothing() -> None:
    two_of_three = grade_objective(MULTIPLE, ("a", "b"))

    assert two_of_three.awarded_points == 0


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("  Hello   World!  ", "hello world"),
        ("Straße", "strasse"),
        ("\ufb01le", "file"),
        ("A\tB\nC", "a b c"),
        ("Done...?!", "done"),
        ("C++", "c++"),
        ("int()", "int()"),
        ("…", ""),
    ],
)
def test_short_answers_are_compared_normalised(raw: str, normal: str) -> None:
    assert normalise_text(raw) == normal


@pytest.mark.parametrize(
    ("score", "points", "correct"),
    [
        (1.0, Decimal("3.00"), True),
        (0.5, Decimal("1.50"), True),
        (0.4999, Decimal("1.50"), False),
        (0.6667, Decimal("2.00"), True),
        (0.0, Decimal("0.00"), False),
        (0.335, Decimal("1.01"), False),
    ],
)
def test_free_text_scores_the_graders_share_of_the_points(
    score: float, points: Decimal, correct: bool
) -> None:
    result = grade_free_text(FREE, score, "feedback")

    assert result.awarded_points == points
    assert result.correct is correct
    assert result.feedback == "feedback"


def test_an_unanswered_free_text_question_scores_zero() -> None:
    result = unanswered_free_text(FREE)

    assert (result.correct, result.awarded_points, result.feedback) == (False, Decimal(0), None)


def _result(points: str) -> QuestionResult:
    return QuestionResult(new_id(), Decimal(points) > 0, Decimal(points))


def test_the_score_is_exact_points_over_max_truncated_to_four_places() -> None:
    third = outcome([_result("1"), _result("0"), _result("0")], 3, Decimal("0.3333"))
    two_thirds = outcome([_result("1"), _result("1"), _result("0")], 3, Decimal("0.6667"))

    assert third.points == Decimal("1.00")
    assert third.score == Decimal("0.3333")
    assert third.passed is True
    assert two_thirds.score == Decimal("0.6666")
    assert two_thirds.passed is False


def test_decimal_points_add_up_exactly() -> None:
    results = [_result("0.1")] * 3 + [_result("0.7")]

    total = outcome(results, 1, Decimal("1"))

    assert total.points == Decimal("1.00")
    assert total.score == Decimal(1)
    assert total.passed is True


@pytest.mark.parametrize(
    ("points", "passing", "passed"),
    [("7", "0.7", True), ("6.99", "0.7", False), ("0", "0", True), ("10", "1", True)],
)
def test_passing_is_a_score_at_least_the_passing_score(
    points: str, passing: str, passed: bool
) -> None:
    assert outcome([_result(points)], 10, Decimal(passing)).passed is passed
