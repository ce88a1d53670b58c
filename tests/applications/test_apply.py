"""The candidate's journey: job board → apply with a résumé → activation email → portal → withdraw."""

import re

from sqlalchemy import select

from backend.email.models import EmailMessage
from tests.documents import PDF_BYTES
from tests.factories import JOB_BOARD, apply_form, open_job


async def test_apply_activate_sign_in_see_portal_and_withdraw(client, factory, session):
    _org, recruiter, req = await open_job(client, factory, "apply-co")
    url = f"{JOB_BOARD.format(slug='apply-co')}/{req['id']}/apply"
    r = await client.post(url, data=apply_form(), files={"resume": ("cv.pdf", PDF_BYTES, "application/pdf")})
    assert r.status_code == 201, r.text
    first_answer = r.json()

    # Applying again answers the same (a public endpoint tells nothing about who applied); the second submission
    # is a separate record for the recruiter (see tests/security/test_public_apply.py).
    again = await client.post(url, data=apply_form(), files={"resume": ("cv.pdf", PDF_BYTES, "application/pdf")})
    assert again.status_code == 201 and again.json()["message"] == first_answer["message"]

    mail = (
        await session.execute(select(EmailMessage).where(EmailMessage.template_key == "application_received"))
    ).scalar_one()
    token = re.search(r"activate\?token=([\w-]+)", mail.body_text).group(1)
    weak = await client.post("/api/v1/public/account/activate", json={"token": token, "password": "short"})
    assert weak.status_code == 422
    assert (
        await client.post("/api/v1/public/account/activate", json={"token": token, "password": "my-own-pass-1"})
    ).status_code == 204
    assert (
        await client.post("/api/v1/public/account/activate", json={"token": token, "password": "my-own-pass-2"})
    ).status_code == 422  # single use

    login = await client.post("/api/v1/auth/login", json={"email": "ada@example.com", "password": "my-own-pass-1"})
    me = {"Authorization": f"Bearer {login.json()['access_token']}"}
    (mine,) = (await client.get("/api/v1/me/applications", headers=me)).json()
    assert mine["requisition_title"] == "Backend Engineer" and mine["stage_name"] == "Step 1 — Online assessment"

    # The recruiter sees the application with the résumé and answers.
    apps = (
        await client.get(
            "/api/v1/applications", params={"requisition_id": req["id"], "sort": "created_at"}, headers=recruiter
        )
    ).json()
    assert apps["items"][0]["answers"] == {"Why us?": "Robots."} and apps["items"][0]["source"] == "job_board"
    cand = (await client.get(f"/api/v1/candidates/{apps['items'][0]['candidate_id']}", headers=recruiter)).json()
    assert cand["resume_file_id"] and cand["source"] == "job_board"

    r = await client.post(f"/api/v1/me/applications/{mine['id']}/withdraw", headers=me)
    assert r.json()[0]["status"] == "withdrawn"
    assert (await client.get("/api/v1/applications", headers=me)).status_code == 403  # candidates see only their own


async def test_apply_validates_everything_by_content(client, factory):
    _, _, req = await open_job(client, factory, "strict-co")
    url = f"{JOB_BOARD.format(slug='strict-co')}/{req['id']}/apply"
    cases = [
        (apply_form(email="not-an-email"), ("cv.pdf", PDF_BYTES, "application/pdf"), "body.email"),
        (apply_form(answers="[1, 2]"), ("cv.pdf", PDF_BYTES, "application/pdf"), "body.answers"),
        (apply_form(), ("cv.pdf", b"GIF89a not a pdf", "application/pdf"), "body.resume"),
    ]
    for data, file, field in cases:
        r = await client.post(url, data=data, files={"resume": file})
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == field, r.text
    r = await client.post(url, data={"first_name": "A"}, files={"resume": ("cv.pdf", PDF_BYTES, "application/pdf")})
    assert r.status_code == 422 and {"body.last_name", "body.email"} <= {e["field"] for e in r.json()["errors"]}
    missing = await client.post(
        f"{JOB_BOARD.format(slug='strict-co')}/{req['stages'][0]['id']}/apply",
        data=apply_form(),
        files={"resume": ("cv.pdf", PDF_BYTES, "application/pdf")},
    )
    assert missing.status_code == 404


async def test_apply_is_rate_limited_per_ip(client, factory, monkeypatch):
    from backend.applications import public

    monkeypatch.setattr(public, "APPLY_LIMIT", 2)
    _, _, req = await open_job(client, factory, "busy-co")
    url = f"{JOB_BOARD.format(slug='busy-co')}/{req['id']}/apply"
    for i in range(2):
        r = await client.post(
            url, data=apply_form(email=f"p{i}@example.com"), files={"resume": ("cv.pdf", PDF_BYTES, "application/pdf")}
        )
        assert r.status_code == 201
    r = await client.post(
        url, data=apply_form(email="p9@example.com"), files={"resume": ("cv.pdf", PDF_BYTES, "application/pdf")}
    )
    assert r.status_code == 429 and r.headers["retry-after"] == "3600"


async def test_an_existing_staff_email_gets_no_candidate_account(client, factory):
    org, _, req = await open_job(client, factory, "staff-co")
    staff = await factory.user(org, "interviewer")
    r = await client.post(
        f"{JOB_BOARD.format(slug='staff-co')}/{req['id']}/apply",
        data=apply_form(email=staff.email),
        files={"resume": ("cv.pdf", PDF_BYTES, "application/pdf")},
    )
    assert r.status_code == 201 and set(r.json()) == {"application_id", "message"}
