"""An edit racing the first exposure of a version: whichever commits first, no session ever sees content that
changed under it."""

import asyncio

from sqlalchemy import text

from backend.auth.principal import Principal
from backend.questions import serving
from backend.questions.banks import BankService
from backend.questions.models import QuestionVersion
from backend.questions.schemas import BankCreate, QuestionCreate, QuestionUpdate
from backend.questions.service import QuestionService
from tests.committed import committed_org
from tests.questions.samples import mcq


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


async def test_an_edit_waits_for_a_concurrent_exposure_and_then_creates_a_version(real_db):
    org, users = await committed_org(real_db, "admin")
    admin = users["admin"]
    actor = Principal.of_user(admin.id, org.id, admin.role, admin.email)
    async with real_db.sessionmaker() as session, session.begin():
        bank = await BankService(session, actor).add(BankCreate(name="Race"))
        created = await QuestionService(session, actor).create(QuestionCreate.model_validate(mcq(str(bank.id))))
    first_version = created.version_meta.version_id
    edit = QuestionUpdate.model_validate(
        {k: v for k, v in mcq("x", title="Reworded while a test starts").items() if k not in ("bank_id", "tags")}
    )

    async def save():
        async with real_db.sessionmaker() as session, session.begin():
            return await QuestionService(session, actor).replace(created.id, edit)

    async with real_db.sessionmaker() as exposing:
        async with exposing.begin():
            await serving.record_exposure(exposing, org.id, [first_version])
            saving = asyncio.create_task(save())
            await _waiting_for_a_lock(real_db)
        saved = await saving

    assert saved.version == 2 and saved.version_meta.version_id != first_version
    async with real_db.sessionmaker() as session:
        served = await session.get(QuestionVersion, first_version)
        assert served is not None and served.title == "Big-O of binary search" and served.times_served == 1
