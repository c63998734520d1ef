"""What every benchmark suite shares: the database, the platform's settings, wrk, medians."""

import asyncio
import os
import platform
import shutil
import statistics
import subprocess
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from scripts.bench.report import Measurement
from scripts.bench.servers import ROOT
from scripts.bench.wrk import WrkResult

ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
DATABASE = "tutor_bench"
PLATFORM_PORT = int(os.environ.get("BENCH_PLATFORM_PORT", "8801"))
BASELINE_PORT = int(os.environ.get("BENCH_BASELINE_PORT", "8802"))
"""Other ports on a machine where someone else's benchmark holds these."""
PASSWORD = "Quartz-lantern-41x-river"
SECRET = "bench-secret-key-that-is-long-enough-0123456789"


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


async def fresh_database(name: str = DATABASE) -> str:
    admin = create_async_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    await admin.dispose()
    return make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def platform_env(database_url: str) -> dict[str, str]:
    """The production configuration (Redis on, as deployments run), rate limits off."""
    return {
        "ENVIRONMENT": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
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


def median_of(results: list[WrkResult]) -> Measurement:
    return Measurement(
        rps=statistics.median(r.requests_per_second for r in results),
        p50_ms=statistics.median(r.p50_ms for r in results),
        p99_ms=statistics.median(r.p99_ms for r in results),
        errors=sum(r.errors for r in results),
        rounds=len(results),
        p95_ms=statistics.median(r.p95_ms for r in results),
    )


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


def prepare_database(name: str) -> tuple[str, str]:
    """A fresh, migrated database: its SQLAlchemy URL and its plain libpq DSN."""
    (ROOT / "var").mkdir(exist_ok=True)
    database_url = asyncio.run(fresh_database(name))
    subprocess.run(
        ["tutor-platform", "migrate"],
        env={**os.environ, **platform_env(database_url)},
        check=True,
        timeout=300,
    )
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    return database_url, dsn
