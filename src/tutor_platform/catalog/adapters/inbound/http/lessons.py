"""/lessons: read a lesson (premium rules), step to the next or previous one, edit, move."""

from uuid import UUID

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from tutor_platform.catalog.adapters.inbound.http.catalog_schemas import (
    AdjacentLessonResponse,
    LessonMoveRequest,
    LessonPatch,
    LessonResponse,
)
from tutor_platform.catalog.adapters.inbound.http.params import (
    CATALOG_READ,
    INSTRUCTORS,
    LESSON_READ,
)
from tutor_platform.catalog.application.delete_lesson import DeleteLesson
from tutor_platform.catalog.application.get_adjacent_lesson import (
    NEXT,
    PREVIOUS,
    GetAdjacentLesson,
)
from tutor_platform.catalog.application.get_lesson import ReadLesson
from tutor_platform.catalog.application.move_lesson import MoveLesson
from tutor_platform.catalog.application.update_lesson import LessonChanges, UpdateLesson
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.requests import given
from tutor_platform.shared.http.responses import convert

LessonId = FromPath[UUID]
READ_ERRORS = error_responses(401, 403, 404, 429)


class LessonsController(Controller):
    path = "/lessons"

    @get("/{lesson_id:uuid}", opt=LESSON_READ, responses=READ_ERRORS)
    async def get_lesson(
        self,
        lesson_id: LessonId,
        read_lesson: Provided[ReadLesson],
        optional_principal: NamedDependency[Principal | None],
    ) -> LessonResponse:
        """The lesson with its content. A premium lesson is 403 PREMIUM_REQUIRED for
        anonymous and free callers (its instructor and admins always read it). A signed-in
        reader's course progress records the access (``last_accessed_at``)."""
        return convert(await read_lesson.execute(optional_principal, lesson_id), LessonResponse)

    @get(
        "/{lesson_id:uuid}/next",
        operation_id="getNextLesson",
        opt=CATALOG_READ,
        responses=READ_ERRORS,
    )
    async def next_lesson(
        self,
        lesson_id: LessonId,
        get_adjacent_lesson: Provided[GetAdjacentLesson],
        optional_principal: NamedDependency[Principal | None],
    ) -> AdjacentLessonResponse:
        """The following lesson of the course (across sections), as ``GET /lessons/{id}``
        gives it, or ``locked`` without content when it is premium and the caller is not;
        404 after the last lesson."""
        adjacent = await get_adjacent_lesson.execute(optional_principal, lesson_id, NEXT)
        return AdjacentLessonResponse.of(adjacent)

    @get(
        "/{lesson_id:uuid}/previous",
        operation_id="getPreviousLesson",
        opt=CATALOG_READ,
        responses=READ_ERRORS,
    )
    async def previous_lesson(
        self,
        lesson_id: LessonId,
        get_adjacent_lesson: Provided[GetAdjacentLesson],
        optional_principal: NamedDependency[Principal | None],
    ) -> AdjacentLessonResponse:
        """The preceding lesson of the course (across sections), as ``GET /lessons/{id}``
        gives it, or ``locked`` without content when it is premium and the caller is not;
        404 before the first lesson."""
        adjacent = await get_adjacent_lesson.execute(optional_principal, lesson_id, PREVIOUS)
        return AdjacentLessonResponse.of(adjacent)

    @patch(
        "/{lesson_id:uuid}",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        responses=error_responses(404, 422),
    )
    async def update_lesson(
        self,
        lesson_id: LessonId,
        data: JSONBody[LessonPatch],
        principal: NamedDependency[Principal],
        update_lesson: Provided[UpdateLesson],
    ) -> LessonResponse:
        """Change title, content, estimated minutes or the premium flag."""
        changes = LessonChanges(
            title=given(data.title),
            content=given(data.content),
            estimated_minutes=given(data.estimated_minutes),
            is_premium=given(data.is_premium),
        )
        return convert(await update_lesson.execute(principal, lesson_id, changes), LessonResponse)

    @delete(
        "/{lesson_id:uuid}",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(404),
    )
    async def delete_lesson(
        self,
        lesson_id: LessonId,
        principal: NamedDependency[Principal],
        delete_lesson: Provided[DeleteLesson],
    ) -> None:
        """Delete the lesson; the lessons after it in its section move up."""
        await delete_lesson.execute(principal, lesson_id)

    @post(
        "/{lesson_id:uuid}/move",
        guards=INSTRUCTORS,
        security=BEARER_SECURITY,
        status_code=HTTP_200_OK,
        responses=error_responses(404, 422),
    )
    async def move_lesson(
        self,
        lesson_id: LessonId,
        data: JSONBody[LessonMoveRequest],
        principal: NamedDependency[Principal],
        move_lesson: Provided[MoveLesson],
    ) -> LessonResponse:
        """Move the lesson to ``position`` in its section, or into another section of the
        same course (``section_id``; 422 for a section of another course)."""
        lesson = await move_lesson.execute(principal, lesson_id, data.position, data.section_id)
        return convert(lesson, LessonResponse)
