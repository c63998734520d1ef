"""Errors to Sentry through ``sentry-sdk``, received by a fake Sentry server on localhost.

The API runs in a process of its own (``tests/support/sentry_probe.py``: Sentry's setup is
process-wide). A request that fails is reported with its request id as a tag and nothing of
its body, query string, cookies or credentials; a job that failed for good (an error log
line) is reported too.

Runs in the SQLite pass only: what is under test is what leaves for Sentry, not the database.
"""

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import brotli
import pytest

from tests.fakes.asgi import RecordedRequest, Scripted, ScriptedServer, serve_asgi

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
