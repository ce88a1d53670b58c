import uuid
from datetime import datetime

from sqlalchemy import BigInteger, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base


class JobError(Base):
    """The last error of a background job. procrastinate keeps status and attempts but not why a job failed;
    admins need the why to decide on a retry."""

    __tablename__ = "job_errors"

    job_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    organization_id: Mapped[uuid.UUID | None]
    task_name: Mapped[str] = mapped_column(String(128))
    error: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp(), onupdate=func.clock_timestamp())
