"""A real SAQ worker process over the contract's task kinds (settings from the environment).

Run as ``python -m tests.contract.job_queue.worker_main``; the same ``run_worker`` as
``tutor-platform worker`` (logging, Sentry when ``SENTRY_DSN`` is set, metrics when
``WORKER_METRICS_PORT`` is), with the task registry overridden as tests do.
"""

from dependency_injector import providers

from tests.contract.job_queue.tasks import contract_tasks
from tutor_platform.bootstrap.container import build_container
from tutor_platform.bootstrap.settings import load_settings
from tutor_platform.bootstrap.worker import run_worker
from tutor_platform.shared.jobs.ports import TaskRegistry


def main() -> None:
    settings = load_settings(env_file=None)
    container = build_container(settings)
    container.task_registry.override(providers.Object(TaskRegistry(contract_tasks())))
    run_worker(settings, container)


if __name__ == "__main__":
    main()
