"""Review by people: the answers waiting for a person, and a person's grade of one.

A grade is ``awarded_points`` from 0 to the question's points with at most 2 decimal places,
and optional feedback (at most 5,000 characters). It replaces the result of that question
(``graded_by: instructor``, who and when), and the attempt's points, score, ``passed`` (against
the quiz's passing score now) and ``status`` are recomputed from all its results.
"""

import re
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Final
from uuid import UUID

from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.grading import (
    Answer,
    QuestionResult,
    graded_by_person,
    outcome,
)

MAX_REVIEW_FEEDBACK_LENGTH: Final = 5000
POINTS_PLACES: Final = 2
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewItem:
    """One answer waiting for a person; ``prompt`` None when the quiz's questions were
    replaced since."""

    attempt_id: UUID
    user_id: UUID
    question_id: UUID
    prompt: str | None
    answer: Answer | None
    result: QuestionResult
    max_points: int | None
    completed_at: datetime


def review_items(attempt: Attempt, prompts: dict[UUID, tuple[str, int]]) -> list[ReviewItem]:
    """The answers of ``attempt`` that need review; ``prompts`` maps the quiz's current
    questions to their prompt and points."""
    items = []
    for result in attempt.results:
        if not result.needs_review:
            continue
        prompt, points = prompts.get(result.question_id, (None, None))
        items.append(
            ReviewItem(
                attempt_id=attempt.id,
                user_id=attempt.user_id,
                question_id=result.question_id,
                prompt=prompt,
                answer=attempt.answers.get(result.question_id),
                result=result,
                max_points=result.max_points if result.max_points is not None else points,
                completed_at=attempt.completed_at,
            )
        )
    return items


def points_problem(awarded: Decimal, max_points: int) -> str | None:
    if not awarded.is_finite() or awarded < 0 or awarded > max_points:
        return f"must be between 0 and {max_points}, the question's points"
    exponent = awarded.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -POINTS_PLACES:
        return f"must have at most {POINTS_PLACES} decimal places"
    return None


def feedback_problem(feedback: str | None) -> str | None:
    if feedback is None:
        return None
    if len(feedback) > MAX_REVIEW_FEEDBACK_LENGTH:
        return f"must be at most {MAX_REVIEW_FEEDBACK_LENGTH} characters"
    if _CONTROL.search(feedback):
        return "must not contain control characters other than line breaks and tabs"
    return None


def regraded(
    attempt: Attempt,
    question_id: UUID,
    max_points: int,
    awarded: Decimal,
    feedback: str | None,
    reviewer_id: UUID,
    at: datetime,
    passing_score: Decimal,
) -> Attempt:
    """The attempt with a person's grade of one question and its totals recomputed."""
    results = tuple(
        graded_by_person(result, max_points, awarded, feedback, reviewer_id, at)
        if result.question_id == question_id
        else result
        for result in attempt.results
    )
    totals = outcome(results, attempt.max_points, passing_score)
    return replace(
        attempt, results=results, points=totals.points, score=totals.score, passed=totals.passed
    )
