"""What a batch costs the database: every candidate sends one every five seconds, so a batch runs a fixed,
small number of statements, and none of them reads the session's earlier events (the summary is updated in
place), however long the test has been running."""

import json
import uuid
from contextlib import asynccontextmanager

from sqlalchemy import event

from backend.proctoring.summary import refresh_by_id
from backend.test_sessions.integrity import any_session
from tests.assessments.helpers import setup_hiring
from tests.proctoring.helpers import EVENTS
from tests.proctoring.helpers import event as proctoring_event


@asynccontextmanager
async def statements(connection, args: list | None = None):
    """The statements sent on `connection`, both SQLAlchemy's and those sent straight to the driver (the compiled
    ones of backend/kit/sql.py), with their arguments in `args`."""
    seen: list[str] = []
    args = [] if args is None else args

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(" ".join(statement.split()))

    def record_driver(query):
        seen.append(" ".join(query.query.split()))
        args.append(query.args)

    sync = connection.sync_connection
    raw = (await connection.get_raw_connection()).driver_connection
    event.listen(sync, "before_cursor_execute", record)
    raw.add_query_logger(record_driver)
    try:
        yield seen
    finally:
        event.remove(sync, "before_cursor_execute", record)
        raw.remove_query_logger(record_driver)


async def test_a_batch_runs_a_few_statements_and_never_recounts_the_session(client, factory, session, connection):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    ada = await h.apply("Ada")
    player, _ = await h.start(ada["candidate"]["email"])
    seq = 0

    async def batch() -> list[str]:
        nonlocal seq
        events = [
            proctoring_event(seq + 1, "focus_lost", duration_ms=3_000),
            proctoring_event(seq + 2, "copy", length=20),
            proctoring_event(seq + 3, "paste", length=400),
        ]
        seq += 3
        async with statements(connection, sent) as seen:
            r = await client.post(EVENTS, json={"events": events}, headers=player)
        assert r.status_code == 200 and r.json()["accepted"] == 3, r.text
        return [s for s in seen if not s.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO"))]

    sent: list = []
    await batch()  # the first one creates the summary and reads the link's access log
    steady = await batch()
    for _ in range(20):
        await batch()
    later = await batch()
    # The player's invitation, session, rules and summary (locked); the insert; the summary's update with the live
    # monitor's notice.
    assert len(later) == len(steady) <= 3, "\n".join(later)
    reads_events = [s for s in later if "FROM proctoring_events" in s]
    assert reads_events == [], reads_events
    # The live monitor heard of the last batch (a NOTIFY on the recruiter's stream, sent at commit).
    notices = [json.loads(p) for a in sent[-3:] for v in a if isinstance(v, list) for p in v if "proctoring" in str(p)]
    assert notices and all(n["event"] == "proctoring" and n["data"]["new_events"] == 3 for n in notices), sent[-1]


async def test_the_summary_kept_in_place_matches_a_recount_and_the_high_tier_is_told_once(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    rules = [
        {"type": "right_click", "measure": "count", "high": 1},
        {"type": "focus_lost", "measure": "seconds", "medium": 30},
    ]
    r = await client.patch(
        "/api/v1/organization/settings", json={"proctoring": {"severity_rules": rules}}, headers=h.admin
    )
    assert r.status_code == 200, r.text
    ada = await h.apply("Ada")
    player, state = await h.start(ada["candidate"]["email"])
    sid = state["session_id"]

    async def post(*events):
        r = await client.post(EVENTS, json={"events": list(events)}, headers=player)
        assert r.status_code == 200, r.text
        return r.json()

    async def summary():
        return (await client.get(f"/api/v1/proctoring/sessions/{sid}/summary", headers=h.recruiter)).json()

    async def told():
        r = await client.get("/api/v1/notifications", params={"type": "proctoring"}, headers=h.recruiter)
        return [n for n in r.json()["items"] if n["entity_id"] == sid]

    await post(proctoring_event(1, "focus_lost", duration_ms=45_000), proctoring_event(3, "paste", length=900))
    await post(proctoring_event(4, "right_click"))
    medium = await summary()
    assert medium["tier"] == "medium" and medium["pending_reviews"] == 2 and medium["missing_events"] == 1
    assert medium["time_away_seconds"] == 45 and medium["largest_paste"] == 900
    assert await told() == []
    await post(proctoring_event(5, "right_click"))  # a second high-severity event: the high tier
    high = await summary()
    assert high["tier"] == "high" and high["pending_reviews"] == 3
    assert len(await told()) == 1
    await post(proctoring_event(2, "copy", length=5), proctoring_event(6, "right_click"))  # a late one, and more
    assert len(await told()) == 1  # once per session
    in_place = await summary()
    assert in_place["missing_events"] == 0 and in_place["counts"] == {
        "focus_lost": 1,
        "paste": 1,
        "right_click": 3,
        "copy": 1,
    }

    # The recount the close runs (the similarity check, in the worker) finds the same figures.
    s = await any_session(session, uuid.UUID(sid))
    await refresh_by_id(session, s)
    await session.commit()
    recounted = await summary()
    for key in ("tier", "reasons", "counts", "severity_counts", "time_away_seconds", "largest_paste"):
        assert recounted[key] == in_place[key], key
    assert recounted["missing_events"] == in_place["missing_events"]
    assert recounted["pending_reviews"] == in_place["pending_reviews"]
