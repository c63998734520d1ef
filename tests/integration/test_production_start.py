"""The image as an operator starts it: the ``Containerfile``'s environment plus ``SECRET_KEY``.

Runs in the SQLite pass only: what is under test is the embedded default that the image falls
back to when ``DATABASE_URL`` is left out.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

from tests.integration.test_cli import _free_port, _wait_for
from tutor_platform.bootstrap.demo.catalog import load_demo_catalog

CONTAINERFILE = Path(__file__).resolve().parents[2] / "Containerfile"
SECRET = "a-production-secret-key-of-more-than-32-characters"


def containerfile_env() -> dict[str, str]:
    """The ``ENV`` variables the image sets (continuation lines joined)."""
    text = CONTAINERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    values: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("ENV "):
            for key, value in re.findall(r"(\w+)=(\S+)", line):
                values[key] = value.strip('"')
    return values


def _serve(tmp_path: Path, **extra: str) -> tuple[str, subprocess.Popen[bytes]]:
    """Start ``serve`` in ``tmp_path``; its output goes to ``tmp_path/out.log`` (a pipe that
    nobody reads would fill up and stop the server)."""
    port = _free_port()
    image = {k: v for k, v in containerfile_env().items() if k != "PATH"}
    env = {
        **{k: v for k, v in os.environ.items() if not k.isupper() or k in ("PATH", "HOME")},
        **image,
        "SECRET_KEY": SECRET,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        **extra,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "tutor_platform.bootstrap.cli", "serve"],
        env=env,
        cwd=tmp_path,
        stdout=(tmp_path / "out.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    return f"http://127.0.0.1:{port}", proc


def _output(proc: subprocess.Popen[bytes], tmp_path: Path) -> str:
    proc.wait(timeout=30)
    return (tmp_path / "out.log").read_text(encoding="utf-8")


def _stop(proc: subprocess.Popen[bytes], tmp_path: Path) -> list[dict[str, object]]:
    """Stop the server; every line it wrote, parsed as JSON (fails on a plain-text line)."""
    proc.terminate()
    output = _output(proc, tmp_path)
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_the_image_starts_safe_with_only_a_secret_key(tmp_path: Path) -> None:
    assert containerfile_env()["ENVIRONMENT"] == "production"
    demo = load_demo_catalog()
    base, proc = _serve(tmp_path, DATABASE_ECHO="true")
    try:
        assert _wait_for(f"{base}/health/ready", seconds=90) == 200
        courses = httpx.get(f"{base}/api/v1/courses", timeout=5).json()
        login = {"login": demo.instructor.username, "password": demo.instructor.password}
        refused = httpx.post(f"{base}/api/v1/auth/login", json=login, timeout=30)
    finally:
        lines = _stop(proc, tmp_path)
    assert courses["total"] == 0
    assert refused.status_code == 401
    events = [str(line["event"]) for line in lines]
    assert "serving" in events
    assert any(line["logger"] == "sqlalchemy.engine.Engine" for line in lines)
    assert not any("demo" in event for event in events)
    assert demo.instructor.password not in json.dumps(lines)


def test_demo_data_in_production_only_when_asked_and_said_at_start(tmp_path: Path) -> None:
    demo = load_demo_catalog()
    base, proc = _serve(tmp_path, DEMO_DATA="on")
    try:
        assert _wait_for(f"{base}/health/ready", seconds=90) == 200
        courses = httpx.get(f"{base}/api/v1/courses", timeout=5).json()
    finally:
        lines = _stop(proc, tmp_path)
    assert courses["total"] == len(demo.courses)
    warnings = [line for line in lines if line["event"] == "demo_data_in_production"]
    assert [line["level"] for line in warnings] == ["warning"]
    loaded = next(line for line in lines if line["event"] == "demo_data_loaded")
    assert loaded["demo_logins"] == [demo.instructor.username, demo.student.username]


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    _, proc = _serve(tmp_path, SECRET_KEY="")
    output = _output(proc, tmp_path).strip()
    assert proc.returncode == 2
    assert output.splitlines() == [output]
    assert "SECRET_KEY" in output
