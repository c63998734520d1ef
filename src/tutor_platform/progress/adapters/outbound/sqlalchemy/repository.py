"""Course progress on SQLAlchemy: completions, started courses and best quiz scores, read
against the catalog tables as they are now. Every write is one atomic statement."""

from collections import defaultdict
from datetime import datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Select, Table, delete, func, select

from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)
from tutor_platform.progress.adapters.outbound.sqlalchemy.tables import (
    CourseProgressRow,
    LessonCompletionRow,
    QuizScoreRow,
)
from tutor_platform.progress.ports.progress import (
    CourseActivity,
    CourseStanding,
    TrackedCourse,
    TrackedLesson,
)
from tutor_platform.shared.persistence.mapping import to_entity
from tutor_platform.shared.persistence.repository import CoreRepository, greatest, insert

_COURSES = cast(Table, CourseRow.__table__)
_SECTIONS = cast(Table, SectionRow.__table__)
_LESSONS = cast(Table, LessonRow.__table__)
_COMPLETIONS = cast(Table, LessonCompletionRow.__table__)
_STARTED = cast(Table, CourseProgressRow.__table__)
_SCORES = cast(Table, QuizScoreRow.__table__)

_COURSE_COLUMNS = (_COURSES.c.id, _COURSES.c.instructor_id, _COURSES.c.is_published)


class SqlAlchemyProgressRepository(CoreRepository):
    async def course(self, course_id: UUID) -> TrackedCourse | None:
        query = select(*_COURSE_COLUMNS).where(_COURSES.c.id == course_id)
        row = (await self._session.execute(query)).first()
        return None if row is None else to_entity(row, TrackedCourse)

    async def lesson(self, lesson_id: UUID) -> TrackedLesson | None:
        lessons = _LESSONS.c
        query = (
            select(*_COURSE_COLUMNS, lessons.id.label("lesson_id"), lessons.is_premium)
            .join(_LESSONS, lessons.course_id == _COURSES.c.id)
            .where(lessons.id == lesson_id)
        )
        row = (await self._session.execute(query)).first()
        if row is None:
            return None
        course = to_entity(row, TrackedCourse)
        return TrackedLesson(id=row.lesson_id, course=course, is_premium=row.is_premium)

    async def complete(self, user_id: UUID, lesson: TrackedLesson, at: datetime) -> bool:
        statement = (
            insert(self._session, _COMPLETIONS)
            .values(
                user_id=user_id, lesson_id=lesson.id, course_id=lesson.course.id, completed_at=at
            )
            .on_conflict_do_nothing(index_elements=["user_id", "lesson_id"])
            .returning(_COMPLETIONS.c.lesson_id)
        )
        return (await self._session.execute(statement)).first() is not None

    async def uncomplete(self, user_id: UUID, lesson_id: UUID) -> bool:
        c = _COMPLETIONS.c
        deleted = await self._write(
            delete(_COMPLETIONS).where(c.user_id == user_id, c.lesson_id == lesson_id)
        )
        return deleted > 0

    async def touch_course(
        self, user_id: UUID, course_id: UUID, at: datetime, *, accessed: bool
    ) -> None:
        statement = insert(self._session, _STARTED).values(
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

    async def course_standing(self, user_id: UUID, course_id: UUID) -> CourseStanding | None:
        started, lessons = _STARTED.c, _LESSONS.c
        count = (
            select(func.count())
            .where(lessons.course_id == _COURSES.c.id)
            .scalar_subquery()
            .label("lessons")
        )
        query = (
            select(*_COURSE_COLUMNS, started.started_at, started.last_accessed_at, count)
            .outerjoin(
                _STARTED, (started.course_id == _COURSES.c.id) & (started.user_id == user_id)
            )
            .where(_COURSES.c.id == course_id)
        )
        row = (await self._session.execute(query)).first()
        if row is None:
            return None
        activity = None if row.started_at is None else _activity(row)
        return CourseStanding(to_entity(row, TrackedCourse), activity, int(row.lessons))

    async def lesson_counts(self, course_ids: list[UUID]) -> dict[UUID, int]:
        lessons = _LESSONS.c
        rows = await self._session.execute(
            select(lessons.course_id, func.count())
            .where(lessons.course_id.in_(course_ids))
            .group_by(lessons.course_id)
        )
        return {course_id: int(count) for course_id, count in rows}

    async def completed_lessons(
        self, user_id: UUID, course_ids: list[UUID]
    ) -> dict[UUID, list[UUID]]:
        lessons, done = _LESSONS.c, _COMPLETIONS.c
        rows = await self._session.execute(
            select(lessons.course_id, lessons.id)
            .join(
                _COMPLETIONS,
                (done.lesson_id == lessons.id) & (done.course_id == lessons.course_id),
            )
            .join(_SECTIONS, _SECTIONS.c.id == lessons.section_id)
            .where(done.user_id == user_id, done.course_id.in_(course_ids))
            .order_by(lessons.course_id, _SECTIONS.c.position, lessons.position)
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
        statement = insert(self._session, _SCORES).values(
            user_id=user_id, quiz_id=quiz_id, course_id=course_id, best_score=score, updated_at=at
        )
        new = statement.excluded
        best = (
            new.best_score
            if replace
            else greatest(self._session, _SCORES.c.best_score, new.best_score)
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id", "quiz_id"],
                set_={"best_score": best, "course_id": new.course_id, "updated_at": new.updated_at},
            )
        )

    async def quiz_scores(
        self, user_id: UUID, course_ids: list[UUID]
    ) -> dict[UUID, dict[UUID, float]]:
        c = _SCORES.c
        rows = await self._session.execute(
            select(c.course_id, c.quiz_id, c.best_score).where(
                c.user_id == user_id, c.course_id.in_(course_ids)
            )
        )
        scores: dict[UUID, dict[UUID, float]] = defaultdict(dict)
        for course_id, quiz_id, best in rows:
            scores[course_id][quiz_id] = float(best)
        return dict(scores)

    @staticmethod
    def _activity(user_id: UUID) -> Select[Any]:
        started = _STARTED.c
        return (
            select(*_COURSE_COLUMNS, started.started_at, started.last_accessed_at)
            .join(_STARTED, started.course_id == _COURSES.c.id)
            .where(started.user_id == user_id)
            .order_by(
                started.last_accessed_at.desc().nulls_last(),
                started.started_at.desc(),
                _COURSES.c.id,
            )
        )


def _activity(row: Any) -> CourseActivity:
    course = to_entity(row, TrackedCourse)
    return CourseActivity(
        course=course, started_at=row.started_at, last_accessed_at=row.last_accessed_at
    )
