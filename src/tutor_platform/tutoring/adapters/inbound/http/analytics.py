"""/analytics/courses/{id}/tutoring and the dismissal of a content gap."""

from typing import Any
from uuid import UUID

from litestar import Request, Response, post
from litestar.di import NamedDependency
from litestar.params import FromPath, SkipValidation
from litestar.status_codes import HTTP_200_OK

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.figures import DateRange
from tutor_platform.shared.http.analytics import (
    CsvTable,
    FiguresController,
    figures_answer,
    figures_get,
)
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.tutoring.adapters.inbound.http.analytics_schemas import (
    ContentGapResponse,
    TutoringAnalyticsResponse,
    gap_table,
)
from tutor_platform.tutoring.application.course_analytics import CourseTutoringAnalytics


class CourseTutoringAnalyticsController(FiguresController):
    path = "/analytics/courses/{course_id:uuid}"

    @figures_get("/tutoring")
    async def get_tutoring_analytics(
        self,
        request: Request[Any, Any, Any],
        course_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        days: NamedDependency[SkipValidation[DateRange]],
        page: NamedDependency[SkipValidation[PageRequest]],
        course_tutoring_analytics: Provided[CourseTutoringAnalytics],
    ) -> Response[TutoringAnalyticsResponse]:
        """Per tutor of the course: sessions, messages, uncited answers, ratings and quick
        reactions in the range; and the content gaps: learners' questions whose answers cited
        nothing of the course, grouped by likeness, with counts (a page, most asked first).
        With `Accept: text/csv`: one row per content gap."""
        analytics = course_tutoring_analytics

        async def json() -> TutoringAnalyticsResponse:
            figures = await analytics.execute(principal, course_id, days, page)
            return TutoringAnalyticsResponse.of(course_id, days, figures)

        async def csv() -> CsvTable:
            return gap_table(await analytics.execute(principal, course_id, days, None))

        return await figures_answer(request, json, csv)

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
