"""Spaced review: cards made from answered questions, the cards due today, and answering one.

A card is made (and reviewed once) in the transaction that stores the learner's first attempt
at its question. ``GET /review/due`` shows the cards due up to the end of the learner's local
day, each with its question as a learner sees it; answering one grades the answer like an
attempt's (free text by the free-text grader), rates it from correctness and the time taken,
reschedules the card and adds the answer to the lesson's mastery evidence, in one
transaction. A card is only ever its learner's: anyone else gets 404.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from uuid import UUID

from tutor_platform.assessment.application.support.mastery_tracing import record_evidence
from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.domain.answers import checked_answer
from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.cards import (
    ReviewCard,
    end_of_local_day,
    rating,
    zone_of,
)
from tutor_platform.assessment.domain.errors import CardNotFound
from tutor_platform.assessment.domain.grading import (
    Answer,
    QuestionResult,
    grade_free_text,
    grade_objective,
    is_missing,
)
from tutor_platform.assessment.domain.mastery import Evidence, EvidenceSource
from tutor_platform.assessment.domain.quiz import Question, QuestionKind, Quiz
from tutor_platform.assessment.ports.accounts import UserDirectory
from tutor_platform.assessment.ports.ai import FreeTextGrader
from tutor_platform.assessment.ports.scheduler import ReviewScheduler
from tutor_platform.assessment.ports.unit_of_work import (
    AssessmentUnitOfWork,
    AssessmentUnitOfWorkFactory,
)
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id


async def add_cards(
    uow: AssessmentUnitOfWork, scheduler: ReviewScheduler, quiz: Quiz, attempt: Attempt
) -> None:
    """Cards for the attempt's answered questions the learner has none for yet."""
    cards = []
    for result in attempt.results:
        question = quiz.question(result.question_id)
        if question is None or is_missing(attempt.answers.get(result.question_id)):
            continue
        first = scheduler.first_review(
            rating(question.kind, result.correct, None), attempt.completed_at
        )
        cards.append(
            ReviewCard(
                id=new_id(),
                user_id=attempt.user_id,
                course_id=quiz.course_id,
                quiz_id=quiz.id,
                question_id=question.id,
                lesson_id=question.lesson_id,
                schedule=first.schedule,
                due_at=first.due_at,
                last_reviewed_at=attempt.completed_at,
                reviews=1,
                created_at=attempt.completed_at,
            )
        )
    await uow.cards.add_new(cards)


@dataclass(frozen=True, slots=True)
class DueCard:
    card: ReviewCard
    question: Question


@dataclass(frozen=True, slots=True)
class DueCards:
    items: list[DueCard]
    total: int
    until: datetime


class ListDueCards:
    def __init__(
        self,
        uow_factory: AssessmentUnitOfWorkFactory,
        access: QuizAccess,
        users: UserDirectory,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._users = users
        self._clock = clock

    async def execute(self, principal: Principal, course_id: UUID | None, limit: int) -> DueCards:
        """The caller's cards due today (of one course), soonest first; 404 for a course
        hidden from the caller. Cards of questions no longer in their quiz are left out."""
        if course_id is not None:
            await self._access.ensure_course_visible(principal, course_id)
        zone = zone_of(await self._users.timezone_of(principal.user_id))
        until = end_of_local_day(self._clock.now(), zone)
        async with self._uow_factory() as uow:
            cards, total = await uow.cards.due(principal.user_id, until, course_id, limit)
        items = [DueCard(card, question) for card, question in cards if question is not None]
        return DueCards(items, total, until)


@dataclass(frozen=True, slots=True)
class CardAnswer:
    answer: object
    elapsed_ms: int | None = None


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    card: ReviewCard
    result: QuestionResult
    rating: str


class AnswerCard:
    def __init__(
        self,
        uow_factory: AssessmentUnitOfWorkFactory,
        access: QuizAccess,
        grader: FreeTextGrader,
        scheduler: ReviewScheduler,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._grader = grader
        self._scheduler = scheduler
        self._clock = clock

    async def execute(
        self, principal: Principal, card_id: UUID, answer: CardAnswer
    ) -> ReviewOutcome:
        """404 for someone else's or an unknown card, or one whose question is gone; 403 for
        a premium quiz without the right; 422 for an answer of the wrong type."""
        quiz, question = await self._question(principal, card_id)
        value = checked_answer(question, answer.answer)
        result = await self._grade(question, value, quiz.course_id)
        now = self._clock.now()
        given = rating(question.kind, result.correct, answer.elapsed_ms)
        async with self._uow_factory() as uow:
            card = await uow.cards.lock(card_id)
            if card is None or card.user_id != principal.user_id:
                raise CardNotFound()
            scheduled = self._scheduler.review(card.schedule, given, now)
            changed = replace(
                card,
                schedule=scheduled.schedule,
                due_at=scheduled.due_at,
                last_reviewed_at=now,
                reviews=card.reviews + 1,
            )
            await uow.cards.update(changed)
            if card.lesson_id is not None:
                await record_evidence(
                    uow, card.user_id, card.course_id, [_evidence(changed, result, now)]
                )
            await uow.commit()
        return ReviewOutcome(changed, result, given)

    async def _question(self, principal: Principal, card_id: UUID) -> tuple[Quiz, Question]:
        async with self._uow_factory() as uow:
            card = await uow.cards.get(card_id)
            if card is None or card.user_id != principal.user_id:
                raise CardNotFound()
            found = await uow.quizzes.get(card.quiz_id)
        quiz = await self._access.takeable(principal, found)
        question = quiz.question(card.question_id)
        if question is None:
            raise CardNotFound()
        return quiz, question

    async def _grade(
        self, question: Question, answer: Answer | None, course_id: UUID
    ) -> QuestionResult:
        if question.kind != QuestionKind.FREE_TEXT or is_missing(answer):
            return grade_objective(question, answer)
        grade = await self._grader.grade(question.prompt, str(answer), question.rubric, course_id)
        return grade_free_text(
            question,
            grade.score,
            grade.feedback,
            graded_by=grade.graded_by,
            needs_review=grade.needs_review,
        )


def _evidence(card: ReviewCard, result: QuestionResult, at: datetime) -> Evidence:
    assert card.lesson_id is not None
    return Evidence(
        id=new_id(),
        user_id=card.user_id,
        course_id=card.course_id,
        lesson_id=card.lesson_id,
        question_id=card.question_id,
        source=EvidenceSource.REVIEW,
        source_id=new_id(),
        correct=result.correct,
        observed_at=at,
    )
