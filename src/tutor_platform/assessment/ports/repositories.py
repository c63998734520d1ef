"""Storage of quizzes, attempts and premium usage. Repositories never commit: the unit of
work does."""

from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Protocol
from uuid import UUID

from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.cards import ReviewCard
from tutor_platform.assessment.domain.mastery import CourseBkt, Evidence, LessonMastery
from tutor_platform.assessment.domain.premium import MonthlyTotal, UsageRecord
from tutor_platform.assessment.domain.quiz import Question, Quiz
from tutor_platform.shared.pagination import PageRequest


class QuizRepository(Protocol):
    async def get(self, quiz_id: UUID) -> Quiz | None:
        """The quiz with its questions in order."""
        ...

    async def add(self, quiz: Quiz) -> None: ...

    async def update(self, quiz: Quiz) -> None:
        """Store the changed quiz; its questions replace the stored ones."""
        ...

    async def delete(self, quiz_id: UUID) -> None:
        """Delete the quiz with its questions and attempts."""
        ...

    async def of_course(self, course_id: UUID, page: PageRequest) -> tuple[list[Quiz], int]:
        """One page of the course's quizzes, oldest first, and how many it has."""
        ...

    async def all_of_course(self, course_id: UUID) -> list[Quiz]:
        """Every quiz of the course, oldest first."""
        ...


class AttemptRepository(Protocol):
    async def add_numbered(self, attempt: Attempt) -> bool:
        """Store a new attempt under its number; false (and nothing stored) when the user
        already has an attempt with that number at that quiz."""
        ...

    async def last_number(self, quiz_id: UUID, user_id: UUID) -> int:
        """The highest attempt number of the user at the quiz (0 without any)."""
        ...

    async def best_scores(self, user_id: UUID, quiz_ids: Collection[UUID]) -> dict[UUID, Decimal]:
        """The user's best score at each of the quizzes they attempted."""
        ...

    async def latest(self, user_id: UUID, quiz_ids: Collection[UUID]) -> list[Attempt]:
        """The user's latest attempt at each of the quizzes they attempted."""
        ...

    async def standings(
        self, user_id: UUID, quiz_ids: Collection[UUID]
    ) -> dict[UUID, tuple[int, Decimal]]:
        """For each of the quizzes the user attempted: how many attempts and the best score."""
        ...

    async def search(
        self, quiz_id: UUID, user_id: UUID | None, page: PageRequest
    ) -> tuple[list[Attempt], int]:
        """One page of the quiz's attempts (of one user, or everyone's), newest first."""
        ...

    async def get(self, attempt_id: UUID) -> Attempt | None: ...

    async def lock(self, attempt_id: UUID) -> Attempt | None:
        """The attempt, locked for a change until the transaction ends (a concurrent
        ``lock`` of it waits, then reads what the first one committed)."""
        ...

    async def update_grades(self, attempt: Attempt) -> None:
        """Store the attempt's results and totals (points, score, passed, status)."""
        ...

    async def awaiting_review(self, quiz_id: UUID) -> list[Attempt]:
        """The quiz's attempts with an answer that needs review, oldest first."""
        ...


class UsageRepository(Protocol):
    async def add(self, record: UsageRecord) -> None: ...

    async def monthly_totals(self, user_id: UUID, months: Collection[str]) -> list[MonthlyTotal]:
        """Calls and costs of the user per feature in each of ``months`` (``"2026-11"``)."""
        ...


class MasteryRepository(Protocol):
    """Evidence of learners' answers per lesson and the mastery traced from it."""

    async def lock(
        self, user_id: UUID, course_id: UUID, lesson_ids: Collection[UUID]
    ) -> dict[UUID, LessonMastery]:
        """Lock the learner's mastery of the lessons until the transaction ends (creating
        it, with no evidence), so concurrent updates of a lesson take turns and the last one
        reads the other's committed evidence; the mastery as it is now, by lesson."""
        ...

    async def add_evidence(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        """Store the evidence; of attempts, only the learner's first answer to each question
        is kept (the rest is left out). The stored evidence is returned."""
        ...

    async def regrade(self, source_id: UUID, question_id: UUID, correct: bool) -> Evidence | None:
        """Change the correctness of the evidence of that attempt and question (None when
        the answer was no evidence)."""
        ...

    async def evidence(
        self, user_id: UUID, lesson_ids: Collection[UUID]
    ) -> dict[UUID, list[Evidence]]:
        """The learner's evidence of each of the lessons, in the order observed (lessons
        without any are left out)."""
        ...

    async def save(self, masteries: Sequence[LessonMastery]) -> None: ...

    async def right_in_review(
        self, user_id: UUID, question_ids: Collection[UUID]
    ) -> dict[UUID, datetime]:
        """For each of the questions the learner has answered right in review, when they
        last did."""
        ...

    async def of_course(self, user_id: UUID, course_id: UUID) -> list[LessonMastery]:
        """The learner's traced lessons of the course (lessons without evidence are not
        stored), as stored (possibly traced with earlier parameters)."""
        ...

    async def parameters(self, course_id: UUID) -> CourseBkt:
        """The course's BKT parameters (OATutor's, version 0, when it set none)."""
        ...

    async def set_parameters(self, bkt: CourseBkt) -> CourseBkt:
        """Store the course's parameters under the next version (its ``version`` is ignored);
        what was stored."""
        ...

    async def stale_learners(self, course_id: UUID, version: int, limit: int) -> list[UUID]:
        """Up to ``limit`` learners (by id) with a traced lesson of the course traced with
        parameters other than ``version``."""
        ...


class CardRepository(Protocol):
    async def add_new(self, cards: Sequence[ReviewCard]) -> None:
        """Store the cards of questions the learner has no card for yet (others are left
        as they are)."""
        ...

    async def get(self, card_id: UUID) -> ReviewCard | None: ...

    async def lock(self, card_id: UUID) -> ReviewCard | None:
        """The card, locked for a change until the transaction ends."""
        ...

    async def update(self, card: ReviewCard) -> None: ...

    async def due_per_lesson(
        self, user_id: UUID, until: datetime, course_id: UUID
    ) -> dict[UUID, int]:
        """How many of the learner's cards of the course are due before ``until``, per lesson
        (cards of questions that test no lesson are left out)."""
        ...

    async def due(
        self, user_id: UUID, until: datetime, course_id: UUID | None, limit: int
    ) -> tuple[list[tuple[ReviewCard, Question | None]], int]:
        """The learner's cards due before ``until`` (of one course), soonest first: up to
        ``limit`` (at least 1) of them, each with its question (None when it is no longer
        in its quiz), and how many there are."""
        ...
