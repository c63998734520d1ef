"""Premium: grade any free-text answer against an optional rubric (``POST
/assessments/free-text`` and ``POST /hybrid/llm-assessment``)."""

import re
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from tutor_platform.assessment.application.support.premium_gate import PremiumGate
from tutor_platform.assessment.domain.answers import MAX_FREE_TEXT_LENGTH
from tutor_platform.assessment.domain.authoring import checked_rubric
from tutor_platform.assessment.domain.premium import PremiumFeature
from tutor_platform.assessment.domain.quiz import Rubric
from tutor_platform.assessment.ports.ai import FreeTextGrader, Grade
from tutor_platform.assessment.ports.courses import CourseCatalog
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.validation import FieldChecks

MAX_QUESTION_LENGTH: Final = 5000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True, kw_only=True)
class FreeTextAnswer:
    """``course_id`` ties the call to a course the caller can see (kept with the usage)."""

    question: str
    answer: str
    rubric: Rubric | None = None
    course_id: UUID | None = None


class AssessFreeText:
    """403 for free users; 422 for a blank question or answer, a bad rubric or a course the
    caller cannot see; 429 over the daily quota; 502 when the AI fails (not counted)."""

    def __init__(self, gate: PremiumGate, grader: FreeTextGrader, catalog: CourseCatalog) -> None:
        self._gate = gate
        self._grader = grader
        self._catalog = catalog

    async def execute(self, principal: Principal, request: FreeTextAnswer) -> Grade:
        self._gate.ensure_allowed(principal)
        question = request.question.strip()
        checks = FieldChecks()
        checks.check("question", _text_problem(question, MAX_QUESTION_LENGTH))
        checks.check("answer", _text_problem(request.answer.strip(), MAX_FREE_TEXT_LENGTH))
        rubric = None if request.rubric is None else checked_rubric(request.rubric, checks)
        if request.course_id is not None and not await self._catalog.can_view(
            principal, request.course_id
        ):
            checks.check("course_id", "must be an existing course you can see")
        checks.raise_if_failed()
        return await self._gate.run(
            principal,
            PremiumFeature.LLM_ASSESSMENT,
            lambda: self._grader.grade(question, request.answer, rubric, request.course_id),
            request.course_id,
        )


def _text_problem(text: str, maximum: int) -> str | None:
    if not text:
        return "must not be blank"
    if len(text) > maximum:
        return f"must be at most {maximum} characters"
    if _CONTROL.search(text):
        return "must not contain control characters other than line breaks and tabs"
    return None
