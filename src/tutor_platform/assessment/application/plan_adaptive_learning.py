"""Premium: an ordered learning path through a course (``POST /hybrid/adaptive-learning``).

The path itself is ``domain.learning_path`` (deterministic); the AI only writes a summary of
it, from the path and the first lessons on it.
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
from tutor_platform.assessment.domain.learning_path import (
    REVIEW,
    PathLesson,
    PathStep,
    QuizStanding,
    learning_path,
)
from tutor_platform.assessment.domain.premium import ADAPTIVE_LEARNING
from tutor_platform.assessment.ports.ai import AssessmentAI, Passage
from tutor_platform.assessment.ports.courses import CourseCatalog, CourseFacts, LearnerProgress
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal

LESSONS_FOR_SUMMARY: Final = 2


@dataclass(frozen=True, slots=True)
class AdaptivePath:
    course_id: UUID
    summary: str
    steps: list[PathStep]
    completed_lessons: int
    total_lessons: int


class PlanAdaptiveLearning:
    """403 for free users; 422 when the course is unknown or hidden from the caller; 429 over
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

    async def execute(self, principal: Principal, course_id: UUID) -> AdaptivePath:
        self._gate.ensure_allowed(principal)
        course = await visible_course(self._catalog, principal, course_id)
        lessons = [
            PathLesson(lesson.id, lesson.title)
            for section in await self._catalog.sections(course_id)
            for lesson in section.lessons
        ]
        completed = await self._progress.completed_lessons(principal.user_id, course_id)
        standings = await self._standings(principal, course_id)
        steps = learning_path(lessons, completed, standings)
        done = sum(1 for lesson in lessons if lesson.id in completed)

        async def summary() -> str:
            return await self._summary(course, steps)

        text = await self._gate.run(principal, ADAPTIVE_LEARNING, summary, course_id)
        return AdaptivePath(course_id, text, steps, done, len(lessons))

    async def _standings(self, principal: Principal, course_id: UUID) -> list[QuizStanding]:
        async with self._uow_factory() as uow:
            quizzes = await uow.quizzes.all_of_course(course_id)
            best = await uow.attempts.best_scores(principal.user_id, [q.id for q in quizzes])
        return [
            QuizStanding(quiz.id, quiz.title, quiz.lesson_id, best.get(quiz.id), quiz.passing_score)
            for quiz in quizzes
        ]

    async def _summary(self, course: CourseFacts, steps: list[PathStep]) -> str:
        if steps:
            plan = numbered(
                [
                    f"{'Review' if step.action == REVIEW else 'Take'} \u201c{step.title}\u201d: "
                    f"{step.reason}"
                    for step in steps
                ]
            )
        else:
            plan = "You have completed every lesson of the course and passed its quizzes."
        notes = Passage("Your learning path", plan)
        lessons = await lesson_passages(
            self._catalog, [step.lesson_id for step in steps[:LESSONS_FOR_SUMMARY]]
        )
        instruction = (
            f"Write a short, encouraging summary of this learning path through the course "
            f"\u201c{course.title}\u201d, saying what to do first and why: {plan}"
        )
        return await self._ai.write(instruction, [notes, *lessons])
