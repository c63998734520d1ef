"""The SAQ worker: the second entry point over the same composition root.

``run_worker(settings)`` is what ``tutor-platform worker`` runs. The worker's ``startup`` opens
the RootContainer (built from the settings; it connects nothing until used) and puts it and the
job queue in SAQ's ctx; ``shutdown`` closes it. A cron tick enqueues the periodic tasks. When
``OTEL_*`` configures tracing, the worker traces as the API does (``trace_container``): a span
per job attempt, with its SQL, Redis and outgoing HTTP calls as child spans; flushed at
shutdown. With ``WORKER_METRICS_PORT`` set it serves its Prometheus metrics (jobs, provider
calls, AI tokens counted in this process) there (``bootstrap/metrics.py``).
"""

import asyncio
from typing import Any

from saq import Worker

from tutor_platform.bootstrap.container import RootContainer, build_container, close_container
from tutor_platform.bootstrap.logging import configure_logging
from tutor_platform.bootstrap.metrics import worker_metrics_endpoint
from tutor_platform.bootstrap.observability import init_sentry
from tutor_platform.bootstrap.settings import Settings, SettingsError
from tutor_platform.bootstrap.tracing import trace_container
from tutor_platform.shared.jobs.adapters.saq_queue import (
    SaqJobQueue,
    bind_worker_context,
    worker_cron_jobs,
    worker_functions,
)

SHUTDOWN_GRACE_SECONDS = 10
SWEEP_SECONDS = 10
"""How often a worker looks for jobs whose worker died (SAQ's default is 60 s)."""


def worker_settings(settings: Settings, container: RootContainer | None = None) -> dict[str, Any]:
    """Keyword arguments of ``saq.Worker`` for these settings (SAQ's settings dict)."""
    if not settings.uses_saq:
        raise SettingsError("the worker needs REDIS_URL (and JOB_BACKEND auto or saq)")
    container = container or build_container(settings)
    job_queue = container.job_queue()
    if not isinstance(job_queue, SaqJobQueue):
        raise SettingsError("the container's job queue is not SAQ")
    registry = container.task_registry()
    tracing = container.tracer_provider()
    if tracing is not None:
        trace_container(tracing, container)

    async def startup(ctx: dict[str, Any]) -> None:
        ctx["container"] = container
        bind_worker_context(ctx, job_queue)

    async def shutdown(ctx: dict[str, Any]) -> None:
        if tracing is not None:
            tracing.force_flush()
        await close_container(container)

    return {
        "queue": job_queue.queue,
        "functions": worker_functions(registry),
        "cron_jobs": worker_cron_jobs(registry),
        "concurrency": settings.job_concurrency,
        "startup": startup,
        "shutdown": shutdown,
        "shutdown_grace_period_s": SHUTDOWN_GRACE_SECONDS,
        "timers": {"sweep": SWEEP_SECONDS},
    }


async def serve_worker(settings: Settings, container: RootContainer | None = None) -> None:
    """Run a SAQ worker until SIGINT/SIGTERM (then finish or cancel the running jobs), serving
    its metrics when ``WORKER_METRICS_PORT`` is set (``StartupError`` if it cannot)."""
    container = container or build_container(settings)
    async with worker_metrics_endpoint(settings, container):
        worker = Worker(**worker_settings(settings, container))
        await worker.queue.connect()
        await worker.start()


def run_worker(settings: Settings, container: RootContainer | None = None) -> None:
    """Entry point of ``tutor-platform worker`` (``container``: tests' task registries)."""
    configure_logging(settings.log_level, settings.json_logs)
    init_sentry(settings, "worker")
    asyncio.run(serve_worker(settings, container))
