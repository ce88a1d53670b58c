"""The talent pool: candidates, their résumés, and finding or creating a candidate for an application."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import SQLColumnExpression, func
from sqlalchemy.ext.asyncio import AsyncSession

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.candidates.models import Candidate
from backend.candidates.repository import CandidateRepository
from backend.candidates.schemas import CandidateCreate, CandidateUpdate
from backend.errors import Conflict, NotFound, ValidationFailed
from backend.files import service as files
from backend.files.content import DOCX, PDF
from backend.kit.pagination import PageParams, paginate
from backend.kit.service import TenantService
from backend.users.service import users_by_ids

if TYPE_CHECKING:
    from backend.files.models import StoredFile

RESUME_TYPES = {PDF: "PDF", DOCX: "Word (DOCX)"}
AUDITED = ("first_name", "last_name", "email", "phone", "location", "source", "tags", "owner_id", "resume_file_id")
SORTABLE: dict[str, SQLColumnExpression[Any]] = {
    "created_at": Candidate.created_at,
    "last_name": func.lower(Candidate.last_name),
    "email": func.lower(Candidate.email),
}


def _email_conflict() -> Conflict:
    return Conflict.on(
        "email", "Already in the talent pool", detail="A candidate with this email already exists.", type="unique"
    )


class CandidateService(TenantService):
    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        super().__init__(session, principal)
        self.repo = CandidateRepository(session, principal.organization_id)

    async def search(
        self, params: PageParams, q: str | None, owner_id: uuid.UUID | None, tag: str | None, source: str | None
    ) -> tuple[list[Any], str | None, int | None]:
        """A page of rows (not entities: a list only shows them)."""
        return await paginate(
            self.session,
            self.repo.listing(q, owner_id, tag, source),
            sortable=SORTABLE,
            id_column=Candidate.id,
            params=params,
            rows=True,
        )

    async def get(self, candidate_id: uuid.UUID) -> Candidate:
        return await self.repo.get_or_404(candidate_id)

    async def _check_owner(self, owner_id: uuid.UUID | None) -> None:
        """An id in a body is resolved within the caller's organization: another organization's user, or an id
        that does not exist, is the same 422 naming the field (never a foreign key error, never a leak)."""
        if owner_id is not None and not await users_by_ids(self.session, self.organization_id, [owner_id]):
            raise ValidationFailed.on("owner_id", "Pick an active user of your organization.")

    async def create(self, data: CandidateCreate, source: str | None = None) -> Candidate:
        await self._check_owner(data.owner_id)
        if await self.repo.by_email(data.email):
            raise _email_conflict()
        fields = data.model_dump()
        fields["email"] = data.email.lower()
        fields["source"] = data.source or source
        if fields["owner_id"] is None and self.principal.role == "recruiter":
            fields["owner_id"] = self.principal.id  # recruiters own the candidates they add
        candidate = self.repo.add(Candidate(**fields))
        await self.session.flush()
        await audit.record(
            self.session,
            self.principal,
            "candidate.created",
            "candidate",
            candidate.id,
            organization_id=self.organization_id,
            after=audit.snapshot(candidate, AUDITED),
        )
        return candidate

    async def update(self, candidate_id: uuid.UUID, data: CandidateUpdate) -> Candidate:
        candidate = await self.repo.get_or_404(candidate_id)
        before = audit.snapshot(candidate, AUDITED)
        changes = data.model_dump(exclude_unset=True)
        if changes.get("owner_id") != candidate.owner_id:
            await self._check_owner(changes.get("owner_id"))
        if changes.get("email") and changes["email"].lower() != candidate.email:
            if await self.repo.by_email(changes["email"]):
                raise _email_conflict()
            changes["email"] = changes["email"].lower()
        for field, value in changes.items():
            if value is not None or field in ("phone", "location", "source", "owner_id"):
                setattr(candidate, field, value)
        await self.session.flush()
        await audit.record_changes(
            self.session,
            self.principal,
            "candidate.updated",
            "candidate",
            candidate.id,
            organization_id=self.organization_id,
            before=before,
            after=audit.snapshot(candidate, AUDITED),
        )
        return candidate

    async def upload_resume(self, candidate_id: uuid.UUID, filename: str, data: bytes) -> Candidate:
        candidate = await self.repo.get_or_404(candidate_id)
        stored = await files.save_upload(
            self.session,
            self.organization_id,
            filename=filename,
            data=data,
            allowed=RESUME_TYPES,
            field="file",
            uploaded_by_id=self.principal.id,
        )
        before = candidate.resume_file_id
        candidate.resume_file_id = stored.id
        await audit.record(
            self.session,
            self.principal,
            "candidate.resume_uploaded",
            "candidate",
            candidate.id,
            organization_id=self.organization_id,
            before={"resume_file_id": str(before) if before else None},
            after={"resume_file_id": str(stored.id), "filename": stored.filename},
        )
        return candidate

    async def resume(self, candidate_id: uuid.UUID) -> tuple[StoredFile, bytes]:
        candidate = await self.repo.get_or_404(candidate_id)
        if candidate.resume_file_id is None:
            raise NotFound("This candidate has no résumé yet.")
        return await files.read(self.session, self.organization_id, candidate.resume_file_id)


async def add_job_board_candidate(
    session: AsyncSession,
    organization_id: uuid.UUID,
    *,
    first_name: str,
    last_name: str,
    email: str,
    phone: str | None,
    source: str,
) -> Candidate:
    """The job board's way in, which never changes existing data: always a new candidate record. When the address
    already belongs to a candidate, the new record is flagged as a possible duplicate of it (the recruiter sees
    both and may merge them); the existing candidate's details, résumé and applications stay as they were."""
    repo = CandidateRepository(session, organization_id)
    existing = await repo.by_email(email)
    candidate = repo.add(
        Candidate(
            first_name=first_name,
            last_name=last_name,
            email=email.lower(),
            phone=phone,
            source=source,
            duplicate_of_id=existing.id if existing else None,
        )
    )
    await session.flush()
    await audit.record(
        session,
        None,
        "candidate.created",
        "candidate",
        candidate.id,
        organization_id=organization_id,
        actor_label=email.lower(),
        after={**audit.snapshot(candidate, AUDITED), "duplicate_of_id": str(existing.id) if existing else None},
    )
    return candidate


async def link_confirmed_submission(
    session: AsyncSession, organization_id: uuid.UUID, candidate_id: uuid.UUID, user_id: uuid.UUID
) -> Candidate | None:
    """The owner of an account proved (by the emailed link) that a job-board submission is theirs: it joins
    their portal. Nothing else of the account or of other candidates changes."""
    candidate = await CandidateRepository(session, organization_id).get(candidate_id)
    if candidate is not None and candidate.user_id is None:
        candidate.user_id = user_id
    return candidate


async def attach_resume(session: AsyncSession, candidate: Candidate, stored: StoredFile) -> None:
    candidate.resume_file_id = stored.id
    candidate.updated_at = datetime.now(UTC)


async def candidate_record(
    session: AsyncSession, organization_id: uuid.UUID, candidate_id: uuid.UUID
) -> Candidate | None:
    """The candidate an interview or an application was made with, even if it has since been merged into
    another record (the caller has already checked who may see it)."""
    found = await CandidateRepository(session, organization_id).records([candidate_id])
    return found[0] if found else None


async def candidate_names(
    session: AsyncSession, organization_id: uuid.UUID, candidate_ids: list[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """Full names by id, merged records included (see candidate_record)."""
    records = await CandidateRepository(session, organization_id).records(list(set(candidate_ids)))
    return {c.id: c.full_name for c in records}


async def candidates_of_user(session: AsyncSession, organization_id: uuid.UUID, user_id: uuid.UUID) -> list[Candidate]:
    return await CandidateRepository(session, organization_id).for_user(user_id)


async def candidate_of(session: AsyncSession, organization_id: uuid.UUID, candidate_id: uuid.UUID) -> Candidate | None:
    """A candidate of the organization, for a domain whose own rule already let the caller in (an invitation's
    email and username, a test session's results)."""
    return await CandidateRepository(session, organization_id).get(candidate_id)
