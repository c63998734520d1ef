"""The AI that grades free text and writes the wording of the premium features, the grader
of free-text answers, and the similarity in meaning of two texts.

The AI's methods raise ``UpstreamFailed`` (502) when the provider fails after its retries.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from tutor_platform.assessment.domain.grading import Grader
from tutor_platform.assessment.domain.quiz import Rubric


@dataclass(frozen=True, slots=True)
class Grade:
    """``score`` from 0 to 1, and why; ``graded_by`` ``ai`` or ``rules``; ``needs_review``
    when the grader was not sure and a person should look."""

    score: float
    feedback: str
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    graded_by: Grader = Grader.AI
    needs_review: bool = False


@dataclass(frozen=True, slots=True)
class Passage:
    """Material the text is written from: a lesson or a passage of one (``lesson_id``,
    ``heading`` its section) or notes (None)."""

    title: str
    text: str
    lesson_id: UUID | None = None
    heading: str | None = None


class NoUsableGrade(Exception):
    """The AI answered twice without a valid grade (the provider itself is up)."""


class AssessmentAI(Protocol):
    async def grade(
        self, question: str, answer: str, rubric: Rubric | None, course_id: UUID | None = None
    ) -> Grade:
        """Grade ``answer`` against the rubric (against the question when there is none);
        ``NoUsableGrade`` when the provider's replies did not validate, even once retried."""
        ...

    async def write(
        self, instruction: str, material: Sequence[Passage], course_id: UUID | None = None
    ) -> str:
        """A text following ``instruction``, written from ``material`` (the AI call is
        counted for ``course_id``)."""
        ...


class FreeTextGrader(Protocol):
    """Grades free-text answers: the offline rules, or a remote AI provider."""

    async def grade(
        self, question: str, answer: str, rubric: Rubric | None, course_id: UUID | None = None
    ) -> Grade: ...


class TextSimilarity(Protocol):
    async def similarity(self, text: str, reference: str) -> float:
        """How close ``text`` is in meaning to ``reference``: a cosine from -1 to 1."""
        ...
