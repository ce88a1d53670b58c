"""Banks, questions, versions and verification, through the API as an admin would use them."""

import uuid

from backend.questions import serving, verification
from backend.questions.schemas import CaseVerdict
from tests.assessments.helpers import setup_hiring
from tests.questions.samples import B, Q, all_accepted, bank, coding, essay, mcq, question, writable


async def test_banks_are_named_uniquely_and_counted_by_type_and_step(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    iq = await bank(client, admin, "Step 1 IQ", tags=["step1_iq"])
    tech = await bank(client, admin, "Step 1 Python", tags=["Step1_Technical", "python"], language="python")
    assert tech["tags"] == ["step1_technical", "python"]
    dup = await client.post(B, json={"name": "step 1 iq"}, headers=admin)
    assert dup.status_code == 409 and dup.json()["errors"][0]["field"] == "body.name"
    await question(client, admin, mcq(iq["id"]))
    await question(client, admin, mcq(iq["id"], enabled=False))
    await question(client, admin, essay(tech["id"]))
    await question(client, admin, coding(tech["id"]))

    stats = (await client.get(f"{B}/stats", headers=admin)).json()
    assert stats["total"] == 4 and stats["enabled"] == 2
    assert stats["by_type"] == {"mcq_single": 2, "mcq_multi": 0, "coding": 1, "essay": 1}
    assert stats["by_step"]["step1_iq"] == 2 and stats["by_step"]["step1_technical"] == 2
    assert stats["by_step"]["step2_lead"] == 0
    listed = {b["name"]: b for b in (await client.get(B, headers=admin)).json()["items"]}
    assert listed["Step 1 IQ"]["question_count"] == 2 and listed["Step 1 IQ"]["enabled_count"] == 1
    assert (await client.get(B, params={"tag": "python"}, headers=admin)).json()["items"][0]["id"] == tech["id"]

    assert (await client.delete(f"{B}/{iq['id']}", headers=admin)).status_code == 409
    empty = await bank(client, admin, "Empty")
    assert (await client.delete(f"{B}/{empty['id']}", headers=admin)).status_code == 204
    renamed = await client.patch(f"{B}/{tech['id']}", json={"name": "Step 1 — Python", "language": None}, headers=admin)
    assert renamed.json()["name"] == "Step 1 — Python" and renamed.json()["language"] is None
    assert (await client.patch(f"{B}/{tech['id']}", json={"name": "STEP 1 IQ"}, headers=admin)).status_code == 409


async def test_type_rules_name_their_field(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    b = await bank(client, admin)

    async def errors(payload):
        r = await client.post(Q, json=payload, headers=admin)
        assert r.status_code == 422, r.text
        return {e["field"]: e["message"] for e in r.json()["errors"]}

    two_correct = mcq(b["id"], options=[{"text": "a", "correct": True}, {"text": "b", "correct": True}])
    assert "exactly one correct" in (await errors(two_correct))["body.options"]
    none_correct = mcq(b["id"], type="mcq_multi", options=[{"text": "a"}, {"text": "b"}])
    assert "at least one correct" in (await errors(none_correct))["body.options"]
    same = mcq(b["id"], options=[{"text": "Yes", "correct": True}, {"text": "yes"}])
    assert (await errors(same))["body.options.1.text"] == "Same text as option 1."
    assert "add up to 10; the question is worth 3" in (await errors(essay(b["id"], points=3)))["body.rubric"]
    assert "Only multiple-choice" in (await errors(essay(b["id"], options=[{"text": "x"}])))["body.options"]
    assert "enabled once" in (await errors(coding(b["id"], enabled=True)))["body.enabled"]
    float_mode = coding(b["id"])
    float_mode["coding"]["comparison"] = "float"
    assert (await errors(float_mode))["body.coding.float_tolerance"] == "Required when comparison is 'float'."
    assert "body.title" in await errors(mcq(b["id"], title="Two\nlines"))
    assert "body.body" in await errors(mcq(b["id"], body="bell \x07"))
    assert "body.body" in await errors(mcq(b["id"], body="x" * 20_001))
    other_org = await factory.org()
    _, other_admin = await factory.user_and_headers(other_org, "admin")
    foreign = await bank(client, other_admin, "Theirs")
    assert (await errors(mcq(foreign["id"])))["body.bank_id"] == "No such question bank in this organization."


async def test_editing_a_served_question_creates_a_version_and_keeps_the_old_one(client, factory, session):
    # An assessment of this one question, not yet taken by anyone.
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    org, admin, created = h.org, h.admin, h.questions["mcq_single"]
    qid, v1 = created["id"], created["version_meta"]["version_id"]
    assert created["version"] == 1 and created["edit_creates_version"] is False
    assert [o["id"] for o in created["content"]["options"]] == ["a", "b", "c"]

    # Never served: edited in place.
    body = writable(created) | {"title": "Binary search complexity"}
    edited = (await client.put(f"{Q}/{qid}", json=body, headers=admin)).json()
    assert edited["version"] == 1 and edited["version_meta"]["version_id"] == v1
    assert edited["title"] == "Binary search complexity"

    # A candidate starts the test: the version is served at once, and counted when the worker's recount runs.
    ada = await h.apply("Ada")
    await h.start(ada["candidate"]["email"])
    served = (await client.get(f"{Q}/{qid}", headers=admin)).json()
    assert served["times_served"] == 0 and served["edit_creates_version"] is True
    await serving.recount_served(session, org.id, [uuid.UUID(v1)])
    await serving.recount_served(session, org.id, [uuid.UUID(v1)])  # again: the same counts
    await session.commit()
    served = (await client.get(f"{Q}/{qid}", headers=admin)).json()
    assert served["times_served"] == 1 and served["version_meta"]["times_served"] == 1
    assert served["version_meta"]["last_served_at"] is not None

    # Saving the same content again changes nothing; switches never create versions.
    same = (await client.put(f"{Q}/{qid}", json=writable(served), headers=admin)).json()
    assert same["version"] == 1
    patched = (await client.patch(f"{Q}/{qid}", json={"enabled": False, "tags": ["search"]}, headers=admin)).json()
    assert patched["version"] == 1 and patched["enabled"] is False and patched["tags"] == ["search"]

    body = writable(served) | {"points": 3}
    body["options"][2]["text"] = "O(1)"
    v2 = (await client.put(f"{Q}/{qid}", json=body, headers=admin)).json()
    assert v2["version"] == 2 and v2["version_meta"]["version_id"] != v1
    assert v2["content"]["options"][2]["text"] == "O(1)" and v2["times_served"] == 1
    assert v2["version_meta"]["times_served"] == 0 and v2["edit_creates_version"] is False

    history = (await client.get(f"{Q}/{qid}/versions", headers=admin)).json()["items"]
    assert [(h["number"], h["times_served"], h["is_current"]) for h in history] == [(2, 0, True), (1, 1, False)]
    old = (await client.get(f"{Q}/{qid}/versions/{v1}", headers=admin)).json()
    assert old["content"]["options"][2]["text"] == "O(n log n)" and old["content"]["points"] == 2
    grading = await serving.versions_for_grading(session, org.id, [uuid.UUID(v1)])
    assert grading[uuid.UUID(v1)].options[1]["correct"] is True

    changed_type = writable(v2) | {"type": "mcq_multi"}
    r = await client.put(f"{Q}/{qid}", json=changed_type, headers=admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.type"
    assert (await client.delete(f"{Q}/{qid}", headers=admin)).status_code == 409

    unused = await question(client, admin, mcq(h.bank_id, title="Unused"))
    assert (await client.delete(f"{Q}/{unused['id']}", headers=admin)).status_code == 204
    assert (await client.get(f"{Q}/{unused['id']}", headers=admin)).status_code == 404
    audit = (await client.get("/api/v1/audit-logs", params={"entity_id": qid}, headers=admin)).json()["items"]
    assert {"question.created", "question.updated", "question.versioned"} <= {e["action"] for e in audit}


async def test_a_coding_question_is_enabled_only_after_its_references_pass(client, factory, session):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    b = await bank(client, admin)
    created = await question(client, admin, coding(b["id"]))
    qid = created["id"]
    assert created["verification"] == "unverified" and created["can_enable"] is False
    assert created["languages"] == ["javascript", "python3"]
    refused = await client.patch(f"{Q}/{qid}", json={"enabled": True}, headers=admin)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.enabled"

    spec = await verification.current_execution_spec(session, org.id, uuid.UUID(qid))
    assert set(spec.coding.languages) == {"python3", "javascript"} and len(spec.coding.test_cases) == 2
    results = [CaseVerdict.model_validate(r) for r in all_accepted(created)]
    failing = [*results[:-1], results[-1].model_copy(update={"verdict": "wrong_answer"})]
    outcome = await verification.record_verification(session, org.id, spec.version_id, spec.fingerprint, failing)
    assert outcome.status == "failed"
    outcome = await verification.record_verification(session, org.id, spec.version_id, spec.fingerprint, results[:3])
    assert outcome.status == "failed"  # a (language, case) pair without a verdict is not a pass
    await verification.record_verification(session, org.id, spec.version_id, spec.fingerprint, results)
    await session.commit()
    verified = (await client.get(f"{Q}/{qid}", headers=admin)).json()
    assert verified["verification"] == "passed" and verified["content"]["verification"]["status"] == "passed"
    assert len(verified["content"]["verification"]["results"]) == 4
    enabled = (await client.patch(f"{Q}/{qid}", json={"enabled": True}, headers=admin)).json()
    assert enabled["enabled"] is True

    # A statement-only edit keeps the verification; a change to the cases needs Verify again.
    body = writable(enabled) | {"body": "Read two integers and print their sum (no overflow)."}
    kept = (await client.put(f"{Q}/{qid}", json=body, headers=admin)).json()
    assert kept["verification"] == "passed" and kept["enabled"] is True
    body["coding"]["test_cases"].append({"stdin": "-1 1\n", "expected_stdout": "0\n"})
    reset = (await client.put(f"{Q}/{qid}", json=body, headers=admin)).json()
    assert reset["verification"] == "unverified" and reset["enabled"] is False

    stale = await client.put(f"{Q}/{qid}", json=body | {"points": 6}, headers=admin)
    assert stale.status_code == 200
    try:
        await verification.record_verification(session, org.id, spec.version_id, spec.fingerprint, results)
    except verification.StaleVerification:
        pass
    else:
        raise AssertionError("results computed on other cases must be refused")


async def test_search_filters_sorts_and_pages(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    py = await bank(client, admin, "Python", tags=["step1_technical"], language="python3")
    lead = await bank(client, admin, "Lead", tags=["step2_lead"])
    await question(client, admin, mcq(py["id"], title="List comprehensions", tags=["python"], difficulty="easy"))
    await question(client, admin, mcq(py["id"], title="Generators and iterators", difficulty="medium"))
    await question(client, admin, essay(lead["id"], title="Mentoring juniors", tags=["leadership"]))
    await question(client, admin, coding(lead["id"], title="Reverse words"))

    async def titles(**params):
        r = await client.get(Q, params=params, headers=admin)
        assert r.status_code == 200, r.text
        return sorted(i["title"] for i in r.json()["items"])

    assert await titles(q="compre") == ["List comprehensions"]
    assert await titles(q="generat iter") == ["Generators and iterators"]
    assert await titles(q="leadersh") == ["Mentoring juniors"]  # tags are searched too
    assert await titles(q="trade-offs") == ["Mentoring juniors"]  # and the body
    assert await titles(q="&|!:*()") == await titles()
    assert await titles(step="step2_lead") == ["Mentoring juniors", "Reverse words"]
    assert await titles(bank_id=py["id"], difficulty="medium") == ["Generators and iterators"]
    assert await titles(type="coding") == ["Reverse words"]
    assert await titles(language="javascript") == ["Reverse words"]
    assert sorted(await titles(language="python3")) == [
        "Generators and iterators",
        "List comprehensions",
        "Reverse words",
    ]
    assert await titles(enabled="false") == ["Reverse words"]
    assert await titles(verification="unverified") == ["Reverse words"]
    assert await titles(tag="Python") == ["List comprehensions"]

    first = (await client.get(Q, params={"limit": 3, "sort": "title"}, headers=admin)).json()
    rest = await client.get(Q, params={"limit": 3, "sort": "title", "cursor": first["next_cursor"]}, headers=admin)
    ordered = [i["title"] for i in first["items"] + rest.json()["items"]]
    assert ordered == sorted(ordered, key=str.lower) and len(ordered) == 4
    assert (await client.get(Q, params={"sort": "body"}, headers=admin)).status_code == 422


async def test_bulk_actions_are_all_or_nothing(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    a, b = await bank(client, admin, "A"), await bank(client, admin, "B")
    m1 = await question(client, admin, mcq(a["id"], enabled=False))
    m2 = await question(client, admin, mcq(a["id"], enabled=False, title="Other"))
    c = await question(client, admin, coding(a["id"]))
    ids = [m1["id"], m2["id"], c["id"]]
    refused = await client.post(f"{Q}/bulk", json={"question_ids": ids, "action": "enable"}, headers=admin)
    assert refused.status_code == 422 and "Sum of two numbers" in refused.json()["detail"]
    assert (await client.get(Q, params={"enabled": "true"}, headers=admin)).json()["items"] == []
    ok = await client.post(f"{Q}/bulk", json={"question_ids": ids[:2], "action": "enable"}, headers=admin)
    assert ok.json() == {"updated": 2}
    moved = await client.post(
        f"{Q}/bulk", json={"question_ids": ids, "action": "move", "bank_id": b["id"]}, headers=admin
    )
    assert moved.json() == {"updated": 3}
    assert len((await client.get(Q, params={"bank_id": b["id"]}, headers=admin)).json()["items"]) == 3


async def test_draw_random_questions_by_difficulty_and_tags(client, factory, session):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    b = await bank(client, admin)
    easy = [await question(client, admin, mcq(b["id"], title=f"Easy {i}", tags=["arrays"])) for i in range(4)]
    await question(client, admin, mcq(b["id"], title="Hard one", difficulty="hard", tags=["arrays"]))
    await question(client, admin, mcq(b["id"], title="Disabled", enabled=False))
    bank_id = uuid.UUID(b["id"])

    drawn = await serving.draw_questions(session, org.id, bank_id=bank_id, count=3, difficulty="easy")
    assert len(drawn) == 3 and len({v.question_id for v in drawn}) == 3
    assert {v.difficulty for v in drawn} == {"easy"}
    first = uuid.UUID(easy[0]["id"])
    rest = await serving.draw_questions(
        session, org.id, bank_id=bank_id, count=3, tags=["arrays"], exclude_question_ids=[first]
    )
    assert first not in {v.question_id for v in rest}
    try:
        await serving.draw_questions(session, org.id, bank_id=bank_id, count=2, difficulty="hard")
    except serving.NotEnoughQuestions as exc:
        assert exc.extra == {"available": 1, "needed": 2}
    else:
        raise AssertionError("only one enabled hard question exists")
    views = await serving.candidate_view(session, org.id, [v.id for v in drawn])
    assert [v.version_id for v in views] == [v.id for v in drawn]
