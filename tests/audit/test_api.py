import csv
import io

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

AUDIT = "/api/v1/audit-logs"


async def _make_history(client, factory):
    org = await factory.org()
    admin, headers = await factory.user_and_headers(org, "admin")
    user = await factory.user(org, "interviewer")
    await client.patch(f"/api/v1/users/{user.id}", json={"full_name": "Renamed"}, headers=headers)
    await client.post(f"/api/v1/users/{user.id}/deactivate", headers=headers)
    return org, admin, user, headers


async def test_filters_and_pagination(client, factory):
    _, admin, user, headers = await _make_history(client, factory)
    r = await client.get(AUDIT, params={"entity_id": str(user.id)}, headers=headers)
    actions = [e["action"] for e in r.json()["items"]]
    assert actions == ["user.deactivated", "user.updated"]  # newest first
    r = await client.get(AUDIT, params={"action": "user.updated"}, headers=headers)
    (entry,) = r.json()["items"]
    assert entry["before"] == {"full_name": "Interviewer Person"} and entry["after"] == {"full_name": "Renamed"}
    assert entry["actor_id"] == str(admin.id) and entry["actor_label"] == admin.email

    r = await client.get(AUDIT, params={"actor_id": str(admin.id), "limit": 1}, headers=headers)
    first = r.json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = (
        await client.get(
            AUDIT, params={"actor_id": str(admin.id), "limit": 1, "cursor": first["next_cursor"]}, headers=headers
        )
    ).json()
    assert second["items"][0]["id"] != first["items"][0]["id"]

    r = await client.get(AUDIT, params={"since": "2999-01-01T00:00:00Z"}, headers=headers)
    assert r.json()["items"] == []
    r = await client.get(AUDIT, params={"since": "yesterday"}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "query.since"


async def test_csv_export_streams_filtered_rows(client, factory):
    _, _, user, headers = await _make_history(client, factory)
    r = await client.get(f"{AUDIT}/export", params={"entity_id": str(user.id)}, headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["action"] for row in rows] == ["user.deactivated", "user.updated"]


async def test_audit_log_is_append_only_in_the_database(connection):
    await connection.execute(
        text("INSERT INTO audit_logs (actor_type, action, entity_type) VALUES ('system', 'test.entry', 'test')")
    )
    for statement in ("UPDATE audit_logs SET action = 'rewritten'", "DELETE FROM audit_logs", "TRUNCATE audit_logs"):
        savepoint = await connection.begin_nested()
        with pytest.raises(DBAPIError, match="append-only"):
            await connection.execute(text(statement))
        await savepoint.rollback()


async def test_interviewer_cannot_read_the_audit_log(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "interviewer")
    assert (await client.get(AUDIT, headers=headers)).status_code == 403
    assert (await client.get(f"{AUDIT}/export", headers=headers)).status_code == 403
