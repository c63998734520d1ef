"""Premium features (403 PREMIUM_REQUIRED on the free plan, a daily quota per user → 429
QUOTA_EXCEEDED): free-text assessment and the hybrid endpoints, and their usage."""

from uuid import UUID

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK

from tutor_platform.assessment.adapters.inbound.http.params import (
    ADMINS,
)
from tutor_platform.assessment.adapters.inbound.http.premium_schemas import (
    AdaptiveLearningRequest,
    AdaptiveLearningResponse,
    FreeTextRequest,
    FreeTextResponse,
    MentorSessionRequest,
    MentorSessionResponse,
    SynthesisRequest,
    SynthesisResponse,
    UsageResponse,
)
from tutor_platform.assessment.application.assess_free_text import AssessFreeText
from tutor_platform.assessment.application.get_usage import GetUsage
from tutor_platform.assessment.application.plan_adaptive_learning import PlanAdaptiveLearning
from tutor_platform.assessment.application.start_mentor_session import StartMentorSession
from tutor_platform.assessment.application.synthesize_lessons import SynthesizeLessons
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.responses import convert

PREMIUM_ERRORS = error_responses(401, 403, 422, 429, 502)


class AssessmentsController(Controller):
    path = "/assessments"
    security = BEARER_SECURITY

    @post("/free-text", status_code=HTTP_200_OK, responses=PREMIUM_ERRORS)
    async def assess_free_text(
        self,
        data: JSONBody[FreeTextRequest],
        principal: NamedDependency[Principal],
        assess_free_text: Provided[AssessFreeText],
    ) -> FreeTextResponse:
        """Grade a free-text answer with the AI, against a rubric if given (quota
        ``llm_assessment``, shared with ``POST /hybrid/llm-assessment``)."""
        return convert(await assess_free_text.execute(principal, data.command()), FreeTextResponse)


class HybridController(Controller):
    path = "/hybrid"
    security = BEARER_SECURITY

    @post(
        "/adaptive-learning",
        operation_id="planLearningPath",
        status_code=HTTP_200_OK,
        responses=PREMIUM_ERRORS,
    )
    async def adaptive_learning(
        self,
        data: JSONBody[AdaptiveLearningRequest],
        principal: NamedDependency[Principal],
        plan_adaptive_learning: Provided[PlanAdaptiveLearning],
    ) -> AdaptiveLearningResponse:
        """An ordered path through the course, each lesson with the reason it is there:
        lessons behind the questions you missed, lessons with reviews due today, then lessons
        not mastered yet in course order; with a summary by the AI."""
        path = await plan_adaptive_learning.execute(principal, data.course_id)
        return convert(path, AdaptiveLearningResponse)

    @post(
        "/llm-assessment",
        operation_id="assessWithLlm",
        status_code=HTTP_200_OK,
        responses=PREMIUM_ERRORS,
    )
    async def llm_assessment(
        self,
        data: JSONBody[FreeTextRequest],
        principal: NamedDependency[Principal],
        assess_free_text: Provided[AssessFreeText],
    ) -> FreeTextResponse:
        """The same as ``POST /assessments/free-text``."""
        return convert(await assess_free_text.execute(principal, data.command()), FreeTextResponse)

    @post(
        "/synthesis",
        operation_id="synthesizeLessons",
        status_code=HTTP_200_OK,
        responses=PREMIUM_ERRORS,
    )
    async def synthesis(
        self,
        data: JSONBody[SynthesisRequest],
        principal: NamedDependency[Principal],
        synthesize_lessons: Provided[SynthesizeLessons],
    ) -> SynthesisResponse:
        """How 2 to 10 lessons of a course connect, written by the AI from their text."""
        synthesis = await synthesize_lessons.execute(principal, data.course_id, data.lesson_ids)
        return SynthesisResponse.of(synthesis)

    @post(
        "/mentor-session",
        operation_id="planMentorSession",
        status_code=HTTP_200_OK,
        responses=PREMIUM_ERRORS,
    )
    async def mentor_session(
        self,
        data: JSONBody[MentorSessionRequest],
        principal: NamedDependency[Principal],
        start_mentor_session: Provided[StartMentorSession],
    ) -> MentorSessionResponse:
        """A numbered plan towards a goal (from the course outline when a course is given),
        with advice by the AI."""
        plan = await start_mentor_session.execute(principal, data.goal, data.course_id)
        return convert(plan, MentorSessionResponse)

    @get("/usage/me", operation_id="getMyPremiumUsage", responses=error_responses(401))
    async def my_usage(
        self,
        principal: NamedDependency[Principal],
        get_usage: Provided[GetUsage],
    ) -> UsageResponse:
        """Your premium calls and their cost per month, and today's calls against each
        daily quota."""
        return UsageResponse.of(await get_usage.execute(principal, principal.user_id))

    @get(
        "/usage/{user_id:uuid}",
        operation_id="getUserPremiumUsage",
        guards=ADMINS,
        responses=error_responses(401, 403, 404),
    )
    async def user_usage(
        self,
        user_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        get_usage: Provided[GetUsage],
    ) -> UsageResponse:
        """A user's premium usage (administrators)."""
        return UsageResponse.of(await get_usage.execute(principal, user_id))
