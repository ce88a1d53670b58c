import csv
import io

from openpyxl import Workbook, load_workbook

C = "/api/v1/candidates"


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


async def test_csv_import_is_validated_first_and_all_or_nothing(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    await client.post(C, json={"first_name": "Ada", "last_name": "L", "email": "ada@example.com"}, headers=headers)
    bad = (
        b"first_name,last_name,email,phone,location,source,tags\n"
        b'Grace,Hopper,grace@example.com,,NYC,referral,"cobol,navy"\n'
        b",Turing,alan@example.com,,,,\n"
        b"Ada,Again,ADA@example.com,,,,\n"
        b"Linus,T,not-an-email,,,,\n"
        b"Grace,Copy,grace@example.com,,,,\n"
    )
    r = await client.post(f"{C}/import", files={"file": ("people.csv", bad, "text/csv")}, headers=headers)
    assert r.status_code == 422 and "nothing was imported" in r.json()["detail"]
    report = {(e["row"], e["column"]): e["message"] for e in r.json()["errors"]}
    assert report == {
        (3, "first_name"): "Required.",
        (4, "email"): "Already in the talent pool.",
        (5, "email"): "Not a valid email address.",
        (6, "email"): "Duplicate of row 2.",
    }
    assert (await client.get(C, params={"q": "grace"}, headers=headers)).json()["items"] == []
    many = b"first_name,last_name,email\n" + b"".join(b",x,bad-%d\n" % i for i in range(600))
    r = await client.post(f"{C}/import", files={"file": ("many.csv", many, "text/csv")}, headers=headers)
    # Every problem is counted, the first 500 are listed (two per row here: no first name, no valid email).
    assert r.json()["detail"].startswith("1200 problems") and len(r.json()["errors"]) == 500

    good = (
        b'first_name,last_name,email,tags\nGrace,Hopper,grace@example.com,"cobol,navy"\nAlan,Turing,alan@example.com,\n'
    )
    dry = await client.post(
        f"{C}/import", params={"dry_run": "true"}, files={"file": ("p.csv", good, "text/csv")}, headers=headers
    )
    assert dry.json() == {"created": 0, "valid": 2, "dry_run": True}
    r = await client.post(f"{C}/import", files={"file": ("p.csv", good, "text/csv")}, headers=headers)
    assert r.json()["created"] == 2
    grace = (await client.get(C, params={"q": "grace"}, headers=headers)).json()["items"][0]
    assert grace["tags"] == ["cobol", "navy"] and grace["source"] == "import"


async def test_xlsx_import_and_exports(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    data = _xlsx([["first_name", "last_name", "email"], ["Katherine", "Johnson", "kj@example.com"]])
    r = await client.post(f"{C}/import", files={"file": ("p.xlsx", data, "application/octet-stream")}, headers=headers)
    assert r.status_code == 200 and r.json()["created"] == 1
    missing = _xlsx([["name", "email"], ["X", "x@example.com"]])
    r = await client.post(
        f"{C}/import", files={"file": ("p.xlsx", missing, "application/octet-stream")}, headers=headers
    )
    assert r.status_code == 422 and "Missing columns: first_name, last_name" in r.json()["detail"]

    exported = await client.get(f"{C}/export", headers=headers)
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert rows[0]["email"] == "kj@example.com" and "attachment" in exported.headers["content-disposition"]
    xlsx = await client.get(f"{C}/export", params={"format": "xlsx"}, headers=headers)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]][:3] == ["Katherine", "Johnson", "kj@example.com"]
    _, recruiter = await factory.user_and_headers(org, "recruiter")
    assert (await client.get(f"{C}/export", headers=recruiter)).status_code == 200
    _, hm = await factory.user_and_headers(org, "hiring_manager")
    assert (await client.get(f"{C}/export", headers=hm)).status_code == 403


async def test_merge_moves_applications_and_keeps_history(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    a = (
        await client.post(
            C,
            json={"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com", "tags": ["math"]},
            headers=headers,
        )
    ).json()
    b = (
        await client.post(
            C,
            json={
                "first_name": "Ada",
                "last_name": "Lovelace",
                "email": "ada.l@example.org",
                "phone": "+44 1234 5678",
                "tags": ["python"],
            },
            headers=headers,
        )
    ).json()
    req = (await client.post("/api/v1/requisitions", json={"title": "Eng", "description": "x"}, headers=headers)).json()
    await client.post(f"/api/v1/requisitions/{req['id']}/status", json={"status": "open"}, headers=headers)
    app = (
        await client.post(
            "/api/v1/applications", json={"candidate_id": b["id"], "requisition_id": req["id"]}, headers=headers
        )
    ).json()
    dupes = (await client.get(f"{C}/{a['id']}/duplicates", headers=headers)).json()
    assert [d["id"] for d in dupes] == [b["id"]]
    merged = (await client.post(f"{C}/{a['id']}/merge", json={"duplicate_id": b["id"]}, headers=headers)).json()
    assert merged["phone"] == "+44 1234 5678" and merged["tags"] == ["math", "python"]
    moved = (await client.get(f"/api/v1/applications/{app['id']}", headers=headers)).json()
    assert moved["candidate_id"] == a["id"] and [e["kind"] for e in moved["events"]] == ["applied"]
    assert (await client.get(f"{C}/{b['id']}", headers=headers)).status_code == 404
    assert (
        await client.post(f"{C}/{a['id']}/merge", json={"duplicate_id": a["id"]}, headers=headers)
    ).status_code == 422
