"""Keyset (cursor) pagination and sorting: stable under inserts and fast at any depth.

A sort key is a column expression; the primary key breaks ties, in the same direction, so the pair is a strict
total order and `(key, id) > (last_key, last_id)` is one index range scan.

`total` never costs a full count: matching rows are counted up to TOTAL_CAP, and past it `total` is None
(the client shows "more"). A page thus costs the same at ten thousand rows as at a million.
"""

import base64
import binascii
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Query
from sqlalchemy import Select, SQLColumnExpression, func, literal_column, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from backend.errors import ValidationFailed
from backend.kit.text import has_control_characters

MAX_LIMIT = 100
# Lists count their matching rows up to this many; beyond it the count would cost more than the page.
TOTAL_CAP = 1000


@dataclass(frozen=True)
class PageParams:
    limit: int
    cursor: str | None
    sort: str | None


# async: FastAPI runs a plain `def` dependency in a worker thread, a thread hop on every list request.
async def page_params(
    limit: int = Query(25, ge=1, le=MAX_LIMIT, description="Page size (at most 100)."),
    cursor: str | None = Query(None, max_length=512, description="Opaque cursor from the previous page."),
    sort: str | None = Query(None, max_length=64, description="Sort field; prefix with '-' for descending."),
) -> PageParams:
    return PageParams(limit, cursor, sort)


def _encode(values: list[Any]) -> str:
    def enc(v: Any) -> list[Any]:
        if isinstance(v, datetime):
            return ["dt", v.isoformat()]
        if isinstance(v, uuid.UUID):
            return ["uuid", str(v)]
        return ["v", v]

    raw = json.dumps([enc(v) for v in values]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _invalid_cursor() -> ValidationFailed:
    return ValidationFailed.on(
        "cursor", "Invalid cursor", detail="The cursor is not valid; start again from the first page.", where="query"
    )


def id_cursor(cursor: str | None) -> int | None:
    """The last id of the previous page, for a list keyed on an increasing integer id that is not ours to encode
    (the job queue's table): the cursor is the id itself, and anything else is the same 422 as a bad cursor."""
    if not cursor:
        return None
    try:
        return int(cursor)
    except ValueError as exc:
        raise _invalid_cursor() from exc


_INT64 = (-(2**63), 2**63 - 1)


def _matches(value: Any, key: SQLColumnExpression[Any]) -> bool:
    """A decoded key must have the Python type of the sort column: a cursor made for another sort, or edited by
    hand, would otherwise reach the database as a comparison it cannot make (a 500)."""
    if value is None:
        return True
    try:
        expected: type = key.type.python_type  # type: ignore[attr-defined]
    except NotImplementedError:
        expected = object
    if isinstance(value, bool) or not isinstance(value, expected):
        return False
    if isinstance(value, int):
        return _INT64[0] <= value <= _INT64[1]
    if isinstance(value, str):
        return not has_control_characters(value)
    if isinstance(value, datetime):
        return value.tzinfo is not None
    return True


def _decode(cursor: str, key: SQLColumnExpression[Any] | None = None) -> list[Any]:
    def dec(item: list[Any]) -> Any:
        tag, v = item
        if tag == "dt":
            return datetime.fromisoformat(v)
        if tag == "uuid":
            return uuid.UUID(v)
        if tag == "v" and (v is None or isinstance(v, str | int | float)):
            return v
        raise ValueError("unknown cursor value")

    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        items = json.loads(raw)
        values = [dec(i) for i in items]
    except (binascii.Error, ValueError, TypeError, json.JSONDecodeError) as exc:
        raise _invalid_cursor() from exc
    if key is not None and (len(values) != 2 or not isinstance(values[1], uuid.UUID) or not _matches(values[0], key)):
        raise _invalid_cursor()
    return values


async def paginate(
    session: AsyncSession,
    stmt: Select[*tuple[Any, ...]],
    *,
    sortable: Mapping[str, SQLColumnExpression[Any]],
    id_column: SQLColumnExpression[Any],
    params: PageParams,
    default_sort: str = "-created_at",
    with_total: bool = True,
    count: Select[*tuple[Any, ...]] | None = None,
) -> tuple[list[Any], str | None, int | None]:
    """A page of `stmt` in the order `params.sort` names. `count`: what to count instead of `stmt` for `total`,
    when the same rows can be counted without the joins that only add columns for display."""
    sort = params.sort or default_sort
    descending = sort.startswith("-")
    key = sortable.get(sort.lstrip("-"))
    if key is None:
        allowed = ", ".join(sorted(sortable))
        raise ValidationFailed.on(
            "sort",
            f"Allowed: {allowed}",
            detail=f"Cannot sort by '{sort}'. Allowed: {allowed} (prefix '-' for descending).",
            where="query",
            type="enum",
        )

    where = count if count is not None else stmt
    pair = tuple_(key, id_column)
    if params.cursor:
        last = tuple_(*_decode(params.cursor, key))
        stmt = stmt.where(pair < last if descending else pair > last)
    order = (key.desc(), id_column.desc()) if descending else (key.asc(), id_column.asc())
    extra: list[Any] = [key.label("_sort_key"), id_column.label("_sort_id")]
    if with_total:
        # The capped count rides along as an uncorrelated subquery: PostgreSQL computes it once, and the list
        # costs one statement, not two.
        extra.append(_capped_count_query(where).scalar_subquery().label("_total"))
    stmt = stmt.add_columns(*extra).order_by(*order)
    rows = (await session.execute(stmt.limit(params.limit + 1))).all()
    has_more = len(rows) > params.limit
    rows = rows[: params.limit]
    total = None
    if with_total:
        if rows:
            total = rows[0][-1]
        elif params.cursor:  # past the end: nothing to carry the count, so ask for it
            total = (await session.execute(_capped_count_query(where))).scalar_one()
        else:
            total = 0
        total = total if total <= TOTAL_CAP else None
    # One entity (or column) selected: that value; several columns: the row (the trailing keyset and total
    # columns are left unused).
    single = bool(rows) and len(rows[0]) == len(extra) + 1
    items = [r[0] if single else r for r in rows]
    next_cursor = None
    if has_more and rows:
        key_at = len(rows[-1]) - len(extra)  # where the trailing _sort_key and _sort_id sit
        next_cursor = _encode([rows[-1][key_at], rows[-1][key_at + 1]])
    return items, next_cursor, total


def _capped_count_query(stmt: Select[*tuple[Any, ...]]) -> Select[Any]:
    """How many rows `stmt` matches, counted up to TOTAL_CAP + 1 (more than TOTAL_CAP: "more")."""
    matching: Select[Any] = stmt.with_only_columns(literal_column("1"), maintain_column_froms=True).order_by(None)
    return select(func.count()).select_from(matching.limit(TOTAL_CAP + 1).subquery())
