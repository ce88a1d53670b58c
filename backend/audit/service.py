"""Writing and reading the audit trail. Every state-changing service call records one entry in the same
transaction as the change, so an entry exists exactly when the change does."""

import csv
import io
import json
import uuid
from collections.abc import AsyncIterator
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import SQLColumnExpression
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.audit.models import AuditLog
from backend.audit.repository import AuditRepository
from backend.audit.schemas import AuditFilters
from backend.auth.principal import Principal
from backend.kit.pagination import PageParams, paginate
from backend.kit.spreadsheet import csv_cell
from backend.request_context import client_var, request_id_var


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: _jsonable(getattr(obj, f)) for f in fields}


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields whose value differs, on both sides."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


async def record(
    session: AsyncSession,
    actor: Principal | None,
    action: str,
    entity_type: str,
    entity_id: Any,
    *,
    organization_id: uuid.UUID | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor_label: str | None = None,
) -> AuditLog:
    client = client_var.get()
    entry = AuditLog(
        organization_id=organization_id,
        actor_type=actor.kind if actor else ("anonymous" if actor_label else "system"),
        actor_id=actor.id if actor else None,
        actor_label=actor.label if actor else actor_label,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id) if entity_id is not None else None,
        before=_jsonable(before) if before else None,
        after=_jsonable(after) if after else None,
        ip=client.ip,
        user_agent=(client.user_agent or "")[:512] or None,
        request_id=request_id_var.get(),
    )
    session.add(entry)
    return entry


async def record_changes(
    session: AsyncSession,
    actor: Principal | None,
    action: str,
    entity_type: str,
    entity_id: Any,
    *,
    organization_id: uuid.UUID | None,
    before: dict[str, Any],
    after: dict[str, Any],
) -> AuditLog | None:
    """An edit's entry, with only the fields that changed (before and after); none when nothing did (a save that
    changes nothing leaves no trace)."""
    old, new = changed(before, after)
    if not new:
        return None
    return await record(
        session, actor, action, entity_type, entity_id, organization_id=organization_id, before=old, after=new
    )


SORTABLE: dict[str, SQLColumnExpression[Any]] = {"created_at": AuditLog.created_at, "action": AuditLog.action}


async def list_entries(
    session: AsyncSession, principal: Principal, filters: AuditFilters, params: PageParams
) -> tuple[list[Any], str | None]:
    repo = AuditRepository(session, principal.organization_id)
    items, cursor, _ = await paginate(
        session,
        repo.filtered(filters, rows=True),
        sortable=SORTABLE,
        id_column=AuditLog.id,
        params=params,
        with_total=False,
    )
    return items, cursor


CSV_COLUMNS = (
    "created_at",
    "actor_type",
    "actor_label",
    "actor_id",
    "action",
    "entity_type",
    "entity_id",
    "before",
    "after",
    "ip",
    "user_agent",
    "request_id",
    "id",
)


async def export_csv(
    sessionmaker: async_sessionmaker[AsyncSession], organization_id: uuid.UUID | None, filters: AuditFilters
) -> AsyncIterator[str]:
    """Stream rows as CSV in batches, so an export of a million entries never sits in memory.

    The response body is produced after the endpoint has returned, so the stream owns its own session.
    """
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    yield _drain(buf)
    async with sessionmaker() as session:
        async for batch in AuditRepository(session, organization_id).stream(filters):
            for e in batch:
                writer.writerow(
                    csv_cell(v)
                    for v in [
                        e.created_at.isoformat(),
                        e.actor_type,
                        e.actor_label,
                        e.actor_id,
                        e.action,
                        e.entity_type,
                        e.entity_id,
                        json.dumps(e.before) if e.before else "",
                        json.dumps(e.after) if e.after else "",
                        e.ip,
                        e.user_agent,
                        e.request_id,
                        e.id,
                    ]
                )
            yield _drain(buf)


def _drain(buf: io.StringIO) -> str:
    out = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    return out
