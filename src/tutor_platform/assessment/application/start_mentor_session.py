"""Premium: a multi-step mentor plan towards a goal (``POST /hybrid/mentor-session``).

The steps are ``domain.mentor`` (deterministic, from the course outline and the learner's
completions when a course is given); the AI writes advice on top of them.
"""

from dataclasses import dataclass
from typing import Final
from uuid import UUID

from tutor_platform.assessment.application.material import (
    lesson_passages,
    numbered,
    visible_course,
)
from tutor_platform.assessment.application.premium_gate import PremiumGate
from tutor_platform.assessment.domain.learning_path import PathLesson
from tutor_platform.assessment.domain.mentor import (
    MentorSection,
    MentorStep,
    goal_problem,
    mentor_plan,
)
from tutor_platform.assessment.domain.premium import MENTOR_SESSION
from tutor_platform.assessment.ports.ai import AssessmentAI, Passage
from tutor_platform.assessment.ports.courses import CourseCatalog, LearnerProgress
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.validation import FieldChecks

LESSONS_FOR_ADVICE: Final = 2


@dataclass(frozen=True, slots=True)
class MentorPlan:
    goal: str
    course_id: UUID | None
    steps: list[MentorStep]
    advice: str


class StartMentorSession:
    """403 for free users; 422 for a blank goal or a course the caller cannot see; 429 over
    the daily quota; 502 when the AI fails (not counted)."""

    def __init__(
        self,
        gate: PremiumGate,
        catalog: CourseCatalog,
        progress: LearnerProgress,
        uow_factory: AssessmentUnitOfWorkFactory,
        ai: AssessmentAI,
    ) -> None:
        self._gate = gate
        self._catalog = catalog
        self._progress = progress
        self._uow_factory = uow_factory
        self._ai = ai

    async def execute(self, principal: Principal, goal: str, course_id: UUID | None) -> MentorPlan:
        self._gate.ensure_allowed(principal)
        goal = goal.strip()
        checks = FieldChecks()
        checks.check("goal", goal_problem(goal))
        checks.raise_if_failed()
        if course_id is None:
            steps = mentor_plan(goal, None)
        else:
            steps = await self._course_plan(principal, goal, course_id)

        async def advice() -> str:
            return await self._advice(goal, steps)

        text = await self._gate.run(principal, MENTOR_SESSION, advice, course_id)
        return MentorPlan(goal, course_id, steps, text)

    async def _course_plan(
        self, principal: Principal, goal: str, course_id: UUID
    ) -> list[MentorStep]:
        await visible_course(self._catalog, principal, course_id)
        sections = [
            MentorSection(
                section.title,
                tuple(PathLesson(lesson.id, lesson.title) for lesson in section.lessons),
            )
            for section in await self._catalog.sections(course_id)
        ]
        completed = await self._progress.completed_lessons(principal.user_id, course_id)
        async with self._uow_factory() as uow:
            quizzes = await uow.quizzes.all_of_course(course_id)
        return mentor_plan(goal, sections, completed, [quiz.title for quiz in quizzes])

    async def _advice(self, goal: str, steps: list[MentorStep]) -> str:
        plan = numbered([f"{step.title}: {step.detail}" for step in steps])
        lesson_ids = [lesson_id for step in steps for lesson_id in step.lesson_ids]
        lessons = await lesson_passages(self._catalog, lesson_ids[:LESSONS_FOR_ADVICE])
        instruction = (
            f"Write a short overview of this mentor plan for the goal \u201c{goal}\u201d, "
            f"encouraging the learner and saying where to start: {plan}"
        )
        return await self._ai.write(instruction, [Passage("Your plan", plan), *lessons])
