"""Run one attempt of a job: the state machine every queue adapter shares.

queued -> running (attempts + 1) -> succeeded, or back to queued when a retry follows, or
failed after the last attempt. The jobs table is written at each step.
"""

import asyncio
import logging
import time
from dataclasses import dataclass, replace
from typing import Literal
from uuid import UUID

from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import DomainError, RateLimited, Unavailable, UpstreamFailed
from tutor_platform.shared.jobs.ports import (
    JobRecord,
    JobUnitOfWorkFactory,
    PermanentTaskError,
    TaskError,
    TaskRegistry,
    TaskSpec,
    UnknownTaskKind,
)
from tutor_platform.shared.telemetry import telemetry

logger = logging.getLogger("tutor_platform.jobs")

_TRANSIENT_DOMAIN_ERRORS = (UpstreamFailed, Unavailable, RateLimited)
INTERRUPTED = "The attempt was interrupted before it finished."

Outcome = Literal["succeeded", "retry", "failed", "skipped"]


@dataclass(frozen=True, slots=True)
class Attempt:
    """What came of one attempt; ``retry_in`` is the backoff before the next one."""

    outcome: Outcome
    retry_in: float = 0.0
    error: str | None = None
    kind: str = ""


class _Context:
    """The ``JobContext`` of one attempt; keeps the latest record for the final transition."""

    def __init__(self, runner: "RunJob", record: JobRecord) -> None:
        self._runner = runner
        self.record = record

    @property
    def job_id(self) -> UUID:
        return self.record.id

    @property
    def attempt(self) -> int:
        return self.record.attempts

    async def report_progress(self, fraction: float) -> None:
        self.record = self.record.with_progress(fraction)
        await self._runner.save(self.record)


def _is_permanent(exc: BaseException) -> bool:
    if isinstance(exc, PermanentTaskError):
        return True
    return isinstance(exc, DomainError) and not isinstance(exc, _TRANSIENT_DOMAIN_ERRORS)


def describe_failure(exc: BaseException, spec: TaskSpec, timed_out: bool) -> str:
    """Error text for the job's owner: no stack trace, no internals."""
    if timed_out:
        return f"Timed out after {spec.timeout_seconds:g} s."
    if isinstance(exc, DomainError):
        return exc.detail
    if isinstance(exc, TaskError):
        return str(exc) or type(exc).__name__
    return f"The task failed unexpectedly ({type(exc).__name__})."


class RunJob:
    """Runs one attempt of a stored job and records its outcome."""

    def __init__(
        self, registry: TaskRegistry, uow_factory: JobUnitOfWorkFactory, clock: Clock
    ) -> None:
        self._registry = registry
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, job_id: UUID, *, last_chance: bool = False) -> Attempt:
        """Run the job once, unless it is missing or finished (then ``skipped``).

        ``last_chance`` says the queue will not try again, whatever the attempt count.
        """
        started = time.perf_counter()
        kind, attempt = await self._attempt(job_id, last_chance)
        if attempt.outcome != "skipped":
            telemetry.job_finished(kind, attempt.outcome, time.perf_counter() - started)
        return replace(attempt, kind=kind)

    async def _attempt(self, job_id: UUID, last_chance: bool) -> tuple[str, Attempt]:
        """The job's kind and what came of the attempt."""
        record = await self._start(job_id)
        if record is None:
            return "", Attempt("skipped")
        try:
            spec = self._registry.spec(record.kind)
        except UnknownTaskKind:
            error = f"No task of kind {record.kind!r} is registered."
            await self.save(record.failed(error, self._clock.now()))
            return record.kind, Attempt("failed", error=error)
        context = _Context(self, record)
        deadline = asyncio.timeout(spec.timeout_seconds or None)
        try:
            async with deadline:
                result = await spec.handler(context, dict(record.payload))
        except asyncio.CancelledError:
            await self.save(context.record.requeued(INTERRUPTED))
            raise
        except Exception as exc:
            failed = await self._failed(context.record, spec, exc, deadline.expired(), last_chance)
            return record.kind, failed
        await self.save(context.record.succeeded(result, self._clock.now()))
        return record.kind, Attempt("succeeded")

    async def abandon(self, job_id: UUID, error: str) -> None:
        """Mark an unfinished job failed (its queue is going away)."""
        async with self._uow_factory() as uow:
            record = await uow.jobs.get(job_id)
            if record is not None and not record.is_finished:
                await uow.jobs.save(record.failed(error, self._clock.now()))
                await uow.commit()

    async def save(self, record: JobRecord) -> None:
        async with self._uow_factory() as uow:
            await uow.jobs.save(record)
            await uow.commit()

    async def _start(self, job_id: UUID) -> JobRecord | None:
        async with self._uow_factory() as uow:
            record = await uow.jobs.get(job_id)
            if record is None or record.is_finished:
                return None
            started = record.started(self._clock.now())
            await uow.jobs.save(started)
            await uow.commit()
        return started

    async def _failed(
        self,
        record: JobRecord,
        spec: TaskSpec,
        exc: Exception,
        timed_out: bool,
        last_chance: bool,
    ) -> Attempt:
        error = describe_failure(exc, spec, timed_out)
        logger.warning(
            "job %s (%s) attempt %d failed: %s",
            record.id,
            record.kind,
            record.attempts,
            error,
            exc_info=not (timed_out or isinstance(exc, TaskError | DomainError)),
        )
        if last_chance or _is_permanent(exc) or record.attempts >= spec.max_attempts:
            logger.error(
                "job %s (%s) failed for good after %d attempts: %s",
                record.id,
                record.kind,
                record.attempts,
                error,
                exc_info=not (timed_out or isinstance(exc, TaskError | DomainError)),
            )
            await self.save(record.failed(error, self._clock.now()))
            return Attempt("failed", error=error)
        await self.save(record.requeued(error))
        return Attempt("retry", retry_in=spec.retry_delay(record.attempts), error=error)
