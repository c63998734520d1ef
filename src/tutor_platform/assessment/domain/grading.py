"""Grading, question by question, and the score of an attempt.

- single_choice: right when the chosen option id is the correct one.
- multiple_choice: all or nothing, right when the chosen set equals the correct set.
- true_false: right when the boolean equals ``correct``.
- short_answer: right when the normalised answer equals a normalised accepted answer
  (Unicode NFKC, case-folded, runs of white space made one space, final sentence punctuation
  ``. , ; : ! ? …`` and surrounding spaces dropped).
- free_text: the grader's score (0-1) times the points, rounded half up to 2 decimal
  places; right when that score is at least 0.5. The grader is the offline ``rules`` or a
  remote ``ai``; it leaves ``needs_review`` when unsure, until a person grades the answer
  (``instructor``, with who and when).
- A missing answer (left out, ``null``, or blank text) is wrong and scores 0 (``exact``).

An attempt's ``status`` is ``needs_review`` while any of its results needs review, else
``graded``.

Points are exact decimals. An attempt's ``score`` is points ÷ max_points truncated (never
rounded up) to 4 decimal places, and the attempt passes when that score is at least the
quiz's ``passing_score``: the learner sees exactly the number that decided.
"""

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final
from uuid import UUID

from tutor_platform.assessment.domain.quiz import Question, QuestionKind

Answer = str | bool | tuple[str, ...]
FREE_TEXT_PASS_MARK: Final = Decimal("0.5")
POINTS_QUANTUM: Final = Decimal("0.01")
SCORE_QUANTUM: Final = Decimal("0.0001")
_FINAL_PUNCTUATION: Final = ".,;:!?\u2026\u3002\u3001\uff01\uff1f "


class Grader(StrEnum):
    """Who graded an answer: the exact comparison, the offline rules, an AI, or a person."""

    EXACT = "exact"
    AI = "ai"
    RULES = "rules"
    INSTRUCTOR = "instructor"


class AttemptStatus(StrEnum):
    """An attempt is ``needs_review`` while any of its answers waits for a person."""

    GRADED = "graded"
    NEEDS_REVIEW = "needs_review"


def normalise_text(text: str) -> str:
    """The form short answers are compared in."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split()).rstrip(_FINAL_PUNCTUATION)


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """How one question was answered; ``feedback`` comes from the free-text grader or the
    person who graded it (``reviewer_id`` at ``reviewed_at``)."""

    question_id: UUID
    correct: bool
    awarded_points: Decimal
    explanation: str | None = None
    feedback: str | None = None
    graded_by: Grader = Grader.EXACT
    needs_review: bool = False
    reviewer_id: UUID | None = None
    reviewed_at: datetime | None = None
    max_points: int | None = None
    """The question's points when it was graded (None in results stored before)."""


def attempt_status(results: Sequence[QuestionResult]) -> AttemptStatus:
    return (
        AttemptStatus.NEEDS_REVIEW
        if any(result.needs_review for result in results)
        else AttemptStatus.GRADED
    )


@dataclass(frozen=True, slots=True)
class Outcome:
    """The totals of an attempt."""

    points: Decimal
    max_points: int
    score: Decimal
    passed: bool


def is_missing(answer: Answer | None) -> bool:
    return answer is None or (isinstance(answer, str) and not answer.strip())


def grade_objective(question: Question, answer: Answer | None) -> QuestionResult:
    """The result of a question that needs no AI (every kind but free text)."""
    correct = not is_missing(answer) and _is_right(question, answer)
    points = Decimal(question.points) if correct else Decimal(0)
    return QuestionResult(
        question.id,
        correct,
        points.quantize(POINTS_QUANTUM),
        question.explanation,
        max_points=question.points,
    )


def _is_right(question: Question, answer: Answer | None) -> bool:
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return isinstance(answer, str) and (answer,) == question.correct_option_ids
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return isinstance(answer, tuple) and set(answer) == set(question.correct_option_ids)
    if question.kind == QuestionKind.TRUE_FALSE:
        return isinstance(answer, bool) and answer is question.correct
    if question.kind == QuestionKind.SHORT_ANSWER:
        accepted = {normalise_text(text) for text in question.accepted_answers}
        return isinstance(answer, str) and normalise_text(answer) in accepted
    return False


def grade_free_text(
    question: Question,
    rubric_score: float,
    feedback: str,
    *,
    graded_by: Grader = Grader.AI,
    needs_review: bool = False,
) -> QuestionResult:
    """The result of a free-text question the grader scored ``rubric_score`` (0-1)."""
    score = Decimal(str(rubric_score))
    points = (score * question.points).quantize(POINTS_QUANTUM, rounding=ROUND_HALF_UP)
    return QuestionResult(
        question.id,
        score >= FREE_TEXT_PASS_MARK,
        points,
        question.explanation,
        feedback,
        graded_by,
        needs_review,
        max_points=question.points,
    )


def graded_by_person(
    result: QuestionResult,
    points: int,
    awarded: Decimal,
    feedback: str | None,
    reviewer_id: UUID,
    at: datetime,
) -> QuestionResult:
    """``result`` as a person graded it: ``awarded`` of the question's ``points``; right
    when at least half of them (as a free-text grade)."""
    return QuestionResult(
        result.question_id,
        awarded >= FREE_TEXT_PASS_MARK * points,
        awarded.quantize(POINTS_QUANTUM),
        result.explanation,
        feedback if feedback is not None else result.feedback,
        Grader.INSTRUCTOR,
        False,
        reviewer_id,
        at,
        points,
    )


def unanswered_free_text(question: Question) -> QuestionResult:
    return QuestionResult(
        question.id,
        False,
        Decimal(0).quantize(POINTS_QUANTUM),
        question.explanation,
        max_points=question.points,
    )


def needs_ai(question: Question, answer: Answer | None) -> bool:
    """Whether grading this answer takes the AI grader (an answered free-text question)."""
    return question.kind == QuestionKind.FREE_TEXT and not is_missing(answer)


def outcome(results: Sequence[QuestionResult], max_points: int, passing_score: Decimal) -> Outcome:
    points = sum((result.awarded_points for result in results), Decimal(0))
    score = (points / max_points).quantize(SCORE_QUANTUM, rounding=ROUND_DOWN)
    return Outcome(points.quantize(POINTS_QUANTUM), max_points, score, score >= passing_score)


def results_in_order(
    questions: Sequence[Question], results: Mapping[UUID, QuestionResult]
) -> list[QuestionResult]:
    """The results in the quiz's question order."""
    return [results[question.id] for question in questions]
