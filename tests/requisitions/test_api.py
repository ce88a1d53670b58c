from sqlalchemy import select

from backend.audit.models import AuditLog
from backend.requisitions.service import overall_score

R = "/api/v1/requisitions"
BODY = {
    "title": "Senior Backend Engineer",
    "department": "Engineering",
    "location": "Berlin",
    "description": "Build APIs for warehouse robots.",
    "requirements": "Python, PostgreSQL",
    "required_skills": [{"name": "Python", "proficiency": "expert"}],
    "salary_min": "80000",
    "salary_max": "100000",
    "currency": "EUR",
    "positions_available": 2,
}


async def _create(client, headers, **overrides):
    r = await client.post(R, json={**BODY, **overrides}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


async def test_create_gets_the_default_pipeline_and_is_audited(client, factory, session):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    req = await _create(client, headers)
    assert req["status"] == "draft" and req["allowed_statuses"] == ["cancelled", "open"]
    assert [s["kind"] for s in req["stages"]] == ["assessment", "technical_interview", "executive_interview", "offer"]
    assert [s["position"] for s in req["stages"]] == [1, 2, 3, 4]
    assert req["stage_weights"] == {"assessment": 0.3, "technical_interview": 0.4, "executive_interview": 0.3}
    entry = (
        await session.execute(
            select(AuditLog).where(AuditLog.action == "requisition.created", AuditLog.organization_id == org.id)
        )
    ).scalar_one()
    assert entry.after["title"] == BODY["title"] and entry.after["salary_min"] == 80000


async def test_status_machine_through_the_api(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    req = await _create(client, headers)
    url = f"{R}/{req['id']}/status"
    r = await client.post(url, json={"status": "paused"}, headers=headers)
    assert r.status_code == 409
    assert r.json()["allowed"] == ["cancelled", "open"] and "Allowed from draft" in r.json()["detail"]
    r = await client.post(url, json={"status": "open"}, headers=headers)
    assert r.status_code == 200 and r.json()["published_at"]
    assert (await client.post(url, json={"status": "open"}, headers=headers)).status_code == 200  # idempotent
    assert (await client.post(url, json={"status": "paused", "reason": "budget"}, headers=headers)).json()[
        "status"
    ] == "paused"
    assert (await client.post(url, json={"status": "filled"}, headers=headers)).status_code == 409
    r = await client.post(url, json={"status": "closed"}, headers=headers)
    assert r.json()["status"] == "closed" and r.json()["closed_at"] and r.json()["allowed_statuses"] == []
    assert (await client.patch(f"{R}/{req['id']}", json={"title": "New"}, headers=headers)).status_code == 409


async def test_publishing_needs_a_description_and_filling_needs_hires(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    req = await _create(client, headers, description="")
    r = await client.post(f"{R}/{req['id']}/status", json={"status": "open"}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.description"


async def test_bad_input_is_named_per_field(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    cases = [
        ({**BODY, "title": ""}, "body.title"),
        ({**BODY, "salary_min": "200000"}, "body"),
        ({**BODY, "currency": "euro"}, "body.currency"),
        ({**BODY, "employment_type": "gig"}, "body.employment_type"),
        ({**BODY, "positions_available": 0}, "body.positions_available"),
        ({**BODY, "required_skills": [{"name": ""}]}, "body.required_skills.0.name"),
        ({**BODY, "stage_weights": {"lunch": 1}}, "body.stage_weights.lunch.[key]"),
        ({**BODY, "hiring_manager_id": "not-a-uuid"}, "body.hiring_manager_id"),
    ]
    for body, field in cases:
        r = await client.post(R, json=body, headers=headers)
        assert r.status_code == 422, (body, r.text)
        assert any(e["field"].startswith(field) for e in r.json()["errors"]), (field, r.json()["errors"])
    interviewer = await factory.user(org, "interviewer")
    r = await client.post(R, json={**BODY, "hiring_manager_id": str(interviewer.id)}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.hiring_manager_id"


async def test_pipeline_add_reorder_remove(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    req = await _create(client, headers)
    stages = f"{R}/{req['id']}/stages"
    r = await client.post(
        stages, json={"name": "Recruiter screen", "kind": "hr_screen", "position": 1}, headers=headers
    )
    assert r.status_code == 201
    assert [s["name"] for s in r.json()][:2] == ["Recruiter screen", "Step 1 — Online assessment"]
    ids = [s["id"] for s in r.json()]
    reordered = (await client.put(f"{stages}/order", json={"stage_ids": ids[::-1]}, headers=headers)).json()
    assert [s["id"] for s in reordered] == ids[::-1] and [s["position"] for s in reordered] == [1, 2, 3, 4, 5]
    r = await client.put(f"{stages}/order", json={"stage_ids": ids[:2]}, headers=headers)
    assert r.status_code == 422
    remaining = (await client.delete(f"{stages}/{ids[0]}", headers=headers)).json()
    assert len(remaining) == 4 and [s["position"] for s in remaining] == [1, 2, 3, 4]
    assert (await client.post(stages, json={"name": "x"}, headers=headers)).status_code == 422


async def test_hiring_managers_see_and_edit_only_their_requisitions(client, factory):
    org = await factory.org()
    _, recruiter = await factory.user_and_headers(org, "recruiter")
    hm, hm_headers = await factory.user_and_headers(org, "hiring_manager")
    mine = await _create(client, recruiter, title="Mine", hiring_manager_id=str(hm.id))
    other = await _create(client, recruiter, title="Not mine")
    listed = (await client.get(R, headers=hm_headers)).json()
    assert [r["title"] for r in listed["items"]] == ["Mine"]
    assert (await client.get(f"{R}/{other['id']}", headers=hm_headers)).status_code == 404
    assert (
        await client.patch(f"{R}/{mine['id']}", json={"title": "Mine, renamed"}, headers=hm_headers)
    ).status_code == 200
    own = await _create(client, hm_headers, title="Created by the HM")
    assert own["hiring_manager_id"] == str(hm.id)


async def test_list_filters_and_search(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    await _create(client, headers, title="Data Engineer", department="Data", description="Spark pipelines")
    await _create(client, headers, title="Product Designer", department="Design", description="Figma craft")
    assert [r["title"] for r in (await client.get(R, params={"q": "pipelines"}, headers=headers)).json()["items"]] == [
        "Data Engineer"
    ]
    assert [
        r["title"] for r in (await client.get(R, params={"department": "design"}, headers=headers)).json()["items"]
    ] == ["Product Designer"]
    page = (await client.get(R, params={"sort": "title", "limit": 1}, headers=headers)).json()
    assert page["total"] == 2 and page["items"][0]["title"] == "Data Engineer" and page["next_cursor"]


async def test_round_templates_are_listed_and_managed_by_admins(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    _, recruiter = await factory.user_and_headers(org, "recruiter")
    templates = (await client.get("/api/v1/round-templates", headers=recruiter)).json()
    assert next(t["name"] for t in templates if t["in_default_pipeline"]) == "Step 1 — Online assessment"
    body = {
        "name": "Take-home exercise",
        "kind": "review",
        "duration_minutes": 240,
        "in_default_pipeline": True,
        "position": 2,
    }
    assert (await client.post("/api/v1/round-templates", json=body, headers=recruiter)).status_code == 403
    created = await client.post("/api/v1/round-templates", json=body, headers=admin)
    assert created.status_code == 201
    req = await _create(client, recruiter)
    assert "Take-home exercise" in [s["name"] for s in req["stages"]]


def test_overall_score_weights_the_stages_present():
    weights = {"assessment": 0.3, "technical_interview": 0.4, "executive_interview": 0.3}
    assert overall_score(weights, {"assessment": 80, "technical_interview": 60}) == round((24 + 24) / 0.7, 2)
    assert overall_score(weights, {}) is None
