import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, func, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from backend.auth.permissions import Role
from backend.kit.models import Base, Timestamps, UUIDPrimaryKey

_ROLES = ", ".join(f"'{r.value}'" for r in Role)


class User(UUIDPrimaryKey, Timestamps, Base):
    """A person who signs in. Everyone but the platform operator (superadmin) belongs to one organization."""

    __tablename__ = "users"
    __table_args__ = (
        # Case-insensitive uniqueness per organization (Ada@X.com and ada@x.com are one person), so that one
        # address may hold accounts in several organizations and no organization learns of another's accounts.
        Index(
            "uq_users_organization_id_email",
            "organization_id",
            func.lower(text("email")),
            unique=True,
            postgresql_nulls_not_distinct=True,
        ),
        Index("ix_users_email_lower", func.lower(text("email"))),
        Index("ix_users_organization_id_created_at", "organization_id", "created_at"),
        CheckConstraint(f"role IN ({_ROLES})", name="role_known"),
        CheckConstraint("(role = 'superadmin') = (organization_id IS NULL)", name="tenant_unless_superadmin"),
        CheckConstraint("executive_seat IS NULL OR executive_seat IN ('cto', 'ceo')", name="executive_seat_known"),
    )

    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"))
    email: Mapped[str] = mapped_column(String(254))
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    is_active: Mapped[bool] = mapped_column(server_default=text("true"))
    deactivated_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    # Which Step-3 seat an executive holds: the CTO and the CEO each decide on a final hire.
    executive_seat: Mapped[str | None] = mapped_column(String(8))
    # What an interviewer can assess ("python", "system_design"): automatic assignment picks among those who match.
    skills: Mapped[list[str]] = mapped_column(ARRAY(String(40)), server_default=text("'{}'"))
