"""Invitations: the link (and temporary credentials) that lets one candidate take one assessment once, its access
log, and the reminders already sent for it."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, SmallInteger, String, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

STATUSES = ("pending", "started", "completed", "expired", "revoked")
ACTIVE = ("pending", "started")


class Invitation(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    __tablename__ = "invitations"
    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES}", name="status_known"),
        CheckConstraint("step IN (1, 2)", name="step_known"),
        CheckConstraint("extra_time_percent IS NULL OR extra_time_percent IN (25, 50, 100)", name="extra_percent"),
        CheckConstraint("extra_time_minutes IS NULL OR extra_time_minutes BETWEEN 0 AND 600", name="extra_minutes"),
        # Usernames are unique among the links that still work; an old link's name may be given again.
        Index(
            "uq_invitations_organization_id_username",
            "organization_id",
            func.lower(text("username")),
            unique=True,
            postgresql_where=text("status IN ('pending', 'started')"),
        ),
        # The Links list: newest first, and by expiry (expiring soon).
        Index("ix_invitations_organization_id_created_at_id", "organization_id", "created_at", "id"),
        Index("ix_invitations_organization_id_status_expires_at", "organization_id", "status", "expires_at"),
        # The scheduled job: pending links by expiry and by next reminder, across organizations.
        Index("ix_invitations_pending_expires_at", "expires_at", postgresql_where=text("status = 'pending'")),
        Index(
            "ix_invitations_pending_next_reminder_at",
            "next_reminder_at",
            postgresql_where=text("status = 'pending' AND next_reminder_at IS NOT NULL"),
        ),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    requisition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("requisitions.id", ondelete="CASCADE"), index=True)
    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessments.id", ondelete="RESTRICT"), index=True)
    # The assessment stage it was sent for: the Step-1 decision applies while the application is still there.
    stage_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("pipeline_stages.id", ondelete="SET NULL"), index=True
    )
    # The recruiter who answers for the candidate (the candidate's owner, else who sent it): "my candidates".
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Copies made when the link is sent (what the email said): the Links list shows them without joins.
    candidate_name: Mapped[str] = mapped_column(String(201))
    candidate_email: Mapped[str] = mapped_column(String(254))
    job_title: Mapped[str] = mapped_column(String(200))
    step: Mapped[int] = mapped_column(SmallInteger, server_default=text("1"))
    status: Mapped[str] = mapped_column(String(16), server_default=text("'pending'"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Bumped whenever the link or code is re-issued or the link revoked: player tokens carry it.
    token_version: Mapped[int] = mapped_column(server_default=text("1"))
    username: Mapped[str] = mapped_column(String(64))
    access_code_hash: Mapped[str] = mapped_column(String(64))
    failed_attempts: Mapped[int] = mapped_column(server_default=text("0"))
    credentials_locked_at: Mapped[datetime | None]
    expires_at: Mapped[datetime]
    # The latest expiry a recruiter may extend to (creation + the step's max days); admins are not bound by it.
    max_expires_at: Mapped[datetime]
    weekend_extended: Mapped[bool] = mapped_column(server_default=text("false"))
    # When the scheduled job next has a reminder to send (planned when the link is sent or extended).
    next_reminder_at: Mapped[datetime | None]
    # The candidate's time zone for dates in emails (the organization's when unknown).
    time_zone: Mapped[str] = mapped_column(String(64))
    extra_time_percent: Mapped[int | None]
    extra_time_minutes: Mapped[int | None]
    flagged_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    expired_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class InvitationAccess(UUIDPrimaryKey, Base):
    """One attempt to open the test player: which invitation (when known), from where, and what happened.
    Attempts with an unknown link or username have no invitation (nor organization) and feed the per-IP limit."""

    __tablename__ = "invitation_access_log"
    __table_args__ = (
        Index("ix_invitation_access_log_invitation_id_created_at", "invitation_id", "created_at"),
        Index("ix_invitation_access_log_ip_created_at", "ip", "created_at"),
    )

    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    invitation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("invitations.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(String(16))  # link | credentials | portal
    outcome: Mapped[str] = mapped_column(String(32))
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column(server_default=text("clock_timestamp()"))


class InvitationReminder(UUIDPrimaryKey, TenantOwned, Base):
    """A reminder that went out: one row per (link, hours before, expiry), so that it goes once, whatever the
    number of workers (the insert is the claim). A new expiry (an extension) earns new reminders."""

    __tablename__ = "invitation_reminders"
    __table_args__ = (UniqueConstraint("invitation_id", "hours_before", "expires_at"),)

    invitation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invitations.id", ondelete="CASCADE"))
    hours_before: Mapped[int]
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(server_default=text("clock_timestamp()"))
