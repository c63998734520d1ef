"""``AssessmentAI`` over the tutoring context's facade (the default AI provider)."""

from collections.abc import Sequence
from uuid import UUID

from tutor_platform.assessment.domain.quiz import Rubric
from tutor_platform.assessment.ports.ai import Grade, Passage
from tutor_platform.tutoring.api import CoursePassage, TutoringFacade

NOTES_ID = UUID(int=0)
"""The lesson id given to material that is not a lesson (a plan, a path): the nil UUID."""


class TutoringAssessmentAI:
    def __init__(self, tutoring: TutoringFacade) -> None:
        self._tutoring = tutoring

    async def grade(self, question: str, answer: str, rubric: Rubric | None) -> Grade:
        keywords = () if rubric is None else rubric.keywords
        guidance = "" if rubric is None else rubric.guidance
        grade = await self._tutoring.grade_free_text(question, answer, keywords, guidance)
        return Grade(grade.score, grade.feedback, tuple(grade.strengths), tuple(grade.improvements))

    async def write(self, instruction: str, material: Sequence[Passage]) -> str:
        passages = [
            CoursePassage(passage.lesson_id or NOTES_ID, passage.title, passage.text)
            for passage in material
        ]
        reply = await self._tutoring.generate_text(instruction, material=passages)
        return reply.content
