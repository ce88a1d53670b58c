import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from backend.api_keys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyRead
from backend.api_keys.service import ApiKeyService
from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page

router = APIRouter(prefix="/api-keys", tags=["api keys"])
Manager = Annotated[Principal, Depends(require("api_keys:manage"))]


@router.get("", response_model=Page[ApiKeyRead])
async def list_api_keys(
    principal: Manager, session: ReadSessionDep, params: PageParams = Depends(page_params)
) -> Page[ApiKeyRead]:
    """The organization's API keys (secrets are never shown again)."""
    items, cursor, total = await ApiKeyService(session, principal).list(params)
    return Page(items=[ApiKeyRead.model_validate(k) for k in items], next_cursor=cursor, total=total)


@router.post("", response_model=ApiKeyCreated, status_code=status.HTTP_201_CREATED)
async def create_api_key(principal: Manager, body: ApiKeyCreate, session: SessionDep) -> ApiKeyCreated:
    """Create a key with scopes (permission names, see `GET /permissions`). Use it as `Authorization: Bearer
    <key>`. The response is the only time the secret is shown."""
    key, secret = await ApiKeyService(session, principal).create(body)
    return ApiKeyCreated(**ApiKeyRead.model_validate(key).model_dump(), key=secret)


@router.post("/{key_id}/revoke", response_model=ApiKeyRead)
async def revoke_api_key(principal: Manager, key_id: uuid.UUID, session: SessionDep) -> ApiKeyRead:
    """Revoke a key at once. Idempotent."""
    return ApiKeyRead.model_validate(await ApiKeyService(session, principal).revoke(key_id))
