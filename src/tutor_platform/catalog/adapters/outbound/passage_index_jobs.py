"""The handler of ``CourseChanged`` that re-indexes the changed lessons through jobs."""

import logging
from collections.abc import Callable

from tutor_platform.catalog.application.index_lesson_passages import INDEX_LESSON
from tutor_platform.catalog.domain.events import CourseChanged
from tutor_platform.shared.jobs.ports import JobQueue

logger = logging.getLogger("tutor_platform.catalog")


class PassageIndexJobs:
    """One ``learning.index_lesson`` job per changed lesson, enqueued through the
    ``JobQueue`` port (no owner: the system's own work).

    The write is committed when this runs: a queue that cannot take the job is logged, not
    raised (the lesson stays saved; ``tutor-platform reindex`` rebuilds what was missed)."""

    def __init__(self, queue: Callable[[], JobQueue]) -> None:
        self._queue = queue

    async def course_changed(self, event: CourseChanged) -> None:
        for lesson_id in dict.fromkeys(event.lesson_ids):
            try:
                await self._queue().enqueue(
                    INDEX_LESSON, {"lesson_id": str(lesson_id), "course_id": str(event.course_id)}
                )
            except Exception:
                logger.exception("could not enqueue the index job of lesson %s", lesson_id)
