"""Every identity controller, for the API router."""

from tutor_platform.identity.adapters.inbound.http.admin_controller import AdminUsersController
from tutor_platform.identity.adapters.inbound.http.auth_controller import AuthController
from tutor_platform.identity.adapters.inbound.http.me_controller import MeController

IDENTITY_CONTROLLERS = [AuthController, MeController, AdminUsersController]
