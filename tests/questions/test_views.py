"""Who sees what: answers, explanations, rubrics, hidden cases, harnesses and reference solutions."""

import json
import uuid

from backend.questions import serving
from backend.questions.schemas import CandidateQuestion, QuestionPreview
from tests.questions.samples import SECRET, B, Q, bank, coding, essay, mcq, question


def _no_secrets(payload: object) -> None:
    text = json.dumps(payload)
    assert SECRET not in text, text
    assert '"correct"' not in text and '"explanation"' not in text
    assert '"harness"' not in text and '"reference"' not in text and '"test_cases"' not in text


async def test_the_candidate_view_never_carries_answers_or_hidden_material(client, factory, session):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    b = await bank(client, admin)
    items = [
        await question(client, admin, mcq(b["id"])),
        await question(client, admin, mcq(b["id"], type="mcq_multi", title="Multi")),
        await question(client, admin, essay(b["id"])),
        await question(client, admin, coding(b["id"])),
    ]
    version_ids = [uuid.UUID(q["version_meta"]["version_id"]) for q in items]
    views = await serving.candidate_view(session, org.id, version_ids)
    dumped = [v.model_dump(mode="json") for v in views]
    _no_secrets(dumped)
    assert '"rubric"' not in json.dumps(dumped) and '"guidance"' not in json.dumps(dumped)
    assert dumped[0]["options"] == [
        {"id": "a", "text": "O(n)"},
        {"id": "b", "text": "O(log n)"},
        {"id": "c", "text": "O(n log n)"},
    ]
    code = dumped[3]["coding"]
    assert code["examples"] == [{"stdin": "1 2\n", "expected_stdout": "3\n"}]  # the visible case only
    assert code["languages"]["python3"] == {"starter": "def add(a, b):\n    pass\n"}
    # The schema itself has no place for them, whatever a future caller passes in.
    fields = json.dumps(CandidateQuestion.model_json_schema())
    for secret_field in ("correct", "explanation", "rubric", "harness", "reference", "hidden", "verification"):
        assert f'"{secret_field}"' not in fields, secret_field

    preview = (await client.get(f"{Q}/{items[3]['id']}/candidate-preview", headers=admin)).json()
    assert preview == dumped[3]


async def test_interviewers_and_recruiters_get_the_preview_and_interviewers_only_step2_banks(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    _, interviewer = await factory.user_and_headers(org, "interviewer")
    _, recruiter = await factory.user_and_headers(org, "recruiter")
    step1 = await bank(client, admin, "Step 1 IQ", tags=["step1_iq"])
    step2 = await bank(client, admin, "Step 2 engineer", tags=["step2_engineer"])
    free = await bank(client, admin, "Architecture", tags=["architecture"])
    step3 = await bank(client, admin, "Step 3 CTO", tags=["step3_cto"])
    secret_iq = await question(client, admin, mcq(step1["id"], title="IQ sequence"))
    in_step2 = [
        await question(client, admin, mcq(step2["id"])),
        await question(client, admin, essay(step2["id"])),
        await question(client, admin, coding(step2["id"])),
    ]
    await question(client, admin, essay(free["id"], title="Event sourcing"))
    await question(client, admin, essay(step3["id"], title="Vision"))

    for headers in (interviewer, recruiter):
        for q in in_step2:
            r = await client.get(f"{Q}/{q['id']}", headers=headers)
            assert r.status_code == 200
            view = r.json()
            assert view["view"] == "preview"
            QuestionPreview.model_validate(view)
            rubric = view["content"].pop("rubric")
            _no_secrets(view)
            if q["type"] == "essay":
                assert rubric[0]["criterion"] == "Algorithm choice"  # the grader's guide is for interviewers
            version = await client.get(f"{Q}/{q['id']}/versions/{q['version_meta']['version_id']}", headers=headers)
            assert version.json()["view"] == "preview"
        coding_view = (await client.get(f"{Q}/{in_step2[2]['id']}", headers=headers)).json()["content"]["coding"]
        assert coding_view["hidden_cases"] == 1 and len(coding_view["examples"]) == 1
        listed = (await client.get(Q, params={"limit": 100}, headers=headers)).json()["items"]
        _no_secrets(listed)

    author = (await client.get(f"{Q}/{in_step2[0]['id']}", headers=admin)).json()
    assert author["view"] == "author" and author["content"]["options"][1]["correct"] is True

    # Interviewers run Step 2: Step-1 tests and Step-3 executive questions are not theirs to see.
    seen = {q["title"] for q in (await client.get(Q, params={"limit": 100}, headers=interviewer)).json()["items"]}
    assert "IQ sequence" not in seen and "Vision" not in seen and "Event sourcing" in seen
    assert (await client.get(f"{Q}/{secret_iq['id']}", headers=interviewer)).status_code == 404
    assert (await client.get(f"{Q}/{secret_iq['id']}/candidate-preview", headers=interviewer)).status_code == 404
    assert (await client.get(f"{B}/{step1['id']}", headers=interviewer)).status_code == 404
    banks = {b["name"] for b in (await client.get(B, headers=interviewer)).json()["items"]}
    assert banks == {"Step 2 engineer", "Architecture"}
    stats = (await client.get(f"{B}/stats", headers=interviewer)).json()
    assert stats["total"] == 4 and stats["by_step"]["step1_iq"] == 0
    assert (await client.get(f"{Q}/{secret_iq['id']}", headers=recruiter)).status_code == 200

    # None of them edits, exports or imports.
    for headers in (interviewer, recruiter):
        assert (await client.get(f"{B}/export", headers=headers)).status_code == 403
        assert (await client.put(f"{Q}/{in_step2[0]['id']}", json={}, headers=headers)).status_code == 403
