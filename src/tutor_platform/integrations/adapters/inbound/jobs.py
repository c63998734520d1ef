"""Integrations' job handler (``integrations.import_drive_file``): parse the payload, run the
import with the job's progress reporter, return its result (safe to run twice)."""

from collections.abc import Callable
from uuid import UUID

from tutor_platform.integrations.application.import_drive_file import (
    IMPORT_DRIVE_FILE,
    RunDriveImport,
)
from tutor_platform.shared.jobs.ports import (
    Handler,
    JobContext,
    JsonObject,
    PermanentTaskError,
    TaskSpec,
)

IMPORT_TIMEOUT_SECONDS = 900.0


def import_drive_file(use_case: Callable[[], RunDriveImport]) -> Handler:
    async def handler(ctx: JobContext, payload: JsonObject) -> JsonObject:
        try:
            import_id = UUID(str(payload["import_id"]))
        except (KeyError, ValueError):
            raise PermanentTaskError("The job's payload names no import.") from None
        size = payload.get("size")
        known = isinstance(size, int) and not isinstance(size, bool) and size >= 0
        return await use_case().execute(import_id, ctx.report_progress, size if known else None)

    return handler


def integrations_tasks(run_drive_import: Callable[[], RunDriveImport]) -> list[TaskSpec]:
    """Drive imports retry Google's 429 and 5xx (and outages) with backoff: 5 attempts."""
    return [
        TaskSpec(
            kind=IMPORT_DRIVE_FILE,
            handler=import_drive_file(run_drive_import),
            timeout_seconds=IMPORT_TIMEOUT_SECONDS,
            heartbeat_seconds=15,
            retries=4,
            backoff_seconds=5.0,
        )
    ]
