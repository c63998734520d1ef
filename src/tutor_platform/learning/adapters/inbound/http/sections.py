"""/sections: read, rename, move and delete sections; list and add their lessons."""

from uuid import UUID

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, SkipValidation
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from tutor_platform.learning.adapters.inbound.http.catalog_schemas import (
    LessonCreate,
    LessonResponse,
    LessonSummaryListResponse,
    LessonSummaryResponse,
    MoveRequest,
    SectionPatch,
    SectionResponse,
    given,
)
from tutor_platform.learning.adapters.inbound.http.dependencies import use_cases
from tutor_platform.learning.adapters.inbound.http.params import (
    CATALOG_READ,
    INSTRUCTORS,
    Limit,
    Offset,
)
from tutor_platform.learning.application.create_lesson import CreateLesson, NewLesson
from tutor_platform.learning.application.delete_section import DeleteSection
from tutor_platform.learning.application.get_section import GetSection
from tutor_platform.learning.application.list_section_lessons import ListSectionLessons
from tutor_platform.learning.application.move_section import MoveSection
from tutor_platform.learning.application.update_section import UpdateSection
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest

SectionId = FromPath[UUID]


class SectionsController(Controller):
    path = "/sections"
    dependencies = use_cases(
        "get_section",
        "update_section",
        "delete_section",
        "move_section",
        "list_section_lessons",
        "create_lesson",
    )

    @get("/{section_id:uuid}", opt=CATALOG_READ, responses=error_responses(401, 404, 429))
    async def get_section(
        self,
        section_id: SectionId,
        get_section: NamedDependency[SkipValidation[GetSection]],
        optional_principal: NamedDependency[Principal | None],
    ) -> SectionResponse:
        """One section of a course the caller may see."""
        return SectionResponse.of(await get_section.execute(optional_principal, section_id))

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
        update_section: NamedDependency[SkipValidation[UpdateSection]],
    ) -> SectionResponse:
        """Rename the section (positions change through a move)."""
        section = await update_section.execute(principal, section_id, given(data.title))
        return SectionResponse.of(section)

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
        delete_section: NamedDependency[SkipValidation[DeleteSection]],
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
        move_section: NamedDependency[SkipValidation[MoveSection]],
    ) -> SectionResponse:
        """Move the section to ``position`` (1..n); the sections between shift by one."""
        section = await move_section.execute(principal, section_id, data.position)
        return SectionResponse.of(section)

    @get("/{section_id:uuid}/lessons", opt=CATALOG_READ, responses=error_responses(401, 404, 429))
    async def list_section_lessons(
        self,
        section_id: SectionId,
        list_section_lessons: NamedDependency[SkipValidation[ListSectionLessons]],
        optional_principal: NamedDependency[Principal | None],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> LessonSummaryListResponse:
        """The section's lessons by position, without content."""
        page = await list_section_lessons.execute(
            optional_principal, section_id, PageRequest(limit, offset)
        )
        items = [LessonSummaryResponse.of(lesson) for lesson in page.items]
        return LessonSummaryListResponse(items, page.total, page.limit, page.offset)

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
        create_lesson: NamedDependency[SkipValidation[CreateLesson]],
    ) -> LessonResponse:
        """Append a lesson, or insert it at ``position`` (1..n+1; the rest shift down)."""
        command = NewLesson(
            title=data.title,
            content=data.content,
            estimated_minutes=data.estimated_minutes,
            is_premium=data.is_premium,
            position=data.position,
        )
        return LessonResponse.of(await create_lesson.execute(principal, section_id, command))
