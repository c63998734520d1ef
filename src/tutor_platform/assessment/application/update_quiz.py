"""The course's instructor or an admin changes a quiz; new questions replace all the old
ones (past attempts keep what they were graded against)."""

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
from tutor_platform.assessment.domain.errors import QuizNotFound
from tutor_platform.assessment.domain.quiz import Question, Quiz
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.validation import FieldChecks


@dataclass(frozen=True, slots=True, kw_only=True)
class QuizChanges:
    """``None`` leaves a field as it is; ``detach_lesson`` and ``unlimited_attempts`` set
    ``lesson_id`` and ``max_attempts`` to null."""

    title: str | None = None
    lesson_id: UUID | None = None
    detach_lesson: bool = False
    passing_score: Decimal | None = None
    is_premium: bool | None = None
    max_attempts: int | None = None
    unlimited_attempts: bool = False
    questions: Sequence[QuestionDraft] | None = None


class UpdateQuiz:
    def __init__(
        self, uow_factory: AssessmentUnitOfWorkFactory, access: QuizAccess, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._clock = clock

    async def execute(self, principal: Principal, quiz_id: UUID, changes: QuizChanges) -> Quiz:
        # The checks ask learning (rights, lessons) with no unit of work open; the change is
        # applied to the quiz as stored when it is written.
        async with self._uow_factory() as uow:
            found = await uow.quizzes.get(quiz_id)
        checked = await self._access.editable(principal, found)
        title = None if changes.title is None else clean_title(changes.title)
        checks = FieldChecks()
        check_quiz_fields(
            checks,
            title=title,
            passing_score=changes.passing_score,
            max_attempts=changes.max_attempts,
        )
        if changes.lesson_id is not None:
            problem = await self._access.lesson_problem(checked.course_id, changes.lesson_id)
            checks.check("lesson_id", problem)
        questions = None
        if changes.questions is not None:
            quiz_lesson = None if changes.detach_lesson else changes.lesson_id or checked.lesson_id
            questions = await self._access.with_lessons(
                checked.course_id,
                quiz_lesson,
                build_questions(changes.questions, new_id, checks),
                checks,
            )
        checks.raise_if_failed()
        async with self._uow_factory() as uow:
            quiz = await uow.quizzes.get(quiz_id)
            if quiz is None:
                raise QuizNotFound()
            _apply(quiz, changes, title, questions)
            quiz.updated_at = self._clock.now()
            await uow.quizzes.update(quiz)
            await uow.commit()
        return quiz


def _apply(
    quiz: Quiz,
    changes: QuizChanges,
    title: str | None,
    questions: tuple[Question, ...] | None,
) -> None:
    if title is not None:
        quiz.title = title
    if changes.detach_lesson:
        quiz.lesson_id = None
    elif changes.lesson_id is not None:
        quiz.lesson_id = changes.lesson_id
    if changes.passing_score is not None:
        quiz.passing_score = changes.passing_score
    if changes.is_premium is not None:
        quiz.is_premium = changes.is_premium
    if changes.unlimited_attempts:
        quiz.max_attempts = None
    elif changes.max_attempts is not None:
        quiz.max_attempts = changes.max_attempts
    if questions is not None:
        quiz.questions = questions
