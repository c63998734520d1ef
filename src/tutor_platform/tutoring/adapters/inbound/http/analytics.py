"""/analytics/courses/{id}/tutoring and the dismissal of a content gap."""

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, SkipValidation
from litestar.status_codes import HTTP_200_OK

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.figures import DateRange
from tutor_platform.shared.http.analytics import DAYS, CsvOperation, csv_response, wants_csv
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest
from tutor_platform.tutoring.adapters.inbound.http.analytics_schemas import (
    GAP_CSV_HEADER,
    ContentGapResponse,
    TutoringAnalyticsResponse,
    gap_csv_rows,
)
from tutor_platform.tutoring.application.course_analytics import CourseTutoringAnalytics


class CourseTutoringAnalyticsController(Controller):
    path = "/analytics/courses/{course_id:uuid}"
    security = BEARER_SECURITY
    dependencies = {**DAYS}

    @get(
        "/tutoring",
        responses=error_responses(401, 403, 404, 406, 422),
        operation_class=CsvOperation,
    )
    async def get_tutoring_analytics(
        self,
        request: Request[Any, Any, Any],
        course_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        days: NamedDependency[SkipValidation[DateRange]],
        course_tutoring_analytics: Provided[CourseTutoringAnalytics],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> Response[TutoringAnalyticsResponse]:
        """Per tutor of the course: sessions, messages, uncited answers, ratings and quick
        reactions in the range; and the content gaps: learners' questions whose answers cited
        nothing of the course, grouped by likeness, with counts (a page, most asked first).
        With `Accept: text/csv`: one row per content gap."""
        if wants_csv(request):
            every = await course_tutoring_analytics.execute(principal, course_id, days, None)
            return csv_response("course-content-gaps.csv", GAP_CSV_HEADER, gap_csv_rows(every))
        figures = await course_tutoring_analytics.execute(
            principal, course_id, days, PageRequest(limit, offset)
        )
        return Response(TutoringAnalyticsResponse.of(course_id, days, figures))

    @post(
        "/content-gaps/{gap_id:uuid}/dismiss",
        status_code=HTTP_200_OK,
        responses=error_responses(401, 403, 404),
    )
    async def dismiss_content_gap(
        self,
        course_id: FromPath[UUID],
        gap_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        course_tutoring_analytics: Provided[CourseTutoringAnalytics],
    ) -> ContentGapResponse:
        """Dismiss a content gap (it is handled, or not worth handling): it leaves the list
        until a new question joins it. Answers the gap, `questions` counted over all time."""
        return ContentGapResponse.of(
            await course_tutoring_analytics.dismiss(principal, course_id, gap_id)
        )
