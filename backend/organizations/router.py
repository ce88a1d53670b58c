import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, status

from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page
from backend.organizations import onboarding, service
from backend.organizations.schemas import (
    OrganizationCreate,
    OrganizationDetail,
    OrganizationRead,
    OrganizationUpdate,
)

router = APIRouter(tags=["organizations"])
Operator = Annotated[Principal, Depends(require("organizations:manage"))]


def _detail(org: Any) -> OrganizationDetail:
    return OrganizationDetail(
        **OrganizationRead.model_validate(org).model_dump(), settings=service.effective_settings(org)
    )


@router.get("/organizations", response_model=Page[OrganizationRead])
async def list_organizations(
    _: Operator, session: ReadSessionDep, params: PageParams = Depends(page_params)
) -> Page[OrganizationRead]:
    """Every tenant on the platform (platform operator only)."""
    items, cursor, total = await service.list_organizations(session, params)
    return Page(items=[OrganizationRead.model_validate(o) for o in items], next_cursor=cursor, total=total)


@router.post("/organizations", response_model=OrganizationRead, status_code=status.HTTP_201_CREATED)
async def create_organization(principal: Operator, body: OrganizationCreate, session: SessionDep) -> OrganizationRead:
    """Create a tenant with its first admin user and default settings."""
    return OrganizationRead.model_validate(await onboarding.create_organization(session, principal, body))


@router.patch("/organizations/{organization_id}", response_model=OrganizationRead)
async def update_organization(
    principal: Operator, organization_id: uuid.UUID, body: OrganizationUpdate, session: SessionDep
) -> OrganizationRead:
    """Rename or (de)activate a tenant. A deactivated tenant's users and API keys stop working at once."""
    return OrganizationRead.model_validate(await service.update_organization(session, principal, organization_id, body))


@router.get("/organization", response_model=OrganizationDetail)
async def get_my_organization(
    principal: Annotated[Principal, Depends(require("settings:read"))], session: ReadSessionDep
) -> OrganizationDetail:
    """The caller's organization with its effective settings."""
    return _detail(await service.my_organization(session, principal))


@router.patch("/organization/settings", response_model=OrganizationDetail)
async def update_my_settings(
    principal: Annotated[Principal, Depends(require("settings:write"))],
    session: SessionDep,
    patch: Annotated[dict[str, Any], Body(description="A partial settings document, deep-merged and validated.")],
) -> OrganizationDetail:
    """Change link rules, Step-1 thresholds, Step-2 minimum, final-decision weights or the time zone."""
    return _detail(await service.update_settings(session, principal, patch))
