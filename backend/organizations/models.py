from typing import Any

from sqlalchemy import String, text
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, Timestamps, UUIDPrimaryKey


class Organization(UUIDPrimaryKey, Timestamps, Base):
    """A customer (tenant). Deactivated rather than deleted: its history must stay readable."""

    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    is_active: Mapped[bool] = mapped_column(server_default=text("true"))
    settings: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
