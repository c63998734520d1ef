"""The drafts of a lesson, newest first, for the course's instructor and admins."""

from uuid import UUID

from tutor_platform.media.application.support.lesson_lookup import lesson_access
from tutor_platform.media.domain.lesson_access import ensure_can_author
from tutor_platform.media.domain.lesson_media import LessonDraft
from tutor_platform.media.ports.lesson_catalog import LessonCatalog
from tutor_platform.media.ports.unit_of_work import LessonMediaUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import Page, PageRequest


class ListLessonDrafts:
    def __init__(self, uow_factory: LessonMediaUnitOfWorkFactory, catalog: LessonCatalog) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog

    async def execute(
        self, principal: Principal, lesson_id: UUID, page: PageRequest
    ) -> Page[LessonDraft]:
        ensure_can_author(await lesson_access(self._catalog, principal, lesson_id))
        async with self._uow_factory() as uow:
            items, total = await uow.drafts.for_lesson(lesson_id, page)
        return Page(items, total, page.limit, page.offset)
