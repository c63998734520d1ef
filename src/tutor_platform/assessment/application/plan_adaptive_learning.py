"""Premium: an ordered learning path through a course (``POST /hybrid/adaptive-learning``).

The path itself is ``domain.learning_path`` (deterministic), built on what assessment knows of
the learner: the questions they missed in their latest attempt at each quiz (each behind its
own lesson), their review cards due today (their time zone, as ``GET /review/due``), their
mastery per lesson and their completed lessons. The AI only writes a summary of it, from the
path and the first lessons on it: the offline ``local`` writer from their sentences, a remote
provider in its own words.

Learning (outline, completions) and identity (time zone) are asked before the one unit of work
that reads assessment's own tables, so no connection is held while another context is asked.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Final
from uuid import UUID

from tutor_platform.assessment.application.support.mastery_tracing import course_mastery
from tutor_platform.assessment.application.support.material import (
    lesson_passages,
    numbered,
    visible_course,
)
from tutor_platform.assessment.application.support.premium_gate import PremiumGate
from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.cards import end_of_local_day, zone_of
from tutor_platform.assessment.domain.learning_path import (
    LearnerStanding,
    MissedQuestion,
    PathLesson,
    PathStep,
    learning_path,
)
from tutor_platform.assessment.domain.mastery import CourseBkt
from tutor_platform.assessment.domain.premium import PremiumFeature
from tutor_platform.assessment.domain.quiz import Quiz
from tutor_platform.assessment.ports.accounts import UserDirectory
from tutor_platform.assessment.ports.ai import AssessmentAI, Passage
from tutor_platform.assessment.ports.courses import CourseCatalog, CourseFacts, LearnerProgress
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock

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
        users: UserDirectory,
        clock: Clock,
    ) -> None:
        self._gate = gate
        self._catalog = catalog
        self._progress = progress
        self._uow_factory = uow_factory
        self._ai = ai
        self._users = users
        self._clock = clock

    async def execute(self, principal: Principal, course_id: UUID) -> AdaptivePath:
        self._gate.ensure_allowed(principal)
        course = await visible_course(self._catalog, principal, course_id)
        lessons = [
            PathLesson(lesson.id, lesson.title)
            for section in await self._catalog.sections(course_id)
            for lesson in section.lessons
        ]
        completed = await self._progress.completed_lessons(principal.user_id, course_id)
        zone = zone_of(await self._users.timezone_of(principal.user_id))
        until = end_of_local_day(self._clock.now(), zone)
        standing, bkt = await self._standing(principal.user_id, course_id, until, completed)
        steps = learning_path(lessons, standing, bkt.parameters)
        done = sum(1 for lesson in lessons if lesson.id in completed)

        async def summary() -> str:
            return await self._summary(course, steps)

        text = await self._gate.run(principal, PremiumFeature.ADAPTIVE_LEARNING, summary, course_id)
        return AdaptivePath(course_id, text, steps, done, len(lessons))

    async def _standing(
        self, user_id: UUID, course_id: UUID, until: datetime, completed: set[UUID]
    ) -> tuple[LearnerStanding, CourseBkt]:
        async with self._uow_factory() as uow:
            quizzes = await uow.quizzes.all_of_course(course_id)
            latest = await uow.attempts.latest(user_id, [quiz.id for quiz in quizzes])
            wrong = {r.question_id for a in latest for r in a.results if not r.correct}
            right_since = await uow.mastery.right_in_review(user_id, wrong)
            due = await uow.cards.due_per_lesson(user_id, until, course_id)
            bkt, mastery = await course_mastery(uow, user_id, course_id)
        standing = LearnerStanding(
            missed=_missed(quizzes, latest, right_since),
            due_cards=due,
            mastery=mastery,
            tested={
                question.lesson_id
                for quiz in quizzes
                for question in quiz.questions
                if question.lesson_id is not None
            },
            completed=completed,
        )
        return standing, bkt

    async def _summary(self, course: CourseFacts, steps: list[PathStep]) -> str:
        if steps:
            plan = numbered([f"\u201c{step.title}\u201d: {step.reason}" for step in steps])
        else:
            plan = (
                "You have mastered every lesson the course's questions test, completed the "
                "others, and have no review due today."
            )
        notes = Passage("Your learning path", plan)
        lessons = await lesson_passages(
            self._catalog, [step.lesson_id for step in steps[:LESSONS_FOR_SUMMARY]]
        )
        instruction = (
            f"Write a short, encouraging summary of this learning path through the course "
            f"\u201c{course.title}\u201d, saying what to do first and why: {plan}"
        )
        return await self._ai.write(instruction, [notes, *lessons], course.id)


def _missed(
    quizzes: list[Quiz], latest: list[Attempt], right_since: dict[UUID, datetime]
) -> list[MissedQuestion]:
    """The questions answered wrong (or left out) in the latest attempt at each quiz, in quiz
    and question order, unless answered right in review since; questions that test no lesson
    or are no longer in their quiz are left out."""
    by_quiz = {attempt.quiz_id: attempt for attempt in latest}
    missed = []
    for quiz in quizzes:
        attempt = by_quiz.get(quiz.id)
        if attempt is None:
            continue
        wrong = {result.question_id for result in attempt.results if not result.correct}
        for question in quiz.questions:
            if question.id not in wrong or question.lesson_id is None:
                continue
            reviewed = right_since.get(question.id)
            if reviewed is not None and reviewed > attempt.completed_at:
                continue
            missed.append(
                MissedQuestion(question.id, question.lesson_id, question.prompt, quiz.title)
            )
    return missed
