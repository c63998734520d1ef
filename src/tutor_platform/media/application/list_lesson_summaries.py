"""The summaries of a lesson, newest first, for whoever may read the lesson."""

from uuid import UUID

from tutor_platform.media.application.support.lesson_lookup import lesson_access
from tutor_platform.media.domain.lesson_access import ensure_can_read_summaries
from tutor_platform.media.domain.lesson_media import LessonSummary
from tutor_platform.media.ports.lesson_catalog import LessonCatalog
from tutor_platform.media.ports.unit_of_work import LessonMediaUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import Page, PageRequest


class ListLessonSummaries:
    """Summaries whose file is deleted are left out (they come back if it is restored)."""

    def __init__(self, uow_factory: LessonMediaUnitOfWorkFactory, catalog: LessonCatalog) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog

    async def execute(
        self, principal: Principal | None, lesson_id: UUID, page: PageRequest
    ) -> Page[LessonSummary]:
        access = await lesson_access(self._catalog, principal, lesson_id)
        ensure_can_read_summaries(principal, access)
        async with self._uow_factory() as uow:
            items, total = await uow.summaries.for_lesson(lesson_id, page)
        return Page(items, total, page.limit, page.offset)
