"""The root container: the one place that picks every adapter from settings."""

from dependency_injector import containers, providers
from redis.asyncio import Redis

from tutor_platform.bootstrap.settings import Settings
from tutor_platform.shared.clock import SystemClock
from tutor_platform.shared.http.metrics import HttpMetrics
from tutor_platform.shared.persistence.engine import create_engine, create_session_factory


def _redis_client(url: str) -> Redis | None:
    return Redis.from_url(url) if url else None


class RootContainer(containers.DeclarativeContainer):
    """Wires ports to adapters for the API process and the worker alike."""

    settings = providers.Dependency(instance_of=Settings)
    clock = providers.Singleton(SystemClock)
    engine = providers.Singleton(
        create_engine,
        settings.provided.database_url,
        pool_size=settings.provided.database_pool_size,
        echo=settings.provided.database_echo,
    )
    session_factory = providers.Singleton(create_session_factory, engine)
    redis = providers.Singleton(_redis_client, settings.provided.redis_url)
    metrics = providers.Singleton(HttpMetrics)


def build_container(settings: Settings) -> RootContainer:
    """A container for these settings; nothing is connected until first used."""
    return RootContainer(settings=settings)


async def close_container(container: RootContainer) -> None:
    """Release connections held by the container's singletons."""
    redis = container.redis()
    if redis is not None:
        await redis.aclose()
    await container.engine().dispose()
