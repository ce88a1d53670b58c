import uuid
from datetime import datetime

from sqlalchemy import Computed, ForeignKey, Index, String, func, text
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

# The words a search matches: name, email and phone cut at ASCII punctuation and spaces, the whole email, and the
# phone's digits (all, last 10, last 7: typed with or without the country code). Same text as the migration.
SEARCH_DOCUMENT = (
    "to_tsvector('simple'::regconfig, "
    "regexp_replace(lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || "
    "coalesce(email, '') || ' ' || coalesce(phone, '')), '[!-/:-@[-`{-~[:space:]]+', ' ', 'g') || ' ' || "
    "lower(coalesce(email, '')) || ' ' || "
    "regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g') || ' ' || "
    "right(regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g'), 10) || ' ' || "
    "right(regexp_replace(coalesce(phone, ''), '[^0-9]+', '', 'g'), 7))"
)


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
        # The talent pool as listed: partial, so the list's capped count is an index-only scan.
        Index(
            "ix_candidates_listed_created_at",
            "organization_id",
            "created_at",
            "id",
            postgresql_where=text("merged_into_id IS NULL AND deleted_at IS NULL"),
        ),
        Index("ix_candidates_phone", "organization_id", "phone"),
        Index(
            "ix_candidates_listed_last_name",
            "organization_id",
            func.lower(text("last_name")),
            "id",
            postgresql_where=text("merged_into_id IS NULL AND deleted_at IS NULL"),
        ),
        Index("ix_candidates_search", "search", postgresql_using="gin"),
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
    resume_file_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("stored_files.id", ondelete="SET NULL"), index=True
    )
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("candidates.id", ondelete="SET NULL"), index=True
    )
    deleted_at: Mapped[datetime | None]
    # Set on a job-board submission whose email already belongs to this candidate (a possible duplicate).
    duplicate_of_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("candidates.id", ondelete="SET NULL"))
    # Only ever read inside the database, by searches: never loaded with the row.
    search: Mapped[str] = mapped_column(
        TSVECTOR, Computed(SEARCH_DOCUMENT, persisted=True), deferred=True, deferred_raiseload=True
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
