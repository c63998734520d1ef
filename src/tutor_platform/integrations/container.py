"""Integrations' DI container: its inputs are declared as dependencies; the root container
passes the other contexts' facades, the authenticator, the rate limiter and the settings."""

from collections.abc import Callable
from typing import Any

from dependency_injector import containers, providers

from tutor_platform.integrations.adapters.inbound.mcp.server import build_mcp_endpoint
from tutor_platform.integrations.adapters.inbound.mcp.tools import ToolDependencies


def _optional(enabled: bool, provider: Callable[[], Any]) -> Callable[[], Any]:
    """``provider`` when ``enabled``, else a callable answering None."""
    return provider if enabled else (lambda: None)


class IntegrationsContainer(containers.DeclarativeContainer):
    """The MCP endpoint (and the Google Drive connection) over the ports it is given."""

    learner: providers.Dependency[Any] = providers.Dependency()
    assessment: providers.Dependency[Any] = providers.Dependency()
    chat: providers.Dependency[Any] = providers.Dependency()
    authenticator: providers.Dependency[Any] = providers.Dependency()
    rate_limiter: providers.Dependency[Any] = providers.Dependency()
    rate_limit_enabled = providers.Dependency(instance_of=bool)
    public_url = providers.Dependency(instance_of=str)
    allowed_hosts: providers.Dependency[Any] = providers.Dependency()
    allowed_origins: providers.Dependency[Any] = providers.Dependency()
    max_body_bytes = providers.Dependency(instance_of=int)

    tool_dependencies = providers.Factory(
        ToolDependencies,
        learner=learner.provider,
        assessment=assessment.provider,
        chat=chat.provider,
        rate_limiter=providers.Callable(_optional, rate_limit_enabled, rate_limiter.provider),
    )
    mcp_endpoint = providers.Factory(
        build_mcp_endpoint,
        deps=tool_dependencies,
        authenticator=authenticator.provider,
        issuer_url=public_url,
        allowed_hosts=allowed_hosts,
        allowed_origins=allowed_origins,
        max_body_bytes=max_body_bytes,
    )
