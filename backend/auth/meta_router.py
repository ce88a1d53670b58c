from fastapi import APIRouter
from pydantic import BaseModel

from backend.auth.dependencies import CurrentPrincipal
from backend.auth.permissions import API_KEY_SCOPES, PERMISSIONS, ROLE_PERMISSIONS

router = APIRouter(tags=["auth"])


class PermissionsRead(BaseModel):
    permissions: dict[str, str]
    roles: dict[str, list[str]]
    api_key_scopes: list[str]


# The same for every caller and for the life of the process: built once.
_PERMISSIONS = PermissionsRead(
    permissions=PERMISSIONS,
    roles={role.value: sorted(perms) for role, perms in ROLE_PERMISSIONS.items()},
    api_key_scopes=sorted(API_KEY_SCOPES),
)


@router.get("/permissions", response_model=PermissionsRead)
async def list_permissions(_: CurrentPrincipal) -> PermissionsRead:
    """Every named permission with its meaning, what each role holds, and which may be API-key scopes."""
    return _PERMISSIONS
