import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from backend.auth.dependencies import require
from backend.auth.permissions import Role
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page
from backend.users.schemas import PasswordReset, UserCreate, UserRead, UserUpdate
from backend.users.service import UserService

router = APIRouter(prefix="/users", tags=["users"])
Reader = Annotated[Principal, Depends(require("users:read"))]
Writer = Annotated[Principal, Depends(require("users:write"))]


@router.get("", response_model=Page[UserRead])
async def list_users(
    principal: Reader,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    q: str | None = Query(None, max_length=100, description="Search in name and email."),
    role: Annotated[
        list[Role] | None, Query(max_length=10, description="One or more roles (repeat the parameter): any of them.")
    ] = None,
    is_active: bool | None = None,
) -> Page[UserRead]:
    """Users of the organization. Sort by created_at, email, full_name, role or last_login_at."""
    items, cursor, total = await UserService(session, principal).list(params, q, role, is_active)
    return Page[UserRead](items=[UserRead.model_validate(u) for u in items], next_cursor=cursor, total=total)


@router.post("", response_model=UserRead, status_code=status.HTTP_201_CREATED)
async def create_user(principal: Writer, body: UserCreate, session: SessionDep) -> UserRead:
    """Create a user with a role and an initial password (≥ 10 characters, a letter and a digit)."""
    return UserRead.model_validate(await UserService(session, principal).create(body))


@router.get("/{user_id}", response_model=UserRead)
async def get_user(principal: Reader, user_id: uuid.UUID, session: ReadSessionDep) -> UserRead:
    return UserRead.model_validate(await UserService(session, principal).get(user_id))


@router.patch("/{user_id}", response_model=UserRead)
async def update_user(principal: Writer, user_id: uuid.UUID, body: UserUpdate, session: SessionDep) -> UserRead:
    """Edit name, email, time zone, or role (role changes need `roles:assign`)."""
    return UserRead.model_validate(await UserService(session, principal).update(user_id, body))


@router.post("/{user_id}/deactivate", response_model=UserRead)
async def deactivate_user(principal: Writer, user_id: uuid.UUID, session: SessionDep) -> UserRead:
    """Block sign-in and end every open session of this user. Idempotent."""
    return UserRead.model_validate(await UserService(session, principal).set_active(user_id, False))


@router.post("/{user_id}/reactivate", response_model=UserRead)
async def reactivate_user(principal: Writer, user_id: uuid.UUID, session: SessionDep) -> UserRead:
    return UserRead.model_validate(await UserService(session, principal).set_active(user_id, True))


@router.post("/{user_id}/reset-password", status_code=status.HTTP_204_NO_CONTENT)
async def reset_password(
    principal: Annotated[Principal, Depends(require("users:reset_password"))],
    user_id: uuid.UUID,
    body: PasswordReset,
    session: SessionDep,
) -> Response:
    """Set a new password, unlock the account and end its sessions."""
    await UserService(session, principal).reset_password(user_id, body.password)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
