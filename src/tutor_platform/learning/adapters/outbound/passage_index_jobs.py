"""After-commit listeners of catalog writes: index jobs for changed lessons, and a fan-out
that tells several listeners (the read cache and the index) of the same change."""

import logging
from collections.abc import Callable, Sequence
from uuid import UUID

from tutor_platform.learning.application.index_lesson_passages import INDEX_LESSON
from tutor_platform.learning.ports.catalog_reader import CatalogChanged
from tutor_platform.shared.jobs.ports import JobQueue

logger = logging.getLogger("tutor_platform.learning")


class PassageIndexJobs:
    """Implements ``CatalogChanged``: one ``learning.index_lesson`` job per changed lesson,
    enqueued through the ``JobQueue`` port (no owner: the system's own work).

    The write is committed when this runs: a queue that cannot take the job is logged, not
    raised (the lesson stays saved; ``tutor-platform reindex`` rebuilds what was missed)."""

    def __init__(self, queue: Callable[[], JobQueue]) -> None:
        self._queue = queue

    async def course_changed(self, course_id: UUID, lesson_ids: Sequence[UUID] = ()) -> None:
        for lesson_id in dict.fromkeys(lesson_ids):
            try:
                await self._queue().enqueue(
                    INDEX_LESSON, {"lesson_id": str(lesson_id), "course_id": str(course_id)}
                )
            except Exception:
                logger.exception("could not enqueue the index job of lesson %s", lesson_id)


class CatalogChangeFanOut:
    """Implements ``CatalogChanged`` by telling each listener in turn."""

    def __init__(self, *listeners: CatalogChanged) -> None:
        self._listeners = listeners

    async def course_changed(self, course_id: UUID, lesson_ids: Sequence[UUID] = ()) -> None:
        for listener in self._listeners:
            await listener.course_changed(course_id, lesson_ids)
