"""Start-up checks that stop the process with one line naming the setting and the rule.

``serve`` runs them before the server starts (a failure in the server's own start-up would
end in a traceback); ``create-admin`` words its errors the same way.
"""

import asyncio
from typing import Final

from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tutor_platform.bootstrap.container import RootContainer, build_container, close_container
from tutor_platform.bootstrap.migrations import upgrade_database
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.shared.errors import DomainError, ValidationFailed
from tutor_platform.shared.outage import is_outage

REDIS_TIMEOUT_SECONDS: Final = 5


class StartupError(Exception):
    """A setting stops the start: the message is one line naming it and the rule."""


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def database_problem(settings: Settings, exc: BaseException) -> str:
    """The one-line explanation of a database that cannot be used."""
    url = make_url(settings.database_url)
    where = url.database if url.get_backend_name() == "sqlite" else f"{url.host}:{url.port or ''}"
    if is_outage(exc):
        return (
            f"DATABASE_URL: the database at {where} cannot be reached ({_first_line(exc)}); "
            "it must be running and reachable from here"
        )
    return f"DATABASE_URL: the database at {where} refused the connection ({_first_line(exc)})"


def redis_problem(settings: Settings, exc: BaseException) -> str:
    """The one-line explanation of a Redis that cannot be used."""
    url = make_url(settings.redis_url)
    return (
        f"REDIS_URL: Redis at {url.host}:{url.port or 6379} cannot be reached "
        f"({_first_line(exc)}); the worker needs it running and reachable from here"
    )


async def check_redis(settings: Settings) -> None:
    """Redis answers a PING within a few seconds (one try), else ``StartupError``."""
    client = Redis.from_url(settings.redis_url, socket_connect_timeout=REDIS_TIMEOUT_SECONDS)
    try:
        async with asyncio.timeout(REDIS_TIMEOUT_SECONDS):
            await _ping(client)
    except Exception as exc:
        raise StartupError(redis_problem(settings, exc)) from exc
    finally:
        await client.aclose()


async def _ping(client: Redis) -> None:
    """PING (redis-py types ``ping`` for its sync and async clients at once)."""
    answer = client.ping()
    if not isinstance(answer, bool):
        await answer


def rule_broken(setting: str, exc: DomainError) -> str:
    """The one-line explanation of a value a use case refused."""
    if isinstance(exc, ValidationFailed) and exc.errors:
        rules = "; ".join(error.message for error in exc.errors)
        return f"{setting} is refused: it {rules}"
    return f"{setting} is refused: {exc.detail}"


async def check_database(container: RootContainer, settings: Settings) -> None:
    try:
        async with container.engine().connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:
        raise StartupError(database_problem(settings, exc)) from exc


async def worker_preflight(settings: Settings) -> None:
    """The worker's Redis and database answer; ``StartupError`` otherwise."""
    await check_redis(settings)
    container = build_container(settings)
    try:
        await check_database(container, settings)
    finally:
        await close_container(container)


async def preflight(settings: Settings, *, migrate: bool) -> None:
    """The database answers (and is migrated when ``migrate``); the first admin of the
    settings exists or can be created. ``StartupError`` otherwise."""
    container = build_container(settings)
    try:
        await check_database(container, settings)
        if migrate:
            await upgrade_database(container.engine())
        try:
            await container.identity.facade().ensure_first_admin(
                settings.first_admin_email, settings.first_admin_password
            )
        except DomainError as exc:
            setting = "FIRST_ADMIN_PASSWORD" if _about_password(exc) else "FIRST_ADMIN_EMAIL"
            raise StartupError(rule_broken(setting, exc)) from exc
    finally:
        await close_container(container)


def _about_password(exc: DomainError) -> bool:
    return isinstance(exc, ValidationFailed) and any(
        error.field == "password" for error in exc.errors
    )
