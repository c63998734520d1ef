"""One section of a course the caller may see."""

from uuid import UUID

from tutor_platform.catalog.application.support.access import visible_course
from tutor_platform.catalog.domain.catalog import Section
from tutor_platform.catalog.domain.errors import CourseNotFound, SectionNotFound
from tutor_platform.catalog.ports.reader import CatalogReader
from tutor_platform.shared.auth import Principal


class GetSection:
    def __init__(self, reader: CatalogReader) -> None:
        self._reader = reader

    async def execute(self, principal: Principal | None, section_id: UUID) -> Section:
        section = await self._reader.section(section_id)
        if section is None:
            raise SectionNotFound()
        try:
            await visible_course(self._reader, principal, section.course_id)
        except CourseNotFound:
            raise SectionNotFound() from None
        return section
