"""``CourseContext`` over the catalog's facade."""

from collections.abc import Collection
from uuid import UUID

from tutor_platform.catalog.api import CatalogFacade
from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.ports.course_context import CourseRef, PassageHit


class CatalogCourseContext:
    """Visibility and edit rights are the catalog's own rules (``can_view_course``,
    ``visible_courses``, ``can_edit_course``); passages come from the catalog's hybrid
    retrieval."""

    def __init__(self, catalog: CatalogFacade) -> None:
        self._catalog = catalog

    async def can_view(self, principal: Principal | None, course_id: UUID) -> bool:
        return await self._catalog.can_view_course(principal, course_id)

    async def can_edit(self, principal: Principal, course_id: UUID) -> bool:
        return await self._catalog.can_edit_course(principal, course_id)

    async def editable(self, principal: Principal, course_ids: Collection[UUID]) -> set[UUID]:
        return await self._catalog.editable_courses(principal, course_ids)

    async def hidden(self, principal: Principal | None, course_ids: Collection[UUID]) -> set[UUID]:
        return set(course_ids) - await self._catalog.visible_courses(principal, course_ids)

    async def passages(self, course_id: UUID, query: str, limit: int) -> list[PassageHit]:
        found = await self._catalog.retrieve_passages(course_id, query, limit)
        return [
            PassageHit(
                lesson_id=hit.lesson_id,
                course_id=hit.course_id,
                lesson_title=hit.lesson_title,
                heading=hit.heading,
                markdown=hit.markdown,
                text=hit.text,
                is_premium=hit.is_premium,
                score=hit.score,
                similarity=hit.similarity,
                lexical=hit.lexical,
            )
            for hit in found
        ]

    async def other_courses(self, query: str, exclude: UUID, limit: int) -> list[CourseRef]:
        courses = await self._catalog.matching_courses(query, limit + 1)
        return [CourseRef(c.id, c.title) for c in courses if c.id != exclude][:limit]
