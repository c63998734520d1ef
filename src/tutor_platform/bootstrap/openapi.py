"""OpenAPI 3.1 document and an interactive page whose assets the app serves itself."""

from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import (
    Components,
    License,
    OAuthFlow,
    OAuthFlows,
    SecurityScheme,
    Tag,
)
from litestar.router import Router
from litestar.static_files import create_static_files_router
from swagger_ui_bundle import swagger_ui_path

from tutor_platform.shared.http.openapi import CONTEXT_TAGS, operation_id

ASSETS_PATH = "/schema/assets"
TOKEN_URL = "/api/v1/auth/token"  # noqa: S105 - a path, not a secret
TAG_DESCRIPTIONS = {
    "Identity": "Accounts, log-in and tokens, profiles, subscriptions; users (admins).",
    "Learning": "Courses, sections, lessons, projects, search and progress.",
    "Tutoring": "AI tutors, conversations with them (also streamed) and feedback on answers.",
    "Assessment": "Quizzes and attempts; premium AI features and their usage.",
    "Media": "Files, lesson summaries (audio, video) and AI-written lesson drafts.",
    "Integrations": "Google Drive: connect an account, list its files, import them.",
    "Jobs": "Background jobs started by other operations (202 with a job_id).",
    "Operations": "Health checks and metrics (at the server root, never rate limited).",
}


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
        license=License(name="MIT", identifier="MIT"),
        path="/schema",
        render_plugins=[swagger],
        components=Components(
            security_schemes={
                "BearerToken": SecurityScheme(
                    type="oauth2",
                    flows=OAuthFlows(password=OAuthFlow(token_url=TOKEN_URL, scopes={})),
                    description=(
                        "An access token (a JWT) sent as `Authorization: Bearer <token>`. Get "
                        "one from `POST /api/v1/auth/login`, or with this OAuth2 password flow "
                        "(the Authorize button of this page: email or username, and password)."
                    ),
                ),
            }
        ),
        tags=[Tag(name=name, description=TAG_DESCRIPTIONS[name]) for name in _tag_names()],
        operation_id_creator=operation_id,
        use_handler_docstrings=True,
    )


def _tag_names() -> list[str]:
    names = list(dict.fromkeys(CONTEXT_TAGS.values()))
    assert set(names) == set(TAG_DESCRIPTIONS), "every context tag needs a description"
    return names


def swagger_assets_router() -> Router:
    """Serve Swagger UI's scripts and styles from the installed distribution (no CDN)."""
    return create_static_files_router(
        path=ASSETS_PATH,
        directories=[swagger_ui_path],
        include_in_schema=False,
        name="swagger-assets",
    )
