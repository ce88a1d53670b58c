import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
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
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
