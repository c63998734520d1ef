"""OpenAPI 3.1 document and an interactive page whose assets the app serves itself."""

from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, OAuthFlow, OAuthFlows, SecurityScheme
from litestar.router import Router
from litestar.static_files import create_static_files_router
from swagger_ui_bundle import swagger_ui_path

ASSETS_PATH = "/schema/assets"
TOKEN_URL = "/api/v1/auth/token"  # noqa: S105 - a path, not a secret


def openapi_config() -> OpenAPIConfig:
    """The OpenAPI document at ``/schema/openapi.json`` and Swagger UI at ``/schema``."""
    swagger = SwaggerRenderPlugin(
        path="/",
        js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        css_url=f"{ASSETS_PATH}/swagger-ui.css",
        standalone_preset_js_url=f"{ASSETS_PATH}/swagger-ui-standalone-preset.js",
        favicon=f'<link rel="icon" type="image/png" href="{ASSETS_PATH}/favicon-32x32.png">',
    )
    return OpenAPIConfig(
        title="Tutor Platform API",
        version="1.0.0",
        description="Courses, AI tutors, quizzes, progress and media for a tutoring frontend.",
        path="/schema",
        render_plugins=[swagger],
        components=Components(
            security_schemes={
                "BearerToken": SecurityScheme(
                    type="http",
                    scheme="bearer",
                    bearer_format="JWT",
                    description="An access token from POST /api/v1/auth/login.",
                ),
                "OAuth2Password": SecurityScheme(
                    type="oauth2",
                    flows=OAuthFlows(password=OAuthFlow(token_url=TOKEN_URL, scopes={})),
                    description="The Authorize button of this page: log in with email or username.",
                ),
            }
        ),
        use_handler_docstrings=True,
    )


def swagger_assets_router() -> Router:
    """Serve Swagger UI's scripts and styles from the installed distribution (no CDN)."""
    return create_static_files_router(
        path=ASSETS_PATH,
        directories=[swagger_ui_path],
        include_in_schema=False,
        name="swagger-assets",
    )
