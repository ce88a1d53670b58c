"""Test starts and edits of the same questions, on committed data with a connection each: starts never wait for
each other, an edit and a start never interleave (whichever commits first, no session ever sees content that
changed under it), and decisions about a served version are exact before the served counts are recounted."""

import asyncio
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace

import httpx
import pytest
from procrastinate.jobs import Job
from sqlalchemy import select, text

from backend.auth.principal import Principal
from backend.errors import Conflict
from backend.invitations.models import Invitation
from backend.invitations.player_auth import Player
from backend.questions import serving
from backend.questions.models import Question, QuestionVersion
from backend.questions.schemas import QuestionUpdate
from backend.questions.service import QuestionService
from backend.questions.tasks import recount_served_versions
from backend.test_sessions.models import TestAnswer
from backend.test_sessions.player import PlayerService
from tests.assessments.helpers import committed_hiring
from tests.committed import api_instance
from tests.questions.samples import mcq

REWORDED = QuestionUpdate.model_validate(
    {k: v for k, v in mcq("x", title="Reworded while a test starts").items() if k not in ("bank_id", "tags")}
)


async def _waiting_for_a_lock(real_db) -> None:
    """Until some backend of this database waits on a row lock (no sleeping on a guess)."""
    for _ in range(500):
        async with real_db.sessionmaker() as session:
            waiting = await session.execute(
                text("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
            )
            if waiting.first():
                return
        await asyncio.sleep(0.01)
    raise AssertionError("the edit never waited for the exposure's lock")


async def _exam(real_db, migrated_url, candidates: int):
    """A committed assessment of one multiple-choice question, `candidates` candidates invited to it (their
    players, as the player token names them), and an admin who edits questions."""
    async with (
        api_instance(migrated_url) as base,
        httpx.AsyncClient(base_url=base) as client,
        real_db.sessionmaker() as reader,
    ):
        h = await committed_hiring(client, reader, real_db, kinds=("mcq_single",))
        links = [await h.apply(f"Cand{i}") for i in range(candidates)]
    now = int(datetime.now(UTC).timestamp())
    players = []
    async with real_db.sessionmaker() as session:
        for link in links:
            inv = await session.get(Invitation, uuid.UUID(link["invitation"]["id"]))
            assert inv is not None
            players.append(Player(inv.id, inv.organization_id, inv.token_version, auth_at=now, expires_at=now + 3600))
        admin = await _admin(session, h.org.id)
    return h.org.id, uuid.UUID(h.questions["mcq_single"]["id"]), players, admin


async def _admin(session, org_id) -> Principal:
    from backend.users.models import User

    user = (
        await session.execute(select(User).where(User.organization_id == org_id, User.role == "admin"))
    ).scalar_one()
    return Principal.of_user(user.id, org_id, user.role, user.email)


async def _counts(real_db, question_id) -> tuple[int, list[tuple[int, int, bool]]]:
    """The question's times_served, and (number, times_served, has last_served_at) of each of its versions."""
    async with real_db.sessionmaker() as session:
        q = await session.get(Question, question_id)
        assert q is not None
        versions = (
            await session.execute(
                select(QuestionVersion).where(QuestionVersion.question_id == question_id).order_by("number")
            )
        ).scalars()
        return q.times_served, [(v.number, v.times_served, v.last_served_at is not None) for v in versions]


async def _recount_jobs(real_db, org_id) -> list[Job]:
    """The recount jobs the starts queued, oldest first (they stay queued: no worker runs in these tests)."""
    async with real_db.sessionmaker() as session:
        rows = await session.execute(
            text(
                "SELECT id, lock, args FROM procrastinate_jobs WHERE task_name = :task "
                "AND args->>'organization_id' = :org ORDER BY id"
            ),
            {"task": serving.RECOUNT_TASK, "org": str(org_id)},
        )
        return [
            Job(id=i, queue="default", lock=lock, queueing_lock=None, task_name=serving.RECOUNT_TASK, task_kwargs=a)
            for i, lock, a in rows.all()
        ]


async def _run(jobs: list[Job]) -> None:
    """Run these jobs' task as the worker would."""
    for job in jobs:
        await recount_served_versions(SimpleNamespace(job=job), **job.task_kwargs)


async def _run_recount_jobs(real_db, org_id) -> int:
    jobs = await _recount_jobs(real_db, org_id)
    await _run(jobs)
    return len(jobs)


async def test_two_starts_of_the_same_assessment_never_wait_for_each_other(real_db, migrated_url):
    org_id, question_id, (ada, bob), _ = await _exam(real_db, migrated_url, 2)
    async with real_db.sessionmaker() as first, real_db.sessionmaker() as second, first.begin():
        one = await PlayerService(first, ada).start()
        async with second.begin():
            # Were the second start to wait for the first's row lock, it would wait for a commit that comes only
            # after it returns: the lock timeout turns that into an error instead of a hung test.
            await second.execute(text("SET LOCAL lock_timeout = '20s'"))
            two = await PlayerService(second, bob).start()
            # Both starts hold their sessions while neither has committed.
            assert one.id != two.id
        # The first start commits after the second.
    async with real_db.sessionmaker() as session:
        given = (
            await session.execute(select(TestAnswer.session_id).where(TestAnswer.session_id.in_([one.id, two.id])))
        ).scalars()
        assert sorted(given) == sorted([one.id, two.id])

    # No start wrote the counters: the recount jobs do, from the answers. The first start's recount leaves the
    # work to the second's, queued after it for the same version; that one counts both starts.
    assert await _counts(real_db, question_id) == (0, [(1, 0, False)])
    first_job, second_job = await _recount_jobs(real_db, org_id)
    await _run([first_job])
    assert await _counts(real_db, question_id) == (0, [(1, 0, False)])
    await _run([second_job])
    assert await _counts(real_db, question_id) == (2, [(1, 2, True)])
    # Run again (a retry, a duplicate), or the recount itself twice: the same numbers.
    await _run([first_job, second_job])
    async with real_db.sessionmaker() as session, session.begin():
        of_question = select(QuestionVersion.id).where(QuestionVersion.question_id == question_id)
        versions = list((await session.execute(of_question)).scalars())
        await serving.recount_served(session, org_id, versions)
        await serving.recount_served(session, org_id, versions)
    assert await _counts(real_db, question_id) == (2, [(1, 2, True)])


async def test_a_served_question_is_versioned_and_kept_before_its_counts_are_recounted(real_db, migrated_url):
    org_id, question_id, (ada,), admin = await _exam(real_db, migrated_url, 1)
    async with real_db.sessionmaker() as session, session.begin():
        await PlayerService(session, ada).start()
    assert await _counts(real_db, question_id) == (0, [(1, 0, False)])  # the recount has not run

    async with real_db.sessionmaker() as session, session.begin():
        view = await QuestionService(session, admin).author_view(question_id)
        assert view.times_served == 0 and view.edit_creates_version is True
        with pytest.raises(Conflict):
            await QuestionService(session, admin).delete(question_id)
    async with real_db.sessionmaker() as session, session.begin():
        saved = await QuestionService(session, admin).replace(question_id, REWORDED)
    assert saved.version == 2 and saved.edit_creates_version is False

    await _run_recount_jobs(real_db, org_id)
    assert await _counts(real_db, question_id) == (1, [(1, 1, True), (2, 0, False)])


async def test_an_edit_waits_for_a_concurrent_start_and_then_creates_a_version(real_db, migrated_url):
    _, question_id, (ada,), admin = await _exam(real_db, migrated_url, 1)
    async with real_db.sessionmaker() as session:
        q = await session.get(Question, question_id)
        assert q is not None
        first_version = q.current_version_id

    async def save():
        async with real_db.sessionmaker() as session, session.begin():
            return await QuestionService(session, admin).replace(question_id, REWORDED)

    async with real_db.sessionmaker() as starting:
        async with starting.begin():
            started = await PlayerService(starting, ada).start()
            saving = asyncio.create_task(save())
            await _waiting_for_a_lock(real_db)
        saved = await saving

    # The edit saw the committed start (not a counter: the recount has not run) and left the version it served alone.
    assert saved.version == 2 and saved.version_meta.version_id != first_version
    async with real_db.sessionmaker() as session:
        served = await session.get(QuestionVersion, first_version)
        assert served is not None and served.title == "Big-O of binary search"
        answer = (await session.execute(select(TestAnswer).where(TestAnswer.session_id == started.id))).scalar_one()
        assert answer.question_version_id == first_version and answer.title == "Big-O of binary search"


async def test_a_start_waits_for_a_concurrent_edit_and_serves_what_it_saved(real_db, migrated_url):
    _, question_id, (ada,), admin = await _exam(real_db, migrated_url, 1)

    async def start():
        async with real_db.sessionmaker() as session, session.begin():
            return await PlayerService(session, ada).start()

    async with real_db.sessionmaker() as editing:
        async with editing.begin():
            saved = await QuestionService(editing, admin).replace(question_id, REWORDED)
            starting = asyncio.create_task(start())
            await _waiting_for_a_lock(real_db)
        started = await starting

    # Never served before the edit: changed in place, and the start that waited serves the edited content.
    assert saved.version == 1
    async with real_db.sessionmaker() as session:
        answer = (await session.execute(select(TestAnswer).where(TestAnswer.session_id == started.id))).scalar_one()
        assert answer.question_version_id == saved.version_meta.version_id
        assert answer.title == "Reworded while a test starts"
