import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

TYPES = ("system", "assessment", "interview", "application", "proctoring")
PRIORITIES = ("low", "normal", "high", "urgent")


class Notification(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """One in-app message for one person. Read and archive are per recipient; nothing is ever shared."""

    __tablename__ = "notifications"
    __table_args__ = (
        # The inbox: newest first per user, and the unread badge.
        Index("ix_notifications_user_id_created_at_id", "user_id", "created_at", "id"),
        Index("ix_notifications_inbox", "user_id", "created_at", "id", postgresql_where=text("archived_at IS NULL")),
        Index(
            "ix_notifications_unread",
            "user_id",
            "created_at",
            postgresql_where=text("read_at IS NULL AND archived_at IS NULL"),
        ),
        CheckConstraint(f"type IN {TYPES}", name="type_known"),
        CheckConstraint(f"priority IN {PRIORITIES}", name="priority_known"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(8), server_default=text("'normal'"))
    title: Mapped[str] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text)
    entity_type: Mapped[str | None] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    action_url: Mapped[str | None] = mapped_column(String(500))
    read_at: Mapped[datetime | None]
    archived_at: Mapped[datetime | None]
