"""``GET /jobs/{id}``: a job's status and outcome, for its owner or an admin.

Each kind of job has its own response struct (a :class:`JobResponse` subclass tagged with the
kind, whose ``result`` is typed), declared by the context that runs it; the composition root
passes them all to :func:`job_controller`, and the OpenAPI document lists them as a union
discriminated by ``kind``.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec
from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import FromPath

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses, tagged_union
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.jobs.application.get_job import GetJob
from tutor_platform.shared.jobs.ports import JobStatus, JsonObject


class JobResponse(msgspec.Struct, omit_defaults=True, tag_field="kind"):
    """A background job; optional fields are left out until they have a value.

    A subclass per kind sets ``tag=`` (the kind) and types ``result``.
    """

    id: UUID
    status: JobStatus
    created_at: datetime
    progress: float | None = None
    result: Any = None
    error: str | None = None
    finished_at: datetime | None = None


def as_json_object(result: msgspec.Struct) -> JsonObject:
    """A job handler's typed result as the JSON object the job record stores."""
    stored: JsonObject = msgspec.to_builtins(result)
    return stored


def job_controller(kinds: Sequence[type[JobResponse]]) -> type[Controller]:
    """The jobs controller for these job kinds (one response struct per kind)."""
    by_kind = {str(kind.__struct_config__.tag): kind for kind in kinds}
    documented = ResponseSpec(
        data_container=tagged_union("JobResponse", *kinds),
        description="The job; `kind` says which, and the type of its `result`.",
        generate_examples=False,
    )

    class JobController(Controller):
        """Jobs started by other endpoints (they answer 202 with the ``job_id``)."""

        path = "/jobs"

        @get(
            "/{job_id:uuid}",
            operation_id="getJob",
            summary="Get a job",
            security=BEARER_SECURITY,
            responses={**error_responses(401, 404), 200: documented},
        )
        async def show(
            self,
            job_id: FromPath[UUID],
            principal: NamedDependency[Principal],
            get_job: Provided[GetJob],
        ) -> Response[Any]:
            """The job's status, progress and outcome (the owner's or any, for an admin)."""
            record = await get_job.execute(job_id, principal)
            return Response(convert(record, by_kind[record.kind]))

    return JobController
