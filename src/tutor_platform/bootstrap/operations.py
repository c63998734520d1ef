"""Operational endpoints at the server root: liveness, readiness and Prometheus metrics."""

from typing import Any

import msgspec
import structlog
from litestar import Request, Response, get
from litestar.openapi import ResponseSpec
from sqlalchemy import text

logger = structlog.get_logger("tutor_platform.health")


class HealthStatus(msgspec.Struct):
    """Overall status and the state of each dependency."""

    status: str
    checks: dict[str, str]


@get("/health/live", include_in_schema=True, tags=["operations"], sync_to_thread=False)
def live() -> HealthStatus:
    """The process is up."""
    return HealthStatus(status="ok", checks={})


@get(
    "/health/ready",
    tags=["operations"],
    responses={503: ResponseSpec(data_container=HealthStatus, description="Not ready")},
)
async def ready(request: Request[Any, Any, Any]) -> Response[HealthStatus]:
    """The database (and Redis, when configured) answer: 200, else 503."""
    container = request.app.state.container
    checks: dict[str, str] = {}
    try:
        async with container.engine().connect() as connection:
            await connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # any failure means not ready
        logger.warning("readiness_database_failed", error=str(exc))
        checks["database"] = "unavailable"
    redis = container.redis()
    if redis is not None:
        try:
            await redis.ping()
            checks["redis"] = "ok"
        except Exception as exc:
            logger.warning("readiness_redis_failed", error=str(exc))
            checks["redis"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return Response(
        HealthStatus(status="ok" if healthy else "unavailable", checks=checks),
        status_code=200 if healthy else 503,
    )


@get("/metrics", tags=["operations"], media_type="text/plain; version=0.0.4", sync_to_thread=False)
def metrics(request: Request[Any, Any, Any]) -> bytes:
    """Prometheus metrics of this process."""
    rendered: bytes = request.app.state.container.metrics().render()
    return rendered


OPERATION_HANDLERS = [live, ready, metrics]
