"""The jobs port: ``JobQueue``, job records, task specs and what a handler is given.

Plain Python only: adapters (in-process, SAQ) and the jobs table live elsewhere.
"""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal, Protocol
from uuid import UUID

from tutor_platform.shared.events import Event, EventPublisher
from tutor_platform.shared.unit_of_work import UnitOfWork

JobStatus = Literal["queued", "running", "succeeded", "failed"]
JsonObject = dict[str, Any]


@dataclass(frozen=True, slots=True)
class JobRecord:
    """A job as stored in the jobs table: the source of truth for its status.

    The transition methods return a new record; the runner saves it.
    """

    id: UUID
    kind: str
    status: JobStatus
    owner_id: UUID | None
    created_at: datetime
    payload: JsonObject = field(default_factory=dict)
    progress: float | None = None
    result: JsonObject | None = None
    error: str | None = None
    attempts: int = 0
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def is_finished(self) -> bool:
        return self.status in ("succeeded", "failed")

    def started(self, at: datetime) -> "JobRecord":
        """A new attempt begins."""
        return replace(self, status="running", attempts=self.attempts + 1, started_at=at)

    def with_progress(self, fraction: float) -> "JobRecord":
        return replace(self, progress=min(1.0, max(0.0, fraction)))

    def succeeded(self, result: JsonObject | None, at: datetime) -> "JobRecord":
        return replace(
            self, status="succeeded", progress=1.0, result=result, error=None, finished_at=at
        )

    def requeued(self, error: str) -> "JobRecord":
        """The attempt failed and another one will follow."""
        return replace(self, status="queued", error=error)

    def failed(self, error: str, at: datetime) -> "JobRecord":
        return replace(self, status="failed", error=error, finished_at=at)


class JobContext(Protocol):
    """What a running handler may know and do."""

    @property
    def job_id(self) -> UUID: ...

    @property
    def attempt(self) -> int:
        """1 on the first attempt, 2 on the first retry, ..."""
        ...

    async def report_progress(self, fraction: float) -> None:
        """Record progress between 0.0 and 1.0 (visible through ``JobQueue.get``)."""
        ...


Handler = Callable[[JobContext, JsonObject], Awaitable[JsonObject | None]]
"""``async def handler(ctx, payload) -> dict | None``; must be safe to run twice."""


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """A kind of job and how it runs: time limit, heartbeat, retries and their backoff.

    ``retries`` counts the attempts after the first one; the n-th retry waits
    ``backoff_seconds * 2 ** (n - 1)``. ``heartbeat_seconds`` lets a queue notice a dead
    worker before the timeout (0 disables it).
    """

    kind: str
    handler: Handler
    timeout_seconds: float = 60.0
    heartbeat_seconds: int = 15
    retries: int = 2
    backoff_seconds: float = 5.0

    @property
    def max_attempts(self) -> int:
        return self.retries + 1

    def retry_delay(self, attempts: int) -> float:
        """Seconds to wait before the attempt after ``attempts`` failed ones."""
        return self.backoff_seconds * 2.0 ** max(attempts - 1, 0)


@dataclass(frozen=True, slots=True)
class PeriodicTask:
    """A task kind enqueued once per interval (with an empty payload)."""

    kind: str
    interval_seconds: int

    def slot_key(self, now: datetime) -> str:
        """The idempotency key of the current interval: one job per interval, whoever asks."""
        slot = int(now.timestamp()) // max(1, self.interval_seconds)
        return f"every-{self.interval_seconds}s-{slot}"


class UnknownTaskKind(LookupError):
    """No task of this kind is registered (a programming error, not a user error)."""


@dataclass(frozen=True, slots=True)
class TaskRegistry:
    """Every task kind the application can run, and which of them run periodically."""

    tasks: Sequence[TaskSpec]
    periodic: Sequence[PeriodicTask] = ()
    _by_kind: Mapping[str, TaskSpec] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_kind", {spec.kind: spec for spec in self.tasks})
        unknown = [p.kind for p in self.periodic if p.kind not in self._by_kind]
        if len(self._by_kind) != len(self.tasks) or unknown:
            raise ValueError(f"duplicate or unknown task kinds in the registry: {unknown}")

    def spec(self, kind: str) -> TaskSpec:
        try:
            return self._by_kind[kind]
        except KeyError:
            raise UnknownTaskKind(kind) from None

    @property
    def kinds(self) -> list[str]:
        return list(self._by_kind)


class TaskError(Exception):
    """A failure whose message is safe to show the job's owner; it is retried."""


class PermanentTaskError(TaskError):
    """A failure that retrying cannot fix: the job fails at once."""


class JobQueue(Protocol):
    """Runs jobs in the background; their records say how they are doing."""

    async def enqueue(
        self,
        kind: str,
        payload: JsonObject,
        *,
        owner_id: UUID | None = None,
        key: str | None = None,
    ) -> JobRecord:
        """Record and schedule a job; the same ``key`` (per kind) returns the same job."""
        ...

    async def get(self, job_id: UUID) -> JobRecord | None: ...


QueueDepthStatus = Literal["queued", "scheduled", "running"]
"""Jobs waiting to run now, waiting for a later time (a retry's backoff), running."""


class JobRepository(Protocol):
    """Job records in storage; never commits."""

    async def get(self, job_id: UUID) -> JobRecord | None: ...

    async def add_if_absent(self, record: JobRecord) -> bool:
        """Insert ``record`` unless a job with its id exists; true when inserted."""
        ...

    async def save(self, record: JobRecord) -> None:
        """Store the status, progress and outcome of an existing job."""
        ...


class JobUnitOfWork(UnitOfWork, Protocol):
    """A transaction over the job records."""

    jobs: JobRepository


class JobUnitOfWorkFactory(Protocol):
    """Makes a unit of work over the job records whose commits publish to ``publisher``."""

    def __call__(self, publisher: EventPublisher = ...) -> JobUnitOfWork: ...


@dataclass(frozen=True)
class JobQueued(Event):
    """A job is stored as queued (``created``: by this call): the queue's runner is to
    take it."""

    record: JobRecord
    created: bool
