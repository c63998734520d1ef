"""Accounts for HTTP tests of every context: users with tokens, and the error-body check."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tutor_platform.identity.application.create_user import NewUser

PASSWORD = "violet-tractor-lamp"
Client = AsyncTestClient[Litestar]


@dataclass
class Account:
    id: str
    username: str
    email: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


async def log_in(client: Client, login: str, password: str = PASSWORD) -> dict[str, Any]:
    response = await client.post("/api/v1/auth/login", json={"login": login, "password": password})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


MakeAccount = Callable[..., Awaitable[Account]]
T = TypeVar("T")


def in_app_loop(client: Client, call: Callable[[], Awaitable[T]]) -> T:
    """Run ``call`` on the event loop that serves the app (the test client's portal).

    The app's engine and clients belong to that loop; using them from the test's own loop
    would mix event loops.
    """

    async def run() -> T:
        return await call()

    return client.blocking_portal.call(run)


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["error_code"] == code
    assert {"detail", "timestamp", "request_id"} <= body.keys()
    return body


def account_maker(client: Client, app: Litestar) -> MakeAccount:
    """Create a user with a role (students sign up over HTTP), log in, forget the cookie."""

    async def make(username: str, role: str = "student", plan: str = "free") -> Account:
        email = f"{username}@example.com"
        if role == "student" and plan == "free":
            response = await client.post(
                "/api/v1/auth/register",
                json={"email": email, "username": username, "password": PASSWORD},
            )
            assert response.status_code == 201, response.text
        else:
            create_user = app.state.container.identity.create_user()
            command = NewUser(email, username, PASSWORD, role=role, plan=plan)
            in_app_loop(client, lambda: create_user.execute(command))
        tokens = await log_in(client, username)
        client.cookies.clear()
        me = await client.get(
            "/api/v1/users/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
        )
        return Account(
            me.json()["id"], username, email, tokens["access_token"], tokens["refresh_token"]
        )

    return make
