"""/analytics/courses/{id}: a course's learners and lessons over a range of days."""

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath, SkipValidation

from tutor_platform.progress.adapters.inbound.http.analytics_schemas import (
    LESSON_CSV_HEADER,
    CourseAnalyticsResponse,
    lesson_csv_rows,
)
from tutor_platform.progress.application.get_course_analytics import GetCourseAnalytics
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.figures import DateRange
from tutor_platform.shared.http.analytics import DAYS, CsvOperation, csv_response, wants_csv
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses


class CourseAnalyticsController(Controller):
    path = "/analytics/courses"
    security = BEARER_SECURITY
    dependencies = {**DAYS}

    @get(
        "/{course_id:uuid}",
        responses=error_responses(401, 403, 404, 406, 422),
        operation_class=CsvOperation,
    )
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
        csv = wants_csv(request)
        figures = await get_course_analytics.execute(principal, course_id, days)
        if csv:
            return csv_response("course-lessons.csv", LESSON_CSV_HEADER, lesson_csv_rows(figures))
        return Response(CourseAnalyticsResponse.of(figures))
