"""Errors to Sentry through ``sentry-sdk``, received by a fake Sentry server on localhost.

The API runs in a process of its own (``tests/support/sentry_probe.py``: Sentry's setup is
process-wide). A request that fails is reported with its request id as a tag and nothing of
its body, query string, cookies or credentials; a job that failed for good (an error log
line) is reported too.

A job that fails for good in a real worker process (``run_worker``, as ``tutor-platform
worker`` runs it) is reported too, tagged ``component: worker``.

Runs in the SQLite pass only: what is under test is what leaves for Sentry, not the database;
the worker test (marked ``processes``) runs once, in the PostgreSQL + Redis + SAQ pass.
"""

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import brotli
import pytest

from tests.contract.job_queue.conftest import queue_settings
from tests.contract.job_queue.support import (
    PROCESS_WAIT_SECONDS,
    container_with,
    delete_queue_keys,
    spawn_worker_process,
    stop_process,
    wait_for_job,
    worker_env,
)
from tests.contract.job_queue.tasks import contract_tasks
from tests.fakes.asgi import RecordedRequest, Scripted, ScriptedServer, serve_asgi
from tutor_platform.bootstrap.container import close_container
from tutor_platform.shared.jobs.ports import TaskRegistry

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ("hunter2-secret", "private words", "query-secret", "header-secret", "cookie-secret")


class FakeSentry(ScriptedServer):
    """Accepts envelopes at ``/api/<project>/envelope/``."""

    def default(self, request: RecordedRequest) -> Scripted:
        return Scripted(json={"id": "0" * 32})

    def events(self) -> list[dict[str, Any]]:
        found = []
        for request in self.requests:
            body = request.body
            encoding = request.headers.get("content-encoding")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "br":
                body = brotli.decompress(body)
            lines = body.decode().splitlines()
            for header, payload in zip(lines[1::2], lines[2::2], strict=False):
                if json.loads(header).get("type") == "event":
                    found.append(json.loads(payload))
        return found


@pytest.fixture
def fake_sentry() -> Iterator[FakeSentry]:
    fake = FakeSentry()
    with serve_asgi(fake) as url:
        fake.url = url
        yield fake


def test_failures_reach_sentry_tagged_and_without_secrets(
    fake_sentry: FakeSentry, tmp_path: Path
) -> None:
    dsn = fake_sentry.url.replace("http://", "http://publickey@") + "/1"
    database = f"sqlite+aiosqlite:///{tmp_path / 'sentry.db'}"
    probe = subprocess.run(
        [sys.executable, "-m", "tests.support.sentry_probe", dsn, database],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr.decode()[-3000:]
    events = fake_sentry.events()
    assert fake_sentry.requests[0].path == "/api/1/envelope/"
    request_events = [e for e in events if e.get("tags", {}).get("request_id") == "req-sentry-1"]
    assert request_events, events
    event = request_events[0]
    assert event["tags"]["component"] == "api"
    assert event["request"] == {"method": "POST", "url": event["request"]["url"]}
    assert event["request"]["url"].endswith("/boom")
    job_events = [e for e in events if "job 42" in json.dumps(e)]
    assert job_events
    sent = json.dumps(events)
    assert not [secret for secret in SECRETS if secret in sent]


@pytest.mark.requires_redis
@pytest.mark.processes
async def test_a_job_failed_for_good_in_a_worker_process_reaches_sentry(
    fake_sentry: FakeSentry, database_url: str, run_id: str, tmp_path: Path
) -> None:
    dsn = fake_sentry.url.replace("http://", "http://publickey@") + "/1"
    queue_name = f"{run_id}-sentry-{uuid4().hex[:8]}"
    api = container_with(
        queue_settings(database_url, "saq", queue_name), TaskRegistry(contract_tasks())
    )
    queue = api.job_queue()
    env = worker_env(
        database_url, queue_name, SENTRY_DSN=dsn, REFRESH_TOKEN_PURGE_INTERVAL_SECONDS="0"
    )
    log = tmp_path / "worker.log"
    worker = spawn_worker_process(env, log, "-m", "tests.contract.job_queue.worker_main")
    try:
        job = await queue.enqueue("test.broken", {})
        done = await wait_for_job(queue.get, job.id, seconds=PROCESS_WAIT_SECONDS)
    finally:
        exit_code = stop_process(worker)  # sentry-sdk sends what it holds as the process ends
        await close_container(api)
        await delete_queue_keys(queue_name)

    assert done.status == "failed", log.read_text()
    assert exit_code == 0, log.read_text()
    reported = [e for e in fake_sentry.events() if str(job.id) in json.dumps(e)]
    assert reported, fake_sentry.events()
    assert {e["tags"]["component"] for e in reported} == {"worker"}
    assert "failed for good" in json.dumps(reported)
