"""The bare baseline: Starlette + asyncpg, no ORM, no dependency injection, no validation, JSON by hand.

Each route does what its API counterpart must do per request once the principal is known — decode the bearer
JWT with the same library, then run the same SQL statements the endpoint runs (its page query and, for
counted lists, the capped count) — so the ratio API / baseline is the price of the framework and the
architecture, not of the database. Run by `bench.api` as `uvicorn bench.baseline:app`.
"""

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import asyncpg
from jose import jwt
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from backend.auth.permissions import permissions_for
from backend.auth.tokens import signing_secret
from backend.config import get_settings
from backend.db import libpq_url

SETTINGS = get_settings()
SIGNING_SECRET = signing_secret()  # the configured secret, else the data directory's generated one
TOTAL_CAP = 1000


def _default(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, UUID | Decimal):
        return str(v)
    raise TypeError(type(v))


def _json(body: Any) -> Response:
    return Response(json.dumps(body, default=_default), media_type="application/json")


def _claims(request: Request) -> dict[str, Any]:
    token = request.headers["authorization"].partition(" ")[2]
    return jwt.decode(token, SIGNING_SECRET, algorithms=[SETTINGS.jwt_algorithm])


ME = """SELECT u.id, u.email, u.full_name, u.role, u.organization_id, u.time_zone, o.name, o.slug,
       o.settings ->> 'time_zone' AS org_time_zone
FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1"""

CANDIDATES = """SELECT id, first_name, last_name, email, phone, location, source, tags, owner_id, resume_file_id,
       created_at, updated_at
FROM candidates WHERE organization_id = $1 AND merged_into_id IS NULL AND deleted_at IS NULL
ORDER BY created_at DESC, id DESC LIMIT $2"""
CANDIDATES_COUNT = """SELECT count(*) FROM (SELECT 1 FROM candidates
WHERE organization_id = $1 AND merged_into_id IS NULL AND deleted_at IS NULL LIMIT $2) AS capped"""

REQUISITIONS = """SELECT id, title, department, location, employment_type, experience_level, description,
       requirements, required_skills, salary_min, salary_max, currency, positions_available, positions_filled,
       hiring_manager_id, created_by_id, status, published_at, closed_at, passing_score, stage_weights,
       created_at, updated_at
FROM requisitions WHERE organization_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"""
REQUISITIONS_COUNT = """SELECT count(*) FROM (SELECT 1 FROM requisitions WHERE organization_id = $1 LIMIT $2)
AS capped"""


async def me(request: Request) -> Response:
    user_id = UUID(_claims(request)["sub"])
    async with request.app.state.pool.acquire() as conn:
        r = await conn.fetchrow(ME, user_id)
    return _json(
        {
            "id": r["id"],
            "email": r["email"],
            "full_name": r["full_name"],
            "role": r["role"],
            "organization_id": r["organization_id"],
            "organization_name": r["name"],
            "organization_slug": r["slug"],
            "time_zone": r["time_zone"] or r["org_time_zone"] or "UTC",
            "permissions": sorted(permissions_for(r["role"])),
        }
    )


async def _page(request: Request, page_sql: str, count_sql: str) -> Response:
    org_id = UUID(_claims(request)["org"])
    limit = int(request.query_params.get("limit", "25"))
    async with request.app.state.pool.acquire() as conn:
        rows = await conn.fetch(page_sql, org_id, limit + 1)
        total = await conn.fetchval(count_sql, org_id, TOTAL_CAP + 1)
    items = []
    for r in rows[:limit]:
        item = dict(r)
        for key in ("required_skills", "stage_weights"):  # asyncpg hands jsonb over as text
            if key in item:
                item[key] = json.loads(item[key])
        items.append(item)
    last = rows[limit - 1] if len(rows) > limit else None
    cursor = f"{last['created_at'].isoformat()}|{last['id']}" if last else None
    return _json({"items": items, "next_cursor": cursor, "total": total if total <= TOTAL_CAP else None})


async def candidates(request: Request) -> Response:
    return await _page(request, CANDIDATES, CANDIDATES_COUNT)


async def requisitions(request: Request) -> Response:
    return await _page(request, REQUISITIONS, REQUISITIONS_COUNT)


async def healthz(_: Request) -> Response:
    return _json({"status": "ok"})


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    app.state.pool = await asyncpg.create_pool(libpq_url(os.environ["INTERVIEWFLOW_DATABASE_URL"]), max_size=10)
    yield
    await app.state.pool.close()


app = Starlette(
    routes=[
        Route("/healthz", healthz),
        Route("/auth/me", me),
        Route("/candidates", candidates),
        Route("/requisitions", requisitions),
    ],
    lifespan=lifespan,
)
