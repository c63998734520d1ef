"""Mastery: ``GET /progress/courses/{course_id}/mastery``."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromPath, QueryParameter

from tutor_platform.assessment.application.get_mastery import GetMastery
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.responses import convert


class LessonMasteryResponse(msgspec.Struct, kw_only=True):
    lesson_id: UUID
    title: str
    p_mastery: Annotated[
        float, msgspec.Meta(description="Probability (0-1) that the lesson is mastered (BKT).")
    ]
    mastered: Annotated[bool, msgspec.Meta(description="p_mastery of at least 0.95.")]
    evidence: Annotated[
        int,
        msgspec.Meta(
            description="Answers it rests on: first attempts at the lesson's questions and "
            "review answers."
        ),
    ]
    last_evidence_at: datetime | None


class MasteryResponse(msgspec.Struct):
    items: list[LessonMasteryResponse]


class MasteryController(Controller):
    path = "/progress/courses/{course_id:uuid}/mastery"
    security = BEARER_SECURITY

    @get("/", responses=error_responses(401, 404, 422))
    async def get_mastery(
        self,
        course_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        get_mastery: Provided[GetMastery],
        user_id: Annotated[
            UUID | None,
            QueryParameter(description="Another learner's (the course's instructor, admins)."),
        ] = None,
    ) -> MasteryResponse:
        """Your mastery of each lesson of the course, in course order, with its evidence."""
        views = await get_mastery.execute(principal, course_id, user_id)
        return MasteryResponse([convert(view, LessonMasteryResponse) for view in views])
