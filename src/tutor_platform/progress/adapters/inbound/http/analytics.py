"""/analytics/courses/{id}: a course's learners and lessons over a range of days."""

from typing import Any
from uuid import UUID

from litestar import Request, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, SkipValidation

from tutor_platform.progress.adapters.inbound.http.analytics_schemas import (
    CourseAnalyticsResponse,
    lesson_table,
)
from tutor_platform.progress.application.get_course_analytics import GetCourseAnalytics
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.figures import DateRange
from tutor_platform.shared.http.analytics import (
    CsvTable,
    FiguresController,
    figures_answer,
    figures_get,
)
from tutor_platform.shared.http.dependencies import Provided


class CourseAnalyticsController(FiguresController):
    path = "/analytics/courses"

    @figures_get("/{course_id:uuid}")
    async def get_course_analytics(
        self,
        request: Request[Any, Any, Any],
        course_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        days: NamedDependency[SkipValidation[DateRange]],
        get_course_analytics: Provided[GetCourseAnalytics],
    ) -> Response[CourseAnalyticsResponse]:
        """Learners who started, were active in and completed the course in the range, and
        per lesson in course order: learners who completed it, the median minutes it took
        and the drop-off from the previous lesson (the course's instructor and admins).
        With `Accept: text/csv`: one row per lesson."""

        async def json() -> CourseAnalyticsResponse:
            figures = await get_course_analytics.execute(principal, course_id, days)
            return CourseAnalyticsResponse.of(figures)

        async def csv() -> CsvTable:
            return lesson_table(await get_course_analytics.execute(principal, course_id, days))

        return await figures_answer(request, json, csv)
