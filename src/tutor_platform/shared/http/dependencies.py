"""Litestar dependencies that fetch a context's use cases from the app's root container."""

from typing import Any

from litestar import Request
from litestar.di import Provide


def _provider(context: str, name: str) -> Provide:
    def provide(request: Request[Any, Any, Any]) -> Any:
        return getattr(getattr(request.app.state.container, context), name)()

    return Provide(provide, sync_to_thread=False)


def container_dependencies(context: str, *names: str) -> dict[str, Provide]:
    """Dependencies named after providers of one context's container (one object each)."""
    return {name: _provider(context, name) for name in names}
