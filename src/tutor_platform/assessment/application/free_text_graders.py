"""The graders of free-text answers: the offline ``rules`` grader (the default) and the one
that asks the AI provider."""

from tutor_platform.assessment.domain.grading import RULES
from tutor_platform.assessment.domain.quiz import Rubric
from tutor_platform.assessment.domain.rules_grading import grade_by_rules, reference_text
from tutor_platform.assessment.ports.ai import AssessmentAI, Grade, TextSimilarity


class RulesFreeTextGrader:
    """Keywords, similarity to the model answer and the guards of ``domain.rules_grading``.

    Without a rubric the question itself is the reference to compare with."""

    def __init__(self, similarity: TextSimilarity) -> None:
        self._similarity = similarity

    async def grade(self, question: str, answer: str, rubric: Rubric | None) -> Grade:
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
            graded_by=RULES,
            needs_review=graded.needs_review,
        )


class AiFreeTextGrader:
    """The AI provider's grade (``graded_by: ai``)."""

    def __init__(self, ai: AssessmentAI) -> None:
        self._ai = ai

    async def grade(self, question: str, answer: str, rubric: Rubric | None) -> Grade:
        return await self._ai.grade(question, answer, rubric)
