"""Every task kind of the application, with its limits, and the periodic ones.

Handlers get their collaborators as provider callables, so building the registry builds
nothing else; they call a context's facade and return a small JSON result.
"""

from collections.abc import Callable, Sequence
from typing import Protocol

import msgspec

from tutor_platform.bootstrap.settings import Settings
from tutor_platform.shared.jobs.adapters.http import JobResponse, as_json_object
from tutor_platform.shared.jobs.ports import (
    Handler,
    JobContext,
    JsonObject,
    PeriodicTask,
    TaskRegistry,
    TaskSpec,
)

PURGE_EXPIRED_REFRESH_TOKENS = "identity.purge_expired_refresh_tokens"


class PurgeJobResult(msgspec.Struct):
    """How many expired refresh tokens the purge deleted."""

    purged: int


class PurgeRefreshTokensJob(JobResponse, tag=PURGE_EXPIRED_REFRESH_TOKENS):
    """The periodic purge of expired refresh tokens (administrators see it)."""

    result: PurgeJobResult | None = None


class RefreshTokenPurger(Protocol):
    """The part of the identity facade the purge task uses."""

    async def purge_expired_refresh_tokens(self) -> int: ...


def purge_expired_refresh_tokens(identity: Callable[[], RefreshTokenPurger]) -> Handler:
    """Delete expired refresh tokens (idempotent: a second run finds nothing to delete)."""

    async def handler(ctx: JobContext, payload: JsonObject) -> JsonObject:
        return as_json_object(PurgeJobResult(await identity().purge_expired_refresh_tokens()))

    return handler


def build_task_registry(
    settings: Settings,
    identity: Callable[[], RefreshTokenPurger],
    *,
    context_tasks: Sequence[TaskSpec] = (),
) -> TaskRegistry:
    """The registry of every task kind: the ones here and ``context_tasks``, which contexts
    declare with their limits (media's summary and draft jobs); a periodic interval of 0
    turns that timer off."""
    tasks = [
        TaskSpec(
            kind=PURGE_EXPIRED_REFRESH_TOKENS,
            handler=purge_expired_refresh_tokens(identity),
            timeout_seconds=300,
            heartbeat_seconds=30,
            retries=3,
            backoff_seconds=30.0,
        ),
        *context_tasks,
    ]
    purge_every = settings.refresh_token_purge_interval_seconds
    periodic = []
    if purge_every > 0:
        periodic.append(PeriodicTask(PURGE_EXPIRED_REFRESH_TOKENS, purge_every))
    return TaskRegistry(tasks=tasks, periodic=periodic)
