"""``AssessmentAI`` over the AI capability's facade (the default provider)."""

from collections.abc import Sequence
from uuid import UUID

from tutor_platform.ai.api import AiFacade, CoursePassage, UngradableAnswer
from tutor_platform.assessment.domain.quiz import Rubric
from tutor_platform.assessment.ports.ai import Grade, NoUsableGrade, Passage


class FacadeAssessmentAI:
    def __init__(self, ai: AiFacade) -> None:
        self._ai = ai

    async def grade(
        self, question: str, answer: str, rubric: Rubric | None, course_id: UUID | None = None
    ) -> Grade:
        keywords = () if rubric is None else rubric.keywords
        guidance = "" if rubric is None else rubric.guidance
        if rubric is not None and rubric.model_answer:
            guidance = "\n".join(
                part for part in (guidance, f"A full-marks answer: {rubric.model_answer}") if part
            )
        try:
            grade = await self._ai.grade_free_text(question, answer, keywords, guidance, course_id)
        except UngradableAnswer as exc:
            raise NoUsableGrade(str(exc)) from exc
        return Grade(grade.score, grade.feedback, tuple(grade.strengths), tuple(grade.improvements))

    async def write(
        self, instruction: str, material: Sequence[Passage], course_id: UUID | None = None
    ) -> str:
        passages = [
            CoursePassage(passage.lesson_id, passage.title, passage.text, passage.heading)
            for passage in material
        ]
        reply = await self._ai.generate_text(
            instruction, material=passages, feature="learning_path", course_id=course_id
        )
        return reply.content
