"""Rate limiting over HTTP: 429 RATE_LIMITED with Retry-After and RateLimit-* headers.

The app uses the store its settings choose: in memory on the SQLite pass, Redis on the
PostgreSQL pass. Test routes join the groups the way real routes do, with ``opt``.
"""

from collections.abc import AsyncIterator, Sequence
from uuid import uuid4

import pytest
from litestar import Litestar, get, post
from litestar.testing import AsyncTestClient
from litestar.types import ControllerRouterHandler

from tests.conftest import BACKEND, make_settings
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import RootContainer, build_container
from tutor_platform.shared.ratelimit.limiter import UnknownRateLimitGroup
from tutor_platform.shared.ratelimit.memory_store import MemoryRateLimitStore
from tutor_platform.shared.ratelimit.policy import InvalidRateLimit
from tutor_platform.shared.ratelimit.redis_store import RedisRateLimitStore
from tutor_platform.shared.ratelimit.store import WindowCount

pytestmark = pytest.mark.both_databases

ERROR_KEYS = {"detail", "error_code", "timestamp", "request_id"}
RATE_LIMIT_HEADERS = ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset")


@post("/test/auth-like", opt={"rate_limit": "auth"}, status_code=200, sync_to_thread=False)
def auth_like() -> dict[str, bool]:
    return {"ok": True}


@get("/test/public-read", opt={"rate_limit": "public"}, sync_to_thread=False)
def public_read() -> dict[str, bool]:
    return {"ok": True}


@post("/test/ai-message", opt={"rate_limit": "ai_messages"}, status_code=200, sync_to_thread=False)
def ai_message() -> dict[str, bool]:
    return {"ok": True}


TEST_ROUTES = [auth_like, public_read, ai_message]


class TokenIsSubject:
    """A fake authenticator: a token ``user-<x>`` is valid for subject ``<x>``."""

    async def authenticate(self, token: str) -> None:
        raise NotImplementedError

    def peek_subject(self, token: str) -> str | None:
        return token.removeprefix("user-") if token.startswith("user-") else None


class BrokenStore:
    """A store whose server is down."""

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        raise ConnectionError("the counter store is unreachable")


def _container(database_url: str, run_id: str, **overrides: object) -> RootContainer:
    container = build_container(make_settings(database_url, **overrides))
    container.rate_limit_key_prefix.override(f"{run_id}:ratelimit:{uuid4().hex}:")
    return container


def _app(
    container: RootContainer, routes: Sequence[ControllerRouterHandler] = TEST_ROUTES
) -> Litestar:
    return create_app(
        container.settings(), container, migrate_on_start=False, extra_route_handlers=routes
    )


@pytest.fixture
async def limited(database_url: str, run_id: str) -> AsyncIterator[AsyncTestClient[Litestar]]:
    container = _container(
        database_url,
        run_id,
        rate_limit_enabled=True,
        rate_limit_auth="3/minute",
        rate_limit_public="2/minute",
        rate_limit_ai_messages="2/minute",
    )
    app = _app(container)
    app.state.authenticator = TokenIsSubject()
    async with AsyncTestClient(app=app) as client:
        yield client


async def test_the_request_over_the_limit_gets_429_with_headers(
    limited: AsyncTestClient[Litestar],
) -> None:
    allowed = [await limited.post("/test/auth-like") for _ in range(3)]
    denied = await limited.post("/test/auth-like")

    assert [r.status_code for r in allowed] == [200, 200, 200]
    assert [r.headers["ratelimit-remaining"] for r in allowed] == ["2", "1", "0"]
    assert all(r.headers["ratelimit-limit"] == "3" for r in allowed)
    assert denied.status_code == 429
    body = denied.json()
    assert body.keys() >= ERROR_KEYS
    assert body["error_code"] == "RATE_LIMITED"
    assert body["request_id"] == denied.headers["x-request-id"]
    assert 1 <= int(denied.headers["retry-after"]) <= 60
    assert denied.headers["ratelimit-reset"] == denied.headers["retry-after"]
    assert denied.headers["ratelimit-limit"] == "3"
    assert denied.headers["ratelimit-remaining"] == "0"


async def test_operational_routes_are_never_limited(limited: AsyncTestClient[Litestar]) -> None:
    for path in ["/health/live", "/health/ready", "/metrics", "/schema/openapi.json"] * 4:
        response = await limited.get(path)
        assert response.status_code == 200, path
        assert not any(h in response.headers for h in RATE_LIMIT_HEADERS)


async def test_public_reads_are_limited_for_anonymous_callers_only(
    limited: AsyncTestClient[Litestar],
) -> None:
    anonymous = [(await limited.get("/test/public-read")).status_code for _ in range(2)]
    forged = await limited.get("/test/public-read", headers={"Authorization": "Bearer forged"})
    signed_in = await limited.get(
        "/test/public-read", headers={"Authorization": "Bearer user-alice"}
    )

    assert anonymous == [200, 200]
    assert forged.status_code == 429
    assert signed_in.status_code == 200
    assert "ratelimit-limit" not in signed_in.headers


async def test_per_user_groups_count_each_user_separately(
    limited: AsyncTestClient[Litestar],
) -> None:
    alice = {"Authorization": "Bearer user-alice"}
    bob = {"Authorization": "Bearer user-bob"}
    alice_codes = [
        (await limited.post("/test/ai-message", headers=alice)).status_code for _ in "abc"
    ]
    bob_codes = [(await limited.post("/test/ai-message", headers=bob)).status_code for _ in "ab"]

    assert alice_codes == [200, 200, 429]
    assert bob_codes == [200, 200]


async def test_per_user_groups_fall_back_to_the_ip_without_a_valid_token(
    limited: AsyncTestClient[Litestar],
) -> None:
    bad_token = {"Authorization": "Bearer forged"}
    codes = [(await limited.post("/test/ai-message", headers=bad_token)).status_code for _ in "ab"]
    anonymous = await limited.post("/test/ai-message")
    alice = await limited.post("/test/ai-message", headers={"Authorization": "Bearer user-alice"})

    assert codes == [200, 200]
    assert anonymous.status_code == 429
    assert alice.status_code == 200


async def test_disabled_rate_limits_let_everything_through(database_url: str, run_id: str) -> None:
    container = _container(
        database_url, run_id, rate_limit_enabled=False, rate_limit_auth="1/minute"
    )
    async with AsyncTestClient(app=_app(container)) as client:
        responses = [await client.post("/test/auth-like") for _ in range(5)]

    assert [r.status_code for r in responses] == [200] * 5
    assert not any("ratelimit-limit" in r.headers for r in responses)


async def test_requests_pass_when_the_counter_store_fails(database_url: str, run_id: str) -> None:
    container = _container(
        database_url, run_id, rate_limit_enabled=True, rate_limit_auth="1/minute"
    )
    container.rate_limit_store.override(BrokenStore())
    async with AsyncTestClient(app=_app(container)) as client:
        codes = [(await client.post("/test/auth-like")).status_code for _ in range(3)]

    assert codes == [200, 200, 200]


def test_an_invalid_rate_limit_setting_stops_the_app_from_building(
    database_url: str, run_id: str
) -> None:
    container = _container(database_url, run_id, rate_limit_auth="10/minutes")
    with pytest.raises(InvalidRateLimit, match="RATE_LIMIT_AUTH"):
        _app(container)


def test_a_route_naming_an_unknown_group_stops_the_app_from_building(
    database_url: str, run_id: str
) -> None:
    @get("/test/typo", opt={"rate_limit": "pubilc"}, sync_to_thread=False)
    def typo() -> None:
        return None

    with pytest.raises(UnknownRateLimitGroup, match="pubilc"):
        _app(_container(database_url, run_id), routes=[typo])


def test_counters_live_in_redis_when_configured_else_in_memory(
    database_url: str, run_id: str
) -> None:
    store = _container(database_url, run_id).rate_limit_store()
    expected = RedisRateLimitStore if BACKEND == "postgres" else MemoryRateLimitStore

    assert isinstance(store, expected)


async def test_the_fourth_login_from_one_ip_gets_429(
    database_url: str, run_id: str, clean_db: None
) -> None:
    container = _container(
        database_url, run_id, rate_limit_enabled=True, rate_limit_auth="3/minute"
    )
    credentials = {"login": "nobody@example.com", "password": "not-the-password-42"}
    async with AsyncTestClient(app=_app(container, routes=[])) as client:
        attempts = [await client.post("/api/v1/auth/login", json=credentials) for _ in range(4)]
        register = await client.post(
            "/api/v1/auth/register",
            json={"email": "new@example.com", "username": "newbie", "password": "a-long-pass-2026"},
        )

    assert [r.status_code for r in attempts] == [401, 401, 401, 429]
    denied = attempts[-1]
    assert denied.json()["error_code"] == "RATE_LIMITED"
    assert denied.json().keys() >= ERROR_KEYS
    assert int(denied.headers["retry-after"]) >= 1
    assert (denied.headers["ratelimit-limit"], denied.headers["ratelimit-remaining"]) == ("3", "0")
    assert register.status_code == 429


async def test_per_user_groups_key_on_the_subject_of_a_real_access_token(
    database_url: str, run_id: str, clean_db: None
) -> None:
    container = _container(
        database_url,
        run_id,
        rate_limit_enabled=True,
        rate_limit_auth="5/minute",
        rate_limit_ai_messages="2/minute",
    )
    async with AsyncTestClient(app=_app(container)) as client:
        registered = await client.post(
            "/api/v1/auth/register",
            json={"email": "ada@example.com", "username": "ada", "password": "a-long-pass-2026"},
        )
        login = await client.post(
            "/api/v1/auth/login", json={"login": "ada", "password": "a-long-pass-2026"}
        )
        bearer = {"Authorization": f"Bearer {login.json()['access_token']}"}
        as_ada = [
            (await client.post("/test/ai-message", headers=bearer)).status_code for _ in "abc"
        ]
        anonymous = await client.post("/test/ai-message")

    assert (registered.status_code, login.status_code) == (201, 200)
    assert as_ada == [200, 200, 429]
    assert anonymous.status_code == 200
