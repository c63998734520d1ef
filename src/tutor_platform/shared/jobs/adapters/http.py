"""``GET /jobs/{id}``: a job's status and outcome, for its owner or an admin."""

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

import msgspec
from litestar import Controller, Request, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, SkipValidation

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.jobs.application.get_job import GetJob
from tutor_platform.shared.jobs.ports import JobRecord


class JobResponse(msgspec.Struct, omit_defaults=True):
    """A background job; optional fields are left out until they have a value."""

    id: UUID
    kind: str
    status: Literal["queued", "running", "succeeded", "failed"]
    created_at: datetime
    progress: float | None = None
    result: dict[str, Any] | None = None
    error: str | None = None
    finished_at: datetime | None = None

    @classmethod
    def of(cls, record: JobRecord) -> "JobResponse":
        return cls(
            id=record.id,
            kind=record.kind,
            status=record.status,
            created_at=record.created_at,
            progress=record.progress,
            result=record.result,
            error=record.error,
            finished_at=record.finished_at,
        )


async def provide_get_job(request: Request[Any, Any, Any]) -> GetJob:
    return GetJob(request.app.state.container.job_queue())


class JobController(Controller):
    """Jobs started by other endpoints (they answer 202 with the ``job_id``)."""

    path = "/jobs"
    tags = ["jobs"]
    dependencies = {"get_job": Provide(provide_get_job)}

    @get(
        "/{job_id:uuid}",
        summary="Get a job",
        security=BEARER_SECURITY,
        responses=error_responses(401, 404),
    )
    async def show(
        self,
        job_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        get_job: NamedDependency[SkipValidation[GetJob]],
    ) -> JobResponse:
        """The job's status, progress and outcome (the owner's or any, for an admin)."""
        return JobResponse.of(await get_job.execute(job_id, principal))
