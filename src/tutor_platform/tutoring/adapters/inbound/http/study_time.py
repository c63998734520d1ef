"""/progress/tutors: the caller's study time with a tutor (documented with the rest of
/progress, under learning's tag)."""

from uuid import UUID

from litestar import Controller, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.tutoring.adapters.inbound.http.study_time_schemas import (
    StudyTimeAdd,
    StudyTimeResponse,
    StudyTimeSet,
)
from tutor_platform.tutoring.application.study_time import StudyTime

PROGRESS_TAG = ["Learning"]


class StudyTimeController(Controller):
    path = "/progress/tutors/{tutor_id:uuid}"
    security = BEARER_SECURITY

    @get("/", tags=PROGRESS_TAG, responses=error_responses(401, 404))
    async def get_study_time(
        self,
        tutor_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        study_time: Provided[StudyTime],
    ) -> StudyTimeResponse:
        """The caller's study minutes with a tutor (0 when none)."""
        return StudyTimeResponse(tutor_id, await study_time.total(principal, tutor_id))

    @put("/", tags=PROGRESS_TAG, responses=error_responses(401, 404, 422))
    async def set_study_time(
        self,
        tutor_id: FromPath[UUID],
        data: JSONBody[StudyTimeSet],
        principal: NamedDependency[Principal],
        study_time: Provided[StudyTime],
    ) -> StudyTimeResponse:
        """Set the caller's study minutes with a tutor (a correction: not streak activity)."""
        total = await study_time.set_total(principal, tutor_id, data.total_minutes)
        return StudyTimeResponse(tutor_id, total)

    @post(
        "/add",
        tags=PROGRESS_TAG,
        status_code=HTTP_200_OK,
        responses=error_responses(401, 404, 422),
    )
    async def add_study_time(
        self,
        tutor_id: FromPath[UUID],
        data: JSONBody[StudyTimeAdd],
        principal: NamedDependency[Principal],
        study_time: Provided[StudyTime],
    ) -> StudyTimeResponse:
        """Add (or take back) study minutes, atomically; a total below 0 is 422 and nothing
        changes. Positive minutes count as activity for the streak."""
        total = await study_time.add(principal, tutor_id, data.minutes)
        return StudyTimeResponse(tutor_id, total)
