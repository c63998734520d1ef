"""/tutors: AI tutors, public to read, written by instructors and admins."""

from typing import Annotated
from uuid import UUID

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_204_NO_CONTENT

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest
from tutor_platform.tutoring.adapters.inbound.http.params import (
    INSTRUCTORS,
    PUBLIC_READ,
)
from tutor_platform.tutoring.adapters.inbound.http.tutor_schemas import (
    TutorCreate,
    TutorListResponse,
    TutorPatch,
    TutorResponse,
)
from tutor_platform.tutoring.application.create_tutor import CreateTutor
from tutor_platform.tutoring.application.delete_tutor import DeleteTutor
from tutor_platform.tutoring.application.get_tutor import GetTutor
from tutor_platform.tutoring.application.list_tutors import ListTutors
from tutor_platform.tutoring.application.update_tutor import UpdateTutor

TutorId = FromPath[UUID]


class TutorsController(Controller):
    path = "/tutors"

    @get("/", opt=PUBLIC_READ, responses=error_responses(401, 422, 429))
    async def list_tutors(
        self,
        list_tutors: Provided[ListTutors],
        optional_principal: NamedDependency[Principal | None],
        course_id: Annotated[
            UUID | None, QueryParameter(description="Only the tutors of this course.")
        ] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> TutorListResponse:
        """Active tutors, oldest first, leaving out those of courses you cannot see
        (unpublished courses of others). ``system_prompt`` is null unless you may change the
        tutor."""
        page = await list_tutors.execute(optional_principal, course_id, PageRequest(limit, offset))
        return PageResponse.of(page, TutorResponse)

    @get("/{tutor_id:uuid}", opt=PUBLIC_READ, responses=error_responses(401, 404, 429))
    async def get_tutor(
        self,
        tutor_id: TutorId,
        get_tutor: Provided[GetTutor],
        optional_principal: NamedDependency[Principal | None],
    ) -> TutorResponse:
        """One tutor (404 when inactive or of a course you cannot see, unless you may change
        it). ``system_prompt`` is null unless you may change the tutor."""
        return convert(await get_tutor.execute(optional_principal, tutor_id), TutorResponse)

    @post("/", guards=INSTRUCTORS, security=BEARER_SECURITY, responses=error_responses(403, 422))
    async def create_tutor(
        self,
        data: JSONBody[TutorCreate],
        principal: NamedDependency[Principal],
        create_tutor: Provided[CreateTutor],
    ) -> TutorResponse:
        """Create a tutor (instructors and admins); the caller becomes its creator. A
        ``course_id`` must be a course you may change: 422 when you cannot see it, 403 when it
        is someone else's."""
        return convert(await create_tutor.execute(principal, data.command()), TutorResponse)

    @patch(
        "/{tutor_id:uuid}",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        responses=error_responses(403, 404, 422),
    )
    async def update_tutor(
        self,
        tutor_id: TutorId,
        data: JSONBody[TutorPatch],
        principal: NamedDependency[Principal],
        update_tutor: Provided[UpdateTutor],
    ) -> TutorResponse:
        """Change a tutor (its creator, the instructor of its course or an admin; others
        403)."""
        return convert(
            await update_tutor.execute(principal, tutor_id, data.changes()), TutorResponse
        )

    @delete(
        "/{tutor_id:uuid}",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(403, 404),
    )
    async def delete_tutor(
        self,
        tutor_id: TutorId,
        principal: NamedDependency[Principal],
        delete_tutor: Provided[DeleteTutor],
    ) -> None:
        """Delete a tutor with every session held with it (its creator, the instructor of its
        course or an admin; others 403). To keep the conversations, set ``is_active`` false."""
        await delete_tutor.execute(principal, tutor_id)
