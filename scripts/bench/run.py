"""``just bench``: the platform on PostgreSQL next to a one-query Litestar endpoint, under wrk.

Writes medians over several rounds to docs/benchmarks.md. Needs PostgreSQL (BENCH_POSTGRES_URL,
default the local server) and wrk (installed with apt-get when missing).
"""

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import httpx
from argon2 import PasswordHasher
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from scripts.bench.report import Measurement, write_report
from scripts.bench.servers import ROOT, baseline_server, platform_server
from scripts.bench.wrk import WrkResult, run_wrk

ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
DATABASE = "tutor_bench"
PLATFORM_PORT, BASELINE_PORT = 8801, 8802
PASSWORD = "Quartz-lantern-41x-river"
SECRET = "bench-secret-key-that-is-long-enough-0123456789"


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


async def fresh_database() -> str:
    admin = create_async_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        await connection.exec_driver_sql(f'CREATE DATABASE "{DATABASE}"')
    await admin.dispose()
    return make_url(ADMIN_URL).set(database=DATABASE).render_as_string(hide_password=False)


def platform_env(database_url: str) -> dict[str, str]:
    return {
        "ENVIRONMENT": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "RATE_LIMIT_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
    }


def sign_up(base: str) -> str:
    """Register the benchmark user and return an access token."""
    user = {"email": "bench@example.com", "username": "bench_user", "password": PASSWORD}
    httpx.post(f"{base}/api/v1/auth/register", json=user, timeout=30).raise_for_status()
    login = httpx.post(
        f"{base}/api/v1/auth/login", json={"login": "bench_user", "password": PASSWORD}, timeout=30
    )
    login.raise_for_status()
    return str(login.json()["access_token"])


def argon2_verify_ms(rounds: int = 25) -> float:
    """Median time of one verify with the platform's default argon2 parameters."""
    hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    digest = hasher.hash(PASSWORD)
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        hasher.verify(digest, PASSWORD)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def median_of(results: list[WrkResult]) -> Measurement:
    return Measurement(
        rps=statistics.median(r.requests_per_second for r in results),
        p50_ms=statistics.median(r.p50_ms for r in results),
        p99_ms=statistics.median(r.p99_ms for r in results),
        errors=sum(r.errors for r in results),
        rounds=len(results),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    ensure_wrk()
    (ROOT / "var").mkdir(exist_ok=True)
    database_url = asyncio.run(fresh_database())
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(
        ["tutor-platform", "migrate"], env={**os.environ, **platform_env(database_url)}, check=True
    )
    runs: dict[str, list[WrkResult]] = {"me": [], "baseline": [], "login": [], "login_c1": []}
    platform_base = f"http://127.0.0.1:{PLATFORM_PORT}"
    login_body = json.dumps({"login": "bench_user", "password": PASSWORD})
    json_header = {"Content-Type": "application/json"}
    with (
        platform_server(PLATFORM_PORT, platform_env(database_url)),
        baseline_server(BASELINE_PORT, dsn),
    ):
        token = sign_up(platform_base)
        auth = {"Authorization": f"Bearer {token}"}
        load = {"connections": args.connections, "seconds": args.seconds}
        for _ in range(args.rounds):
            runs["me"].append(run_wrk(f"{platform_base}/api/v1/users/me", headers=auth, **load))
            runs["baseline"].append(run_wrk(f"http://127.0.0.1:{BASELINE_PORT}/baseline", **load))
            runs["login"].append(
                run_wrk(
                    f"{platform_base}/api/v1/auth/login",
                    method="POST",
                    headers=json_header,
                    body=login_body,
                    **load,
                )
            )
            runs["login_c1"].append(
                run_wrk(
                    f"{platform_base}/api/v1/auth/login",
                    method="POST",
                    headers=json_header,
                    body=login_body,
                    connections=1,
                    seconds=args.seconds,
                )
            )
    write_report(
        ROOT / "docs" / "benchmarks.md",
        when=dt.datetime.now(dt.UTC),
        machine=machine_description(),
        connections=args.connections,
        seconds=args.seconds,
        measurements={name: median_of(results) for name, results in runs.items()},
        argon2_ms=argon2_verify_ms(),
    )
    print((ROOT / "docs" / "benchmarks.md").read_text())


def machine_description() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({model}), {mem_gib:.0f} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


if __name__ == "__main__":
    main()
