"""/analytics/courses/{id}/quizzes and /mastery: a course's quiz and mastery figures."""

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath, SkipValidation

from tutor_platform.assessment.adapters.inbound.http.analytics_schemas import (
    QUESTION_CSV_HEADER,
    MasteryAnalyticsResponse,
    QuizAnalyticsListResponse,
    question_csv_rows,
)
from tutor_platform.assessment.application.course_analytics import (
    GetMasteryAnalytics,
    GetQuizAnalytics,
)
from tutor_platform.assessment.ports.figures import MatrixRow
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.figures import DateRange
from tutor_platform.shared.http.analytics import DAYS, CsvOperation, csv_response, wants_csv
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest


async def _matrix_csv(rows: AsyncIterator[MatrixRow]) -> AsyncIterator[tuple[object, ...]]:
    async for user_id, cells in rows:
        yield (user_id, *cells)


class CourseAssessmentAnalyticsController(Controller):
    path = "/analytics/courses/{course_id:uuid}"
    security = BEARER_SECURITY
    dependencies = {**DAYS}

    @get(
        "/quizzes",
        responses=error_responses(401, 403, 404, 406, 422),
        operation_class=CsvOperation,
    )
    async def get_quiz_analytics(
        self,
        request: Request[Any, Any, Any],
        course_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        days: NamedDependency[SkipValidation[DateRange]],
        get_quiz_analytics: Provided[GetQuizAnalytics],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> Response[QuizAnalyticsListResponse]:
        """Per quiz of the course (a page, oldest quiz first): attempts in the range, pass
        rate and median score; per question: the share answered correctly, the most chosen
        wrong options and the answers awaiting review (the course's instructor and admins).
        With `Accept: text/csv`: one row per question of every quiz."""
        if wants_csv(request):
            every = await get_quiz_analytics.execute(principal, course_id, days, None)
            return csv_response("course-quizzes.csv", QUESTION_CSV_HEADER, question_csv_rows(every))
        page = await get_quiz_analytics.execute(
            principal, course_id, days, PageRequest(limit, offset)
        )
        return Response(QuizAnalyticsListResponse.of(days, page))

    @get(
        "/mastery",
        responses=error_responses(401, 403, 404, 406, 422),
        operation_class=CsvOperation,
    )
    async def get_mastery_analytics(
        self,
        request: Request[Any, Any, Any],
        course_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        days: NamedDependency[SkipValidation[DateRange]],
        get_mastery_analytics: Provided[GetMasteryAnalytics],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> Response[MasteryAnalyticsResponse]:
        """The learner-by-lesson matrix of p_mastery (a page of the learners with evidence in
        the range) and the learners who are stuck (many attempts, low mastery). With
        `Accept: text/csv`: the whole matrix, one row per learner, one column per lesson."""
        if wants_csv(request):
            lessons = await get_mastery_analytics.lessons(principal, course_id)
            header = ("user_id", *(f"{n}. {ref.title}" for n, ref in enumerate(lessons, 1)))
            rows = _matrix_csv(get_mastery_analytics.matrix(course_id, days, lessons))
            return csv_response("course-mastery.csv", header, rows)
        matrix = await get_mastery_analytics.execute(
            principal, course_id, days, PageRequest(limit, offset)
        )
        return Response(MasteryAnalyticsResponse.of(days, matrix))
