"""Media's job handlers as the queue runs them: the use case with the job's progress, a
small JSON result, and a malformed payload failing the job for good."""

from dataclasses import dataclass, field
from uuid import UUID, uuid4

import pytest

from tests.unit.media.lesson_media_fakes import INSTRUCTOR, World, make_lesson, world
from tutor_platform.media.adapters.inbound.jobs import media_tasks
from tutor_platform.media.application.support.lesson_jobs import (
    GENERATE_LESSON_DRAFT,
    RENDER_SUMMARY,
    DraftJob,
    SummaryJob,
)
from tutor_platform.shared.jobs.ports import PermanentTaskError, TaskRegistry


@dataclass
class Context:
    job_id: UUID = field(default_factory=uuid4)
    attempt: int = 1
    progress: list[float] = field(default_factory=list)

    async def report_progress(self, fraction: float) -> None:
        self.progress.append(fraction)


@pytest.fixture
def setup() -> tuple[World, TaskRegistry]:
    w = world(make_lesson())
    registry = TaskRegistry(
        media_tasks(
            w.media.render_lesson_summary,
            w.media.generate_lesson_draft,
            summary_timeout_seconds=120,
        )
    )
    return w, registry


async def test_the_summary_task_reports_progress_and_names_its_file(
    setup: tuple[World, TaskRegistry],
) -> None:
    w, registry = setup
    ctx = Context()
    lesson_id = next(iter(w.catalog.lessons))
    spec = registry.spec(RENDER_SUMMARY)

    result = await spec.handler(ctx, SummaryJob.payload(lesson_id, "audio", INSTRUCTOR.user_id))

    [summary] = w.store.summaries.values()
    assert result == {
        "summary_id": str(summary.id),
        "lesson_id": str(lesson_id),
        "kind": "audio",
        "file_id": str(summary.file_id),
    }
    assert summary.job_id == ctx.job_id
    assert ctx.progress == [0.3, 0.6]
    assert (spec.timeout_seconds, spec.retries, spec.heartbeat_seconds) == (120, 2, 10)


async def test_the_draft_task_names_its_draft(setup: tuple[World, TaskRegistry]) -> None:
    w, registry = setup
    lesson_id = next(iter(w.catalog.lessons))

    result = await registry.spec(GENERATE_LESSON_DRAFT).handler(
        Context(), DraftJob.payload(lesson_id, "More examples.", INSTRUCTOR.user_id)
    )

    [draft] = w.store.drafts.values()
    assert result == {"draft_id": str(draft.id), "lesson_id": str(lesson_id)}


@pytest.mark.parametrize("kind", [RENDER_SUMMARY, GENERATE_LESSON_DRAFT])
async def test_a_malformed_payload_fails_the_job_without_retries(
    setup: tuple[World, TaskRegistry], kind: str
) -> None:
    w, registry = setup

    with pytest.raises(PermanentTaskError, match="payload is invalid"):
        await registry.spec(kind).handler(Context(), {"lesson_id": "x"})

    assert w.writer.requests == []
