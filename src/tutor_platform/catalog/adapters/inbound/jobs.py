"""The catalog's job handlers: ``learning.index_lesson`` rebuilds one lesson's passages.

The handler gets its use case as a provider callable, so building the task registry builds
nothing else. It is safe to run twice and in any order (it indexes the lesson as committed
when it runs; a lesson that is gone is left without passages).
"""

from collections.abc import Callable
from uuid import UUID

from tutor_platform.catalog.adapters.inbound.http.job_schemas import IndexLessonJobResult
from tutor_platform.catalog.application.index_lesson_passages import (
    INDEX_LESSON,
    IndexLessonPassages,
    LessonChangedTooOften,
)
from tutor_platform.shared.jobs.adapters.http import as_json_object
from tutor_platform.shared.jobs.ports import (
    Handler,
    JobContext,
    JsonObject,
    PermanentTaskError,
    TaskError,
    TaskSpec,
)


def index_lesson(use_case: Callable[[], IndexLessonPassages]) -> Handler:
    async def handler(ctx: JobContext, payload: JsonObject) -> JsonObject:
        try:
            lesson_id = UUID(str(payload["lesson_id"]))
        except (KeyError, ValueError):
            raise PermanentTaskError("The job's payload has no valid lesson_id.") from None
        try:
            course_id = UUID(str(payload["course_id"])) if "course_id" in payload else None
        except ValueError:
            course_id = None
        try:
            indexed = await use_case().execute(lesson_id, course_id)
        except LessonChangedTooOften as exc:
            raise TaskError(str(exc)) from None
        return as_json_object(
            IndexLessonJobResult(indexed.lesson_id, indexed.passages, indexed.removed)
        )

    return handler


def catalog_tasks(index: Callable[[], IndexLessonPassages]) -> list[TaskSpec]:
    """Indexing a lesson takes milliseconds with the local embedder; a remote embedder gets
    a minute and three retries (transient upstream failures are retried by the runner)."""
    return [
        TaskSpec(
            kind=INDEX_LESSON,
            handler=index_lesson(index),
            timeout_seconds=120.0,
            heartbeat_seconds=30,
            retries=3,
            backoff_seconds=5.0,
        )
    ]
