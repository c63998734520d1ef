"""What the progress use cases return, and how course progress is assembled."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tutor_platform.catalog.api import CourseNotFound
from tutor_platform.progress.domain.progress import completion_percent
from tutor_platform.progress.domain.streaks import Streak
from tutor_platform.progress.ports.progress import CourseActivity, CourseStanding
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWork


@dataclass(frozen=True, slots=True)
class CourseProgressView:
    """A learner's progress in one course; the streak fields are the learner's own streak."""

    course_id: UUID
    completed_lesson_ids: list[UUID]
    completed: int
    total: int
    percent: float
    quiz_scores: dict[UUID, float]
    last_accessed_at: datetime | None
    streak_days: int
    longest_streak_days: int
    minutes: int


@dataclass(frozen=True, slots=True)
class StreakView:
    streak_days: int
    longest_streak_days: int
    reset_at: datetime | None


@dataclass(frozen=True, slots=True)
class StudyTimeView:
    tutor_id: UUID
    total_minutes: int


async def course_progress(
    uow: ProgressUnitOfWork, user_id: UUID, course_id: UUID, streak: Streak
) -> CourseProgressView:
    """The learner's progress in one course (all zero when they never started it);
    ``CourseNotFound`` when the course is unknown."""
    standing = await uow.progress.course_standing(user_id, course_id)
    if standing is None:
        raise CourseNotFound()
    return await standing_progress(uow, user_id, standing, streak)


async def standing_progress(
    uow: ProgressUnitOfWork, user_id: UUID, standing: CourseStanding, streak: Streak
) -> CourseProgressView:
    """The learner's progress in the course of ``standing``."""
    course_id = standing.course.id
    last_accessed = {course_id: standing.activity.last_accessed_at} if standing.activity else {}
    totals = {course_id: standing.lessons}
    [view] = await _views(uow, user_id, [course_id], last_accessed, totals, streak)
    return view


async def started_course_progress(
    uow: ProgressUnitOfWork, user_id: UUID, started: list[CourseActivity], streak: Streak
) -> list[CourseProgressView]:
    """The learner's progress in each of these started courses, in the same order."""
    if not started:
        return []
    course_ids = [item.course.id for item in started]
    last_accessed = {item.course.id: item.last_accessed_at for item in started}
    totals = await uow.progress.lesson_counts(course_ids)
    return await _views(uow, user_id, course_ids, last_accessed, totals, streak)


async def _views(
    uow: ProgressUnitOfWork,
    user_id: UUID,
    course_ids: list[UUID],
    last_accessed: dict[UUID, datetime | None],
    totals: dict[UUID, int],
    streak: Streak,
) -> list[CourseProgressView]:
    """A fixed number of queries, whatever the number of courses."""
    completed = await uow.progress.completed_lessons(user_id, course_ids)
    scores = await uow.progress.quiz_scores(user_id, course_ids)
    minutes = await uow.study_time.minutes_by_course(user_id, course_ids)
    views = []
    for course_id in course_ids:
        done = completed.get(course_id, [])
        total = totals.get(course_id, 0)
        views.append(
            CourseProgressView(
                course_id=course_id,
                completed_lesson_ids=done,
                completed=len(done),
                total=total,
                percent=completion_percent(len(done), total),
                quiz_scores=scores.get(course_id, {}),
                last_accessed_at=last_accessed.get(course_id),
                streak_days=streak.current,
                longest_streak_days=streak.longest,
                minutes=minutes.get(course_id, 0),
            )
        )
    return views
