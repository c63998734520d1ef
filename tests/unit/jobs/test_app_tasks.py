"""The application's task registry: the refresh-token purge and its timer."""

from uuid import uuid4

from tests.conftest import make_settings
from tutor_platform.bootstrap.tasks import PURGE_EXPIRED_REFRESH_TOKENS, build_task_registry


class FakeIdentity:
    def __init__(self, expired: int) -> None:
        self.expired = expired

    async def purge_expired_refresh_tokens(self) -> int:
        purged, self.expired = self.expired, 0
        return purged


class Context:
    job_id = uuid4()
    attempt = 1

    async def report_progress(self, fraction: float) -> None:
        return None


async def test_the_purge_task_reports_how_many_tokens_it_removed() -> None:
    identity = FakeIdentity(expired=3)
    registry = build_task_registry(make_settings("sqlite://"), lambda: identity)
    spec = registry.spec(PURGE_EXPIRED_REFRESH_TOKENS)

    first = await spec.handler(Context(), {})
    second = await spec.handler(Context(), {})

    assert first == {"purged": 3}
    assert second == {"purged": 0}
    assert spec.retries > 0
    assert spec.heartbeat_seconds > 0


def test_the_purge_runs_at_the_configured_interval() -> None:
    settings = make_settings("sqlite://", refresh_token_purge_interval_seconds=600)

    [periodic] = build_task_registry(settings, FakeIdentity).periodic

    assert (periodic.kind, periodic.interval_seconds) == (PURGE_EXPIRED_REFRESH_TOKENS, 600)


def test_an_interval_of_zero_turns_the_timer_off() -> None:
    settings = make_settings("sqlite://", refresh_token_purge_interval_seconds=0)

    assert not build_task_registry(settings, FakeIdentity).periodic
