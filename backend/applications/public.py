"""The candidate's side: applying on the public job board, and the candidate portal."""

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import EmailStr, TypeAdapter, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications import transitions
from backend.applications.models import Application
from backend.applications.repository import ApplicationRepository, SubmissionRepository
from backend.applications.schemas import ApplyResult, PortalApplication
from backend.applications.service import count_public_submissions, open_application, portal_url, record_event
from backend.auth import account_tokens
from backend.auth.principal import Principal
from backend.candidates.service import (
    RESUME_TYPES,
    add_job_board_candidate,
    attach_resume,
    candidates_of_user,
    link_confirmed_submission,
)
from backend.config import get_settings
from backend.email.service import send_email
from backend.errors import NotFound, TooManyRequests, ValidationFailed
from backend.files.service import save_upload
from backend.kit.text import check_nested
from backend.organizations.service import organization_profile
from backend.request_context import client_var
from backend.requisitions.service import JobBoard, pipeline_stages
from backend.users.service import account, find_or_create_candidate_account

APPLY_LIMIT = 10  # applications per IP per hour
_EMAIL = TypeAdapter(EmailStr)


def _parse_answers(raw: str | None) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValidationFailed.on("answers", "Answers must be a JSON object.") from exc
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ValidationFailed.on("answers", "Answers must be a JSON object.")
    try:
        check_nested(value)
    except ValueError as exc:
        raise ValidationFailed.on("answers", str(exc)) from exc
    return value


async def apply_on_job_board(
    session: AsyncSession,
    slug: str,
    requisition_id: uuid.UUID,
    *,
    first_name: str,
    last_name: str,
    email: str,
    phone: str | None,
    answers: str | None,
    filename: str,
    data: bytes,
) -> ApplyResult:
    """An anonymous application. It never changes existing data and answers the same whoever the address
    belongs to: the application goes to a new candidate record (flagged as a possible duplicate when the address
    is already in the talent pool, for the recruiter to merge), and the address's owner gets an email. A new
    address gets a portal account to activate; an address that already has one gets a link to confirm the
    application is theirs, and only then does it join their portal."""
    ip = client_var.get().ip or "unknown"
    since = datetime.now(UTC) - timedelta(hours=1)
    if await count_public_submissions(session, ip, since) >= APPLY_LIMIT:
        raise TooManyRequests(
            "Too many applications from your network. Try again in an hour.", headers={"Retry-After": "3600"}
        )
    try:
        email = _EMAIL.validate_python(email.strip()).lower()
    except ValidationError as exc:
        raise ValidationFailed.on("email", "Enter a valid email address.") from exc
    parsed_answers = _parse_answers(answers)
    req, org_name = await JobBoard(session).detail(slug, requisition_id)  # 404 unless open
    stages = await pipeline_stages(session, req.organization_id, req.id)
    SubmissionRepository(session).add(ip, "apply")

    candidate = await add_job_board_candidate(
        session,
        req.organization_id,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        phone=phone.strip() if phone else None,
        source="job_board",
    )
    stored = await save_upload(
        session, req.organization_id, filename=filename, data=data, allowed=RESUME_TYPES, field="resume"
    )
    await attach_resume(session, candidate, stored)
    user, created = await find_or_create_candidate_account(session, req.organization_id, email, candidate.full_name)
    if created and user is not None:
        candidate.user_id = user.id  # an account this very application created: nobody else's
    app = await open_application(
        session, req, stages, candidate, None, source="job_board", answers=parsed_answers, resume_file_id=stored.id
    )
    context = {"candidate_name": candidate.full_name, "job_title": req.title, "organization_name": org_name}
    base = get_settings().public_base_url
    if user is not None and not created:
        token = await account_tokens.issue(session, user, account_tokens.CONFIRM_APPLICATION, subject_id=candidate.id)
        template, context = (
            "application_confirm",
            {**context, "confirm_url": f"{base}/confirm-application?token={token}"},
        )
    else:
        activation_url = ""
        if created and user is not None:
            activation_url = f"{base}/activate?token={await account_tokens.issue(session, user)}"
        template = "application_received"
        context = {**context, "portal_url": portal_url(), "activation_url": activation_url}
    await send_email(
        session, req.organization_id, template, email, context, entity_type="application", entity_id=app.id
    )
    return ApplyResult(application_id=app.id)


async def confirm_application(session: AsyncSession, token: str) -> None:
    """The emailed link proves the address: the submission joins the account's portal."""
    row = await account_tokens.consume(session, token, account_tokens.CONFIRM_APPLICATION)
    user = await account(session, row.user_id)
    if user is None or user.organization_id is None or row.subject_id is None:
        raise ValidationFailed.on("token", "This link is invalid or has expired.")
    await link_confirmed_submission(session, user.organization_id, row.subject_id, user.id)


async def candidate_portal(session: AsyncSession, principal: Principal) -> list[PortalApplication]:
    assert principal.organization_id is not None
    candidates = await candidates_of_user(session, principal.organization_id, principal.id)
    rows = await ApplicationRepository(session, principal.organization_id).for_candidates([c.id for c in candidates])
    if not rows:
        return []
    org = await organization_profile(session, principal.organization_id)
    assert org is not None
    return [
        PortalApplication(
            id=app.id,
            requisition_title=title,
            organization_name=org.name,
            stage_name=stage,
            status=app.status,
            applied_at=app.created_at,
            updated_at=app.updated_at,
        )
        for app, title, stage in rows
    ]


async def withdraw_own(session: AsyncSession, principal: Principal, application_id: uuid.UUID) -> Application:
    assert principal.organization_id is not None
    candidates = {c.id for c in await candidates_of_user(session, principal.organization_id, principal.id)}
    app = await ApplicationRepository(session, principal.organization_id).get(application_id)
    if app is None or app.candidate_id not in candidates:
        raise NotFound("Application not found.")
    if app.status == "withdrawn":
        return app
    transitions.check(app.status, "withdrawn")
    previous, app.status = app.status, "withdrawn"
    await record_event(
        session,
        app,
        "withdrawn",
        principal,
        from_status=previous,
        to_status="withdrawn",
        reason="Withdrawn by the candidate",
    )
    return app
