"""Mastery: ``GET /progress/courses/{course_id}/mastery`` and a course's BKT parameters,
``GET``/``PUT /courses/{course_id}/mastery-parameters``."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, get, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from tutor_platform.assessment.adapters.inbound.http.params import INSTRUCTORS
from tutor_platform.assessment.application.get_mastery import GetMastery
from tutor_platform.assessment.application.mastery_parameters import (
    GetMasteryParameters,
    NewBktParameters,
    SetMasteryParameters,
)
from tutor_platform.assessment.domain.mastery import CourseBkt
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.requests import StrictRequest
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


class MasteryParametersResponse(msgspec.Struct, kw_only=True):
    """The Bayesian Knowledge Tracing parameters of a course."""

    course_id: UUID
    p_init: Annotated[float, msgspec.Meta(description="Mastery before any answer.")]
    p_transit: Annotated[float, msgspec.Meta(description="Chance of learning at each answer.")]
    p_slip: Annotated[float, msgspec.Meta(description="Chance of a wrong answer if mastered.")]
    p_guess: Annotated[float, msgspec.Meta(description="Chance of a right answer if not.")]
    mastered_at: Annotated[float, msgspec.Meta(description="p_mastery that counts as mastered.")]
    custom: Annotated[
        bool, msgspec.Meta(description="Set by the course; false: OATutor's defaults (0.1 each).")
    ]
    updated_by: UUID | None
    updated_at: datetime | None

    @classmethod
    def of(cls, bkt: CourseBkt) -> "MasteryParametersResponse":
        p = bkt.parameters
        return cls(
            course_id=bkt.course_id,
            p_init=p.p_init,
            p_transit=p.p_transit,
            p_slip=p.p_slip,
            p_guess=p.p_guess,
            mastered_at=p.mastered_at,
            custom=bkt.custom,
            updated_by=bkt.updated_by,
            updated_at=bkt.updated_at,
        )


class MasteryResponse(msgspec.Struct):
    items: list[LessonMasteryResponse]
    parameters: Annotated[
        MasteryParametersResponse, msgspec.Meta(description="What the mastery is traced with.")
    ]


Probability = Annotated[float, msgspec.Meta(ge=0, le=1)]
Slip = Annotated[float, msgspec.Meta(gt=0, lt=1)]


class MasteryParametersRequest(StrictRequest):
    """Each answer to a question of a lesson updates its mastery with these; p_slip + p_guess
    must be less than 1."""

    p_init: Annotated[Probability, msgspec.Meta(description="0 to 1; OATutor: 0.1.")]
    p_transit: Annotated[Probability, msgspec.Meta(description="0 to 1; OATutor: 0.1.")]
    p_slip: Annotated[Slip, msgspec.Meta(description="Between 0 and 1; OATutor: 0.1.")]
    p_guess: Annotated[Slip, msgspec.Meta(description="Between 0 and 1; OATutor: 0.1.")]

    def command(self) -> NewBktParameters:
        return NewBktParameters(
            p_init=self.p_init, p_transit=self.p_transit, p_slip=self.p_slip, p_guess=self.p_guess
        )


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
        report = await get_mastery.execute(principal, course_id, user_id)
        return MasteryResponse(
            [convert(view, LessonMasteryResponse) for view in report.lessons],
            MasteryParametersResponse.of(report.bkt),
        )


class MasteryParametersController(Controller):
    path = "/courses/{course_id:uuid}/mastery-parameters"
    security = BEARER_SECURITY

    @get("/", responses=error_responses(401, 404, 422))
    async def get_mastery_parameters(
        self,
        course_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        get_parameters: Provided[GetMasteryParameters],
    ) -> MasteryParametersResponse:
        """The parameters the course traces its learners' mastery with."""
        return MasteryParametersResponse.of(await get_parameters.execute(principal, course_id))

    @put("/", guards=INSTRUCTORS, responses=error_responses(401, 403, 404, 422))
    async def set_mastery_parameters(
        self,
        course_id: FromPath[UUID],
        data: JSONBody[MasteryParametersRequest],
        principal: NamedDependency[Principal],
        set_parameters: Provided[SetMasteryParameters],
    ) -> MasteryParametersResponse:
        """Set the course's parameters (its instructor or an admin). Every learner's mastery
        of its lessons is traced again with them."""
        saved = await set_parameters.execute(principal, course_id, data.command())
        return MasteryParametersResponse.of(saved)
