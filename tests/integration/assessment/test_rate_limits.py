"""Rate-limit groups over the whole API (SPEC 7): every anonymous catalog read is in the
``public`` group, quiz submissions in ``quiz_submit`` and AI messages in ``ai_messages``; and
the quiz submission limit holds across two API processes sharing the database and Redis.

The two-API-processes test runs once, in the PostgreSQL + Redis + SAQ pass (marked
``processes``): it starts real processes on Redis, which is where they run in production, and
takes seconds; a second run on SQLite would test nothing more."""

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.routes import HTTPRoute

from tests.conftest import REDIS_URL
from tests.integration.accounts import Client
from tests.integration.assessment.conftest import API, Classroom, true_false
from tutor_platform.bootstrap.app import API_PREFIX

pytestmark = pytest.mark.both_databases

PROJECT_ROOT = Path(__file__).resolve().parents[3]
PUBLIC_AREAS = ("/courses", "/sections", "/lessons", "/search", "/projects", "/tutors")
SUBMISSION_LIMIT = 3


def _handlers(app: Litestar) -> Iterator[tuple[str, str, HTTPRouteHandler]]:
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            for method, handler in route.route_handler_map.items():
                yield route.path, method, handler[0]


def _signed_in_only(handler: HTTPRouteHandler) -> bool:
    """Whether the route refuses anonymous callers (a role guard or a required principal)."""
    parameters = handler.parsed_fn_signature.parameters
    return bool(handler.resolve_guards()) or "principal" in parameters


def test_every_anonymous_catalog_read_is_in_the_public_group(app: Litestar) -> None:
    anonymous_reads = []
    for path, method, handler in _handlers(app):
        area = path.removeprefix(API_PREFIX)
        if method != "GET" or not area.startswith(PUBLIC_AREAS) or _signed_in_only(handler):
            continue
        anonymous_reads.append((path, handler.opt.get("rate_limit")))

    assert len(anonymous_reads) >= 14
    assert {group for _, group in anonymous_reads} == {"public"}, anonymous_reads


def test_quiz_submissions_and_ai_messages_are_in_their_groups(app: Litestar) -> None:
    groups = {
        (path.removeprefix(API_PREFIX), method): handler.opt.get("rate_limit")
        for path, method, handler in _handlers(app)
    }

    assert groups["/quizzes/{quiz_id:uuid}/attempts", "POST"] == "quiz_submit"
    assert groups["/sessions/{session_id:uuid}/messages", "POST"] == "ai_messages"
    assert groups["/sessions/{session_id:uuid}/messages/stream", "POST"] == "ai_messages"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(database_url: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **os.environ,
        "ENVIRONMENT": "test",
        "PORT": str(port),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "JOB_BACKEND": "inprocess",
        "DEMO_DATA": "off",
        "RATE_LIMIT_ENABLED": "true",
        "RATE_LIMIT_QUIZ_SUBMIT": f"{SUBMISSION_LIMIT}/hour",
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_COST_KIB": "8",
        "LOG_LEVEL": "WARNING",
    }
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "tutor_platform.bootstrap.cli", "serve"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return process, f"http://127.0.0.1:{port}"


def _wait_until_live(base: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    """Wait for ``base`` to answer; a busy machine may take long to start a server."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base}/health/live", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError(f"{base} never answered")


@pytest.fixture
def two_api_processes(database_url: str, tmp_path: Path) -> Iterator[list[str]]:
    started = [_serve(database_url, tmp_path / f"api{n}.log") for n in (1, 2)]
    try:
        for process, base in started:
            _wait_until_live(base, process)
        yield [base for _, base in started]
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.mark.requires_redis
@pytest.mark.processes
async def test_the_quiz_submission_limit_holds_across_two_api_processes(
    client: Client, classroom: Classroom, two_api_processes: list[str]
) -> None:
    quiz = await client.post(
        f"{API}/courses/{classroom.course.id}/quizzes",
        json={"title": "Quick", "questions": [true_false()]},
        headers=classroom.teacher.headers,
    )
    quiz_id = quiz.json()["id"]
    path = f"{API}/quizzes/{quiz_id}/attempts"
    headers = classroom.student.headers

    async with httpx.AsyncClient(timeout=30) as http:
        sequential = [
            await http.post(two_api_processes[n % 2] + path, json={"answers": {}}, headers=headers)
            for n in range(4)
        ]
        burst = await asyncio.gather(
            *(
                http.post(base + path, json={"answers": {}}, headers=headers)
                for base in two_api_processes * 3
            )
        )
    stored = await client.get(f"{API}/quizzes/{quiz_id}/attempts", headers=headers)

    assert [r.status_code for r in sequential] == [201] * SUBMISSION_LIMIT + [429]
    assert {r.status_code for r in burst} == {429}
    refused = sequential[-1]
    assert refused.json()["error_code"] == "RATE_LIMITED"
    assert 1 <= int(refused.headers["retry-after"]) <= 3600
    assert stored.json()["total"] == SUBMISSION_LIMIT
