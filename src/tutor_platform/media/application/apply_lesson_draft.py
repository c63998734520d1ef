"""Apply a draft: it becomes the lesson's content (through the learning context's edit rules)
and is marked applied. A draft is applied once: a second apply is 409, also when two
requests race (the first to mark it wins)."""

from uuid import UUID

from tutor_platform.media.application.support.lesson_lookup import lesson_access
from tutor_platform.media.domain.lesson_access import ensure_can_author
from tutor_platform.media.domain.lesson_errors import DraftAlreadyApplied, DraftNotFound
from tutor_platform.media.domain.lesson_media import LessonDraft
from tutor_platform.media.ports.lesson_catalog import LessonCatalog, LessonView
from tutor_platform.media.ports.unit_of_work import LessonMediaUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class ApplyLessonDraft:
    def __init__(
        self, uow_factory: LessonMediaUnitOfWorkFactory, catalog: LessonCatalog, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._clock = clock

    async def execute(self, principal: Principal, lesson_id: UUID, draft_id: UUID) -> LessonView:
        """The lesson with its new content. ``DraftNotFound`` also for a draft of another
        lesson; if the lesson cannot take the content, the draft stays unapplied."""
        ensure_can_author(await lesson_access(self._catalog, principal, lesson_id))
        draft = await self._mark_applied(lesson_id, draft_id)
        try:
            return await self._catalog.replace_content(principal, lesson_id, draft.content)
        except BaseException:
            async with self._uow_factory() as uow:
                await uow.drafts.mark_unapplied(draft_id)
                await uow.commit()
            raise

    async def _mark_applied(self, lesson_id: UUID, draft_id: UUID) -> LessonDraft:
        async with self._uow_factory() as uow:
            draft = await uow.drafts.get(draft_id)
            if draft is None or draft.lesson_id != lesson_id:
                raise DraftNotFound()
            now = self._clock.now()
            applied = draft.applied(now)
            if not await uow.drafts.mark_applied(draft_id, now):
                raise DraftAlreadyApplied()
            await uow.commit()
        return applied
