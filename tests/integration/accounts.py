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
    """Create a user with a role and plan and log it in, through the identity use cases.

    The same use cases serve ``/auth/register`` and ``/auth/login`` (whose HTTP side the
    identity tests cover), so the user and its refresh token are stored as they would be; no
    cookie is left on the client.
    """

    async def make(username: str, role: str = "student", plan: str = "free") -> Account:
        email = f"{username}@example.com"
        identity = app.state.container.identity
        create_user, log_in_user = identity.create_user(), identity.log_in()

        async def create_and_log_in() -> tuple[str, Any]:
            user = await create_user.execute(
                NewUser(email, username, PASSWORD, role=role, plan=plan)
            )
            return str(user.id), await log_in_user.execute(username, PASSWORD)

        user_id, tokens = in_app_loop(client, create_and_log_in)
        return Account(user_id, username, email, tokens.access_token, tokens.refresh_token)

    return make
