"""A new organization: its row, the defaults every organization starts with, and its first admin.

Apart from backend/organizations/service.py because it reaches into several domains (email templates, interview
rounds, rejection reasons, users), all of which read the organization's profile and settings from that service.
Everything an organization starts with is created here, once: reads never have to create missing defaults."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.service import ensure_rejection_reasons
from backend.audit import service as audit
from backend.auth.passwords import check_policy
from backend.auth.principal import Principal
from backend.email.service import ensure_templates
from backend.errors import Conflict
from backend.organizations.models import Organization
from backend.organizations.repository import OrganizationRepository
from backend.organizations.schemas import OrganizationCreate
from backend.organizations.settings_schema import OrganizationSettings
from backend.requisitions.defaults import ensure_round_templates
from backend.users.service import add_admin


async def provision_defaults(session: AsyncSession, organization_id: Any) -> None:
    """What every organization starts with: its copy of the email templates, the default interview rounds and
    the rejection reasons. Idempotent (what exists is left as it is)."""
    await ensure_templates(session, organization_id)
    await ensure_round_templates(session, organization_id)
    await ensure_rejection_reasons(session, organization_id)


async def new_organization(
    session: AsyncSession, name: str, slug: str, settings: OrganizationSettings | None = None
) -> Organization:
    """An organization with its defaults, and nobody in it yet."""
    org = OrganizationRepository(session).add(
        Organization(name=name, slug=slug, settings=(settings or OrganizationSettings()).model_dump())
    )
    await session.flush()
    await provision_defaults(session, org.id)
    return org


async def create_organization(session: AsyncSession, actor: Principal, data: OrganizationCreate) -> Organization:
    """The platform operator's way to add a tenant: the organization, its defaults and its first admin."""
    if await OrganizationRepository(session).get_by_slug(data.slug):
        raise Conflict.on("slug", "Already in use", detail="An organization with this slug exists.", type="unique")
    check_policy(data.admin_password, "admin_password")
    org = await new_organization(session, data.name, data.slug)
    admin = await add_admin(
        session,
        org.id,
        email=data.admin_email,
        full_name=data.admin_full_name,
        password=data.admin_password,
        field="admin_email",
    )
    await audit.record(
        session,
        actor,
        "organization.created",
        "organization",
        org.id,
        organization_id=org.id,
        after={"name": org.name, "slug": org.slug, "admin_email": admin.email},
    )
    return org
