import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from backend.kit.models import Base, TenantOwned, Timestamps, UUIDPrimaryKey

RUN_STATUSES = ("queued", "running", "finished")
VERDICTS = (
    "accepted",
    "wrong_answer",
    "time_limit_exceeded",
    "memory_limit_exceeded",
    "runtime_error",
    "compilation_error",
    "output_limit_exceeded",
    "internal_error",
)


class Language(UUIDPrimaryKey, Timestamps, Base):
    """A programming language candidates can write in: data, not code. Shared by every organization (the
    machines' compilers are), each of which may switch it off for itself (OrganizationLanguage)."""

    __tablename__ = "languages"

    key: Mapped[str] = mapped_column(String(32), unique=True)  # stable name used by the API: "python3"
    name: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(32))
    source_file: Mapped[str] = mapped_column(String(64))
    compile_command: Mapped[str | None] = mapped_column(String(500))
    run_command: Mapped[str] = mapped_column(String(500))
    codemirror_mode: Mapped[str] = mapped_column(String(32))
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    # Address space the runtime reserves beyond the program's own memory limit (see the sandbox).
    runtime_memory_mb: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    judge0_id: Mapped[int | None] = mapped_column(Integer)  # the language on a Judge0 server
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class OrganizationLanguage(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """An organization's own choice for one language; without a row the language's default applies."""

    __tablename__ = "organization_languages"
    __table_args__ = (UniqueConstraint("organization_id", "language_id"),)

    language_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("languages.id", ondelete="CASCADE"), index=True)
    enabled: Mapped[bool] = mapped_column(Boolean)


class ExecutionRun(UUIDPrimaryKey, Timestamps, TenantOwned, Base):
    """One submission to the engine: a program, its cases and limits in; a verdict per case out."""

    __tablename__ = "execution_runs"
    __table_args__ = (
        # A person's recent runs: the rate limit, and "my runs".
        Index("ix_execution_runs_requested_by_id_created_at", "requested_by_id", "created_at"),
        # What a caller attaches runs to (a question version, an answer).
        Index("ix_execution_runs_subject", "organization_id", "subject_type", "subject_id"),
        CheckConstraint(f"status IN {RUN_STATUSES}", name="status_known"),
        CheckConstraint(f"verdict IN {VERDICTS}", name="verdict_known"),
    )

    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    purpose: Mapped[str] = mapped_column(String(32))
    subject_type: Mapped[str | None] = mapped_column(String(64))
    subject_id: Mapped[str | None] = mapped_column(String(64))
    language_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("languages.id", ondelete="RESTRICT"), index=True)
    source: Mapped[str] = mapped_column(Text)
    harness: Mapped[str | None] = mapped_column(Text)
    cases: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    limits: Mapped[dict[str, Any]]
    comparison: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), server_default=text("'queued'"))
    verdict: Mapped[str | None] = mapped_column(String(32))
    compile_output: Mapped[str | None] = mapped_column(Text)
    results: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    backend: Mapped[str | None] = mapped_column(String(16))
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
