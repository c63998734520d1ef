"""One Litestar app per test worker and settings, reset between tests.

Building the app (route registration, signature models, OpenAPI plugins) costs about a
quarter of a second on a quiet machine and several times that on a busy one, and most HTTP
tests need nothing but the common settings. ``AppPool.app_for(settings)`` builds an app the
first time it sees ``settings`` (a frozen, hashable ``Settings``) and hands back the same app
afterwards, reset to what a new one would be:

- every provider override a test left on the container is undone (the overrides that wire the
  container itself, recorded right after the build, are put back);
- every singleton is dropped, so the next test gets a fresh engine, caches, rate-limit store,
  circuit breakers, job queue and AI providers (the previous test's client closed them when
  its lifespan ended);
- the request metrics are emptied (the middleware keeps the one object it was built with);
- ``app.state.authenticator`` is resolved again, as ``create_app`` does.

The database is emptied by the ``clean_db`` fixture, as before. Apps whose middleware holds
state of its own (rate limits on) are built fresh for every test.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dependency_injector import providers
from litestar import Litestar

from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings


def _providers(container: Any) -> Iterator[providers.Provider[Any]]:
    yield from container.traverse()


@dataclass
class _Pooled:
    app: Litestar
    wiring: dict[int, tuple[Any, ...]] = field(default_factory=dict)


class AppPool:
    """Apps of one test process (one pytest-xdist worker), by settings."""

    def __init__(self) -> None:
        self._apps: dict[tuple[Settings, str], _Pooled] = {}
        # Whether a module's shared world (tests/integration/conftest.py) is in the tables.
        self.shared_world_stored = False

    def app_for(self, settings: Settings, slot: str = "test") -> Litestar:
        """The app for ``settings``; ``slot`` keeps apart apps in use at the same time (the
        per-test app and a module's shared one)."""
        if settings.rate_limit_enabled:
            return create_app(settings, migrate_on_start=False)
        pooled = self._apps.get((settings, slot))
        if pooled is None:
            app = create_app(settings, migrate_on_start=False)
            wiring = {id(p): tuple(p.overridden) for p in _providers(app.state.container)}
            self._apps[(settings, slot)] = _Pooled(app, wiring)
            return app
        _reset(pooled)
        return pooled.app


def _reset(pooled: _Pooled) -> None:
    container = pooled.app.state.container
    every = list(_providers(container))
    for provider in every:
        wired = pooled.wiring.get(id(provider), ())
        if tuple(provider.overridden) != wired:
            provider.reset_override()
            for overriding in wired:
                provider.override(overriding)
    metrics = container.metrics()
    for provider in every:
        if isinstance(provider, providers.BaseSingleton) and provider is not container.metrics:
            provider.reset()
    metrics.reset()  # the one object the middleware records into
    pooled.app.state.authenticator = container.identity.authenticator()
