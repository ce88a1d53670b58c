from tests.documents import PDF_BYTES, docx_bytes

C = "/api/v1/candidates"
ADA = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "email": "Ada@Example.com",
    "phone": "+44 20 7946 0018",
    "location": "London",
    "source": "referral",
    "tags": ["python", "math"],
}


async def test_recruiter_adds_owns_searches_and_edits_candidates(client, factory):
    org = await factory.org()
    recruiter, headers = await factory.user_and_headers(org, "recruiter")
    r = await client.post(C, json=ADA, headers=headers)
    assert r.status_code == 201
    ada = r.json()
    assert (
        ada["email"] == "ada@example.com"
        and ada["owner_id"] == str(recruiter.id)
        and ada["full_name"] == "Ada Lovelace"
    )
    dup = await client.post(C, json={**ADA, "email": "ADA@example.com"}, headers=headers)
    assert dup.status_code == 409 and dup.json()["errors"][0]["field"] == "body.email"
    await client.post(
        C,
        json={**ADA, "first_name": "Grace", "last_name": "Hopper", "email": "grace@example.com", "tags": ["cobol"]},
        headers=headers,
    )
    assert [c["first_name"] for c in (await client.get(C, params={"q": "lovel"}, headers=headers)).json()["items"]] == [
        "Ada"
    ]
    assert [
        c["first_name"] for c in (await client.get(C, params={"tag": "cobol"}, headers=headers)).json()["items"]
    ] == ["Grace"]
    assert (await client.get(C, params={"sort": "last_name"}, headers=headers)).json()["items"][0][
        "last_name"
    ] == "Hopper"
    r = await client.patch(f"{C}/{ada['id']}", json={"location": "Paris", "tags": ["python"]}, headers=headers)
    assert r.json()["location"] == "Paris" and r.json()["tags"] == ["python"]
    bad = await client.post(C, json={**ADA, "email": "x@example.com", "phone": "call me"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.phone"


async def test_resume_upload_is_checked_by_content_and_downloads_are_authorized(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    ada = (await client.post(C, json=ADA, headers=headers)).json()
    url = f"{C}/{ada['id']}/resume"
    assert (await client.get(url, headers=headers)).status_code == 404
    fake = await client.post(url, files={"file": ("cv.pdf", b"MZ not a pdf", "application/pdf")}, headers=headers)
    assert fake.status_code == 422 and fake.json()["errors"][0]["field"] == "body.file"
    big = await client.post(
        url, files={"file": ("cv.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), "application/pdf")}, headers=headers
    )
    assert big.status_code == 422 and "10 MB" in big.json()["detail"]
    ok = await client.post(url, files={"file": ("Ada Lovelace – CV.pdf", PDF_BYTES, "text/plain")}, headers=headers)
    assert ok.status_code == 200 and ok.json()["resume_file_id"]
    r = await client.get(url, params={"inline": "true"}, headers=headers)
    assert r.status_code == 200 and r.content == PDF_BYTES and r.headers["content-type"] == "application/pdf"
    assert (
        r.headers["content-disposition"].startswith("inline;")
        and "filename*=UTF-8''" in r.headers["content-disposition"]
    )
    docx = await client.post(
        url, files={"file": ("cv.docx", docx_bytes(), "application/octet-stream")}, headers=headers
    )
    assert docx.status_code == 200
    assert (await client.get(url, headers=headers)).headers["content-disposition"].startswith("attachment;")

    other = await factory.org()
    _, outsider = await factory.user_and_headers(other, "admin")
    assert (await client.get(url, headers=outsider)).status_code == 404
    _, interviewer = await factory.user_and_headers(org, "interviewer")
    assert (await client.get(url, headers=interviewer)).status_code == 403
