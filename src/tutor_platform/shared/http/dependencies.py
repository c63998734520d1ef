"""Use cases reach handlers by their type: a handler declares ``list_users: Provided[ListUsers]``.

:class:`ProvidedDependencies` reads, once at start-up, every handler parameter marked
``Provided[...]``, finds the one provider of that class in the root container and registers
it as an app dependency under the parameter's name (Litestar injects by name). A request
calls that provider only: no reflection per request. A parameter's name may carry one class
only across the app, and a class no provider makes fails the start.
"""

import typing
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, TypeAlias, TypeVar

from dependency_injector import containers, providers
from litestar import Controller, Router
from litestar.config.app import AppConfig
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ImproperlyConfiguredException
from litestar.handlers.base import BaseRouteHandler
from litestar.params import SkipValidation
from litestar.plugins import InitPluginProtocol

T = TypeVar("T")


class _ProvidedMarker:
    """Marks a handler parameter the root container provides, found by its type."""


_PROVIDED = _ProvidedMarker()
Provided: TypeAlias = Annotated[NamedDependency[SkipValidation[T]], _PROVIDED]
"""A handler parameter the container provides: the use case (or service) of this class."""


def _handlers(items: Iterable[Any]) -> Iterator[BaseRouteHandler]:
    for item in items:
        if isinstance(item, Router):
            for route in item.routes:
                yield from getattr(route, "route_handlers", [getattr(route, "route_handler", None)])
        elif isinstance(item, type) and issubclass(item, Controller):
            members = (getattr(item, name) for name in dir(item))
            yield from (member for member in members if isinstance(member, BaseRouteHandler))
        elif isinstance(item, BaseRouteHandler):
            yield item


def _provided_parameters(handler: BaseRouteHandler) -> Iterator[tuple[str, type[Any]]]:
    if handler.fn.__module__.startswith("litestar."):
        return  # Litestar's own handlers (OPTIONS, static files) take nothing of ours
    hints = typing.get_type_hints(handler.fn, include_extras=True)
    for name, hint in hints.items():
        if _PROVIDED in getattr(hint, "__metadata__", ()):
            yield name, hint.__origin__


def _provide(provider: providers.Provider[Any]) -> Provide:
    def provide() -> Any:
        return provider()

    return Provide(provide, sync_to_thread=False)


class ProvidedDependencies(InitPluginProtocol):
    """Registers the container's provider of each ``Provided[...]`` parameter's class."""

    def __init__(self, container: containers.Container) -> None:
        self._by_class: dict[type[Any], list[providers.Provider[Any]]] = {}
        for provider in container.traverse(types=[providers.Factory, providers.BaseSingleton]):
            if isinstance(provider, providers.Factory | providers.BaseSingleton):
                self._by_class.setdefault(provider.cls, []).append(provider)

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        chosen: dict[str, type[Any]] = {}
        for handler in _handlers(app_config.route_handlers):
            for name, cls in _provided_parameters(handler):
                if chosen.setdefault(name, cls) is not cls:
                    raise ImproperlyConfiguredException(
                        f"Parameter {name!r} is both {chosen[name].__name__} and {cls.__name__}"
                    )
        for name, cls in chosen.items():
            found = self._by_class.get(cls, [])
            if len(found) != 1 or name in app_config.dependencies:
                raise ImproperlyConfiguredException(
                    f"{name!r}: {len(found)} providers of {cls.__name__}, or a name taken"
                )
            app_config.dependencies[name] = _provide(found[0])
        return app_config
