"""/analytics/courses/{id}/quizzes and /mastery: a course's quiz and mastery figures."""

from typing import Any
from uuid import UUID

from litestar import Request, Response
from litestar.di import NamedDependency
from litestar.params import FromPath, SkipValidation

from tutor_platform.assessment.adapters.inbound.http.analytics_schemas import (
    MasteryAnalyticsResponse,
    QuizAnalyticsListResponse,
    matrix_table,
    question_table,
)
from tutor_platform.assessment.application.course_analytics import (
    GetMasteryAnalytics,
    GetQuizAnalytics,
)
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.figures import DateRange
from tutor_platform.shared.http.analytics import (
    CsvTable,
    FiguresController,
    figures_answer,
    figures_get,
)
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.pagination import PageRequest


class CourseAssessmentAnalyticsController(FiguresController):
    path = "/analytics/courses/{course_id:uuid}"

    @figures_get("/quizzes")
    async def get_quiz_analytics(
        self,
        request: Request[Any, Any, Any],
        course_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        days: NamedDependency[SkipValidation[DateRange]],
        page: NamedDependency[SkipValidation[PageRequest]],
        get_quiz_analytics: Provided[GetQuizAnalytics],
    ) -> Response[QuizAnalyticsListResponse]:
        """Per quiz of the course (a page, oldest quiz first): attempts in the range, pass
        rate and median score; per question: the share answered correctly, the most chosen
        wrong options and the answers awaiting review (the course's instructor and admins).
        With `Accept: text/csv`: one row per question of every quiz."""

        async def json() -> QuizAnalyticsListResponse:
            quizzes = await get_quiz_analytics.execute(principal, course_id, days, page)
            return QuizAnalyticsListResponse.of(days, quizzes)

        async def csv() -> CsvTable:
            return question_table(
                await get_quiz_analytics.execute(principal, course_id, days, None)
            )

        return await figures_answer(request, json, csv)

    @figures_get("/mastery")
    async def get_mastery_analytics(
        self,
        request: Request[Any, Any, Any],
        course_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        days: NamedDependency[SkipValidation[DateRange]],
        page: NamedDependency[SkipValidation[PageRequest]],
        get_mastery_analytics: Provided[GetMasteryAnalytics],
    ) -> Response[MasteryAnalyticsResponse]:
        """The learner-by-lesson matrix of p_mastery (a page of the learners with evidence in
        the range) and the learners who are stuck (many attempts, low mastery). With
        `Accept: text/csv`: the whole matrix, one row per learner, one column per lesson."""
        mastery = get_mastery_analytics

        async def json() -> MasteryAnalyticsResponse:
            matrix = await mastery.execute(principal, course_id, days, page)
            return MasteryAnalyticsResponse.of(days, matrix)

        async def csv() -> CsvTable:
            lessons = await mastery.lessons(principal, course_id)
            return matrix_table(lessons, mastery.matrix(course_id, days, lessons))

        return await figures_answer(request, json, csv)
