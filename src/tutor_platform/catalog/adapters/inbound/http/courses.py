"""/courses: the public catalog, and course authoring for instructors and admins."""

from typing import Annotated
from uuid import UUID

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from tutor_platform.catalog.adapters.inbound.http.catalog_schemas import (
    CourseBulkCreate,
    CourseBulkResponse,
    CourseCreate,
    CourseListResponse,
    CourseOutlineResponse,
    CoursePatch,
    CourseResponse,
    LessonSummaryListResponse,
    LessonSummaryResponse,
    SectionCreate,
    SectionListResponse,
    SectionResponse,
)
from tutor_platform.catalog.adapters.inbound.http.params import (
    CATALOG_READ,
    INSTRUCTORS,
)
from tutor_platform.catalog.application.create_course import CreateCourse
from tutor_platform.catalog.application.create_courses import CreateCourses
from tutor_platform.catalog.application.create_section import CreateSection
from tutor_platform.catalog.application.delete_course import DeleteCourse
from tutor_platform.catalog.application.get_course_outline import GetCourseOutline
from tutor_platform.catalog.application.list_course_lessons import ListCourseLessons
from tutor_platform.catalog.application.list_courses import CourseFilters, ListCourses
from tutor_platform.catalog.application.list_sections import ListSections
from tutor_platform.catalog.application.publish_course import PublishCourse
from tutor_platform.catalog.application.update_course import CourseChanges, UpdateCourse
from tutor_platform.catalog.domain.catalog import Difficulty
from tutor_platform.catalog.domain.validation import MAX_QUERY_LENGTH, MAX_SUBJECT_LENGTH
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.http.requests import given
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest

CourseId = FromPath[UUID]


class CoursesController(Controller):
    path = "/courses"

    @get("/", opt=CATALOG_READ, responses=error_responses(401, 422, 429))
    async def list_courses(
        self,
        list_courses: Provided[ListCourses],
        optional_principal: NamedDependency[Principal | None],
        subject: Annotated[
            str | None,
            QueryParameter(max_length=MAX_SUBJECT_LENGTH, description="Exact, any case."),
        ] = None,
        difficulty: Annotated[Difficulty | None, QueryParameter()] = None,
        q: Annotated[
            str | None,
            QueryParameter(
                max_length=MAX_QUERY_LENGTH,
                description="Part of the title or description, any case.",
            ),
        ] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> CourseListResponse:
        """Published courses, newest first; an instructor also sees their own unpublished
        courses, an admin sees every course."""
        page = await list_courses.execute(
            optional_principal,
            CourseFilters(subject=subject, difficulty=difficulty, q=q),
            PageRequest(limit, offset),
        )
        items = [convert(course, CourseResponse) for course in page.items]
        return PageResponse(items, page.total, page.limit, page.offset)

    @post("/", guards=INSTRUCTORS, security=BEARER_SECURITY, responses=error_responses(409, 422))
    async def create_course(
        self,
        data: JSONBody[CourseCreate],
        principal: NamedDependency[Principal],
        create_course: Provided[CreateCourse],
    ) -> CourseResponse:
        """Create an unpublished course owned by the caller (409 when the slug is taken)."""
        return convert(await create_course.execute(principal, data.command()), CourseResponse)

    @post(
        "/bulk", guards=INSTRUCTORS, security=BEARER_SECURITY, responses=error_responses(409, 422)
    )
    async def create_courses(
        self,
        data: JSONBody[CourseBulkCreate],
        principal: NamedDependency[Principal],
        create_courses: Provided[CreateCourses],
    ) -> CourseBulkResponse:
        """Create up to 100 courses at once, all or none: one invalid item is 422 (naming
        ``items[i].field``), a slug already used or repeated in the batch is 409."""
        courses = await create_courses.execute(principal, [item.command() for item in data.items])
        return CourseBulkResponse([convert(course, CourseResponse) for course in courses])

    @get("/{course_id:uuid}", opt=CATALOG_READ, responses=error_responses(401, 404, 429))
    async def get_course(
        self,
        course_id: CourseId,
        get_course_outline: Provided[GetCourseOutline],
        optional_principal: NamedDependency[Principal | None],
    ) -> CourseOutlineResponse:
        """The course with its outline: sections and lesson titles (premium ones too)."""
        outline = await get_course_outline.execute(optional_principal, course_id)
        return CourseOutlineResponse.of_outline(outline)

    @get("/{course_id:uuid}/lessons", opt=CATALOG_READ, responses=error_responses(401, 404, 429))
    async def list_course_lessons(
        self,
        course_id: CourseId,
        list_course_lessons: Provided[ListCourseLessons],
        optional_principal: NamedDependency[Principal | None],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> LessonSummaryListResponse:
        """The course's lessons in reading order across sections, without content."""
        page = await list_course_lessons.execute(
            optional_principal, course_id, PageRequest(limit, offset)
        )
        return PageResponse.of(page, LessonSummaryResponse)

    @patch(
        "/{course_id:uuid}",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        responses=error_responses(404, 409, 422),
    )
    async def update_course(
        self,
        course_id: CourseId,
        data: JSONBody[CoursePatch],
        principal: NamedDependency[Principal],
        update_course: Provided[UpdateCourse],
    ) -> CourseResponse:
        """Change the course's fields (its instructor or an admin; the slug stays unless
        given)."""
        changes = CourseChanges(
            title=given(data.title),
            slug=given(data.slug),
            description=given(data.description),
            subject=given(data.subject),
            difficulty=given(data.difficulty),
            prerequisites=given(data.prerequisites),
            cover_file_id=given(data.cover_file_id),
            remove_cover=data.cover_file_id is None,
        )
        return convert(await update_course.execute(principal, course_id, changes), CourseResponse)

    @delete(
        "/{course_id:uuid}",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(404),
    )
    async def delete_course(
        self,
        course_id: CourseId,
        principal: NamedDependency[Principal],
        delete_course: Provided[DeleteCourse],
    ) -> None:
        """Delete the course with its sections and lessons."""
        await delete_course.execute(principal, course_id)

    @post(
        "/{course_id:uuid}/publish",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        status_code=HTTP_200_OK,
        responses=error_responses(404),
    )
    async def publish_course(
        self,
        course_id: CourseId,
        principal: NamedDependency[Principal],
        publish_course: Provided[PublishCourse],
    ) -> CourseResponse:
        """Make the course visible to everyone."""
        course = await publish_course.execute(principal, course_id, published=True)
        return convert(course, CourseResponse)

    @post(
        "/{course_id:uuid}/unpublish",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        status_code=HTTP_200_OK,
        responses=error_responses(404),
    )
    async def unpublish_course(
        self,
        course_id: CourseId,
        principal: NamedDependency[Principal],
        publish_course: Provided[PublishCourse],
    ) -> CourseResponse:
        """Hide the course from everyone but its instructor and admins."""
        course = await publish_course.execute(principal, course_id, published=False)
        return convert(course, CourseResponse)

    @get("/{course_id:uuid}/sections", opt=CATALOG_READ, responses=error_responses(401, 404, 429))
    async def list_sections(
        self,
        course_id: CourseId,
        list_sections: Provided[ListSections],
        optional_principal: NamedDependency[Principal | None],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> SectionListResponse:
        """The course's sections by position."""
        page = await list_sections.execute(
            optional_principal, course_id, PageRequest(limit, offset)
        )
        return PageResponse.of(page, SectionResponse)

    @post(
        "/{course_id:uuid}/sections",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        responses=error_responses(404, 422),
    )
    async def create_section(
        self,
        course_id: CourseId,
        data: JSONBody[SectionCreate],
        principal: NamedDependency[Principal],
        create_section: Provided[CreateSection],
    ) -> SectionResponse:
        """Append a section, or insert it at ``position`` (1..n+1; the rest shift down)."""
        section = await create_section.execute(principal, course_id, data.title, data.position)
        return convert(section, SectionResponse)
