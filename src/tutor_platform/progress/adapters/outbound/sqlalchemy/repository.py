"""Course progress on SQLAlchemy: completions, started courses and best quiz scores, read
against the catalog tables as they are now. Every write is one atomic statement."""

from collections import defaultdict
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Select, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)
from tutor_platform.progress.adapters.outbound.sqlalchemy.sql import (
    greatest,
    rowcount,
    upsert,
)
from tutor_platform.progress.adapters.outbound.sqlalchemy.tables import (
    CourseProgressRow,
    LessonCompletionRow,
    QuizScoreRow,
)
from tutor_platform.progress.ports.progress import CourseActivity, TrackedCourse, TrackedLesson

_COURSE_COLUMNS = (CourseRow.id, CourseRow.instructor_id, CourseRow.is_published)


def _course(row: Any) -> TrackedCourse:
    return TrackedCourse(id=row.id, instructor_id=row.instructor_id, is_published=row.is_published)


class SqlAlchemyProgressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def course(self, course_id: UUID) -> TrackedCourse | None:
        row = (
            await self._session.execute(select(*_COURSE_COLUMNS).where(CourseRow.id == course_id))
        ).first()
        return None if row is None else _course(row)

    async def lesson(self, lesson_id: UUID) -> TrackedLesson | None:
        query = (
            select(*_COURSE_COLUMNS, LessonRow.id.label("lesson_id"), LessonRow.is_premium)
            .join(LessonRow, LessonRow.course_id == CourseRow.id)
            .where(LessonRow.id == lesson_id)
        )
        row = (await self._session.execute(query)).first()
        if row is None:
            return None
        return TrackedLesson(id=row.lesson_id, course=_course(row), is_premium=row.is_premium)

    async def complete(self, user_id: UUID, lesson: TrackedLesson, at: datetime) -> bool:
        statement = (
            upsert(self._session, LessonCompletionRow)
            .values(
                user_id=user_id, lesson_id=lesson.id, course_id=lesson.course.id, completed_at=at
            )
            .on_conflict_do_nothing(index_elements=["user_id", "lesson_id"])
            .returning(LessonCompletionRow.lesson_id)
        )
        return (await self._session.execute(statement)).first() is not None

    async def uncomplete(self, user_id: UUID, lesson_id: UUID) -> bool:
        result = await self._session.execute(
            delete(LessonCompletionRow).where(
                LessonCompletionRow.user_id == user_id, LessonCompletionRow.lesson_id == lesson_id
            ),
            execution_options={"synchronize_session": False},
        )
        return rowcount(result) > 0

    async def touch_course(
        self, user_id: UUID, course_id: UUID, at: datetime, *, accessed: bool
    ) -> None:
        statement = upsert(self._session, CourseProgressRow).values(
            user_id=user_id,
            course_id=course_id,
            started_at=at,
            last_accessed_at=at if accessed else None,
        )
        keys = ["user_id", "course_id"]
        if accessed:
            statement = statement.on_conflict_do_update(
                index_elements=keys, set_={"last_accessed_at": at}
            )
        else:
            statement = statement.on_conflict_do_nothing(index_elements=keys)
        await self._session.execute(statement)

    async def started_courses(self, user_id: UUID) -> list[CourseActivity]:
        rows = await self._session.execute(self._activity(user_id))
        return [_activity(row) for row in rows]

    async def course_activity(self, user_id: UUID, course_id: UUID) -> CourseActivity | None:
        query = self._activity(user_id).where(CourseProgressRow.course_id == course_id)
        row = (await self._session.execute(query)).first()
        return None if row is None else _activity(row)

    async def lesson_counts(self, course_ids: list[UUID]) -> dict[UUID, int]:
        rows = await self._session.execute(
            select(LessonRow.course_id, func.count())
            .where(LessonRow.course_id.in_(course_ids))
            .group_by(LessonRow.course_id)
        )
        return {course_id: int(count) for course_id, count in rows}

    async def completed_lessons(
        self, user_id: UUID, course_ids: list[UUID]
    ) -> dict[UUID, list[UUID]]:
        rows = await self._session.execute(
            select(LessonRow.course_id, LessonRow.id)
            .join(
                LessonCompletionRow,
                (LessonCompletionRow.lesson_id == LessonRow.id)
                & (LessonCompletionRow.course_id == LessonRow.course_id),
            )
            .join(SectionRow, SectionRow.id == LessonRow.section_id)
            .where(
                LessonCompletionRow.user_id == user_id,
                LessonCompletionRow.course_id.in_(course_ids),
            )
            .order_by(LessonRow.course_id, SectionRow.position, LessonRow.position)
        )
        completed: dict[UUID, list[UUID]] = defaultdict(list)
        for course_id, lesson_id in rows:
            completed[course_id].append(lesson_id)
        return dict(completed)

    async def record_quiz_score(
        self,
        user_id: UUID,
        course_id: UUID,
        quiz_id: UUID,
        score: float,
        at: datetime,
        *,
        replace: bool = False,
    ) -> None:
        statement = upsert(self._session, QuizScoreRow).values(
            user_id=user_id, quiz_id=quiz_id, course_id=course_id, best_score=score, updated_at=at
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id", "quiz_id"],
                set_={
                    "best_score": statement.excluded.best_score
                    if replace
                    else greatest(
                        self._session, QuizScoreRow.best_score, statement.excluded.best_score
                    ),
                    "course_id": statement.excluded.course_id,
                    "updated_at": statement.excluded.updated_at,
                },
            )
        )

    async def quiz_scores(
        self, user_id: UUID, course_ids: list[UUID]
    ) -> dict[UUID, dict[UUID, float]]:
        rows = await self._session.execute(
            select(QuizScoreRow.course_id, QuizScoreRow.quiz_id, QuizScoreRow.best_score).where(
                QuizScoreRow.user_id == user_id, QuizScoreRow.course_id.in_(course_ids)
            )
        )
        scores: dict[UUID, dict[UUID, float]] = defaultdict(dict)
        for course_id, quiz_id, best in rows:
            scores[course_id][quiz_id] = float(best)
        return dict(scores)

    @staticmethod
    def _activity(user_id: UUID) -> Select[Any]:
        return (
            select(
                *_COURSE_COLUMNS, CourseProgressRow.started_at, CourseProgressRow.last_accessed_at
            )
            .join(CourseProgressRow, CourseProgressRow.course_id == CourseRow.id)
            .where(CourseProgressRow.user_id == user_id)
            .order_by(
                CourseProgressRow.last_accessed_at.desc().nulls_last(),
                CourseProgressRow.started_at.desc(),
                CourseRow.id,
            )
        )


def _activity(row: Any) -> CourseActivity:
    return CourseActivity(
        course=_course(row), started_at=row.started_at, last_accessed_at=row.last_accessed_at
    )
