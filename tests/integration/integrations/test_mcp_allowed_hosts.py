"""/mcp behind a real domain: the SDK's DNS-rebinding protection takes the deployment's
ALLOWED_HOSTS and CORS_ORIGINS (its default admits only localhost and answers 421).

Runs in the SQLite pass only (see test_mcp_tools.py)."""

import pytest

from tests.conftest import make_settings
from tests.integration.accounts import Client, MakeAccount, assert_error
from tests.integration.integrations.test_mcp_transport import _post
from tutor_platform.bootstrap.settings import Settings


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(
        database_url, allowed_hosts="api.example.com", cors_origins="https://app.example.com"
    )


async def test_behind_a_real_domain_hosts_and_origins_come_from_the_settings(
    client: Client, make_account: MakeAccount
) -> None:
    learner = await make_account("lena")
    ok = await _post(client, learner.access_token, host="api.example.com")
    assert ok.status_code == 200, ok.text  # type: ignore[attr-defined]
    browser = await _post(
        client, learner.access_token, host="api.example.com", origin="https://app.example.com"
    )
    assert browser.status_code == 200  # type: ignore[attr-defined]
    foreign = await _post(
        client, learner.access_token, host="api.example.com", origin="https://evil.example"
    )
    assert_error(foreign, 403, "FORBIDDEN")
