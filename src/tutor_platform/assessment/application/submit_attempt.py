"""A learner submits answers to a quiz: they are checked, graded and stored as one attempt,
and the learner's best score goes to their course progress.

Order: the quiz must be visible and takeable (404/403), the answers valid (422) and an
attempt left (409) before anything is graded; then free-text answers go to the free-text
grader (the offline rules, or the AI: 502 if it fails, nothing stored); then the attempt is
stored under the next attempt number, with its mastery evidence and review cards. The number
is unique per (quiz, user), so of two attempts racing for the last allowed number one is
stored and the other gets 409. A lost race for any other number takes the next one: each loss
means another attempt was stored, so the tries are bounded by the submissions racing, and
without ``max_attempts`` none is refused. The learner's best score over all their attempts is
read in the attempt's transaction and published with its commit (``BestScoreChanged``: it
goes to learning's progress; a failed hand-over is repaired by the next attempt).

Two short units of work, none open while another context is asked: one reads the quiz (and,
when it limits attempts, how many are used), one stores the attempt.
"""

from collections.abc import Mapping
from typing import Final
from uuid import UUID

from tutor_platform.assessment.application.spaced_review import add_cards
from tutor_platform.assessment.application.support.mastery_tracing import record_evidence
from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.domain.answers import checked_answers
from tutor_platform.assessment.domain.attempt import Attempt, ensure_attempt_allowed
from tutor_platform.assessment.domain.errors import AttemptRaced
from tutor_platform.assessment.domain.events import BestScoreChanged
from tutor_platform.assessment.domain.grading import (
    Answer,
    QuestionResult,
    grade_free_text,
    grade_objective,
    is_missing,
    needs_ai,
    outcome,
    unanswered_free_text,
)
from tutor_platform.assessment.domain.mastery import Evidence, attempt_evidence
from tutor_platform.assessment.domain.quiz import Question, QuestionKind, Quiz
from tutor_platform.assessment.ports.ai import FreeTextGrader
from tutor_platform.assessment.ports.scheduler import ReviewScheduler
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id

MAX_NUMBER_TRIES: Final = 50
"""A safety bound: more concurrent submissions of one learner to one quiz than this (the
quiz-submission rate limit allows 10 an hour by default) may get 409."""


class SubmitAttempt:
    def __init__(
        self,
        uow_factory: AssessmentUnitOfWorkFactory,
        access: QuizAccess,
        grader: FreeTextGrader,
        clock: Clock,
        scheduler: ReviewScheduler,
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._grader = grader
        self._clock = clock
        self._scheduler = scheduler

    async def execute(
        self, principal: Principal, quiz_id: UUID, raw_answers: Mapping[str, object]
    ) -> Attempt:
        user_id = principal.user_id
        # No unit of work stays open while the access check asks learning (which takes a
        # connection of its own): concurrent submissions would hold every pooled connection
        # and wait for one more.
        async with self._uow_factory() as uow:
            found = await uow.quizzes.get(quiz_id)
            limited = found is not None and found.max_attempts is not None
            used = await uow.attempts.last_number(quiz_id, user_id) if limited else 0
        quiz = await self._access.takeable(principal, found)
        answers = checked_answers(quiz, raw_answers)
        ensure_attempt_allowed(quiz.max_attempts, used)
        results = [
            await self._grade(question, answers.get(question.id), quiz.course_id)
            for question in quiz.questions
        ]
        return await self._store(quiz, user_id, answers, results)

    async def _grade(
        self, question: Question, answer: Answer | None, course_id: UUID
    ) -> QuestionResult:
        if question.kind != QuestionKind.FREE_TEXT:
            return grade_objective(question, answer)
        if not needs_ai(question, answer):
            return unanswered_free_text(question)
        grade = await self._grader.grade(question.prompt, str(answer), question.rubric, course_id)
        return grade_free_text(
            question,
            grade.score,
            grade.feedback,
            graded_by=grade.graded_by,
            needs_review=grade.needs_review,
        )

    async def _store(
        self,
        quiz: Quiz,
        user_id: UUID,
        answers: Mapping[UUID, Answer],
        results: list[QuestionResult],
    ) -> Attempt:
        totals = outcome(results, quiz.max_points, quiz.passing_score)
        for _ in range(MAX_NUMBER_TRIES):
            async with self._uow_factory() as uow:
                used = await uow.attempts.last_number(quiz.id, user_id)
                ensure_attempt_allowed(quiz.max_attempts, used)
                attempt = Attempt(
                    id=new_id(),
                    quiz_id=quiz.id,
                    user_id=user_id,
                    number=used + 1,
                    answers=dict(answers),
                    results=tuple(results),
                    points=totals.points,
                    max_points=totals.max_points,
                    score=totals.score,
                    passed=totals.passed,
                    completed_at=self._clock.now(),
                )
                if await uow.attempts.add_numbered(attempt):
                    await record_evidence(uow, user_id, quiz.course_id, _evidence(quiz, attempt))
                    await uow.figures.attempt_stored(quiz, attempt)
                    await add_cards(uow, self._scheduler, quiz, attempt)
                    best = await uow.attempts.best_scores(user_id, [quiz.id])
                    score = best.get(quiz.id, attempt.score)
                    uow.record(BestScoreChanged(user_id, quiz.course_id, quiz.id, score))
                    await uow.commit()
                    return attempt
        raise AttemptRaced()


def _evidence(quiz: Quiz, attempt: Attempt) -> list[Evidence]:
    """The answered questions of the attempt, as evidence of their lessons."""
    lessons = {question.id: question.lesson_id for question in quiz.questions}
    answered = [
        (result.question_id, lessons.get(result.question_id), result.correct)
        for result in attempt.results
        if not is_missing(attempt.answers.get(result.question_id))
    ]
    return attempt_evidence(
        attempt.id, attempt.user_id, quiz.course_id, answered, attempt.completed_at, new_id
    )
