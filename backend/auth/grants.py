"""Who may grant what, in one place. Nobody, person or API key, hands out a role or a permission they do not
hold themselves: user creation, role changes and API-key creation all go through these checks.

* Choosing a role needs `roles:assign`, and the role's permissions must all be the caller's own.
* An API key's scopes must all be the caller's own (and be grantable to a key at all).
* One's own inbox (`notifications:read`) is not organization data and does not count.
* Acting on an account (editing, deactivating, resetting its password) needs every permission that account
  holds: otherwise a narrow key could take over an admin by resetting the admin's password.
"""

from collections.abc import Iterable

from backend.auth.permissions import API_KEY_SCOPES, PERSONAL_PERMISSIONS, Role, permissions_for
from backend.auth.principal import Principal
from backend.errors import Forbidden, ValidationFailed


def check_role_grant(principal: Principal, role: Role | str, field: str = "role") -> None:
    if not principal.can("roles:assign"):
        raise Forbidden("You need the 'roles:assign' permission to choose a role.")
    if Role(role) == Role.SUPERADMIN:
        raise ValidationFailed.on(field, "The platform operator role cannot be given inside an organization.")
    beyond = sorted(permissions_for(role) - principal.permissions - PERSONAL_PERMISSIONS)
    if beyond:
        raise Forbidden(
            f"You cannot grant the role '{role}': it holds permissions you do not have ({', '.join(beyond)})."
        )


def check_scopes_grant(principal: Principal, scopes: Iterable[str], field: str = "scopes") -> None:
    wanted = set(scopes)
    unknown = sorted(wanted - API_KEY_SCOPES)
    if unknown:
        raise ValidationFailed.on(field, f"Unknown or not grantable scopes: {', '.join(unknown)}.")
    beyond = sorted(wanted - principal.permissions)
    if beyond:
        raise ValidationFailed.on(field, f"You cannot grant scopes you do not hold: {', '.join(beyond)}.")


def check_may_manage(principal: Principal, target_role: Role | str) -> None:
    beyond = permissions_for(target_role) - principal.permissions - PERSONAL_PERMISSIONS
    if beyond:
        raise Forbidden("You cannot change an account that holds permissions you do not have.")
