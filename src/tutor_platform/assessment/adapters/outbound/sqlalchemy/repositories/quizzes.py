"""Quizzes: a row of ``quizzes`` and its questions' rows, by position."""

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import Any, Final, cast
from uuid import UUID

import msgspec
from sqlalchemy import Table, delete, select

from tutor_platform.assessment.adapters.outbound.sqlalchemy.tables import (
    QuizAttemptRow,
    QuizQuestionRow,
    QuizRow,
)
from tutor_platform.assessment.domain.quiz import Question, Quiz
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.mapping import to_entity, to_values
from tutor_platform.shared.persistence.repository import Repository

QUIZZES: Final = cast(Table, QuizRow.__table__)
QUESTIONS: Final = cast(Table, QuizQuestionRow.__table__)
_ATTEMPTS = cast(Table, QuizAttemptRow.__table__)


def question_values(quiz_id: UUID, position: int, question: Question) -> dict[str, Any]:
    """A question's columns; its options and rubric are JSON."""
    return to_values(
        question,
        QUESTIONS,
        quiz_id=quiz_id,
        position=position,
        options=msgspec.to_builtins(question.options),
        rubric=msgspec.to_builtins(question.rubric),
    )


class SqlAlchemyQuizRepository(Repository[Quiz]):
    table = QUIZZES
    entity = Quiz

    async def get(self, entity_id: UUID) -> Quiz | None:
        return next(
            iter(await self._with_questions(await self._rows(QUIZZES.c.id == entity_id))), None
        )

    async def add(self, entity: Quiz) -> None:
        await super().add(entity)
        await self._insert_questions(entity)

    async def update(self, entity: Quiz) -> None:
        await super().update(entity)
        current = await self._questions([entity.id])
        if [q.id for q in current[entity.id]] != [q.id for q in entity.questions]:
            await self._session.execute(delete(QUESTIONS).where(QUESTIONS.c.quiz_id == entity.id))
            await self._insert_questions(entity)

    async def delete(self, quiz_id: UUID) -> None:
        await self._session.execute(delete(_ATTEMPTS).where(_ATTEMPTS.c.quiz_id == quiz_id))
        await self._session.execute(delete(QUESTIONS).where(QUESTIONS.c.quiz_id == quiz_id))
        await self._session.execute(delete(QUIZZES).where(QUIZZES.c.id == quiz_id))

    async def of_course(self, course_id: UUID, page: PageRequest) -> tuple[list[Quiz], int]:
        condition = QUIZZES.c.course_id == course_id
        total = await self.count(condition)
        rows = await self._rows(condition, page=page)
        return await self._with_questions(rows), total

    async def all_of_course(self, course_id: UUID) -> list[Quiz]:
        return await self._with_questions(await self._rows(QUIZZES.c.course_id == course_id))

    async def get_many(self, quiz_ids: Collection[UUID]) -> dict[UUID, Quiz]:
        """The quizzes of ``quiz_ids`` that exist, by id (the figures' rebuild)."""
        if not quiz_ids:
            return {}
        rows = await self._rows(QUIZZES.c.id.in_(quiz_ids))
        return {quiz.id: quiz for quiz in await self._with_questions(rows)}

    async def _rows(self, condition: Any, page: PageRequest | None = None) -> Sequence[Any]:
        query = select(QUIZZES).where(condition).order_by(QUIZZES.c.created_at, QUIZZES.c.id)
        if page is not None:
            query = query.limit(page.limit).offset(page.offset)
        return (await self._session.execute(query)).all()

    async def _with_questions(self, rows: Sequence[Any]) -> list[Quiz]:
        questions = await self._questions([row.id for row in rows])
        return [to_entity(row, Quiz, questions=questions[row.id]) for row in rows]

    async def _questions(self, quiz_ids: Collection[UUID]) -> dict[UUID, list[Question]]:
        found: dict[UUID, list[Question]] = defaultdict(list)
        if quiz_ids:
            rows = await self._session.execute(
                select(QUESTIONS)
                .where(QUESTIONS.c.quiz_id.in_(quiz_ids))
                .order_by(QUESTIONS.c.quiz_id, QUESTIONS.c.position)
            )
            for row in rows:
                found[row.quiz_id].append(to_entity(row, Question))
        return found

    async def _insert_questions(self, quiz: Quiz) -> None:
        await self._session.execute(
            QUESTIONS.insert(),
            [
                question_values(quiz.id, position, question)
                for position, question in enumerate(quiz.questions, start=1)
            ],
        )
