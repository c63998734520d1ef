"""The lessons of one section, by position, without their content."""

from uuid import UUID

from tutor_platform.catalog.application.support.access import page_of
from tutor_platform.catalog.domain.access import can_view_course
from tutor_platform.catalog.domain.catalog import LessonSummary
from tutor_platform.catalog.domain.errors import SectionNotFound
from tutor_platform.catalog.ports.reader import CatalogReader
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import Page, PageRequest


class ListSectionLessons:
    def __init__(self, reader: CatalogReader) -> None:
        self._reader = reader

    async def execute(
        self, principal: Principal | None, section_id: UUID, page: PageRequest
    ) -> Page[LessonSummary]:
        section = await self._reader.section(section_id)
        outline = None if section is None else await self._reader.outline(section.course_id)
        if outline is None or not can_view_course(principal, outline.course):
            raise SectionNotFound()
        found = [entry for entry in outline.sections if entry.section.id == section_id]
        if not found:
            raise SectionNotFound()
        return page_of(list(found[0].lessons), page)
