"""Merging duplicate candidates: the survivor takes the duplicate's applications, missing details and tags;
the duplicate is kept (hidden) with a pointer to the survivor, so no history is lost."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from backend.applications.service import reassign_candidate
from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.candidates.models import Candidate
from backend.candidates.repository import CandidateRepository
from backend.errors import ValidationFailed


async def possible_duplicates(session: AsyncSession, principal: Principal, candidate_id: uuid.UUID) -> list[Candidate]:
    assert principal.organization_id is not None
    repo = CandidateRepository(session, principal.organization_id)
    return await repo.look_alikes(await repo.get_or_404(candidate_id))


async def merge(
    session: AsyncSession, principal: Principal, survivor_id: uuid.UUID, duplicate_id: uuid.UUID
) -> Candidate:
    assert principal.organization_id is not None
    if survivor_id == duplicate_id:
        raise ValidationFailed.on("duplicate_id", "A candidate cannot be merged into itself.")
    repo = CandidateRepository(session, principal.organization_id)
    survivor = await repo.get_or_404(survivor_id)
    duplicate = await repo.get(duplicate_id)
    if duplicate is None:
        raise ValidationFailed.on("duplicate_id", "Unknown candidate.")
    moved = await reassign_candidate(session, principal.organization_id, duplicate.id, survivor.id)
    for field in ("phone", "location", "source", "resume_file_id", "user_id", "owner_id"):
        if getattr(survivor, field) is None and getattr(duplicate, field) is not None:
            setattr(survivor, field, getattr(duplicate, field))
    survivor.tags = sorted(set(survivor.tags) | set(duplicate.tags))
    duplicate.merged_into_id = survivor.id
    await session.flush()  # hidden first: the address may then pass to the survivor
    if survivor.duplicate_of_id == duplicate.id:
        survivor.duplicate_of_id = None  # the submission took over from the record it duplicated
    # Other submissions flagged against the record that goes away now point at the one that stays.
    await repo.flag_duplicates_of(duplicate.id, survivor.id)
    await session.flush()
    await audit.record(
        session,
        principal,
        "candidate.merged",
        "candidate",
        survivor.id,
        organization_id=principal.organization_id,
        after={"merged": str(duplicate.id), "email": duplicate.email, "applications_moved": moved},
    )
    return survivor
