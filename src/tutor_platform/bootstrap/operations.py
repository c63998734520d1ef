"""Operational endpoints at the server root: liveness, readiness and Prometheus metrics."""

import asyncio
from collections.abc import Coroutine
from typing import Any

import msgspec
import structlog
from litestar import Request, get
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.shared.errors import Unavailable
from tutor_platform.shared.http.openapi import error_responses

logger = structlog.get_logger("tutor_platform.health")

READY_TIMEOUT_SECONDS = 5.0


class HealthStatus(msgspec.Struct):
    """Overall status and the state of each dependency."""

    status: str
    checks: dict[str, str]


@get("/health/live", operation_id="checkLiveness", include_in_schema=True, sync_to_thread=False)
def live() -> HealthStatus:
    """The process is up."""
    return HealthStatus(status="ok", checks={})


async def _check(name: str, probe: Coroutine[Any, Any, Any]) -> str:
    """``ok`` when the probe answers within the timeout, else ``unavailable`` (logged)."""
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            await probe
    except Exception as exc:  # any failure means not ready
        logger.warning("readiness_check_failed", check=name, error=repr(exc))
        return "unavailable"
    return "ok"


async def _ping_database(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


@get("/health/ready", operation_id="checkReadiness", responses=error_responses(503))
async def ready(request: Request[Any, Any, Any]) -> HealthStatus:
    """The database (and Redis, when configured) answer: 200, else 503 ``UNAVAILABLE``."""
    container = request.app.state.container
    checks = {"database": await _check("database", _ping_database(container.engine()))}
    redis = container.redis()
    if redis is not None:
        checks["redis"] = await _check("redis", redis.ping())
    if failing := [name for name, value in checks.items() if value != "ok"]:
        raise Unavailable(f"Not ready: {', '.join(failing)} unavailable.")
    return HealthStatus(status="ok", checks=checks)


@get(
    "/metrics",
    operation_id="getMetrics",
    media_type="text/plain; version=0.0.4",
)
async def metrics(request: Request[Any, Any, Any]) -> bytes:
    """Prometheus metrics of this process."""
    sink = request.app.state.container.metrics()
    await sink.refresh()
    # Rendering takes tens of milliseconds once every route has been seen: in a thread, the
    # event loop keeps serving in between (docs/benchmarks.md, "Operations").
    rendered: bytes = await asyncio.to_thread(sink.render)
    return rendered


OPERATION_HANDLERS = [live, ready, metrics]
