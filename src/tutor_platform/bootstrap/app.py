"""``create_app(settings) -> Litestar``: the HTTP entry point (nothing is built at import)."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from litestar import Litestar, Router
from litestar.config.allowed_hosts import AllowedHostsConfig
from litestar.config.compression import CompressionConfig
from litestar.config.cors import CORSConfig
from litestar.types import ControllerRouterHandler

from tutor_platform.assessment.adapters.inbound.http.routes import ASSESSMENT_CONTROLLERS
from tutor_platform.bootstrap.analytics import UsageController
from tutor_platform.bootstrap.container import RootContainer, build_container, close_container
from tutor_platform.bootstrap.demo.seed import load_demo_on_start
from tutor_platform.bootstrap.heap import freeze_start_up_heap
from tutor_platform.bootstrap.jobs import JOB_KINDS
from tutor_platform.bootstrap.logging import configure_logging
from tutor_platform.bootstrap.metrics import reporting
from tutor_platform.bootstrap.migrations import upgrade_database
from tutor_platform.bootstrap.observability import init_sentry
from tutor_platform.bootstrap.openapi import openapi_config, swagger_assets_router
from tutor_platform.bootstrap.operations import OPERATION_HANDLERS
from tutor_platform.bootstrap.settings import Settings, load_settings
from tutor_platform.bootstrap.tracing import trace_container, tracing_middleware
from tutor_platform.catalog.adapters.inbound.http.routes import CATALOG_CONTROLLERS
from tutor_platform.identity.adapters.inbound.http.routes import IDENTITY_CONTROLLERS
from tutor_platform.integrations.adapters.inbound.http.drive_controller import (
    GoogleDriveController,
)
from tutor_platform.integrations.adapters.inbound.mcp.route import mcp_route
from tutor_platform.media.adapters.inbound.http.routes import MEDIA_CONTROLLERS
from tutor_platform.progress.adapters.inbound.http.routes import PROGRESS_CONTROLLERS
from tutor_platform.shared.http.auth import AUTH_DEPENDENCIES
from tutor_platform.shared.http.conditional import ConditionalGetMiddleware, Gzip
from tutor_platform.shared.http.dependencies import ProvidedDependencies
from tutor_platform.shared.http.errors import exception_to_response
from tutor_platform.shared.http.openapi import (
    ErrorResponsesPlugin,
    OperationConventionsPlugin,
    StrictStructSchemaPlugin,
    TaggedUnionSchemaPlugin,
)
from tutor_platform.shared.http.options import AllowedMethodsMiddleware
from tutor_platform.shared.http.rate_limit import RateLimitMiddleware, check_route_groups
from tutor_platform.shared.http.request_middleware import (
    BodyMediaTypeMiddleware,
    RequestContextMiddleware,
)
from tutor_platform.shared.http.strict_body import strict_json_body
from tutor_platform.shared.http.text_input import QueryTextMiddleware
from tutor_platform.shared.jobs.adapters.http import job_controller
from tutor_platform.tutoring.adapters.inbound.http.routes import TUTORING_CONTROLLERS

API_PREFIX = "/api/v1"


def _api_router() -> Router:
    return Router(
        path=API_PREFIX,
        route_handlers=[
            job_controller(JOB_KINDS),
            *IDENTITY_CONTROLLERS,
            *CATALOG_CONTROLLERS,
            *PROGRESS_CONTROLLERS,
            *MEDIA_CONTROLLERS,
            *TUTORING_CONTROLLERS,
            *ASSESSMENT_CONTROLLERS,
            GoogleDriveController,
            UsageController,
        ],
    )


def _rate_limit_middleware(
    settings: Settings, container: RootContainer
) -> list[RateLimitMiddleware]:
    """The rate-limit middleware when enabled; a bad RATE_LIMIT_* value fails here either way."""
    container.rate_limit_groups()
    if not settings.rate_limit_enabled:
        return []
    return [RateLimitMiddleware(container.rate_limiter(), container.redis_outage())]


def create_app(
    settings: Settings | None = None,
    container: RootContainer | None = None,
    *,
    migrate_on_start: bool | None = None,
    extra_route_handlers: Sequence[ControllerRouterHandler] = (),
    freeze_heap: bool = False,
) -> Litestar:
    """Build the API application for ``settings`` (by default, from the environment).

    ``migrate_on_start`` defaults to true on the embedded SQLite database only;
    ``extra_route_handlers`` (tests only) are mounted at the root next to the others;
    ``freeze_heap`` (``serve``) freezes what start-up built once it is complete.
    """
    settings = settings or load_settings()
    container = container or build_container(settings)
    configure_logging(settings.log_level, settings.json_logs)
    init_sentry(settings, "api")
    migrate = settings.is_sqlite if migrate_on_start is None else migrate_on_start

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        if migrate:
            await upgrade_database(container.engine())
        await container.identity.facade().ensure_first_admin(
            settings.first_admin_email, settings.first_admin_password
        )
        if settings.loads_demo_data:
            await load_demo_on_start(
                container, production=settings.is_production, json_logs=settings.json_logs
            )
        queue = container.job_queue()
        try:
            with reporting(container) as metrics:
                metrics.watch_queue(queue.name, queue.depth)
                for feed in container.cache_feeds():
                    await feed.start()
                await queue.start()
                if freeze_heap:
                    freeze_start_up_heap()
                yield
        finally:
            if tracing is not None:
                tracing.force_flush()
            await close_container(container)

    mcp = container.integrations.mcp_endpoint()
    tracing = container.tracer_provider()
    if tracing is not None:
        trace_container(tracing, container)
    compression = None
    gzip = None
    if settings.compression != "none":
        gzip = Gzip()
        compression = CompressionConfig(
            backend=settings.compression,
            minimum_size=gzip.minimum_size,
            gzip_compress_level=gzip.level,
            exclude_opt_key="skip_compression",
        )

    app = Litestar(
        route_handlers=[
            *OPERATION_HANDLERS,
            swagger_assets_router(),
            _api_router(),
            mcp_route,
            *extra_route_handlers,
        ],
        dependencies=dict(AUTH_DEPENDENCIES),
        before_request=strict_json_body,
        middleware=[
            *([tracing_middleware(tracing)] if tracing is not None else []),
            *_rate_limit_middleware(settings, container),
            AllowedMethodsMiddleware(),
            QueryTextMiddleware(),
            BodyMediaTypeMiddleware(),
            ConditionalGetMiddleware(container.catalog_cache, gzip),
        ],
        plugins=[
            ProvidedDependencies(container),
            OperationConventionsPlugin(),
            ErrorResponsesPlugin(),
            TaggedUnionSchemaPlugin(),
            StrictStructSchemaPlugin(),
        ],
        exception_handlers={Exception: exception_to_response},
        openapi_config=openapi_config(),
        cors_config=CORSConfig(
            allow_origins=settings.cors_origin_list,
            allow_credentials=True,
            expose_headers=[
                "X-Request-ID",
                "Retry-After",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset",
                "ETag",
                "Content-Range",
                "Content-Disposition",
            ],
        )
        if settings.cors_origin_list
        else None,
        allowed_hosts=AllowedHostsConfig(allowed_hosts=settings.allowed_host_list),
        compression_config=compression,
        request_max_body_size=settings.max_request_body_bytes,
        lifespan=[lifespan, mcp.lifespan],
        logging_config=None,
        debug=False,
    )
    app.state.container = container
    app.state.settings = settings
    app.state.mcp = mcp
    app.state.authenticator = container.identity.authenticator()
    check_route_groups(app, container.rate_limit_groups())
    app.asgi_handler = RequestContextMiddleware(app.asgi_handler, container.metrics())
    return app
