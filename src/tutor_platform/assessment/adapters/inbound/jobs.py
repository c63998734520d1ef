"""Assessment's job handlers: ``assessment.retrace_mastery`` traces a course's mastery again
with its present BKT parameters. Safe to run twice and in any order."""

from collections.abc import Callable
from uuid import UUID

from tutor_platform.assessment.adapters.inbound.http.job_schemas import RetraceMasteryJobResult
from tutor_platform.assessment.application.retrace_course_mastery import (
    RETRACE_MASTERY,
    RetraceCourseMastery,
)
from tutor_platform.shared.jobs.adapters.http import as_json_object
from tutor_platform.shared.jobs.ports import (
    Handler,
    JobContext,
    JsonObject,
    PermanentTaskError,
    TaskSpec,
)


def retrace_mastery(use_case: Callable[[], RetraceCourseMastery]) -> Handler:
    async def handler(ctx: JobContext, payload: JsonObject) -> JsonObject:
        try:
            course_id = UUID(str(payload["course_id"]))
        except (KeyError, ValueError):
            raise PermanentTaskError("The job's payload has no valid course_id.") from None
        retraced = await use_case().execute(course_id)
        return as_json_object(RetraceMasteryJobResult(retraced.course_id, retraced.learners))

    return handler


def assessment_tasks(retrace: Callable[[], RetraceCourseMastery]) -> list[TaskSpec]:
    """A course of thousands of learners takes seconds; a few minutes and three retries."""
    return [
        TaskSpec(
            kind=RETRACE_MASTERY,
            handler=retrace_mastery(retrace),
            timeout_seconds=600.0,
            heartbeat_seconds=60,
            retries=3,
            backoff_seconds=5.0,
        )
    ]
