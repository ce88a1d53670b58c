"""A public application with an existing candidate's address never changes
that candidate (details, résumé, applications), answers like any other application, and joins an existing
account only after the address's owner confirms by the emailed link."""

import re

from sqlalchemy import select, update

from backend.candidates.models import Candidate
from backend.email.models import EmailMessage
from tests.documents import PDF_BYTES
from tests.factories import JOB_BOARD, apply_form, open_job

EVIL_PDF = PDF_BYTES + b"\n% attacker's bytes"


async def _ada(client, recruiter, session, org):
    r = await client.post(
        "/api/v1/candidates",
        json={"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "phone": "+44 1111"},
        headers=recruiter,
    )
    ada = r.json()
    await client.post(
        f"/api/v1/candidates/{ada['id']}/resume",
        files={"file": ("ada.pdf", PDF_BYTES, "application/pdf")},
        headers=recruiter,
    )
    return (await client.get(f"/api/v1/candidates/{ada['id']}", headers=recruiter)).json()


async def test_applying_with_an_existing_candidates_address_changes_nothing_of_hers(client, factory, session):
    org, recruiter, req = await open_job(client, factory, "ada-co")
    ada = await _ada(client, recruiter, session, org)
    url = f"{JOB_BOARD.format(slug='ada-co')}/{req['id']}/apply"
    r = await client.post(
        url,
        data=apply_form(first_name="Mallory", phone="+1 666"),
        files={"resume": ("x.pdf", EVIL_PDF, "application/pdf")},
    )
    unknown = await client.post(
        url, data=apply_form(email="new-person@example.com"), files={"resume": ("x.pdf", PDF_BYTES, "application/pdf")}
    )
    assert r.status_code == unknown.status_code == 201
    assert set(r.json()) == set(unknown.json()) and r.json()["message"] == unknown.json()["message"]

    after = (await client.get(f"/api/v1/candidates/{ada['id']}", headers=recruiter)).json()
    assert after == ada  # name, phone, résumé, timestamps: untouched
    resume = await client.get(f"/api/v1/candidates/{ada['id']}/resume", headers=recruiter)
    assert resume.content == PDF_BYTES
    theirs = await client.get("/api/v1/applications", params={"candidate_id": ada["id"]}, headers=recruiter)
    assert theirs.json()["items"] == []

    # The recruiter sees the submission as a possible duplicate of Ada, and can merge it into her record.
    listed = (await client.get("/api/v1/candidates", params={"q": "ada@example.com"}, headers=recruiter)).json()
    flagged = [c for c in listed["items"] if c["duplicate_of_id"] == ada["id"]]
    assert len(flagged) == 1 and flagged[0]["first_name"] == "Mallory"
    dupes = (await client.get(f"/api/v1/candidates/{ada['id']}/duplicates", headers=recruiter)).json()
    assert flagged[0]["id"] in {d["id"] for d in dupes}
    merged = await client.post(
        f"/api/v1/candidates/{ada['id']}/merge", json={"duplicate_id": flagged[0]["id"]}, headers=recruiter
    )
    assert merged.status_code == 200
    assert merged.json()["phone"] == ada["phone"] and merged.json()["resume_file_id"] == ada["resume_file_id"]
    moved = await client.get("/api/v1/applications", params={"candidate_id": ada["id"]}, headers=recruiter)
    assert len(moved.json()["items"]) == 1


async def test_an_existing_account_gets_the_application_only_after_confirming_by_email(client, factory, session):
    org, recruiter, req = await open_job(client, factory, "acct-co")
    ada = await _ada(client, recruiter, session, org)
    person = await factory.user(org, "candidate", email="ada@example.com")
    await session.execute(update(Candidate).where(Candidate.id == ada["id"]).values(user_id=person.id))
    await session.commit()
    me = await factory.login(person)
    url = f"{JOB_BOARD.format(slug='acct-co')}/{req['id']}/apply"
    r = await client.post(url, data=apply_form(), files={"resume": ("x.pdf", EVIL_PDF, "application/pdf")})
    assert r.status_code == 201
    assert (await client.get("/api/v1/me/applications", headers=me)).json() == []

    mail = (
        await session.execute(select(EmailMessage).where(EmailMessage.template_key == "application_confirm"))
    ).scalar_one()
    assert mail.to_address == "ada@example.com"
    token = re.search(r"confirm-application\?token=([\w-]+)", mail.body_text).group(1)
    assert (await client.post("/api/v1/public/applications/confirm", json={"token": "x" * 20})).status_code == 422
    assert (await client.post("/api/v1/public/applications/confirm", json={"token": token})).status_code == 204
    (mine,) = (await client.get("/api/v1/me/applications", headers=me)).json()
    assert mine["id"] == r.json()["application_id"]
    assert (await client.post("/api/v1/public/applications/confirm", json={"token": token})).status_code == 422
