"""Text with control characters is refused at the edge (bodies,
forms, query and path parameters, imports, cursors) with a 422 naming the field, and every export is safe to
open in a spreadsheet whatever is already stored."""

import base64
import csv
import io
import json
import uuid

from openpyxl import load_workbook
from pydantic import BaseModel

from backend.candidates.models import Candidate
from backend.kit.schemas import Schema

C = "/api/v1/candidates"


def _cursor(*items) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(items)).encode()).decode().rstrip("=")


def _field(r) -> str:
    assert r.status_code == 422, (r.status_code, r.text)
    assert r.headers["content-type"] == "application/problem+json"
    return r.json()["errors"][0]["field"]


async def test_nul_in_the_login_email_is_a_422_not_a_500(client):
    r = await client.post("/api/v1/auth/login", json={"email": "ada\u0000@example.com", "password": "x"})
    assert _field(r) == "body.email"


async def test_control_characters_in_query_parameters_are_422_on_public_and_private_lists(client, factory):
    assert _field(await client.get("/api/v1/public/organizations/acme/jobs", params={"q": "\x00"})) == "query.q"
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    for url in (C, "/api/v1/users", "/api/v1/requisitions", "/api/v1/email/outbox", "/api/v1/audit-logs"):
        r = await client.get(url, params={"q": "a\x00b"}, headers=headers)
        assert r.status_code == 422 and r.json()["errors"][0]["loc"][0] == "query", (url, r.text)
    assert _field(await client.get("/api/v1/email/templates/%00", headers=headers)) == "path.key"


async def test_control_characters_in_bodies_are_refused_even_when_nested(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    bad = {"first_name": "Eve\x01", "last_name": "X", "email": "eve@example.com"}
    assert _field(await client.post(C, json=bad, headers=headers)) == "body.first_name"
    ok = {"first_name": "Eve", "last_name": "X", "email": "eve@example.com", "tags": ["a\u0000"]}
    assert _field(await client.post(C, json=ok, headers=headers)) == "body.tags"
    lone_surrogate = '{"first_name": "\\ud800", "last_name": "X", "email": "eve2@example.com"}'
    r = await client.post(C, content=lone_surrogate, headers={**headers, "content-type": "application/json"})
    assert _field(r) == "body.first_name"
    # Line breaks and tabs are text.
    r = await client.post(C, json={**ok, "tags": [], "location": "Line 1\n\tLine 2"}, headers=headers)
    assert r.status_code == 201, r.text


def _inbound_models(routes) -> set[type]:
    out = set()
    for route in routes:
        if hasattr(route, "original_router"):  # an included router: its routes are inside
            out |= _inbound_models(route.original_router.routes)
        dependant = getattr(route, "dependant", None)
        for param in getattr(dependant, "body_params", []) if dependant else []:
            annotation = param.field_info.annotation
            for candidate in (annotation, *getattr(annotation, "__args__", ())):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    out.add(candidate)
    return out


def test_every_json_body_is_a_schema_so_it_gets_the_text_rule(app):
    models = _inbound_models(app.routes)
    assert models, "no body models found"
    assert [m.__name__ for m in models if not issubclass(m, Schema)] == []


async def test_a_tampered_cursor_is_a_422_naming_the_cursor(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    some_id = ["uuid", str(uuid.uuid4())]
    for cursor, sort in (
        (_cursor(["v", "yesterday"], some_id), None),  # a string where a timestamp is compared
        (_cursor(["v", 10**30], some_id), None),
        (_cursor(["dt", "2026-01-01T00:00:00"], some_id), None),  # no offset
        (_cursor(["v", "a\u0000"], some_id), "email"),
        (_cursor(["v", "a"], ["v", "not-a-uuid"]), "email"),
        (_cursor(["v", {"x": 1}], some_id), "email"),
        (_cursor(["dt", "2026-01-01T00:00:00+00:00"]), None),
        ("%%%", None),
    ):
        params = {"cursor": cursor, **({"sort": sort} if sort else {})}
        for url in (C, "/api/v1/users", *(() if sort else ("/api/v1/audit-logs",))):
            r = await client.get(url, params=params, headers=headers)
            assert _field(r) == "query.cursor", (url, cursor)


async def _stored_candidate(session, org, **fields) -> None:
    # Written straight to the database: data stored before the edge checked text.
    defaults = {"first_name": "Eve", "last_name": "X", "email": f"{uuid.uuid4().hex[:8]}@example.com"}
    session.add(Candidate(organization_id=org.id, **{**defaults, **fields}))
    await session.flush()
    await session.commit()


async def test_exports_neutralise_formulas_and_survive_stored_control_characters(client, factory, session):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    await _stored_candidate(session, org, first_name='=HYPERLINK("http://evil.example","x")', last_name="@SUM(A1)")
    await _stored_candidate(session, org, first_name="Eve\x01", last_name="-2+3")

    r = await client.get(f"{C}/export", params={"format": "xlsx"}, headers=headers)
    assert r.status_code == 200, r.text
    sheet = load_workbook(io.BytesIO(r.content)).worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    names = {c.value for c in cells}
    assert '=HYPERLINK("http://evil.example","x")' in names and "Eve" in names

    r = await client.get(f"{C}/export", headers=headers)
    rows = list(csv.DictReader(io.StringIO(r.text)))
    values = [v for row in rows for v in row.values()]
    assert all(not v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in values)
    assert '\'=HYPERLINK("http://evil.example","x")' in values and "'-2+3" in values

    r = await client.get("/api/v1/audit-logs/export", headers=headers)
    assert r.status_code == 200


async def test_an_import_with_control_characters_names_the_row_and_column(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    data = b"first_name,last_name,email\nEve\x01,X,eve@example.com\n"
    r = await client.post(f"{C}/import", files={"file": ("c.csv", data, "text/csv")}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["column"] == "first_name"
