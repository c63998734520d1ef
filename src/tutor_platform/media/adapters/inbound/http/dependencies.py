"""Litestar dependencies that fetch media's use cases from the container of the app."""

from litestar.di import Provide

from tutor_platform.shared.http.dependencies import container_dependencies


def media_dependencies(*names: str) -> dict[str, Provide]:
    """Dependencies named after media container providers (use cases, the upload policy)."""
    return container_dependencies("media", *names)
