"""Rebuild the passages of every lesson (``tutor-platform reindex``)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from tutor_platform.catalog.application.index_lesson_passages import IndexLessonPassages
from tutor_platform.catalog.ports.unit_of_work import PassageUnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class ReindexReport:
    lessons: int
    passages: int


class ReindexPassages:
    """Every lesson is split and embedded again with the configured embedder (so passages of
    a former embedder are replaced too); one lesson at a time, each in its own transaction."""

    def __init__(self, uow_factory: PassageUnitOfWorkFactory, index: IndexLessonPassages) -> None:
        self._uow_factory = uow_factory
        self._index = index

    async def execute(
        self, progress: Callable[[int, int], Awaitable[None]] | None = None
    ) -> ReindexReport:
        async with self._uow_factory() as uow:
            lesson_ids = await uow.passages.lesson_ids()
        passages = 0
        for done, lesson_id in enumerate(lesson_ids, start=1):
            passages += (await self._index.execute(lesson_id)).passages
            if progress is not None:
                await progress(done, len(lesson_ids))
        return ReindexReport(lessons=len(lesson_ids), passages=passages)
