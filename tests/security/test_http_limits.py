"""Request bodies are capped per route while they stream in (before any
parsing), and every response carries the security headers."""

import json

from backend.files.service import MAX_BYTES
from tests.documents import PDF_BYTES

MB = 1024 * 1024


async def _streamed(size: int, chunk: int = 64 * 1024):
    """A body without Content-Length, sent in chunks: the cap must count bytes as they arrive."""
    sent = 0
    while sent < size:
        part = b" " * min(chunk, size - sent)
        sent += len(part)
        yield part


async def test_a_large_json_body_to_the_anonymous_login_is_refused_before_parsing(client):
    big = json.dumps({"email": "a@example.com", "password": "x" * (50 * MB)})
    r = await client.post("/api/v1/auth/login", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json"
    r = await client.post("/api/v1/auth/login", content=_streamed(3 * MB), headers={"content-type": "application/json"})
    assert r.status_code == 413


async def test_uploads_get_their_own_larger_cap_and_no_more(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    cand = await client.post(
        "/api/v1/candidates", json={"first_name": "A", "last_name": "B", "email": "ab@example.com"}, headers=headers
    )
    url = f"/api/v1/candidates/{cand.json()['id']}/resume"
    ok = await client.post(
        url, files={"file": ("cv.pdf", PDF_BYTES + b" " * (2 * MB), "application/pdf")}, headers=headers
    )
    assert ok.status_code == 200, ok.text  # above the 1 MiB default, within the upload cap
    huge = PDF_BYTES + b" " * (MAX_BYTES + MB)
    r = await client.post(url, files={"file": ("cv.pdf", huge, "application/pdf")}, headers=headers)
    assert r.status_code == 413


async def test_security_headers_on_the_spa_and_the_api(client):
    spa = await client.get("/candidates")
    csp = spa.headers["content-security-policy"]
    assert (
        "frame-ancestors 'none'" in csp
        and "script-src 'self'" in csp
        and "'unsafe-inline'" in csp.split("style-src")[1].split(";")[0]
    )
    assert "script-src 'self';" in csp  # no inline script, no eval
    api = await client.get("/api/v1/public/organizations/nobody/jobs")
    for r in (spa, api):
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "strict-transport-security" not in r.headers  # plain HTTP here
    assert api.headers["content-security-policy"].startswith("default-src 'none'")


async def test_hsts_only_over_https(app):
    import httpx

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://test") as secure:
        r = await secure.get("/healthz")
    assert r.headers["strict-transport-security"].startswith("max-age=")
