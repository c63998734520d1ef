"""The graders of free-text answers: the offline ``rules`` grader (the default) and the one
that asks the AI provider."""

from dataclasses import replace
from uuid import UUID

from tutor_platform.assessment.domain.grading import Grader
from tutor_platform.assessment.domain.quiz import Rubric
from tutor_platform.assessment.domain.rules_grading import grade_by_rules, reference_text
from tutor_platform.assessment.ports.ai import (
    AssessmentAI,
    FreeTextGrader,
    Grade,
    NoUsableGrade,
    TextSimilarity,
)


class RulesFreeTextGrader:
    """Keywords, similarity to the model answer and the guards of ``domain.rules_grading``.

    Without a rubric the question itself is the reference to compare with."""

    def __init__(self, similarity: TextSimilarity) -> None:
        self._similarity = similarity

    async def grade(
        self, question: str, answer: str, rubric: Rubric | None, course_id: UUID | None = None
    ) -> Grade:
        rubric = rubric or Rubric(guidance=question)
        reference = reference_text(rubric)
        similarity = None
        if answer.strip() and reference:
            similarity = await self._similarity.similarity(answer, reference)
        graded = grade_by_rules(answer, rubric, similarity)
        return Grade(
            graded.score,
            graded.feedback,
            graded.strengths,
            graded.improvements,
            graded_by=Grader.RULES,
            needs_review=graded.needs_review,
        )


class AiFreeTextGrader:
    """The AI provider's grade (``graded_by: ai``). When the provider's replies do not
    validate even once retried, the answer is left ``needs_review`` with the ``fallback``
    grader's provisional grade (the rules); an outage stays an error (502)."""

    def __init__(self, ai: AssessmentAI, fallback: FreeTextGrader | None = None) -> None:
        self._ai = ai
        self._fallback = fallback

    async def grade(
        self, question: str, answer: str, rubric: Rubric | None, course_id: UUID | None = None
    ) -> Grade:
        try:
            return await self._ai.grade(question, answer, rubric, course_id)
        except NoUsableGrade:
            if self._fallback is None:
                return Grade(0.0, _UNGRADED, (), (), graded_by=Grader.AI, needs_review=True)
            provisional = await self._fallback.grade(question, answer, rubric)
            return replace(
                provisional,
                feedback=f"{_UNGRADED} {provisional.feedback}",
                needs_review=True,
            )


_UNGRADED = "The AI grader gave no usable grade, so a teacher will grade this answer."
