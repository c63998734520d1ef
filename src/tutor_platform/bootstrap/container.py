"""The root container: the one place that picks every adapter from settings."""

from functools import partial

from dependency_injector import containers, providers
from redis.asyncio import Redis

from tutor_platform.bootstrap.settings import Settings
from tutor_platform.bootstrap.tasks import build_task_registry
from tutor_platform.identity.adapters.outbound.argon2.password_hasher import Argon2PasswordHasher
from tutor_platform.identity.adapters.outbound.data.common_passwords import FileCommonPasswords
from tutor_platform.identity.adapters.outbound.jwt.token_issuer import JwtTokenIssuer
from tutor_platform.identity.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyIdentityUnitOfWork,
)
from tutor_platform.identity.adapters.outbound.sqlalchemy.user_reader import SqlAlchemyUserReader
from tutor_platform.identity.container import IdentityContainer
from tutor_platform.shared.clock import SystemClock
from tutor_platform.shared.http.metrics import HttpMetrics
from tutor_platform.shared.jobs.adapters.in_process import InProcessJobQueue
from tutor_platform.shared.jobs.adapters.saq_queue import SaqJobQueue, create_saq_queue
from tutor_platform.shared.jobs.adapters.sqlalchemy import SqlAlchemyJobUnitOfWork
from tutor_platform.shared.persistence.engine import create_engine, create_session_factory
from tutor_platform.shared.ratelimit.limiter import RateLimiter
from tutor_platform.shared.ratelimit.memory_store import MemoryRateLimitStore
from tutor_platform.shared.ratelimit.policy import route_groups
from tutor_platform.shared.ratelimit.redis_store import RedisRateLimitStore
from tutor_platform.shared.ratelimit.store import RateLimitStore


def _redis_client(url: str) -> Redis | None:
    return Redis.from_url(url) if url else None


def _job_backend(settings: Settings) -> str:
    return "saq" if settings.uses_saq else "inprocess"


def _rate_limit_store(redis: Redis | None, key_prefix: str) -> RateLimitStore:
    """Redis counters (shared by every process) when Redis is configured, else in memory."""
    if redis is None:
        return MemoryRateLimitStore()
    return RedisRateLimitStore(redis, key_prefix)


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
    rate_limit_key_prefix = providers.Object("ratelimit:")
    rate_limit_store = providers.Singleton(_rate_limit_store, redis, rate_limit_key_prefix)
    rate_limit_groups = providers.Singleton(route_groups, settings)
    rate_limiter = providers.Singleton(RateLimiter, rate_limit_store, rate_limit_groups)
    identity = providers.Container(
        IdentityContainer,
        clock=clock,
        uow_factory=providers.Singleton(partial, SqlAlchemyIdentityUnitOfWork, session_factory),
        user_reader=providers.Singleton(SqlAlchemyUserReader, engine),
        password_hasher=providers.Singleton(
            Argon2PasswordHasher,
            time_cost=settings.provided.argon2_time_cost,
            memory_cost_kib=settings.provided.argon2_memory_cost_kib,
            parallelism=settings.provided.argon2_parallelism,
        ),
        token_issuer=providers.Singleton(
            JwtTokenIssuer,
            algorithm=settings.provided.jwt_algorithm,
            secret_key=settings.provided.secret_key,
            private_key=settings.provided.jwt_private_key,
            public_key=settings.provided.jwt_public_key,
            issuer=settings.provided.jwt_issuer,
            audience=settings.provided.jwt_audience,
            ttl_seconds=settings.provided.access_token_ttl_seconds,
            clock=clock,
        ),
        common_passwords=providers.Singleton(FileCommonPasswords),
        refresh_token_ttl_seconds=settings.provided.refresh_token_ttl_seconds,
    )
    task_registry = providers.Singleton(
        build_task_registry, settings, identity=identity.facade.provider
    )
    job_uow_factory = providers.Singleton(partial, SqlAlchemyJobUnitOfWork, session_factory)
    job_queue = providers.Selector(
        providers.Callable(_job_backend, settings),
        inprocess=providers.Singleton(
            InProcessJobQueue,
            task_registry,
            job_uow_factory,
            clock,
            concurrency=settings.provided.job_concurrency,
        ),
        saq=providers.Singleton(
            SaqJobQueue,
            providers.Singleton(
                create_saq_queue, settings.provided.redis_url, settings.provided.job_queue_name
            ),
            task_registry,
            job_uow_factory,
            clock,
        ),
    )


def build_container(settings: Settings) -> RootContainer:
    """A container for these settings; nothing is connected until first used."""
    return RootContainer(settings=settings)


async def close_container(container: RootContainer) -> None:
    """Release connections held by the container's singletons."""
    await container.job_queue().aclose()
    redis = container.redis()
    if redis is not None:
        await redis.aclose()
    await container.engine().dispose()
