"""The command line as an operator uses it: migrate, serve, create-admin.

Runs in the SQLite pass only: the commands run here on their embedded SQLite default."""

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import inspect

from tests.conftest import REDIS_URL
from tutor_platform.bootstrap.cli import main
from tutor_platform.bootstrap.demo.catalog import DemoAccount, load_demo_catalog
from tutor_platform.shared.persistence.engine import create_engine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _sqlite_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("REDIS_URL", "")
    return url


def test_migrate_creates_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _sqlite_env(tmp_path, monkeypatch)
    assert main(["migrate"]) == 0
    assert {"jobs", "alembic_version"} <= set(asyncio.run(_table_names(url)))
    assert "migrated" in capsys.readouterr().out


def test_production_refuses_the_default_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert main(["migrate"]) == 2


def test_serve_answers_on_the_embedded_default(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'serve.db'}",
        "REDIS_URL": "",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "tutor_platform.bootstrap.cli", "serve"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        status = _wait_for(f"{base}/health/ready", seconds=90)
        assert status == 200
        schema = httpx.get(f"{base}/schema/openapi.json", timeout=5)
        assert schema.status_code == 200
        demo = load_demo_catalog()
        courses = httpx.get(f"{base}/api/v1/courses", timeout=5).json()
        assert {course["slug"] for course in courses["items"]} == {
            course.slug for course in demo.courses
        }
        login = {"login": demo.student.username, "password": demo.student.password}
        assert httpx.post(f"{base}/api/v1/auth/login", json=login, timeout=30).status_code == 200
        _premium_lesson_reads(base, demo.student, demo.premium_student, courses["items"])
    finally:
        proc.terminate()
        output = proc.communicate(timeout=15)[0].decode()
    assert demo.student.password in output
    assert demo.instructor.password in output
    assert demo.premium_student.password in output


def _premium_lesson_reads(
    base: str, student: DemoAccount, premium: DemoAccount, courses: list[dict[str, Any]]
) -> None:
    """The demo's premium student reads a premium lesson that the free student may not."""
    lessons = [
        lesson
        for course in courses
        for section in httpx.get(f"{base}/api/v1/courses/{course['id']}", timeout=5).json()[
            "sections"
        ]
        for lesson in section["lessons"]
        if lesson["is_premium"]
    ]
    assert lessons, "the demo has a premium lesson"
    statuses = []
    for account in (student, premium):
        login = {"login": account.username, "password": account.password}
        token = httpx.post(f"{base}/api/v1/auth/login", json=login, timeout=30).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        read = httpx.get(f"{base}/api/v1/lessons/{lessons[0]['id']}", headers=headers, timeout=5)
        statuses.append(read.status_code)
    assert statuses == [403, 200]


def _wait_for(url: str, seconds: float = 120) -> int:
    """The first status ``url`` answers; a busy machine may take long to start a server (it
    migrates and seeds the demo first), so the deadline is generous."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return httpx.get(url, timeout=2).status_code
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered")


async def _table_names(url: str) -> list[str]:
    engine = create_engine(url)
    async with engine.connect() as connection:
        names = await connection.run_sync(lambda c: inspect(c).get_table_names())
    await engine.dispose()
    return list(names)


def test_create_admin_makes_an_admin_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _sqlite_env(tmp_path, monkeypatch)
    monkeypatch.setenv("ARGON2_TIME_COST", "2")
    assert main(["migrate"]) == 0
    args = ["create-admin", "--email", "Root@Example.com", "--password", "correct-horse-battery-7"]
    assert main(args) == 0
    assert "admin Root@Example.com created" in capsys.readouterr().out
    assert asyncio.run(_roles(url)) == [("Root@Example.com", "admin")]
    same_email = ["create-admin", "--email", "root@example.com", "--password", "another-secret-99x"]
    assert main(same_email) == 1
    assert "could not create the admin" in capsys.readouterr().err


async def _roles(url: str) -> list[tuple[str, str]]:
    engine = create_engine(url)
    async with engine.connect() as connection:
        rows = (await connection.exec_driver_sql("SELECT email, role FROM users")).all()
    await engine.dispose()
    return [(str(email), str(role)) for email, role in rows]


def test_seed_demo_loads_the_demo_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _sqlite_env(tmp_path, monkeypatch)
    demo = load_demo_catalog()
    assert main(["seed-demo"]) == 0
    first = capsys.readouterr().out
    assert f"created: {', '.join(course.slug for course in demo.courses)}" in first
    assert demo.student.password in first
    assert main(["seed-demo"]) == 0
    assert "created: none" in capsys.readouterr().out
    counts = asyncio.run(_counts(url))
    lessons = sum(len(course.lessons) for course in demo.courses)
    assert counts == {"courses": len(demo.courses), "lessons": lessons, "users": 3}


async def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    counts = {}
    async with engine.connect() as connection:
        for table in ("courses", "lessons", "users"):
            result = await connection.exec_driver_sql(f"SELECT count(*) FROM {table}")
            counts[table] = int(result.scalar_one())
    await engine.dispose()
    return counts


@pytest.mark.parametrize(
    ("command", "named"),
    [
        ("serve", ["HOST:PORT", "DATABASE_URL", "DEMO_DATA"]),
        ("worker", ["REDIS_URL", "DATABASE_URL", "WORKER_METRICS_PORT"]),
        ("migrate", ["--revision", "DATABASE_URL"]),
        ("create-admin", ["--email", "--username", "--password", "DATABASE_URL"]),
        ("seed-demo", ["DATABASE_URL", "premium student"]),
        ("reindex", ["EMBEDDING_PROVIDER", "DATABASE_URL"]),
    ],
)
def test_each_command_s_help_names_its_options_and_settings(
    command: str, named: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_code:
        main([command, "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert exit_code.value.code == 0
    assert [name for name in named if name not in shown] == []
    assert ".env" in shown


UNREACHABLE_DATABASE = "postgresql+asyncpg://postgres@127.0.0.1:9/tutor"


def _one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_serve_refuses_a_first_admin_password_the_policy_refuses_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _sqlite_env(tmp_path, monkeypatch)
    monkeypatch.setenv("FIRST_ADMIN_EMAIL", "root@example.com")
    monkeypatch.setenv("FIRST_ADMIN_PASSWORD", "password123")
    assert main(["serve"]) == 3
    line = _one_line(capsys.readouterr().err)
    assert line == "start-up error: FIRST_ADMIN_PASSWORD is refused: it is too common"


def test_serve_refuses_an_unreachable_database_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _sqlite_env(tmp_path, monkeypatch)
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE_DATABASE)
    assert main(["serve"]) == 3
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("start-up error: DATABASE_URL: the database at 127.0.0.1:9 cannot")


def test_a_first_admin_email_without_password_is_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _sqlite_env(tmp_path, monkeypatch)
    monkeypatch.setenv("FIRST_ADMIN_EMAIL", "root@example.com")
    monkeypatch.delenv("FIRST_ADMIN_PASSWORD", raising=False)
    assert main(["serve"]) == 2
    line = _one_line(capsys.readouterr().err)
    assert "FIRST_ADMIN_EMAIL and FIRST_ADMIN_PASSWORD go together" in line


def test_create_admin_names_the_option_and_the_rule_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _sqlite_env(tmp_path, monkeypatch)
    assert main(["migrate"]) == 0
    capsys.readouterr()
    assert main(["create-admin", "--email", "a@example.com", "--password", "short"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert (
        line
        == "could not create the admin: --password is refused: it must be at least 10 characters"
    )
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE_DATABASE)
    args = ["create-admin", "--email", "a@example.com", "--password", "correct-horse-battery-7"]
    assert main(args) == 3
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("could not create the admin: DATABASE_URL: the database at 127.0.0.1:9")


def test_worker_without_a_reachable_redis_names_redis_url_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _sqlite_env(tmp_path, monkeypatch)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")
    monkeypatch.setenv("JOB_BACKEND", "saq")
    assert main(["worker"]) == 3
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("start-up error: REDIS_URL: Redis at 127.0.0.1:9 cannot be reached")


@pytest.mark.requires_redis
def test_worker_with_an_unreachable_database_names_database_url_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _sqlite_env(tmp_path, monkeypatch)
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE_DATABASE)
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("JOB_BACKEND", "saq")
    assert main(["worker"]) == 3
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("start-up error: DATABASE_URL: the database at 127.0.0.1:9 cannot")


@pytest.mark.requires_redis
def test_worker_whose_metrics_port_is_taken_names_the_setting_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _sqlite_env(tmp_path, monkeypatch)
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("JOB_BACKEND", "saq")
    monkeypatch.setenv("JOB_QUEUE_NAME", f"cli-metrics-{os.getpid()}")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setenv("WORKER_METRICS_PORT", str(port))
        assert main(["worker"]) == 3
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(
        f"start-up error: WORKER_METRICS_PORT: the worker's metrics cannot be served on "
        f"127.0.0.1:{port} ("
    )
    assert line.endswith("choose a free port, or 0 to turn them off")
