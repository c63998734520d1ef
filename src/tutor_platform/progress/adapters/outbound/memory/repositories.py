"""In-memory progress, activity and study-time repositories: the same behaviour as the
SQLAlchemy ones (the contract suite runs on both), for fast use-case tests."""

from datetime import datetime
from uuid import UUID

from tutor_platform.catalog.domain.catalog import Course
from tutor_platform.progress.adapters.outbound.memory.store import (
    InMemoryProgressStore,
    StudyTimeEntry,
)
from tutor_platform.progress.domain.streaks import StreakRecord, activity_bucket
from tutor_platform.progress.ports.progress import (
    CourseActivity,
    CourseStanding,
    TrackedCourse,
    TrackedLesson,
)


def _tracked(course: Course) -> TrackedCourse:
    return TrackedCourse(course.id, course.instructor_id, course.is_published)


def _recent_first(item: CourseActivity) -> tuple[bool, float, float, UUID]:
    """Most recently accessed first, never accessed last, then most recently started."""
    accessed = item.last_accessed_at
    return (
        accessed is None,
        -accessed.timestamp() if accessed else 0.0,
        -item.started_at.timestamp(),
        item.course.id,
    )


class InMemoryProgressRepository:
    def __init__(self, store: InMemoryProgressStore) -> None:
        self._store = store
        self._catalog = store.catalog

    async def course(self, course_id: UUID) -> TrackedCourse | None:
        course = self._catalog.courses.get(course_id)
        return None if course is None else _tracked(course)

    async def lesson(self, lesson_id: UUID) -> TrackedLesson | None:
        lesson = self._catalog.lessons.get(lesson_id)
        course = None if lesson is None else self._catalog.courses.get(lesson.course_id)
        if lesson is None or course is None:
            return None
        return TrackedLesson(lesson.id, _tracked(course), lesson.is_premium)

    async def complete(self, user_id: UUID, lesson: TrackedLesson, at: datetime) -> bool:
        if (user_id, lesson.id) in self._store.completions:
            return False
        self._store.completions[user_id, lesson.id] = at
        return True

    async def uncomplete(self, user_id: UUID, lesson_id: UUID) -> bool:
        return self._store.completions.pop((user_id, lesson_id), None) is not None

    async def touch_course(
        self, user_id: UUID, course_id: UUID, at: datetime, *, accessed: bool
    ) -> None:
        started_at, last_accessed = self._store.started.get((user_id, course_id), (at, None))
        self._store.started[user_id, course_id] = (started_at, at if accessed else last_accessed)

    async def started_courses(self, user_id: UUID) -> list[CourseActivity]:
        found = [
            CourseActivity(_tracked(self._catalog.courses[course_id]), started, accessed)
            for (owner, course_id), (started, accessed) in self._store.started.items()
            if owner == user_id and course_id in self._catalog.courses
        ]
        found.sort(key=_recent_first)
        return found

    async def course_standing(self, user_id: UUID, course_id: UUID) -> CourseStanding | None:
        course = await self.course(course_id)
        if course is None:
            return None
        activity = next(
            (item for item in await self.started_courses(user_id) if item.course == course), None
        )
        lessons = (await self.lesson_counts([course_id])).get(course_id, 0)
        return CourseStanding(course, activity, lessons)

    async def lesson_counts(self, course_ids: list[UUID]) -> dict[UUID, int]:
        counts: dict[UUID, int] = {}
        for lesson in self._catalog.lessons.values():
            if lesson.course_id in course_ids:
                counts[lesson.course_id] = counts.get(lesson.course_id, 0) + 1
        return counts

    async def completed_lessons(
        self, user_id: UUID, course_ids: list[UUID]
    ) -> dict[UUID, list[UUID]]:
        sections = self._catalog.sections
        done = sorted(
            (
                lesson
                for lesson in self._catalog.lessons.values()
                if lesson.course_id in course_ids
                and (user_id, lesson.id) in self._store.completions
            ),
            key=lambda lesson: (sections[lesson.section_id].position, lesson.position),
        )
        completed: dict[UUID, list[UUID]] = {}
        for lesson in done:
            completed.setdefault(lesson.course_id, []).append(lesson.id)
        return completed

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
        _, best = self._store.quiz_scores.get((user_id, quiz_id), (course_id, score))
        self._store.quiz_scores[user_id, quiz_id] = (
            course_id,
            score if replace else max(best, score),
        )

    async def quiz_scores(
        self, user_id: UUID, course_ids: list[UUID]
    ) -> dict[UUID, dict[UUID, float]]:
        scores: dict[UUID, dict[UUID, float]] = {}
        for (owner, quiz_id), (course_id, best) in self._store.quiz_scores.items():
            if owner == user_id and course_id in course_ids:
                scores.setdefault(course_id, {})[quiz_id] = best
        return scores


class InMemoryActivityRepository:
    def __init__(self, store: InMemoryProgressStore) -> None:
        self._store = store

    async def record(self, user_id: UUID, at: datetime) -> None:
        key = (user_id, activity_bucket(at))
        self._store.activity[key] = max(self._store.activity.get(key, at), at)

    async def between(self, user_id: UUID, after: datetime, until: datetime) -> list[datetime]:
        return sorted(
            at
            for (owner, _), at in self._store.activity.items()
            if owner == user_id and after < at <= until
        )

    async def streak_record(self, user_id: UUID) -> StreakRecord:
        reset_at, longest = self._store.streaks.get(user_id, (None, 0))
        return StreakRecord(reset_at, longest)

    async def raise_longest(self, user_id: UUID, days: int) -> None:
        reset_at, longest = self._store.streaks.get(user_id, (None, 0))
        self._store.streaks[user_id] = (reset_at, max(longest, days))

    async def reset(self, user_id: UUID, at: datetime, longest: int) -> None:
        _, stored = self._store.streaks.get(user_id, (None, 0))
        self._store.streaks[user_id] = (at, max(stored, longest))


class InMemoryStudyTimeRepository:
    def __init__(self, store: InMemoryProgressStore) -> None:
        self._store = store

    async def total(self, user_id: UUID, tutor_id: UUID) -> int | None:
        entry = self._store.study_time.get((user_id, tutor_id))
        return None if entry is None else entry.total_minutes

    async def set_total(
        self,
        user_id: UUID,
        tutor_id: UUID,
        total_minutes: int,
        course_id: UUID | None,
        at: datetime,
    ) -> None:
        self._store.study_time[user_id, tutor_id] = StudyTimeEntry(total_minutes, course_id)

    async def add(
        self,
        user_id: UUID,
        tutor_id: UUID,
        minutes: int,
        course_id: UUID | None,
        at: datetime,
        max_total: int,
    ) -> int | None:
        entry = self._store.study_time.get((user_id, tutor_id))
        total = (0 if entry is None else entry.total_minutes) + minutes
        if (entry is None and minutes < 0) or not 0 <= total <= max_total:
            return None
        self._store.study_time[user_id, tutor_id] = StudyTimeEntry(total, course_id)
        return total

    async def minutes_by_course(self, user_id: UUID, course_ids: list[UUID]) -> dict[UUID, int]:
        minutes: dict[UUID, int] = {}
        for (owner, _), entry in self._store.study_time.items():
            if owner == user_id and entry.course_id is not None and entry.course_id in course_ids:
                minutes[entry.course_id] = minutes.get(entry.course_id, 0) + entry.total_minutes
        return minutes


class InMemoryProgressFigures:
    """Records the calls of the figures port, for tests of the use cases."""

    def __init__(self, store: InMemoryProgressStore) -> None:
        self._store = store

    async def lesson_opened(
        self, user_id: UUID, course_id: UUID, lesson_id: UUID, at: datetime
    ) -> None:
        self._store.figure_calls.append(("lesson_opened", (user_id, course_id, lesson_id, at)))

    async def lesson_completed(
        self, user_id: UUID, course_id: UUID, lesson_id: UUID, at: datetime
    ) -> None:
        self._store.figure_calls.append(("lesson_completed", (user_id, course_id, lesson_id, at)))

    async def lesson_uncompleting(self, user_id: UUID, lesson_id: UUID) -> None:
        self._store.figure_calls.append(("lesson_uncompleting", (user_id, lesson_id)))

    async def course_completed(self, user_id: UUID, course_id: UUID, at: datetime) -> None:
        self._store.figure_calls.append(("course_completed", (user_id, course_id, at)))

    async def studied(self, user_id: UUID, course_id: UUID, at: datetime) -> None:
        self._store.figure_calls.append(("studied", (user_id, course_id, at)))
