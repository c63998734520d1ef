"""Litestar dependencies that fetch learning's use cases from the container of the app."""

from litestar.di import Provide

from tutor_platform.shared.http.dependencies import container_dependencies


def use_cases(*names: str) -> dict[str, Provide]:
    """Dependencies named after learning container providers (one use case each)."""
    return container_dependencies("learning", *names)
