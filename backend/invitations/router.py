import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from backend.auth.dependencies import CurrentPrincipal, require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.errors import Forbidden
from backend.invitations.schemas import (
    AccessRead,
    Accommodation,
    BulkExtend,
    BulkInvite,
    BulkInviteResult,
    BulkLinks,
    BulkLinksResult,
    Extend,
    InvitationCreate,
    InvitationIssued,
    InvitationRead,
    LinkState,
    LinkStats,
    Regenerate,
    Revoke,
)
from backend.invitations.service import InvitationService
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page

router = APIRouter(prefix="/invitations", tags=["invitations"])

Sender = Annotated[Principal, Depends(require("links:create"))]


async def _extender(principal: CurrentPrincipal) -> Principal:
    """Extending needs `links:extend_any` (any link) or `links:extend_own` (one's own candidates' links)."""
    if not (principal.can("links:extend_any") or principal.can("links:extend_own")):
        raise Forbidden("You need the 'links:extend_own' or 'links:extend_any' permission for this.")
    return principal


Extender = Annotated[Principal, Depends(_extender)]


@router.get("", response_model=Page[InvitationRead])
async def list_invitations(
    principal: Sender,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    state: LinkState | None = None,
    mine: Annotated[bool, Query(description="Only the links of candidates the caller owns.")] = False,
    assessment_id: uuid.UUID | None = None,
    requisition_id: uuid.UUID | None = None,
    application_id: uuid.UUID | None = None,
    candidate_id: uuid.UUID | None = None,
    flagged: bool | None = None,
) -> Page[InvitationRead]:
    """The Links page: every assessment link of the organization. `state`: `active` (pending, not expired),
    `expiring_soon` (pending, expiring within 48 hours), `expired`, `started`, `completed`, `revoked`. Sort by
    created_at (default, newest first) or expires_at. `allowed_actions` on each row says what the caller may do."""
    service = InvitationService(session, principal)
    items, cursor, total = await service.search(
        params,
        mine=mine,
        state=state,
        assessment_id=assessment_id,
        requisition_id=requisition_id,
        application_id=application_id,
        candidate_id=candidate_id,
        flagged=flagged,
    )
    return Page[InvitationRead](items=await service.reads(items), next_cursor=cursor, total=total)


@router.get("/stats", response_model=LinkStats)
async def link_stats(
    principal: Sender,
    session: ReadSessionDep,
    mine: Annotated[bool, Query(description="Only the caller's candidates.")] = False,
) -> LinkStats:
    """How many links are active, expiring soon, expired, started, completed, revoked and flagged."""
    return await InvitationService(session, principal).stats(mine)


@router.post("", response_model=InvitationIssued, status_code=status.HTTP_201_CREATED)
async def create_invitation(principal: Sender, body: InvitationCreate, session: SessionDep) -> InvitationIssued:
    """Send an assessment link to an active application: the assessment its current stage sends (or
    `assessment_id`). The candidate is emailed the link, a username and an access code, with the expiry in their
    time zone; neither the link nor the code is ever shown again (re-issue them with resend or regenerate). The
    expiry follows the organization's link rules (an expiry on a weekend moves to Monday 09:00). 409 if the
    application already has a working link for that assessment (`invitation_id` in the problem)."""
    service = InvitationService(session, principal)
    inv = await service.create(body)
    return InvitationIssued(**(await service.read(inv)).model_dump())


@router.post("/bulk", response_model=BulkInviteResult)
async def bulk_invite(principal: Sender, body: BulkInvite, session: SessionDep) -> BulkInviteResult:
    """Send links to up to 200 applications at once (the board's bulk action). Applications that cannot get one
    (inactive, a working link already, no assessment) are listed in `skipped` with the reason."""
    return await InvitationService(session, principal).bulk(body)


@router.post("/bulk-resend", response_model=BulkLinksResult)
async def bulk_resend(principal: Sender, body: BulkLinks, session: SessionDep) -> BulkLinksResult:
    """Resend several links (each gets a new link and code); those that cannot be resent are in `skipped`."""
    return await InvitationService(session, principal).bulk_resend(body.invitation_ids)


@router.post("/bulk-extend", response_model=BulkLinksResult)
async def bulk_extend(principal: Extender, body: BulkExtend, session: SessionDep) -> BulkLinksResult:
    """Extend several links by the same number of days, each under the rules of `/extend`."""
    return await InvitationService(session, principal).bulk_extend(body)


@router.get("/{invitation_id}", response_model=InvitationRead)
async def get_invitation(principal: Sender, invitation_id: uuid.UUID, session: ReadSessionDep) -> InvitationRead:
    service = InvitationService(session, principal)
    return await service.read(await service.get(invitation_id))


@router.get("/{invitation_id}/access-log", response_model=Page[AccessRead])
async def access_log(
    principal: Sender, invitation_id: uuid.UUID, session: ReadSessionDep, params: PageParams = Depends(page_params)
) -> Page[AccessRead]:
    """Every attempt to open the link: time, IP, user agent, method and outcome (newest first)."""
    items, cursor, total = await InvitationService(session, principal).access_log(invitation_id, params)
    return Page[AccessRead](items=[AccessRead.model_validate(i) for i in items], next_cursor=cursor, total=total)


@router.post("/{invitation_id}/extend", response_model=InvitationRead)
async def extend_invitation(
    principal: Extender, invitation_id: uuid.UUID, body: Extend, session: SessionDep
) -> InvitationRead:
    """Add `days` to the expiry (to now, for an expired link, which works again). Admins (`links:extend_any`)
    extend any link by any length; recruiters (`links:extend_own`) their own candidates' links, up to the step's
    `max_days` after the link was created (422 on `days` beyond; 403 for another recruiter's candidate). An
    expiry on a weekend moves to Monday 09:00. The candidate is emailed the new expiry."""
    service = InvitationService(session, principal)
    return await service.read(await service.extend(invitation_id, body))


@router.post("/{invitation_id}/resend", response_model=InvitationIssued)
async def resend_invitation(principal: Sender, invitation_id: uuid.UUID, session: SessionDep) -> InvitationIssued:
    """Email the invitation again, with a new link and a new code (links and codes are stored hashed and cannot
    be read back; the previous ones stop working). The expiry stays."""
    service = InvitationService(session, principal)
    return InvitationIssued(**(await service.read(await service.resend(invitation_id))).model_dump())


@router.post("/{invitation_id}/revoke", response_model=InvitationRead)
async def revoke_invitation(
    principal: Sender, invitation_id: uuid.UUID, body: Revoke, session: SessionDep
) -> InvitationRead:
    """Withdraw a link that has not been used (a test under way cannot be revoked: 409)."""
    service = InvitationService(session, principal)
    return await service.read(await service.revoke(invitation_id, body.reason))


@router.post("/{invitation_id}/regenerate", response_model=InvitationIssued)
async def regenerate_invitation(
    principal: Sender, invitation_id: uuid.UUID, body: Regenerate, session: SessionDep
) -> InvitationIssued:
    """A new link and code, emailed, with the credentials unlocked. An expired or revoked link works again with a
    new expiry (the step's default, or `days`); a test under way resumes with the new link."""
    service = InvitationService(session, principal)
    return InvitationIssued(**(await service.read(await service.regenerate(invitation_id, body))).model_dump())


@router.put("/{invitation_id}/accommodation", response_model=InvitationRead)
async def set_accommodation(
    principal: Sender, invitation_id: uuid.UUID, body: Accommodation, session: SessionDep
) -> InvitationRead:
    """Extra time for this candidate (+25 %, +50 %, +100 % of the duration, and/or minutes), before the test
    starts (409 after). The server adds it to the deadline; reviewers never see it on results."""
    service = InvitationService(session, principal)
    return await service.read(await service.set_accommodation(invitation_id, body))
