"""Races a test meets in real life, against a real API instance with its own connections: two tabs autosaving
the same answer, a double submit, and autosaves racing the deadline. Whatever the order the server sees them
in, the newest revision is kept, the test closes once, and nothing saved before the close is lost."""

import asyncio
import random

import httpx
from sqlalchemy import func, select, text, update

from backend.audit.models import AuditLog
from backend.test_sessions import closing
from backend.test_sessions.models import TestAnswer, TestSession
from tests.assessments.helpers import PLAYER, by_type, committed_hiring
from tests.committed import api_instance


async def _started(real_db, migrated_url, base):
    async with httpx.AsyncClient(base_url=base) as client, real_db.sessionmaker() as reader:
        h = await committed_hiring(client, reader, real_db)
        ada = await h.apply("Ada")
        player, state = await h.start(ada["candidate"]["email"])
        return player, state


async def test_two_tabs_autosaving_the_same_answer_keep_the_newest_revision(real_db, migrated_url):
    async with api_instance(migrated_url) as base:
        player, state = await _started(real_db, migrated_url, base)
        essay = by_type(state)["essay"]
        revisions = list(range(1, 41))
        random.Random(7).shuffle(revisions)  # the network reorders the tabs' requests

        async def tab(revs: list[int]) -> list[dict]:
            async with httpx.AsyncClient(base_url=base, headers=player) as c:

                async def one(rev: int) -> dict:
                    r = await c.put(
                        f"{PLAYER}/session/answers/{essay}",
                        json={"revision": rev, "answer": {"type": "text", "text": f"draft {rev}"}},
                    )
                    assert r.status_code == 200, r.text
                    return r.json()

                return await asyncio.gather(*(one(r) for r in revs))

        first, second = await asyncio.gather(tab(revisions[::2]), tab(revisions[1::2]))
        answers = first + second
        # Every answer tells the truth: applied, or the revision the server holds, which is never older.
        assert all(a["applied"] or a["revision"] >= 1 for a in answers)
        assert max(a["revision"] for a in answers) == 40
        async with httpx.AsyncClient(base_url=base, headers=player) as c:
            q = (await c.get(f"{PLAYER}/session/questions/{essay}")).json()
        assert q["revision"] == 40 and q["answer"]["text"] == "draft 40"


async def test_a_double_submit_closes_the_test_once(real_db, migrated_url):
    async with api_instance(migrated_url) as base:
        player, state = await _started(real_db, migrated_url, base)
        async with (
            httpx.AsyncClient(base_url=base, headers=player) as a,
            httpx.AsyncClient(base_url=base, headers=player) as b,
        ):
            r1, r2 = await asyncio.gather(a.post(f"{PLAYER}/session/submit"), b.post(f"{PLAYER}/session/submit"))
        assert r1.status_code == r2.status_code == 200, (r1.text, r2.text)
        assert r1.json()["status"] == r2.json()["status"] == "submitted"
        async with real_db.sessionmaker() as session:
            closed = (
                await session.execute(
                    select(func.count())
                    .select_from(AuditLog)
                    .where(AuditLog.action == "test_session.submitted", AuditLog.entity_id == str(state["session_id"]))
                )
            ).scalar_one()
        assert closed == 1


async def test_autosaves_racing_the_deadline_are_kept_or_refused_never_lost(real_db, migrated_url):
    async with api_instance(migrated_url) as base:
        player, state = await _started(real_db, migrated_url, base)
        essay = by_type(state)["essay"]
        session_id = state["session_id"]
        outcomes: list[tuple[int, int, dict]] = []

        async def keep_saving(c: httpx.AsyncClient, start: int) -> None:
            rev = start
            while True:
                r = await c.put(
                    f"{PLAYER}/session/answers/{essay}",
                    json={"revision": rev, "answer": {"type": "text", "text": f"draft {rev}"}},
                )
                outcomes.append((rev, r.status_code, r.json()))
                if r.status_code == 409:
                    return
                rev += 2

        async def close_when_due() -> None:
            # Once the tabs are saving, the deadline arrives (the session's and its answers' closing time, as the
            # start set them, moved to now) and the close runs while the autosaves keep coming.
            while sum(1 for o in outcomes if o[1] == 200) < 4:
                await asyncio.sleep(0.01)
            async with real_db.sessionmaker() as session, session.begin():
                # A moment ahead of the database's clock, so that the deadline falls while both tabs are saving.
                deadline = (
                    await session.execute(select(func.clock_timestamp() + text("interval '200 ms'")))
                ).scalar_one()
                await session.execute(
                    update(TestSession).where(TestSession.id == session_id).values(deadline_at=deadline)
                )
                await session.execute(
                    update(TestAnswer).where(TestAnswer.session_id == session_id).values(closes_at=deadline)
                )
            while True:
                async with real_db.sessionmaker() as session, session.begin():
                    if await closing.close_if_due(session, session_id):
                        return
                await asyncio.sleep(0.02)

        async with (
            httpx.AsyncClient(base_url=base, headers=player) as a,
            httpx.AsyncClient(base_url=base, headers=player) as b,
        ):
            await asyncio.gather(keep_saving(a, 1), keep_saving(b, 2), close_when_due())

        refused = [o for o in outcomes if o[1] == 409]
        assert refused and all(o[2]["type"].endswith("/test-closed") for o in refused)
        applied = [rev for rev, code, body in outcomes if code == 200 and body["applied"]]
        assert applied, f"no autosave landed before the close: {outcomes[:4]}"
        async with real_db.sessionmaker() as session:
            s = await session.get(TestSession, session_id)
            a = (
                await session.execute(
                    select(TestAnswer).where(TestAnswer.session_id == session_id, TestAnswer.position == essay)
                )
            ).scalar_one()
        assert s is not None and s.status == "timed_out"
        # The last write the server accepted is the one kept (and graded), and none was taken after the close.
        assert a.revision == max(applied) and a.answer == {"type": "text", "text": f"draft {max(applied)}"}
        assert a.saved_at is not None and s.closed_at is not None and a.saved_at <= s.closed_at
