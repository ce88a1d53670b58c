"""Tenants: the platform operator's organizations, and each organization's validated settings."""

import functools
import json
import uuid
from typing import Any

from pydantic import ValidationError
from sqlalchemy import ColumnElement, SQLColumnExpression
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.errors import NotFound, ValidationFailed, field_error
from backend.kit.pagination import PageParams, paginate
from backend.organizations.models import Organization
from backend.organizations.repository import OrganizationRepository, proctoring_settings_of
from backend.organizations.schemas import OrganizationUpdate
from backend.organizations.settings_schema import OrganizationSettings, ProctoringSettings, SeverityRule

SORTABLE: dict[str, SQLColumnExpression[Any]] = {
    "created_at": Organization.created_at,
    "name": Organization.name,
    "slug": Organization.slug,
}


def effective_settings(org: Organization) -> OrganizationSettings:
    """Stored settings over the defaults; keys added in later releases get their default value."""
    return OrganizationSettings.model_validate(org.settings or {})


@functools.lru_cache(maxsize=256)
def severity_rules_of(stored: str | None) -> tuple[SeverityRule, ...]:
    """The severity rules of proctoring settings as stored (JSON text, `proctoring_settings_column`). Cached by
    the stored JSON itself, so a change of settings is seen at once (nothing to invalidate); what the cache saves
    is validating the same rules again on every batch."""
    return tuple(ProctoringSettings.model_validate(json.loads(stored) if stored else {}).severity_rules)


def proctoring_settings_column(organization_id: ColumnElement[Any]) -> ColumnElement[str | None]:
    """The organization's proctoring settings as stored, as a column another domain's statement can select (a
    proctoring batch reads them with the player's session: one round trip less on every batch)."""
    return proctoring_settings_of(organization_id)


async def severity_rules(session: AsyncSession, org_id: uuid.UUID) -> tuple[SeverityRule, ...]:
    """The organization's proctoring severity rules (`effective_settings(org).proctoring.severity_rules`), read
    without loading the organization: proctoring asks on every batch of events."""
    return severity_rules_of(await OrganizationRepository(session).proctoring_settings_json(org_id))


async def organization_profile(session: AsyncSession, org_id: uuid.UUID | None) -> Organization | None:
    return await OrganizationRepository(session).get(org_id) if org_id else None


async def list_organizations(
    session: AsyncSession, params: PageParams
) -> tuple[list[Organization], str | None, int | None]:
    repo = OrganizationRepository(session)
    return await paginate(session, repo.select_all(), sortable=SORTABLE, id_column=Organization.id, params=params)


async def update_organization(
    session: AsyncSession, actor: Principal, org_id: uuid.UUID, data: OrganizationUpdate
) -> Organization:
    org = await OrganizationRepository(session).get(org_id)
    if org is None:
        raise NotFound("Organization not found.")
    before = audit.snapshot(org, ("name", "is_active"))
    for field, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(org, field, value)
    await audit.record_changes(
        session,
        actor,
        "organization.updated",
        "organization",
        org.id,
        organization_id=org.id,
        before=before,
        after=audit.snapshot(org, ("name", "is_active")),
    )
    return org


async def my_organization(session: AsyncSession, principal: Principal) -> Organization:
    org = await organization_profile(session, principal.organization_id)
    if org is None:
        raise NotFound("You do not belong to an organization.")
    return org


async def update_settings(session: AsyncSession, principal: Principal, patch: dict[str, Any]) -> Organization:
    """Deep-merge a partial settings document over the current one, then validate the whole."""
    org = await my_organization(session, principal)
    current = effective_settings(org).model_dump()
    merged = _deep_merge(current, patch)
    try:
        validated = OrganizationSettings.model_validate(merged)
    except ValidationError as exc:
        errors = [field_error(list(e["loc"]), e["msg"], type=e["type"]) for e in exc.errors()]
        raise ValidationFailed("The settings are not valid.", errors=errors) from exc
    org.settings = validated.model_dump()
    await audit.record_changes(
        session,
        principal,
        "organization.settings_updated",
        "organization",
        org.id,
        organization_id=org.id,
        before=current,
        after=org.settings,
    )
    return org


def _deep_merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in patch.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


async def active_organizations(session: AsyncSession) -> list[Organization]:
    """Every active tenant (for scheduled jobs that run per organization)."""
    repo = OrganizationRepository(session)
    stmt = repo.select_all().where(Organization.is_active.is_(True)).order_by(Organization.created_at)
    return list((await session.execute(stmt)).scalars())


async def organization_by_slug(session: AsyncSession, slug: str) -> Organization | None:
    """Any tenant by its slug, active or not (the command line names organizations by slug)."""
    return await OrganizationRepository(session).get_by_slug(slug)


async def active_by_slug(session: AsyncSession, slug: str) -> Organization | None:
    """The tenant behind a public URL (job board); deactivated tenants have no public pages."""
    org = await OrganizationRepository(session).get_by_slug(slug)
    return org if org is not None and org.is_active else None
