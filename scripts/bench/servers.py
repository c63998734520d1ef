"""Start and stop the servers under test as subprocesses."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def wait_ready(url: str, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not become ready")


@contextmanager
def process(
    args: list[str], env: dict[str, str], ready_url: str
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server process until the block ends."""
    (ROOT / "var").mkdir(exist_ok=True)
    log = open(ROOT / "var" / f"bench-{Path(args[-1]).name[:20]}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(args, env={**os.environ, **env}, cwd=ROOT, stdout=log, stderr=log)
    try:
        wait_ready(ready_url)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def platform_server(
    port: int, env: dict[str, str]
) -> AbstractContextManager[subprocess.Popen[bytes]]:
    return process(
        [sys.executable, "-m", "tutor_platform.bootstrap.cli", "serve"],
        {**env, "PORT": str(port)},
        f"http://127.0.0.1:{port}/health/ready",
    )


def baseline_server(port: int, dsn: str) -> AbstractContextManager[subprocess.Popen[bytes]]:
    return process(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "scripts.bench.baseline_app:app",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        {"BENCH_DSN": dsn},
        f"http://127.0.0.1:{port}/baseline",
    )
