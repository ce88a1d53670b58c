"""Storing and reading uploaded files. Callers (candidates, applications) decide who may read which file."""

import hashlib
import uuid
from urllib.parse import quote

from fastapi import Response, UploadFile
from sqlalchemy.ext.asyncio import AsyncSession

from backend.errors import NotFound, ValidationFailed
from backend.files.content import PDF, sniff
from backend.files.models import StoredFile
from backend.files.storage import new_key, storage_from_settings
from backend.kit.repository import TenantRepository

MAX_BYTES = 10 * 1024 * 1024
# The request-body cap of a route that takes one file: the file plus the form around it (multipart headers,
# a few text fields). Declared on the route (`openapi_extra=body_limit(UPLOAD_BODY_BYTES)`), so a larger body is refused
# while it streams in, before it is read or parsed.
UPLOAD_BODY_BYTES = MAX_BYTES + 256 * 1024


class FileRepository(TenantRepository[StoredFile]):
    model = StoredFile


async def save_upload(
    session: AsyncSession,
    organization_id: uuid.UUID,
    *,
    filename: str,
    data: bytes,
    allowed: dict[str, str],
    field: str = "file",
    uploaded_by_id: uuid.UUID | None = None,
) -> StoredFile:
    """`allowed` maps content types to labels for the error message, e.g. {PDF: "PDF", DOCX: "Word"}."""
    if not data:
        raise ValidationFailed.on(field, "The file is empty.")
    if len(data) > MAX_BYTES:
        raise ValidationFailed.on(field, f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    content_type = sniff(data)
    if content_type not in allowed:
        raise ValidationFailed.on(field, f"Upload a {' or '.join(allowed.values())} file.")
    key = new_key(organization_id)
    await storage_from_settings().put(key, data)
    safe_name = "".join(c for c in filename if c.isprintable() and c not in '/\\"')[-200:] or "file"
    stored = FileRepository(session, organization_id).add(
        StoredFile(
            storage_key=key,
            filename=safe_name,
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by_id=uploaded_by_id,
        )
    )
    await session.flush()
    return stored


async def save_generated(
    session: AsyncSession,
    organization_id: uuid.UUID,
    *,
    filename: str,
    data: bytes,
    content_type: str,
    created_by_id: uuid.UUID | None = None,
) -> StoredFile:
    """Store a file the server produced itself (an export kept as a backup): its type is known, not sniffed."""
    key = new_key(organization_id)
    await storage_from_settings().put(key, data)
    stored = FileRepository(session, organization_id).add(
        StoredFile(
            storage_key=key,
            filename=filename[-200:],
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by_id=created_by_id,
        )
    )
    await session.flush()
    return stored


async def read(session: AsyncSession, organization_id: uuid.UUID, file_id: uuid.UUID) -> tuple[StoredFile, bytes]:
    stored = await FileRepository(session, organization_id).get(file_id)
    if stored is None:
        raise NotFound("File not found.")
    return stored, await storage_from_settings().get(stored.storage_key)


async def read_upload(upload: UploadFile, field: str) -> bytes:
    """An uploaded file's bytes, read no further than the size limit: a larger file is a 422 on `field`."""
    data = await upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationFailed.on(field, f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    return data


def content_disposition(disposition: str, filename: str) -> str:
    """A header any browser reads, for any file name (RFC 6266: ASCII fallback plus UTF-8 filename*)."""
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "")
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def stored_file_response(stored: StoredFile, data: bytes, inline: bool = False) -> Response:
    """A stored file as a download; `inline` lets a browser preview a PDF in place. Never cached, never sniffed."""
    disposition = "inline" if inline and stored.content_type == PDF else "attachment"
    return Response(
        data,
        media_type=stored.content_type,
        headers={
            "Content-Disposition": content_disposition(disposition, stored.filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
