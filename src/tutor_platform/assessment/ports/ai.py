"""The AI that grades free text and writes the wording of the premium features.

Both methods raise ``UpstreamFailed`` (502) when the provider fails after its retries.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from tutor_platform.assessment.domain.quiz import Rubric


@dataclass(frozen=True, slots=True)
class Grade:
    """``score`` from 0 to 1, and why."""

    score: float
    feedback: str
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Passage:
    """Material the text is written from: a lesson or a passage of one (``lesson_id``,
    ``heading`` its section) or notes (None)."""

    title: str
    text: str
    lesson_id: UUID | None = None
    heading: str | None = None


class AssessmentAI(Protocol):
    async def grade(self, question: str, answer: str, rubric: Rubric | None) -> Grade:
        """Grade ``answer`` against the rubric (against the question when there is none)."""
        ...

    async def write(self, instruction: str, material: Sequence[Passage]) -> str:
        """A text following ``instruction``, written from ``material``."""
        ...
