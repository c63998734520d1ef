"""Run by ``tests/integration/test_sentry.py`` in a process of its own (``sentry_sdk.init``
and its Litestar integration are process-wide): the API with Sentry on, one request that
fails with secrets in it, one job failure logged for good, then flush.

Usage: ``python -m tests.support.sentry_probe DSN DATABASE_URL``.
"""

import logging
import sys
from typing import Any

import sentry_sdk
from litestar import Request, post
from litestar.testing import TestClient

from tests.conftest import make_settings
from tutor_platform.bootstrap.app import create_app

SECRET_BODY = '{"password": "hunter2-secret", "note": "private words"}'


@post("/boom")
async def boom(request: Request[Any, Any, Any]) -> None:
    await request.body()
    raise RuntimeError("the handler broke")


def main(dsn: str, database_url: str) -> None:
    settings = make_settings(database_url, sentry_dsn=dsn)
    app = create_app(settings, migrate_on_start=True, extra_route_handlers=[boom])
    with TestClient(app=app) as client:
        response = client.post(
            "/boom?access_token=query-secret",
            content=SECRET_BODY,
            headers={
                "Authorization": "Bearer header-secret",
                "Cookie": "refresh_token=cookie-secret",
                "X-Request-ID": "req-sentry-1",
                "Content-Type": "application/json",
            },
        )
        assert response.status_code == 500, response.text
    try:
        raise TimeoutError("the task timed out")
    except TimeoutError:
        logging.getLogger("tutor_platform.jobs").error(
            "job 42 (media.summary) failed", exc_info=True
        )
    sentry_sdk.flush(timeout=10)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
