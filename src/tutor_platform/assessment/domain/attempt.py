"""Attempts at a quiz and the limit on how many a learner may make.

A learner's attempts at a quiz are numbered 1, 2, 3, …; the pair (quiz, user, number) is
unique in storage, so two attempts submitted at the same moment cannot both take the last
allowed number. An attempt keeps the answers and results as they were graded, so editing
the quiz later does not change past attempts.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from tutor_platform.assessment.domain.errors import AttemptsExhausted
from tutor_platform.assessment.domain.grading import (
    Answer,
    AttemptStatus,
    QuestionResult,
    attempt_status,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Attempt:
    id: UUID
    quiz_id: UUID
    user_id: UUID
    number: int
    answers: Mapping[UUID, Answer]
    results: tuple[QuestionResult, ...]
    points: Decimal
    max_points: int
    score: Decimal
    passed: bool
    completed_at: datetime

    @property
    def status(self) -> AttemptStatus:
        """``needs_review`` while a result awaits a person, else ``graded``."""
        return attempt_status(self.results)


def ensure_attempt_allowed(max_attempts: int | None, used: int) -> None:
    """``AttemptsExhausted`` (409) when ``used`` attempts leave none."""
    if max_attempts is not None and used >= max_attempts:
        raise AttemptsExhausted()
