"""CSV / XLSX import (validated first, all or nothing, with a report naming row and field) and export."""

import csv
import io
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from pydantic import EmailStr, TypeAdapter, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.audit import service as audit
from backend.auth.principal import Principal
from backend.candidates.models import Candidate
from backend.candidates.repository import CandidateRepository
from backend.candidates.schemas import ImportResult
from backend.errors import ValidationFailed, field_error
from backend.files.content import XLSX, sniff
from backend.kit.spreadsheet import csv_cell, nothing_imported, xlsx_row
from backend.kit.text import has_control_characters

COLUMNS = ("first_name", "last_name", "email", "phone", "location", "source", "tags")
REQUIRED = ("first_name", "last_name", "email")
MAX_ROWS = 5000
_EMAIL = TypeAdapter(EmailStr)


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str


def _rows_from_csv(data: bytes) -> Iterator[dict[str, Any]]:
    text = data.decode("utf-8-sig")
    yield from csv.DictReader(io.StringIO(text))


def _rows_from_xlsx(data: bytes) -> Iterator[dict[str, Any]]:
    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip().lower() for h in next(rows, ())]
    for values in rows:
        if any(v not in (None, "") for v in values):
            yield {header[i]: ("" if v is None else str(v)) for i, v in enumerate(values) if i < len(header)}


def parse(filename: str, data: bytes) -> list[dict[str, Any]]:
    if sniff(data) == XLSX:
        rows = list(_rows_from_xlsx(data))
    elif filename.lower().endswith(".csv") or not data.startswith(b"PK"):
        try:
            rows = list(_rows_from_csv(data))
        except UnicodeDecodeError as exc:
            raise ValidationFailed.on("file", "The CSV file must be UTF-8 encoded.") from exc
    else:
        raise ValidationFailed.on("file", "Upload a CSV or XLSX file.")
    if not rows:
        raise ValidationFailed.on("file", "The file has no rows.")
    if len(rows) > MAX_ROWS:
        raise ValidationFailed.on("file", f"At most {MAX_ROWS} rows per import.")
    missing = [c for c in REQUIRED if c not in rows[0]]
    if missing:
        raise ValidationFailed.on("file", f"Missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}.")
    return rows


async def validate(
    session: AsyncSession, organization_id: uuid.UUID, rows: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Every problem of every row (row numbers as a spreadsheet shows them: the header is row 1)."""
    errors: list[RowError] = []
    clean: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    emails = [str(r.get("email") or "").strip().lower() for r in rows]
    existing = await CandidateRepository(session, organization_id).emails_in_pool(emails)
    for index, raw in enumerate(rows, start=2):
        row = {k: str(raw.get(k) or "").strip() for k in COLUMNS}
        for field in REQUIRED:
            if not row[field]:
                errors.append(RowError(index, field, "Required."))
        for field in COLUMNS:
            if has_control_characters(row[field]):
                errors.append(RowError(index, field, "Control characters are not allowed in text."))
        for field, limit in (("first_name", 100), ("last_name", 100), ("location", 200), ("source", 60), ("phone", 40)):
            if len(row[field]) > limit:
                errors.append(RowError(index, field, f"At most {limit} characters."))
        if row["email"]:
            try:
                row["email"] = _EMAIL.validate_python(row["email"]).lower()
            except ValidationError:
                errors.append(RowError(index, "email", "Not a valid email address."))
            else:
                if row["email"] in existing:
                    errors.append(RowError(index, "email", "Already in the talent pool."))
                elif row["email"] in seen:
                    errors.append(RowError(index, "email", f"Duplicate of row {seen[row['email']]}."))
                seen.setdefault(row["email"], index)
        clean.append({**row, "tags": [t.strip() for t in row["tags"].split(",") if t.strip()][:20]})
    return clean, errors


def _row_error(e: RowError) -> dict[str, Any]:
    return field_error(
        ["file", e.row, e.field], e.message, name=f"file.row{e.row}.{e.field}", row=e.row, column=e.field
    )


async def import_candidates(
    session: AsyncSession, principal: Principal, filename: str, data: bytes, dry_run: bool
) -> ImportResult:
    """Validate every row first, then import all of them or none (a 422 naming each row and field otherwise)."""
    assert principal.organization_id is not None
    rows = parse(filename, data)
    clean, errors = await validate(session, principal.organization_id, rows)
    if errors:
        raise nothing_imported([_row_error(e) for e in errors])
    if dry_run:
        return ImportResult(created=0, valid=len(clean), dry_run=True)
    repo = CandidateRepository(session, principal.organization_id)
    owner = principal.id if principal.role == "recruiter" else None
    for row in clean:
        repo.add(
            Candidate(
                first_name=row["first_name"],
                last_name=row["last_name"],
                email=row["email"],
                phone=row["phone"] or None,
                location=row["location"] or None,
                source=row["source"] or "import",
                tags=row["tags"],
                owner_id=owner,
            )
        )
    await session.flush()
    await audit.record(
        session,
        principal,
        "candidate.imported",
        "candidate",
        None,
        organization_id=principal.organization_id,
        after={"rows": len(clean), "file": filename[:200]},
    )
    return ImportResult(created=len(clean), valid=len(clean), dry_run=False)


def _export_values(c: Candidate) -> list[Any]:
    return [
        c.first_name,
        c.last_name,
        c.email,
        c.phone or "",
        c.location or "",
        c.source or "",
        ",".join(c.tags),
        c.created_at.isoformat(),
    ]


EXPORT_HEADER = [*COLUMNS, "created_at"]


async def record_export(sessionmaker: async_sessionmaker[AsyncSession], principal: Principal, format: str) -> None:
    """The audit entry of an export, committed before the file starts streaming: the export reads on a
    snapshot session of its own, which never writes."""
    async with sessionmaker() as session, session.begin():
        await audit.record(
            session,
            principal,
            "candidate.exported",
            "candidate",
            None,
            organization_id=principal.organization_id,
            after={"format": format},
        )


async def export_rows(
    sessionmaker: async_sessionmaker[AsyncSession], organization_id: uuid.UUID
) -> AsyncIterator[list[Any]]:
    async with sessionmaker() as session:
        async for candidate in CandidateRepository(session, organization_id).stream_all():
            yield _export_values(candidate)


async def export_csv(sessionmaker: async_sessionmaker[AsyncSession], organization_id: uuid.UUID) -> AsyncIterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(EXPORT_HEADER)
    async for values in export_rows(sessionmaker, organization_id):
        writer.writerow([csv_cell(v) for v in values])
        if buf.tell() > 64_000:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


async def export_xlsx(sessionmaker: async_sessionmaker[AsyncSession], organization_id: uuid.UUID) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Candidates")
    sheet.append(EXPORT_HEADER)
    async for values in export_rows(sessionmaker, organization_id):
        sheet.append(xlsx_row(sheet, values))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
