"""Assessment's repositories over an in-memory state (see ``store``)."""

import copy
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from tutor_platform.assessment.adapters.outbound.memory.store import AssessmentState
from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.cards import ReviewCard
from tutor_platform.assessment.domain.figures import attempt_figures, premium_figures
from tutor_platform.assessment.domain.grading import AttemptStatus
from tutor_platform.assessment.domain.mastery import (
    CourseBkt,
    Evidence,
    EvidenceSource,
    LessonMastery,
    untraced,
)
from tutor_platform.assessment.domain.premium import MonthlyTotal, UsageRecord
from tutor_platform.assessment.domain.quiz import Question, Quiz
from tutor_platform.shared.figures import FigureDelta, negated
from tutor_platform.shared.pagination import PageRequest


class InMemoryQuizRepository:
    def __init__(self, state: AssessmentState) -> None:
        self._state = state

    async def get(self, quiz_id: UUID) -> Quiz | None:
        return copy.deepcopy(self._state.quizzes.get(quiz_id))

    async def add(self, quiz: Quiz) -> None:
        self._state.quizzes[quiz.id] = copy.deepcopy(quiz)

    async def update(self, quiz: Quiz) -> None:
        if quiz.id in self._state.quizzes:
            self._state.quizzes[quiz.id] = copy.deepcopy(quiz)

    async def delete(self, quiz_id: UUID) -> None:
        self._state.quizzes.pop(quiz_id, None)
        for attempt_id in [a.id for a in self._state.attempts.values() if a.quiz_id == quiz_id]:
            del self._state.attempts[attempt_id]

    async def of_course(self, course_id: UUID, page: PageRequest) -> tuple[list[Quiz], int]:
        quizzes = await self.all_of_course(course_id)
        return quizzes[page.offset : page.offset + page.limit], len(quizzes)

    async def all_of_course(self, course_id: UUID) -> list[Quiz]:
        quizzes = [q for q in self._state.quizzes.values() if q.course_id == course_id]
        return copy.deepcopy(sorted(quizzes, key=lambda q: (q.created_at, q.id)))


class InMemoryAttemptRepository:
    def __init__(self, state: AssessmentState) -> None:
        self._state = state

    async def add_numbered(self, attempt: Attempt) -> bool:
        taken = any(
            (a.quiz_id, a.user_id, a.number) == (attempt.quiz_id, attempt.user_id, attempt.number)
            for a in self._state.attempts.values()
        )
        if not taken:
            self._state.attempts[attempt.id] = attempt
        return not taken

    async def last_number(self, quiz_id: UUID, user_id: UUID) -> int:
        return max(
            (a.number for a in self._attempts(quiz_id, user_id)),
            default=0,
        )

    async def best_scores(self, user_id: UUID, quiz_ids: Collection[UUID]) -> dict[UUID, Decimal]:
        best: dict[UUID, Decimal] = {}
        for attempt in self._state.attempts.values():
            if attempt.user_id == user_id and attempt.quiz_id in quiz_ids:
                best[attempt.quiz_id] = max(attempt.score, best.get(attempt.quiz_id, attempt.score))
        return best

    async def latest(self, user_id: UUID, quiz_ids: Collection[UUID]) -> list[Attempt]:
        last: dict[UUID, Attempt] = {}
        for attempt in self._state.attempts.values():
            if attempt.user_id == user_id and attempt.quiz_id in quiz_ids:
                seen = last.get(attempt.quiz_id)
                if seen is None or attempt.number > seen.number:
                    last[attempt.quiz_id] = attempt
        return list(last.values())

    async def standings(
        self, user_id: UUID, quiz_ids: Collection[UUID]
    ) -> dict[UUID, tuple[int, Decimal]]:
        found: dict[UUID, tuple[int, Decimal]] = {}
        for attempt in self._state.attempts.values():
            if attempt.user_id == user_id and attempt.quiz_id in quiz_ids:
                count, best = found.get(attempt.quiz_id, (0, attempt.score))
                found[attempt.quiz_id] = (count + 1, max(best, attempt.score))
        return found

    async def search(
        self, quiz_id: UUID, user_id: UUID | None, page: PageRequest
    ) -> tuple[list[Attempt], int]:
        found = sorted(
            self._attempts(quiz_id, user_id), key=lambda a: (a.completed_at, a.id), reverse=True
        )
        return found[page.offset : page.offset + page.limit], len(found)

    async def get(self, attempt_id: UUID) -> Attempt | None:
        return self._state.attempts.get(attempt_id)

    async def lock(self, attempt_id: UUID) -> Attempt | None:
        return self._state.attempts.get(attempt_id)

    async def update_grades(self, attempt: Attempt) -> None:
        self._state.attempts[attempt.id] = attempt

    async def awaiting_review(self, quiz_id: UUID) -> list[Attempt]:
        waiting = [
            a for a in self._attempts(quiz_id, None) if a.status == AttemptStatus.NEEDS_REVIEW
        ]
        return sorted(waiting, key=lambda a: (a.completed_at, a.id))

    def _attempts(self, quiz_id: UUID, user_id: UUID | None) -> list[Attempt]:
        return [
            a
            for a in self._state.attempts.values()
            if a.quiz_id == quiz_id and user_id in (None, a.user_id)
        ]


class InMemoryUsageRepository:
    def __init__(self, state: AssessmentState) -> None:
        self._state = state

    async def add(self, record: UsageRecord) -> None:
        self._state.usage.append(record)

    async def monthly_totals(self, user_id: UUID, months: Collection[str]) -> list[MonthlyTotal]:
        calls: dict[tuple[str, str], int] = defaultdict(int)
        costs: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        for record in self._state.usage:
            if record.user_id == user_id and record.month in months:
                calls[record.month, record.feature] += 1
                costs[record.month, record.feature] += record.cost_usd
        return [
            MonthlyTotal(month, feature, n, costs[month, feature])
            for (month, feature), n in calls.items()
        ]


class InMemoryMasteryRepository:
    def __init__(self, state: AssessmentState) -> None:
        self._state = state

    async def lock(
        self, user_id: UUID, course_id: UUID, lesson_ids: Collection[UUID]
    ) -> dict[UUID, LessonMastery]:
        return {
            lesson_id: self._state.mastery.get((user_id, lesson_id))
            or untraced(user_id, course_id, lesson_id)
            for lesson_id in lesson_ids
        }

    async def add_evidence(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        stored = []
        for item in evidence:
            if item.source == EvidenceSource.ATTEMPT and any(
                (e.user_id, e.question_id, e.source)
                == (item.user_id, item.question_id, EvidenceSource.ATTEMPT)
                for e in self._state.evidence
            ):
                continue
            self._state.evidence.append(item)
            stored.append(item)
        return stored

    async def regrade(self, source_id: UUID, question_id: UUID, correct: bool) -> Evidence | None:
        for index, item in enumerate(self._state.evidence):
            if (item.source_id, item.question_id) == (source_id, question_id):
                self._state.evidence[index] = replace(item, correct=correct)
                return self._state.evidence[index]
        return None

    async def evidence(
        self, user_id: UUID, lesson_ids: Collection[UUID]
    ) -> dict[UUID, list[Evidence]]:
        found: dict[UUID, list[Evidence]] = defaultdict(list)
        for item in sorted(self._state.evidence, key=lambda e: (e.observed_at, e.id)):
            if item.user_id == user_id and item.lesson_id in lesson_ids:
                found[item.lesson_id].append(item)
        return dict(found)

    async def save(self, masteries: Sequence[LessonMastery]) -> None:
        for mastery in masteries:
            self._state.mastery[mastery.user_id, mastery.lesson_id] = mastery

    async def parameters(self, course_id: UUID) -> CourseBkt:
        return self._state.parameters.get(course_id) or CourseBkt(course_id=course_id)

    async def set_parameters(self, bkt: CourseBkt) -> CourseBkt:
        version = (await self.parameters(bkt.course_id)).version + 1
        saved = self._state.parameters[bkt.course_id] = replace(bkt, version=version)
        return saved

    async def right_in_review(
        self, user_id: UUID, question_ids: Collection[UUID]
    ) -> dict[UUID, datetime]:
        found: dict[UUID, datetime] = {}
        for item in self._state.evidence:
            if (
                item.user_id == user_id
                and item.source == EvidenceSource.REVIEW
                and item.correct
                and item.question_id in question_ids
            ):
                found[item.question_id] = max(
                    found.get(item.question_id, item.observed_at), item.observed_at
                )
        return found

    async def of_course(self, user_id: UUID, course_id: UUID) -> list[LessonMastery]:
        return [
            m
            for (owner, _), m in self._state.mastery.items()
            if owner == user_id and m.course_id == course_id
        ]

    async def stale_learners(self, course_id: UUID, version: int, limit: int) -> list[UUID]:
        stale = {
            owner
            for (owner, _), m in self._state.mastery.items()
            if m.course_id == course_id and m.evidence > 0 and m.parameters_version != version
        }
        return sorted(stale)[:limit]


class InMemoryCardRepository:
    def __init__(self, state: AssessmentState) -> None:
        self._state = state

    async def add_new(self, cards: Sequence[ReviewCard]) -> None:
        taken = {(c.user_id, c.question_id) for c in self._state.cards.values()}
        for card in cards:
            if (card.user_id, card.question_id) not in taken:
                self._state.cards[card.id] = card
                taken.add((card.user_id, card.question_id))

    async def get(self, card_id: UUID) -> ReviewCard | None:
        return self._state.cards.get(card_id)

    async def lock(self, card_id: UUID) -> ReviewCard | None:
        return self._state.cards.get(card_id)

    async def update(self, card: ReviewCard) -> None:
        self._state.cards[card.id] = card

    async def due_per_lesson(
        self, user_id: UUID, until: datetime, course_id: UUID
    ) -> dict[UUID, int]:
        found: dict[UUID, int] = defaultdict(int)
        for card in self._state.cards.values():
            mine = (card.user_id, card.course_id) == (user_id, course_id)
            if mine and card.due_at < until and card.lesson_id is not None:
                found[card.lesson_id] += 1
        return dict(found)

    async def due(
        self, user_id: UUID, until: datetime, course_id: UUID | None, limit: int
    ) -> tuple[list[tuple[ReviewCard, Question | None]], int]:
        found = sorted(
            (
                card
                for card in self._state.cards.values()
                if card.user_id == user_id
                and card.due_at < until
                and course_id in (None, card.course_id)
            ),
            key=lambda card: (card.due_at, card.id),
        )
        page = []
        for card in found[:limit]:
            quiz = self._state.quizzes.get(card.quiz_id)
            page.append((card, None if quiz is None else quiz.question(card.question_id)))
        return page, len(found)


class InMemoryAssessmentFigures:
    """The daily figures as a dict, each event added once, like the SQL adapter."""

    def __init__(self, state: AssessmentState) -> None:
        self._state = state

    def _add(self, event_id: str, deltas: list[FigureDelta]) -> None:
        if event_id in self._state.figure_events:
            return
        self._state.figure_events.add(event_id)
        for d in deltas:
            key = (d.course_id, d.day, d.metric, d.item_id, d.detail)
            self._state.figures[key] = self._state.figures.get(key, 0) + d.value

    async def attempt_stored(self, quiz: Quiz, attempt: Attempt) -> None:
        self._add(f"attempt:{attempt.id}", attempt_figures(quiz, attempt))

    async def attempt_regraded(
        self, quiz: Quiz, before: Attempt, after: Attempt, at: datetime
    ) -> None:
        deltas = negated(attempt_figures(quiz, before)) + attempt_figures(quiz, after)
        self._add(f"regraded:{after.id}:{at.isoformat()}", deltas)

    async def premium_used(self, record: UsageRecord) -> None:
        self._add(f"premium:{record.id}", premium_figures(record))
