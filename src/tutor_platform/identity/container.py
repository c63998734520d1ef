"""Identity's DI container: its inputs are declared as dependencies; the root container
chooses the adapters (unit of work, hasher, token issuer, common-password list)."""

from collections.abc import Container
from typing import Any

from dependency_injector import containers, providers

from tutor_platform.identity.api import IdentityFacade
from tutor_platform.identity.application.authenticate_access_token import (
    AuthenticateAccessToken,
)
from tutor_platform.identity.application.change_password import ChangePassword
from tutor_platform.identity.application.create_admin import CreateAdmin
from tutor_platform.identity.application.create_user import CreateUser
from tutor_platform.identity.application.deactivate_user import DeactivateUser
from tutor_platform.identity.application.ensure_first_admin import EnsureFirstAdmin
from tutor_platform.identity.application.get_subscription import GetSubscription
from tutor_platform.identity.application.get_user import GetUser
from tutor_platform.identity.application.list_users import ListUsers
from tutor_platform.identity.application.log_in import LogIn
from tutor_platform.identity.application.log_out import LogOut
from tutor_platform.identity.application.log_out_everywhere import LogOutEverywhere
from tutor_platform.identity.application.purge_expired_refresh_tokens import (
    PurgeExpiredRefreshTokens,
)
from tutor_platform.identity.application.refresh_session import RefreshSession
from tutor_platform.identity.application.register_user import RegisterUser
from tutor_platform.identity.application.set_subscription import SetSubscription
from tutor_platform.identity.application.support.sessions import SessionTokens
from tutor_platform.identity.application.update_profile import UpdateProfile
from tutor_platform.identity.application.update_user import UpdateUser
from tutor_platform.identity.domain.password_policy import PasswordPolicy
from tutor_platform.identity.ports.repositories import UserReader
from tutor_platform.identity.ports.security import PasswordHasher, TokenIssuer
from tutor_platform.shared.clock import Clock


class IdentityContainer(containers.DeclarativeContainer):
    """Use cases of the identity context over the ports it is given."""

    clock: providers.Dependency[Clock] = providers.Dependency()
    uow_factory: providers.Dependency[Any] = providers.Dependency()
    user_reader: providers.Dependency[UserReader] = providers.Dependency()
    password_hasher: providers.Dependency[PasswordHasher] = providers.Dependency()
    token_issuer: providers.Dependency[TokenIssuer] = providers.Dependency()
    common_passwords: providers.Dependency[Container[str]] = providers.Dependency()
    refresh_token_ttl_seconds = providers.Dependency(instance_of=int)
    refresh_rotation_key = providers.Dependency(instance_of=str, default="")
    refresh_reuse_grace_seconds = providers.Dependency(instance_of=int, default=0)

    password_policy = providers.Singleton(PasswordPolicy, common_passwords)
    sessions = providers.Singleton(SessionTokens, token_issuer, refresh_token_ttl_seconds)
    _store = {"uow_factory": uow_factory, "clock": clock}
    _hashing = {"hasher": password_hasher, "policy": password_policy}

    create_user = providers.Factory(CreateUser, **_store, **_hashing)
    register_user = providers.Factory(RegisterUser, create_user)
    create_admin = providers.Factory(CreateAdmin, create_user, uow_factory)
    ensure_first_admin = providers.Factory(EnsureFirstAdmin, create_admin, **_store, **_hashing)
    log_in = providers.Factory(LogIn, **_store, hasher=password_hasher, sessions=sessions)
    refresh_session = providers.Factory(
        RefreshSession,
        **_store,
        sessions=sessions,
        rotation_key=refresh_rotation_key,
        reuse_grace_seconds=refresh_reuse_grace_seconds,
    )
    log_out = providers.Factory(LogOut, **_store)
    log_out_everywhere = providers.Factory(LogOutEverywhere, **_store)
    get_user = providers.Factory(GetUser, users=user_reader, clock=clock)
    update_profile = providers.Factory(UpdateProfile, **_store)
    change_password = providers.Factory(ChangePassword, **_store, **_hashing)
    list_users = providers.Factory(ListUsers, **_store)
    update_user = providers.Factory(UpdateUser, **_store)
    deactivate_user = providers.Factory(DeactivateUser, update_user)
    get_subscription = providers.Factory(GetSubscription, **_store)
    set_subscription = providers.Factory(SetSubscription, **_store)
    purge_expired_refresh_tokens = providers.Factory(PurgeExpiredRefreshTokens, **_store)
    authenticator = providers.Singleton(
        AuthenticateAccessToken, users=user_reader, token_issuer=token_issuer, clock=clock
    )
    facade = providers.Singleton(
        IdentityFacade,
        authenticator=authenticator,
        create_admin=create_admin,
        ensure_first_admin=ensure_first_admin,
        purge_expired_refresh_tokens=purge_expired_refresh_tokens,
        get_user=get_user,
    )
