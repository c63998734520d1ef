"""The course's instructor or an admin writes a quiz for it."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.domain.authoring import (
    QuestionDraft,
    build_questions,
    check_quiz_fields,
    clean_title,
)
from tutor_platform.assessment.domain.quiz import DEFAULT_PASSING_SCORE, Quiz
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.validation import FieldChecks


@dataclass(frozen=True, slots=True, kw_only=True)
class NewQuiz:
    title: str
    questions: Sequence[QuestionDraft]
    lesson_id: UUID | None = None
    passing_score: Decimal = DEFAULT_PASSING_SCORE
    is_premium: bool = False
    max_attempts: int | None = None


class CreateQuiz:
    """404 for an unknown course, 403 for someone who may not change it, 422 naming every bad
    field (``lesson_id`` must be a lesson of the course)."""

    def __init__(
        self, uow_factory: AssessmentUnitOfWorkFactory, access: QuizAccess, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._clock = clock

    async def execute(self, principal: Principal, course_id: UUID, new: NewQuiz) -> Quiz:
        await self._access.ensure_course_editor(principal, course_id)
        title = clean_title(new.title)
        checks = FieldChecks()
        check_quiz_fields(
            checks, title=title, passing_score=new.passing_score, max_attempts=new.max_attempts
        )
        if new.lesson_id is not None:
            checks.check("lesson_id", await self._access.lesson_problem(course_id, new.lesson_id))
        questions = await self._access.with_lessons(
            course_id, new.lesson_id, build_questions(new.questions, new_id, checks), checks
        )
        checks.raise_if_failed()
        now = self._clock.now()
        quiz = Quiz(
            id=new_id(),
            course_id=course_id,
            lesson_id=new.lesson_id,
            title=title,
            passing_score=new.passing_score,
            is_premium=new.is_premium,
            max_attempts=new.max_attempts,
            questions=questions,
            created_by=principal.user_id,
            created_at=now,
            updated_at=now,
        )
        async with self._uow_factory() as uow:
            await uow.quizzes.add(quiz)
            await uow.commit()
        return quiz
