async def test_healthz_and_readyz(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    r = await client.get("/readyz")
    assert r.status_code == 200 and r.json()["database"] == "ok"


async def test_request_id_is_echoed_or_generated(client):
    r = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    r = await client.get("/healthz")
    assert len(r.headers["x-request-id"]) == 32


async def test_metrics_count_requests_by_route_template(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org)
    await client.get("/api/v1/users/00000000-0000-0000-0000-000000000000", headers=headers)
    body = (await client.get("/metrics")).text
    assert 'route="/api/v1/users/{user_id}"' in body
    assert "interviewflow_http_request_duration_seconds_bucket" in body


async def test_openapi_and_docs_are_served(client):
    spec = (await client.get("/api/v1/openapi.json")).json()
    assert "/api/v1/users" in spec["paths"]
    assert (await client.get("/api/v1/docs")).status_code == 200
