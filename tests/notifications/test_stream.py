"""Live notifications across API processes: two app instances on one database, LISTEN/NOTIFY in between."""

import asyncio
import json
from collections.abc import AsyncIterator

import httpx

from tests.committed import api_instance, committed_org, sign_in


async def _next_event(lines: AsyncIterator[str]) -> tuple[str, dict]:
    event_id, data = None, None
    async for line in lines:
        if line.startswith("id: "):
            event_id = line[4:]
        elif line.startswith("data: "):
            data = json.loads(line[6:])
        elif line == "" and data is not None:
            return event_id, data
    raise AssertionError("stream ended")


async def test_event_in_one_process_reaches_a_stream_on_another(real_db, migrated_url):
    _, users = await committed_org(real_db, "admin", "recruiter")
    async with api_instance(migrated_url) as a, api_instance(migrated_url) as b:
        admin = await sign_in(a, users["admin"].email)
        recruiter = await sign_in(b, users["recruiter"].email)
        announce = {"title": "Hello from A", "message": "live", "roles": ["recruiter"], "priority": "urgent"}

        async with (
            httpx.AsyncClient(base_url=b, timeout=10) as client_b,
            client_b.stream("GET", "/api/v1/notifications/stream", headers=recruiter) as stream,
        ):
            assert stream.headers["content-type"].startswith("text/event-stream")
            lines = stream.aiter_lines()
            async with httpx.AsyncClient(base_url=a) as client_a:
                r = await client_a.post("/api/v1/notifications/broadcast", json=announce, headers=admin)
                assert r.status_code == 200
            first_id, first = await asyncio.wait_for(_next_event(lines), timeout=10)
            assert first["title"] == "Hello from A" and first["priority"] == "urgent"

        # While the tab is closed, two more arrive; reconnecting with Last-Event-ID replays them in order.
        async with httpx.AsyncClient(base_url=a) as client_a:
            for title in ("Missed 1", "Missed 2"):
                await client_a.post("/api/v1/notifications/broadcast", json={**announce, "title": title}, headers=admin)
        async with (
            httpx.AsyncClient(base_url=b, timeout=10) as client_b,
            client_b.stream(
                "GET", "/api/v1/notifications/stream", headers={**recruiter, "Last-Event-ID": first_id}
            ) as stream,
        ):
            lines = stream.aiter_lines()
            titles = [(await asyncio.wait_for(_next_event(lines), timeout=10))[1]["title"] for _ in range(2)]
            assert titles == ["Missed 1", "Missed 2"]


async def test_heartbeats_keep_the_stream_alive(real_db, migrated_url):
    _, users = await committed_org(real_db, "recruiter")
    async with api_instance(migrated_url) as b:
        headers = await sign_in(b, users["recruiter"].email)
        async with (
            httpx.AsyncClient(base_url=b, timeout=10) as client,
            client.stream("GET", "/api/v1/notifications/stream", headers=headers) as stream,
        ):
            lines = stream.aiter_lines()
            seen = []
            while ": ping" not in seen:
                seen.append(await asyncio.wait_for(anext(lines), timeout=5))
            assert "retry: 3000" in seen
