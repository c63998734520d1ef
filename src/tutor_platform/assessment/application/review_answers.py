"""Review by people: the queue of a quiz's answers that need a person's grade, and the grade.

Both are for the quiz's course's instructor and admins (403 for others who see the course,
404 for those who do not). Grading replaces the answer's result and recomputes the attempt's
score, ``passed`` and ``status`` in one transaction that holds the attempt's lock, so two
people grading at once both land in turn (the last one's grade stands) and the totals always
match the results. The commit publishes the learner's best score at the quiz
(``BestScoreChanged``, replacing the kept one even when lower): it goes to their progress.
"""

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from tutor_platform.assessment.application.support.mastery_tracing import regrade_evidence
from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.errors import AttemptNotFound, ResultNotFound
from tutor_platform.assessment.domain.events import BestScoreChanged
from tutor_platform.assessment.domain.review import (
    ReviewItem,
    feedback_problem,
    points_problem,
    regraded,
    review_items,
)
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.pagination import Page, PageRequest
from tutor_platform.shared.validation import FieldChecks


class ListReviewQueue:
    def __init__(self, uow_factory: AssessmentUnitOfWorkFactory, access: QuizAccess) -> None:
        self._uow_factory = uow_factory
        self._access = access

    async def execute(
        self, principal: Principal, quiz_id: UUID, page: PageRequest
    ) -> Page[ReviewItem]:
        """The answers that need review, oldest attempt first."""
        async with self._uow_factory() as uow:
            found = await uow.quizzes.get(quiz_id)
        quiz = await self._access.authoring_view(principal, found)
        async with self._uow_factory() as uow:
            attempts = await uow.attempts.awaiting_review(quiz.id)
        prompts = {q.id: (q.prompt, q.points) for q in quiz.questions}
        items = [item for attempt in attempts for item in review_items(attempt, prompts)]
        return Page(
            items[page.offset : page.offset + page.limit], len(items), page.limit, page.offset
        )


@dataclass(frozen=True, slots=True)
class PersonsGrade:
    awarded_points: Decimal
    feedback: str | None = None


class GradeAnswer:
    def __init__(
        self,
        uow_factory: AssessmentUnitOfWorkFactory,
        access: QuizAccess,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._clock = clock

    async def execute(
        self, principal: Principal, attempt_id: UUID, question_id: UUID, grade: PersonsGrade
    ) -> Attempt:
        """404 for an unknown attempt (or one whose course the caller does not see) and a
        question it did not have; 403 unless the caller edits the course; 422 for points
        out of 0..the question's points or feedback too long."""
        # Rights are checked (asking learning) before the transaction that locks the attempt,
        # which then reads the attempt and its quiz again.
        async with self._uow_factory() as uow:
            seen = await uow.attempts.get(attempt_id)
            found = None if seen is None else await uow.quizzes.get(seen.quiz_id)
        if seen is None:
            raise AttemptNotFound()
        await self._access.authoring_view(principal, found)
        async with self._uow_factory() as uow:
            attempt = await uow.attempts.lock(attempt_id)
            quiz = None if attempt is None else await uow.quizzes.get(attempt.quiz_id)
            if attempt is None or quiz is None:
                raise AttemptNotFound()
            result = next((r for r in attempt.results if r.question_id == question_id), None)
            if result is None:
                raise ResultNotFound()
            current = quiz.question(question_id)
            max_points = result.max_points or (current.points if current else 0)
            checks = FieldChecks()
            checks.check("awarded_points", points_problem(grade.awarded_points, max_points))
            checks.check("feedback", feedback_problem(grade.feedback))
            checks.raise_if_failed()
            now = self._clock.now()
            changed = regraded(
                attempt,
                question_id,
                max_points,
                grade.awarded_points,
                grade.feedback,
                principal.user_id,
                now,
                quiz.passing_score,
            )
            await uow.attempts.update_grades(changed)
            await uow.figures.attempt_regraded(quiz, attempt, changed, now)
            regraded_result = next(r for r in changed.results if r.question_id == question_id)
            if regraded_result.correct != result.correct:
                await regrade_evidence(
                    uow,
                    changed.user_id,
                    quiz.course_id,
                    changed.id,
                    question_id,
                    regraded_result.correct,
                )
            best = await uow.attempts.best_scores(changed.user_id, [quiz.id])
            uow.record(
                BestScoreChanged(changed.user_id, quiz.course_id, quiz.id, best[quiz.id], True)
            )
            await uow.commit()
        return changed
