import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey


class ExecutiveDecision(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """Step 3: one score and decision per executive seat per application."""

    __tablename__ = "executive_decisions"
    __table_args__ = (
        UniqueConstraint("application_id", "seat"),
        CheckConstraint("seat IN ('cto', 'ceo')", name="seat_known"),
        CheckConstraint("decision IN ('approve', 'reject')", name="decision_known"),
        CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    executive_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    seat: Mapped[str] = mapped_column(String(8))
    score: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    decision: Mapped[str] = mapped_column(String(8))
    notes: Mapped[str] = mapped_column(Text, server_default=text("''"))


OFFER_STATUSES = ("draft", "sent", "accepted", "declined")


class Offer(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """The offer after a positive final decision: draft → sent → accepted | declined."""

    __tablename__ = "offers"
    __table_args__ = (
        UniqueConstraint("application_id"),
        CheckConstraint(f"status IN {OFFER_STATUSES}", name="status_known"),
        CheckConstraint("salary > 0", name="salary_positive"),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    salary: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    start_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), server_default=text("'draft'"))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
