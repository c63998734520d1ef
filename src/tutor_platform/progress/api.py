"""Progress's public face: what other contexts (tutoring, assessment, integrations) may use."""

from uuid import UUID

from tutor_platform.catalog.api import LearnerCatalogFacade, LessonInfo
from tutor_platform.progress.application.add_study_time import AddStudyTime
from tutor_platform.progress.application.complete_lesson import CompleteLesson
from tutor_platform.progress.application.get_course_progress import GetCourseProgress
from tutor_platform.progress.application.get_study_time import GetStudyTime
from tutor_platform.progress.application.list_completed_lessons import ListCompletedLessons
from tutor_platform.progress.application.list_course_progress import ListCourseProgress
from tutor_platform.progress.application.record_lesson_access import RecordLessonAccess
from tutor_platform.progress.application.record_quiz_score import RecordQuizScore
from tutor_platform.progress.application.set_study_time import SetStudyTime
from tutor_platform.progress.application.support.views import CourseProgressView
from tutor_platform.progress.domain.study_time import MAX_TOTAL_MINUTES
from tutor_platform.shared.auth import Principal

__all__ = ["MAX_TOTAL_MINUTES", "CourseProgressView", "LearnerProgressFacade", "ProgressFacade"]


class ProgressFacade:
    """Quiz scores, completed lessons, lesson accesses and study time for other contexts."""

    def __init__(
        self,
        *,
        record_quiz_score: RecordQuizScore,
        list_completed_lessons: ListCompletedLessons,
        record_lesson_access: RecordLessonAccess,
        get_study_time: GetStudyTime,
        set_study_time: SetStudyTime,
        add_study_time: AddStudyTime,
    ) -> None:
        self._record_quiz_score = record_quiz_score
        self._list_completed_lessons = list_completed_lessons
        self._record_lesson_access = record_lesson_access
        self._get_study_time = get_study_time
        self._set_study_time = set_study_time
        self._add_study_time = add_study_time

    async def record_quiz_score(
        self, user_id: UUID, course_id: UUID, quiz_id: UUID, score: float, *, replace: bool = False
    ) -> None:
        """Keep the learner's best score (0-1) in a quiz of the course, for their progress:
        ``CourseNotFound`` (404) for an unknown course, ``ValidationFailed`` (422) outside 0-1.
        ``replace``: the score is the recomputed best (after a grade by a person), kept even
        when lower."""
        await self._record_quiz_score.execute(user_id, course_id, quiz_id, score, replace=replace)

    async def completed_lesson_ids(self, user_id: UUID, course_id: UUID) -> set[UUID]:
        """The lessons of the course the learner completed (only those still in it)."""
        return await self._list_completed_lessons.execute(user_id, course_id)

    async def record_lesson_access(self, user_id: UUID, lesson_id: UUID) -> None:
        """Note that the learner opened the lesson (their course's ``last_accessed_at``);
        call it after showing them the lesson. An unknown lesson is ignored."""
        await self._record_lesson_access.execute(user_id, lesson_id)

    async def study_time(self, user_id: UUID, tutor_id: UUID) -> int:
        """The learner's minutes with the tutor (0 when none)."""
        return (await self._get_study_time.execute(user_id, tutor_id)).total_minutes

    async def set_study_time(
        self, user_id: UUID, tutor_id: UUID, course_id: UUID | None, total_minutes: int
    ) -> int:
        """Set the learner's minutes with the tutor of ``course_id`` (None, or a course since
        deleted: no course); a correction, not streak activity. ``ValidationFailed`` (422)
        outside 0..``MAX_TOTAL_MINUTES``."""
        view = await self._set_study_time.execute(user_id, tutor_id, course_id, total_minutes)
        return view.total_minutes

    async def add_study_time(
        self, user_id: UUID, tutor_id: UUID, course_id: UUID | None, minutes: int
    ) -> int:
        """Add (or take back) minutes atomically and answer the total; positive minutes are
        streak activity. ``ValidationFailed`` (422, nothing changed) for a total that would
        leave 0..``MAX_TOTAL_MINUTES``."""
        view = await self._add_study_time.execute(user_id, tutor_id, course_id, minutes)
        return view.total_minutes


class LearnerProgressFacade:
    """What a signed-in user may do with their progress, through the same use cases and with
    the same rights and errors as the HTTP API (for integrations' MCP tools)."""

    def __init__(
        self,
        *,
        catalog: LearnerCatalogFacade,
        record_lesson_access: RecordLessonAccess,
        get_course_progress: GetCourseProgress,
        list_course_progress: ListCourseProgress,
        complete_lesson: CompleteLesson,
    ) -> None:
        self._catalog = catalog
        self._record_lesson_access = record_lesson_access
        self._get_course_progress = get_course_progress
        self._list_course_progress = list_course_progress
        self._complete_lesson = complete_lesson

    async def read_lesson(self, principal: Principal, lesson_id: UUID) -> LessonInfo:
        """``GET /lessons/{id}``: 404 when hidden, 403 PREMIUM_REQUIRED for a premium lesson
        the caller may not read; the access counts for the caller's course progress."""
        lesson = await self._catalog.lesson(principal, lesson_id)
        await self._record_lesson_access.execute(principal.user_id, lesson.id)
        return lesson

    async def course_progress(self, principal: Principal, course_id: UUID) -> CourseProgressView:
        """``GET /progress/courses/{id}``."""
        return await self._get_course_progress.execute(principal, course_id)

    async def all_progress(self, principal: Principal) -> list[CourseProgressView]:
        """``GET /progress/courses``: every course the caller started."""
        return await self._list_course_progress.execute(principal)

    async def complete_lesson(self, principal: Principal, lesson_id: UUID) -> CourseProgressView:
        """``POST /progress/lessons/{id}/complete`` (idempotent)."""
        return await self._complete_lesson.execute(principal, lesson_id)
