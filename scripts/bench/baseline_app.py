"""The yardstick: a minimal Litestar endpoint doing one asyncpg query, nothing else.

Run with ``uvicorn scripts.bench.baseline_app:app``; ``BENCH_DSN`` names the database.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from litestar import Litestar, get

_pool: dict[str, Any] = {}


@asynccontextmanager
async def lifespan(_: Litestar) -> AsyncIterator[None]:
    _pool["pool"] = await asyncpg.create_pool(os.environ["BENCH_DSN"], min_size=4, max_size=10)
    try:
        yield
    finally:
        await _pool["pool"].close()


@get("/baseline", sync_to_thread=False)
async def baseline() -> dict[str, Any]:
    """One primary-key lookup of a user row, returned as JSON."""
    row = await _pool["pool"].fetchrow(
        "SELECT id, email, username, role FROM users ORDER BY created_at LIMIT 1"
    )
    return {key: str(value) for key, value in dict(row or {}).items()}


app = Litestar(route_handlers=[baseline], lifespan=[lifespan], logging_config=None)
