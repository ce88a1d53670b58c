from sqlalchemy import text

from backend.worker import enqueue

JOBS = "/api/v1/jobs"


async def _failed_job(session, org) -> int:
    job_id = await enqueue(
        session, "email.send", message_id="00000000-0000-0000-0000-000000000000", organization_id=str(org.id)
    )
    await session.execute(
        text("UPDATE procrastinate_jobs SET status = 'failed', attempts = 6 WHERE id = :id"), {"id": job_id}
    )
    await session.execute(
        text(
            "INSERT INTO job_errors (job_id, organization_id, task_name, error) "
            "VALUES (:id, :org, 'email.send', 'SMTPConnectError: refused')"
        ),
        {"id": job_id, "org": org.id},
    )
    await session.commit()
    return job_id


async def test_admin_sees_failed_jobs_with_their_error_and_retries_them(client, factory, session):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    job_id = await _failed_job(session, org)

    page = (await client.get(JOBS, params={"status": "failed"}, headers=admin)).json()
    (job,) = page["items"]
    assert job["id"] == job_id and job["last_error"] == "SMTPConnectError: refused" and job["attempts"] == 6
    assert page["counts"]["failed"] == 1

    r = await client.post(f"{JOBS}/{job_id}/retry", headers=admin)
    assert r.status_code == 200 and r.json()["status"] == "todo"
    assert (await client.post(f"{JOBS}/{job_id}/retry", headers=admin)).status_code == 409
    audit = (await client.get("/api/v1/audit-logs", params={"action": "job.retried"}, headers=admin)).json()
    assert audit["items"][0]["entity_id"] == str(job_id)


async def test_jobs_of_other_organizations_are_invisible(client, factory, session):
    a, b = await factory.org(), await factory.org()
    job_id = await _failed_job(session, b)
    _, admin_a = await factory.user_and_headers(a, "admin")
    assert (await client.get(JOBS, headers=admin_a)).json()["items"] == []
    assert (await client.post(f"{JOBS}/{job_id}/retry", headers=admin_a)).status_code == 404
    r = await client.get(JOBS, params={"cursor": "abc"}, headers=admin_a)
    assert r.status_code == 422
