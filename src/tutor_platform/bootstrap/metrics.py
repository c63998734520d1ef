"""Prometheus metrics of a process: the API and the worker report to their container's
``HttpMetrics`` while they run; the API serves them at ``/metrics``, the worker on
``WORKER_METRICS_HOST:WORKER_METRICS_PORT`` when the port is set.

The worker's endpoint is ``prometheus_client``'s own HTTP server, in a daemon thread: every
series is read as it is collected, except the job queue's depth (an async Redis read), which
the API's ``/metrics`` serves for the queue that the API and the workers share.
"""

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from prometheus_client import start_http_server

from tutor_platform.bootstrap.container import RootContainer
from tutor_platform.bootstrap.logging import announce
from tutor_platform.bootstrap.preflight import StartupError
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.shared.http.metrics import HttpMetrics
from tutor_platform.shared.persistence.engine import pool_in_use
from tutor_platform.shared.telemetry import telemetry


@contextmanager
def reporting(container: RootContainer) -> Iterator[HttpMetrics]:
    """Jobs, provider calls, caches and AI tokens are counted in the container's metrics (and
    its database pool read at each scrape) until the block ends."""
    metrics = container.metrics()
    metrics.watch_pool(lambda: pool_in_use(container.engine()))
    telemetry.attach(metrics)
    try:
        yield metrics
    finally:
        telemetry.detach(metrics)


@asynccontextmanager
async def worker_metrics_endpoint(
    settings: Settings, container: RootContainer
) -> AsyncIterator[str | None]:
    """Serve the worker's metrics while the block runs; the URL, or None when
    ``WORKER_METRICS_PORT`` is 0 (off). A port that cannot be bound is a ``StartupError``."""
    host, port = settings.worker_metrics_host, settings.worker_metrics_port
    if not port:
        yield None
        return
    with reporting(container) as metrics:
        try:
            server, thread = start_http_server(port, addr=host, registry=metrics.registry)
        except OSError as exc:
            raise StartupError(
                f"WORKER_METRICS_PORT: the worker's metrics cannot be served on {host}:{port} "
                f"({exc.strerror or exc}); choose a free port, or 0 to turn them off"
            ) from exc
        url = f"http://{host}:{port}/metrics"
        announce(
            f"worker metrics on {url}", "worker_metrics", json_logs=settings.json_logs, url=url
        )
        try:
            yield url
        finally:
            await asyncio.to_thread(server.shutdown)
            server.server_close()
            thread.join()
