"""Integrations' DI container: its inputs are declared as dependencies; the root container
passes the other contexts' facades, the Google adapters (``google_oauth`` is None without
GOOGLE_CLIENT_ID), the unit of work, the job queue, the authenticator, the rate limiter and
the settings."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from dependency_injector import containers, providers

from tutor_platform.assessment.api import AssessmentFacade
from tutor_platform.catalog.api import LearnerCatalogFacade
from tutor_platform.identity.api import IdentityFacade
from tutor_platform.integrations.adapters.outbound.platform import (
    FacadeAccounts,
    FacadeLessonAuthoring,
    FacadeMediaFiles,
)
from tutor_platform.integrations.application.authorize_drive import (
    CompleteDriveAuthorization,
    StartDriveAuthorization,
)
from tutor_platform.integrations.application.import_drive_file import (
    RequestDriveImport,
    RunDriveImport,
)
from tutor_platform.integrations.application.list_drive_files import ListDriveFiles
from tutor_platform.integrations.application.manage_connection import (
    DisconnectDrive,
    GetDriveConnection,
)
from tutor_platform.integrations.application.support.drive_session import DriveSession
from tutor_platform.integrations.ports.google import DriveApi, GoogleOAuth
from tutor_platform.integrations.ports.platform import UploadRules
from tutor_platform.integrations.ports.unit_of_work import IntegrationsUnitOfWorkFactory
from tutor_platform.media.api import MediaFacade
from tutor_platform.progress.api import LearnerProgressFacade
from tutor_platform.shared.auth import Authenticator
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.jobs.ports import JobQueue
from tutor_platform.shared.ratelimit.limiter import RateLimiter
from tutor_platform.tutoring.api import TutorChat

if TYPE_CHECKING:
    from tutor_platform.integrations.adapters.inbound.mcp.server import McpEndpoint

T = TypeVar("T")


def _optional(enabled: bool, provider: Callable[[], T]) -> Callable[[], T | None]:
    """``provider`` when ``enabled``, else a callable answering None."""
    return provider if enabled else (lambda: None)


def _mcp_endpoint(
    *,
    learner_catalog: Callable[[], LearnerCatalogFacade],
    learner_progress: Callable[[], LearnerProgressFacade],
    assessment: Callable[[], AssessmentFacade],
    chat: Callable[[], TutorChat],
    drive_files: Callable[[], ListDriveFiles],
    rate_limiter: Callable[[], RateLimiter | None],
    **server: Any,
) -> "McpEndpoint":
    """The MCP endpoint; the SDK is imported here, so that the worker and the command line
    (which serve no MCP) do not load it."""
    from tutor_platform.integrations.adapters.inbound.mcp.server import (
        build_mcp_endpoint,
    )
    from tutor_platform.integrations.adapters.inbound.mcp.tools import (
        ToolDependencies,
    )

    deps = ToolDependencies(
        learner_catalog, learner_progress, assessment, chat, drive_files, rate_limiter
    )
    return build_mcp_endpoint(deps=deps, **server)


class IntegrationsContainer(containers.DeclarativeContainer):
    """The MCP endpoint and the Google Drive connection over the ports it is given."""

    clock: providers.Dependency[Clock] = providers.Dependency()
    learner_catalog: providers.Dependency[LearnerCatalogFacade] = providers.Dependency()
    learner_progress: providers.Dependency[LearnerProgressFacade] = providers.Dependency()
    assessment: providers.Dependency[AssessmentFacade] = providers.Dependency()
    chat: providers.Dependency[TutorChat] = providers.Dependency()
    media: providers.Dependency[MediaFacade] = providers.Dependency()
    identity: providers.Dependency[IdentityFacade] = providers.Dependency()
    authenticator: providers.Dependency[Authenticator] = providers.Dependency()
    rate_limiter: providers.Dependency[RateLimiter] = providers.Dependency()
    rate_limit_enabled = providers.Dependency(instance_of=bool)
    public_url = providers.Dependency(instance_of=str)
    allowed_hosts: providers.Dependency[Sequence[str]] = providers.Dependency()
    allowed_origins: providers.Dependency[Sequence[str]] = providers.Dependency()
    max_body_bytes = providers.Dependency(instance_of=int)

    uow_factory: providers.Dependency[IntegrationsUnitOfWorkFactory] = providers.Dependency()
    google_oauth: providers.Dependency[GoogleOAuth | None] = providers.Dependency()
    drive_api: providers.Dependency[DriveApi] = providers.Dependency()
    upload_rules: providers.Dependency[UploadRules] = providers.Dependency()
    job_queue: providers.Dependency[JobQueue] = providers.Dependency()
    drive_done_url = providers.Dependency(instance_of=str)

    media_files = providers.Singleton(FacadeMediaFiles, media.provider)
    lesson_authoring = providers.Singleton(FacadeLessonAuthoring, learner_catalog.provider)
    accounts = providers.Singleton(FacadeAccounts, identity.provider)
    drive_session = providers.Singleton(DriveSession, uow_factory, google_oauth, clock)

    start_drive_authorization = providers.Factory(
        StartDriveAuthorization, uow_factory, google_oauth, clock
    )
    complete_drive_authorization = providers.Factory(
        CompleteDriveAuthorization, uow_factory, google_oauth, drive_api, clock
    )
    get_drive_connection = providers.Factory(GetDriveConnection, uow_factory, google_oauth)
    disconnect_drive = providers.Factory(DisconnectDrive, uow_factory, google_oauth)
    list_drive_files = providers.Factory(ListDriveFiles, drive_session, drive_api, upload_rules)
    request_drive_import = providers.Factory(
        RequestDriveImport,
        uow_factory=uow_factory,
        session=drive_session,
        api=drive_api,
        lessons=lesson_authoring,
        jobs=job_queue,
        rules=upload_rules,
        clock=clock,
    )
    run_drive_import = providers.Factory(
        RunDriveImport,
        uow_factory=uow_factory,
        session=drive_session,
        api=drive_api,
        media=media_files,
        lessons=lesson_authoring,
        accounts=accounts,
    )

    mcp_endpoint = providers.Factory(
        _mcp_endpoint,
        learner_catalog=learner_catalog.provider,
        learner_progress=learner_progress.provider,
        assessment=assessment.provider,
        chat=chat.provider,
        drive_files=list_drive_files.provider,
        rate_limiter=providers.Callable(_optional, rate_limit_enabled, rate_limiter.provider),
        authenticator=authenticator.provider,
        issuer_url=public_url,
        allowed_hosts=allowed_hosts,
        allowed_origins=allowed_origins,
        max_body_bytes=max_body_bytes,
    )
