"""Identity: ``GET /users/me`` and ``POST /auth/login`` next to the one-query baseline."""

import argparse
import datetime as dt
import json
import statistics
import time

from argon2 import PasswordHasher

from scripts.bench.common import (
    BASELINE_PORT,
    PASSWORD,
    PLATFORM_PORT,
    machine_description,
    median_of,
    platform_env,
    prepare_database,
    sign_up,
)
from scripts.bench.report import write_report
from scripts.bench.servers import ROOT, baseline_server, platform_server
from scripts.bench.wrk import WrkResult, run_wrk


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


def run_identity(args: argparse.Namespace) -> None:
    database_url, dsn = prepare_database("tutor_bench")
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
