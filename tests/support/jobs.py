"""Job retries without real waiting: the backoff of every task kind, injected.

The task kinds declare their own backoff (media's summary and draft jobs wait 10 s, then 20 s);
a test of a job that keeps failing would sleep through it, or leave its client's shutdown
waiting out the queue's grace period. ``with_job_backoff(container, 0.01)`` replaces the
container's task registry with one whose tasks keep every limit but wait ``seconds``
(doubling) between attempts. Call it before the container's job queue is built: the
``job_backoff_seconds`` fixture of ``tests/integration/conftest.py`` does it for the app.
"""

from dataclasses import replace

from dependency_injector import providers

from tutor_platform.bootstrap.container import RootContainer
from tutor_platform.shared.jobs.ports import TaskRegistry


def with_job_backoff(container: RootContainer, seconds: float) -> None:
    registry: TaskRegistry = container.task_registry()
    quick = TaskRegistry(
        tasks=[replace(spec, backoff_seconds=seconds) for spec in registry.tasks],
        periodic=registry.periodic,
    )
    container.task_registry.override(providers.Object(quick))
