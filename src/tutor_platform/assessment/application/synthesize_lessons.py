"""Premium: connections across lessons of a course, written by the AI from their text
(``POST /hybrid/synthesis``)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from tutor_platform.assessment.application.material import excerpt, visible_course
from tutor_platform.assessment.application.premium_gate import PremiumGate
from tutor_platform.assessment.domain.premium import SYNTHESIS
from tutor_platform.assessment.ports.ai import AssessmentAI, Passage
from tutor_platform.assessment.ports.courses import CourseCatalog, LessonFacts
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.validation import FieldChecks

MIN_LESSONS: Final = 2
MAX_LESSONS: Final = 10


@dataclass(frozen=True, slots=True)
class Synthesis:
    course_id: UUID
    lessons: list[LessonFacts]
    connections: str


class SynthesizeLessons:
    """403 for free users; 422 when the course is hidden, or the lessons are not 2 to 10
    distinct lessons of it; 429 over the daily quota; 502 when the AI fails (not counted).
    Callers may use premium features, so they may read premium lessons too."""

    def __init__(self, gate: PremiumGate, catalog: CourseCatalog, ai: AssessmentAI) -> None:
        self._gate = gate
        self._catalog = catalog
        self._ai = ai

    async def execute(
        self, principal: Principal, course_id: UUID, lesson_ids: Sequence[UUID]
    ) -> Synthesis:
        self._gate.ensure_allowed(principal)
        course = await visible_course(self._catalog, principal, course_id)
        lessons = await self._lessons(course_id, lesson_ids)
        titles = ", ".join(f"\u201c{lesson.title}\u201d" for lesson in lessons)
        instruction = (
            f"Write an overview of how the lessons {titles} of the course "
            f"\u201c{course.title}\u201d connect: the ideas they share, how one builds on "
            "another, and one exercise that uses them together."
        )
        material = [Passage(lesson.title, excerpt(lesson.content), lesson.id) for lesson in lessons]

        async def connections() -> str:
            return await self._ai.write(instruction, material)

        text = await self._gate.run(principal, SYNTHESIS, connections, course_id)
        return Synthesis(course_id, lessons, text)

    async def _lessons(self, course_id: UUID, lesson_ids: Sequence[UUID]) -> list[LessonFacts]:
        checks = FieldChecks()
        if not MIN_LESSONS <= len(lesson_ids) <= MAX_LESSONS:
            checks.check("lesson_ids", f"must hold {MIN_LESSONS} to {MAX_LESSONS} lesson ids")
        if len(set(lesson_ids)) != len(lesson_ids):
            checks.check("lesson_ids", "must not repeat a lesson")
        lessons = []
        for index, lesson_id in enumerate(lesson_ids):
            lesson = await self._catalog.lesson(lesson_id)
            if lesson is None or lesson.course_id != course_id:
                checks.check(f"lesson_ids[{index}]", "must be a lesson of the course")
            else:
                lessons.append(lesson)
        checks.raise_if_failed()
        return lessons
