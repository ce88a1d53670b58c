import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, Timestamps, UUIDPrimaryKey


class RefreshToken(UUIDPrimaryKey, Timestamps, Base):
    """One link of a refresh-token family. Rotation marks the old link used and adds a new one; presenting a
    used link again means it was stolen, and the whole family is revoked."""

    __tablename__ = "refresh_tokens"
    __table_args__ = (Index("ix_refresh_tokens_family_id", "family_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    family_id: Mapped[uuid.UUID]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(512))


class LoginAttempt(UUIDPrimaryKey, Timestamps, Base):
    """Failed sign-ins, kept in the database so the per-IP limit holds across every API process."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_ip_created_at", "ip", "created_at"),)

    ip: Mapped[str] = mapped_column(String(64))
    email: Mapped[str] = mapped_column(String(254))


class AccountToken(UUIDPrimaryKey, Timestamps, Base):
    """A single-use secret mailed to prove an email address (account activation). Only its hash is kept."""

    __tablename__ = "account_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))
    # What the proof is for, when it is more than the account itself (the job-board submission it confirms).
    subject_id: Mapped[uuid.UUID | None]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class LoginThrottle(Base):
    """Failed sign-ins per address, whether or not an account has it, so that a stranger gets the same answers
    (401, then 423 after the fifth failure) for existing and unknown addresses. Cleared by a successful sign-in."""

    __tablename__ = "login_throttles"
    __table_args__ = (Index("ix_login_throttles_updated_at", "updated_at"),)

    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    failures: Mapped[int] = mapped_column(server_default=text("0"))
    locked_until: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(server_default=text("clock_timestamp()"))
