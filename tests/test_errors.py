"""One error shape everywhere (RFC 9457), and no internals in a 500."""

from fastapi import APIRouter


async def test_unknown_api_route_is_problem_json_404(client):
    r = await client.get("/api/v1/nope")
    assert r.status_code == 404
    body = r.json()
    assert r.headers["content-type"] == "application/problem+json"
    assert body["type"].endswith("/not-found") and body["instance"] == "/api/v1/nope" and body["request_id"]


async def test_wrong_method_is_405_problem(client):
    r = await client.delete("/api/v1/auth/me")
    assert r.status_code == 405 and r.json()["status"] == 405


async def test_malformed_uuid_in_path_is_422_with_field(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org)
    r = await client.get("/api/v1/users/not-a-uuid", headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "path.user_id"


async def test_unexpected_exception_is_a_generic_500_with_request_id(app, caplog):
    import httpx

    boom = APIRouter()

    @boom.get("/api/v1/boom")
    async def explode() -> None:
        raise RuntimeError("secret database password is hunter2")

    app.include_router(boom)
    app.router.routes.insert(0, app.router.routes.pop())  # ahead of the SPA catch-all
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        r = await c.get("/api/v1/boom", headers={"X-Request-ID": "req-500"})
    assert r.status_code == 500
    assert "hunter2" not in r.text and r.json()["request_id"] == "req-500"
    assert any("unhandled error" in rec.message for rec in caplog.records)


async def test_a_connection_pool_that_stays_exhausted_is_a_503_with_retry_after(app):
    """Overload is not a bug: the client is told to come back (and the test player's queue does)."""
    import httpx
    import sqlalchemy.exc

    busy = APIRouter()

    @busy.get("/api/v1/busy")
    async def exhausted() -> None:
        raise sqlalchemy.exc.TimeoutError("QueuePool limit of size 10 overflow 10 reached")

    app.include_router(busy)
    app.router.routes.insert(0, app.router.routes.pop())  # ahead of the SPA catch-all
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        r = await c.get("/api/v1/busy")
    assert r.status_code == 503 and r.headers["retry-after"] == "5"
    assert r.json()["type"].endswith("/busy") and "QueuePool" not in r.text
