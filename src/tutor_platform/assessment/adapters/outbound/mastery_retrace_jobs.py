"""The handler of ``MasteryParametersChanged`` that enqueues the course's retrace job."""

import logging
from collections.abc import Callable

from tutor_platform.assessment.application.retrace_course_mastery import RETRACE_MASTERY
from tutor_platform.assessment.domain.events import MasteryParametersChanged
from tutor_platform.shared.jobs.ports import JobQueue

logger = logging.getLogger("tutor_platform.assessment")


class MasteryRetraceJobs:
    """One ``assessment.retrace_mastery`` job per change, enqueued through the ``JobQueue``
    port (no owner: the system's own work). The parameters are committed when this runs: a
    queue that cannot take the job is logged, not raised (learners' own reads and answers
    still trace with the new parameters)."""

    def __init__(self, queue: Callable[[], JobQueue]) -> None:
        self._queue = queue

    async def __call__(self, event: MasteryParametersChanged) -> None:
        try:
            await self._queue().enqueue(RETRACE_MASTERY, {"course_id": str(event.course_id)})
        except Exception:
            logger.exception("could not enqueue the mastery retrace of course %s", event.course_id)
