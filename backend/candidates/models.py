import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, func, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey


class Candidate(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """A person in an organization's talent pool. One per email per organization; merged duplicates point at
    the survivor and are hidden (soft delete), keeping their history."""

    __tablename__ = "candidates"
    __table_args__ = (
        Index(
            "uq_candidates_organization_id_email",
            "organization_id",
            func.lower(text("email")),
            unique=True,
            # A job-board submission with an address already in the pool is a separate record until a recruiter
            # merges it: an anonymous applicant never changes an existing candidate.
            postgresql_where=text("merged_into_id IS NULL AND deleted_at IS NULL AND duplicate_of_id IS NULL"),
        ),
        Index("ix_candidates_duplicate_of_id", "duplicate_of_id"),
        Index("ix_candidates_organization_id_created_at_id", "organization_id", "created_at", "id"),
        Index("ix_candidates_phone", "organization_id", "phone"),
    )

    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    location: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(60))
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(40)), server_default=text("'{}'"))
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    resume_file_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("stored_files.id", ondelete="SET NULL"))
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("candidates.id", ondelete="SET NULL"))
    deleted_at: Mapped[datetime | None]
    # Set on a job-board submission whose email already belongs to this candidate (a possible duplicate).
    duplicate_of_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("candidates.id", ondelete="SET NULL"))

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
