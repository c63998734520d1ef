"""/progress: the caller's own course progress and streak (study time with tutors is
tutoring's ``StudyTimeController``).

Everything here is about the caller; no route shows or changes another user's progress.
"""

from uuid import UUID

from litestar import Controller, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.status_codes import HTTP_200_OK

from tutor_platform.progress.adapters.inbound.http.progress_schemas import (
    CourseProgressListResponse,
    CourseProgressResponse,
    StreakResponse,
)
from tutor_platform.progress.application.complete_lesson import CompleteLesson
from tutor_platform.progress.application.get_course_progress import GetCourseProgress
from tutor_platform.progress.application.list_course_progress import ListCourseProgress
from tutor_platform.progress.application.reset_streak import ResetStreak
from tutor_platform.progress.application.uncomplete_lesson import UncompleteLesson
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.responses import convert


class ProgressController(Controller):
    path = "/progress"
    security = BEARER_SECURITY

    @post(
        "/lessons/{lesson_id:uuid}/complete",
        status_code=HTTP_200_OK,
        responses=error_responses(401, 403, 404),
    )
    async def complete_lesson(
        self,
        lesson_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        complete_lesson: Provided[CompleteLesson],
    ) -> CourseProgressResponse:
        """Mark a lesson completed; completing it again changes nothing. Answers the
        progress in the lesson's course. A premium lesson needs the right to its content
        (403 PREMIUM_REQUIRED)."""
        return CourseProgressResponse.of(await complete_lesson.execute(principal, lesson_id))

    @delete(
        "/lessons/{lesson_id:uuid}/complete",
        status_code=HTTP_200_OK,
        responses=error_responses(401, 404),
    )
    async def uncomplete_lesson(
        self,
        lesson_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        uncomplete_lesson: Provided[UncompleteLesson],
    ) -> CourseProgressResponse:
        """Take back the completion of a lesson (nothing to take back is fine too). Answers
        the progress in the lesson's course."""
        return CourseProgressResponse.of(await uncomplete_lesson.execute(principal, lesson_id))

    @get("/courses", responses=error_responses(401))
    async def list_course_progress(
        self,
        principal: NamedDependency[Principal],
        list_course_progress: Provided[ListCourseProgress],
    ) -> CourseProgressListResponse:
        """Progress in every course the caller started (completed or opened a lesson, got a
        quiz score, studied with its tutors), the most recently accessed first."""
        views = await list_course_progress.execute(principal)
        return CourseProgressListResponse([CourseProgressResponse.of(view) for view in views])

    @get("/courses/{course_id:uuid}", responses=error_responses(401, 404))
    async def get_course_progress(
        self,
        course_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        get_course_progress: Provided[GetCourseProgress],
    ) -> CourseProgressResponse:
        """The caller's progress in a course they may see (zeros when not started)."""
        return CourseProgressResponse.of(await get_course_progress.execute(principal, course_id))

    @post("/streak/reset", status_code=HTTP_200_OK, responses=error_responses(401))
    async def reset_streak(
        self,
        principal: NamedDependency[Principal],
        reset_streak: Provided[ResetStreak],
    ) -> StreakResponse:
        """Set the current streak to 0: activity until now no longer counts, and the next
        active day (later today included) is day 1. The longest streak is kept."""
        return convert(await reset_streak.execute(principal.user_id), StreakResponse)
