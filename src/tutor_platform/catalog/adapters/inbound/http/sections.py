"""/sections: read, rename, move and delete sections; list and add their lessons."""

from uuid import UUID

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from tutor_platform.catalog.adapters.inbound.http.catalog_schemas import (
    LessonCreate,
    LessonResponse,
    LessonSummaryListResponse,
    LessonSummaryResponse,
    MoveRequest,
    SectionPatch,
    SectionResponse,
)
from tutor_platform.catalog.adapters.inbound.http.params import (
    CATALOG_READ,
    INSTRUCTORS,
)
from tutor_platform.catalog.application.create_lesson import CreateLesson, NewLesson
from tutor_platform.catalog.application.delete_section import DeleteSection
from tutor_platform.catalog.application.get_section import GetSection
from tutor_platform.catalog.application.list_section_lessons import ListSectionLessons
from tutor_platform.catalog.application.move_section import MoveSection
from tutor_platform.catalog.application.update_section import UpdateSection
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.http.requests import given
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest

SectionId = FromPath[UUID]


class SectionsController(Controller):
    path = "/sections"

    @get("/{section_id:uuid}", opt=CATALOG_READ, responses=error_responses(401, 404, 429))
    async def get_section(
        self,
        section_id: SectionId,
        get_section: Provided[GetSection],
        optional_principal: NamedDependency[Principal | None],
    ) -> SectionResponse:
        """One section of a course the caller may see."""
        return convert(await get_section.execute(optional_principal, section_id), SectionResponse)

    @patch(
        "/{section_id:uuid}",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        responses=error_responses(404, 422),
    )
    async def update_section(
        self,
        section_id: SectionId,
        data: JSONBody[SectionPatch],
        principal: NamedDependency[Principal],
        update_section: Provided[UpdateSection],
    ) -> SectionResponse:
        """Rename the section (positions change through a move)."""
        section = await update_section.execute(principal, section_id, given(data.title))
        return convert(section, SectionResponse)

    @delete(
        "/{section_id:uuid}",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(404),
    )
    async def delete_section(
        self,
        section_id: SectionId,
        principal: NamedDependency[Principal],
        delete_section: Provided[DeleteSection],
    ) -> None:
        """Delete the section and its lessons; the sections after it move up."""
        await delete_section.execute(principal, section_id)

    @post(
        "/{section_id:uuid}/move",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        status_code=HTTP_200_OK,
        responses=error_responses(404, 422),
    )
    async def move_section(
        self,
        section_id: SectionId,
        data: JSONBody[MoveRequest],
        principal: NamedDependency[Principal],
        move_section: Provided[MoveSection],
    ) -> SectionResponse:
        """Move the section to ``position`` (1..n); the sections between shift by one."""
        section = await move_section.execute(principal, section_id, data.position)
        return convert(section, SectionResponse)

    @get("/{section_id:uuid}/lessons", opt=CATALOG_READ, responses=error_responses(401, 404, 429))
    async def list_section_lessons(
        self,
        section_id: SectionId,
        list_section_lessons: Provided[ListSectionLessons],
        optional_principal: NamedDependency[Principal | None],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> LessonSummaryListResponse:
        """The section's lessons by position, without content."""
        page = await list_section_lessons.execute(
            optional_principal, section_id, PageRequest(limit, offset)
        )
        return PageResponse.of(page, LessonSummaryResponse)

    @post(
        "/{section_id:uuid}/lessons",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        responses=error_responses(404, 422),
    )
    async def create_lesson(
        self,
        section_id: SectionId,
        data: JSONBody[LessonCreate],
        principal: NamedDependency[Principal],
        create_lesson: Provided[CreateLesson],
    ) -> LessonResponse:
        """Append a lesson, or insert it at ``position`` (1..n+1; the rest shift down)."""
        command = NewLesson(
            title=data.title,
            content=data.content,
            estimated_minutes=data.estimated_minutes,
            is_premium=data.is_premium,
            position=data.position,
        )
        return convert(await create_lesson.execute(principal, section_id, command), LessonResponse)
