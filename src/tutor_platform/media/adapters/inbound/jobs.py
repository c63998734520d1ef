"""Media's job handlers (``media.render_summary``, ``media.generate_lesson_draft``): parse the
payload, run the use case with the job's progress reporter, return a small JSON result.

Handlers get their use case as a provider callable, so building the task registry builds
nothing else. Both are safe to run twice (the use cases look their job's result up first).
"""

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from tutor_platform.media.adapters.inbound.http.lesson_media_schemas import (
    DraftJobResult,
    SummaryJobResult,
)
from tutor_platform.media.application.generate_lesson_draft import GenerateLessonDraft
from tutor_platform.media.application.render_lesson_summary import RenderLessonSummary
from tutor_platform.media.application.support.lesson_jobs import (
    GENERATE_LESSON_DRAFT,
    RENDER_SUMMARY,
    DraftJob,
    SummaryJob,
)
from tutor_platform.shared.jobs.adapters.http import as_json_object
from tutor_platform.shared.jobs.ports import (
    Handler,
    JobContext,
    JsonObject,
    PermanentTaskError,
    TaskSpec,
)

T = TypeVar("T")
SUMMARY_HEARTBEAT_SECONDS = 10
DRAFT_TIMEOUT_SECONDS = 300.0


def _parsed(parse: Callable[[UUID, JsonObject], T], ctx: JobContext, payload: JsonObject) -> T:
    try:
        return parse(ctx.job_id, payload)
    except ValueError as exc:
        raise PermanentTaskError(f"The job's payload is invalid: {exc}") from None


def render_summary(use_case: Callable[[], RenderLessonSummary]) -> Handler:
    async def handler(ctx: JobContext, payload: JsonObject) -> JsonObject:
        job = _parsed(SummaryJob.parse, ctx, payload)
        summary = await use_case().execute(job, ctx.report_progress)
        result = SummaryJobResult(summary.id, summary.lesson_id, summary.kind, summary.file_id)
        return as_json_object(result)

    return handler


def generate_lesson_draft(use_case: Callable[[], GenerateLessonDraft]) -> Handler:
    async def handler(ctx: JobContext, payload: JsonObject) -> JsonObject:
        job = _parsed(DraftJob.parse, ctx, payload)
        draft = await use_case().execute(job, ctx.report_progress)
        return as_json_object(DraftJobResult(draft.id, draft.lesson_id))

    return handler


def media_tasks(
    render: Callable[[], RenderLessonSummary],
    draft: Callable[[], GenerateLessonDraft],
    *,
    summary_timeout_seconds: float,
) -> list[TaskSpec]:
    """Both tasks retry twice (after 10 s, then 20 s); a dead worker's summary job is noticed
    after ``SUMMARY_HEARTBEAT_SECONDS``."""
    return [
        TaskSpec(
            kind=RENDER_SUMMARY,
            handler=render_summary(render),
            timeout_seconds=summary_timeout_seconds,
            heartbeat_seconds=SUMMARY_HEARTBEAT_SECONDS,
            retries=2,
            backoff_seconds=10.0,
        ),
        TaskSpec(
            kind=GENERATE_LESSON_DRAFT,
            handler=generate_lesson_draft(draft),
            timeout_seconds=DRAFT_TIMEOUT_SECONDS,
            heartbeat_seconds=SUMMARY_HEARTBEAT_SECONDS,
            retries=2,
            backoff_seconds=10.0,
        ),
    ]
