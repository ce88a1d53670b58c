"""The player token is a principal of its own: it reaches only its invitation's session, never a staff route, and
no user or API-key token reaches the player; what a candidate reads never holds an answer key or a hidden case."""

import json

from sqlalchemy import select

from backend.questions.models import QuestionVersion
from backend.test_sessions.models import TestSession
from tests.assessments.helpers import HIDDEN_INPUT, PLAYER, by_type, setup_hiring


async def test_a_player_token_reaches_only_its_own_session(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single", "essay"))
    ada, bo = await h.apply("Ada"), await h.apply("Bo")
    ada_player, ada_state = await h.start(ada["candidate"]["email"])
    bo_player, bo_state = await h.start(bo["candidate"]["email"])
    assert ada_state["session_id"] != bo_state["session_id"]

    # Each token addresses "my session": there is no session id in the player's routes to swap.
    pos = by_type(bo_state)["essay"]
    r = await client.put(
        f"{PLAYER}/session/answers/{pos}",
        json={"revision": 1, "answer": {"type": "text", "text": "Ada writes"}},
        headers=ada_player,
    )
    assert r.status_code == 200
    bo_q = (await client.get(f"{PLAYER}/session/questions/{pos}", headers=bo_player)).json()
    assert bo_q["answer"] is None  # Ada's write landed in Ada's session only
    # A run id of another session is not found.
    bo_session = (
        await session.execute(select(TestSession).where(TestSession.id == bo_state["session_id"]))
    ).scalar_one()
    assert (await client.get(f"{PLAYER}/session/runs/{bo_session.id}", headers=ada_player)).status_code == 404

    # A player token is no staff token, and no staff token is a player token.
    for url in (
        "/api/v1/auth/me",
        "/api/v1/candidates",
        f"/api/v1/test-sessions/{bo_session.id}",
        "/api/v1/invitations",
    ):
        assert (await client.get(url, headers=ada_player)).status_code == 401, url
    assert (await client.get(f"{PLAYER}/session", headers=h.recruiter)).status_code == 403
    assert (
        await client.get(f"{PLAYER}/session", headers={"Authorization": "Bearer forged.token.here"})
    ).status_code == 401


async def test_nothing_the_player_reads_holds_answers_rubrics_or_hidden_cases(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single", "mcq_multi", "essay", "adder"))
    ada = await h.apply("Ada")
    token, _, _ = await h.secrets(ada["candidate"]["email"])
    seen = [(await client.post(f"{PLAYER}/sign-in", json={"token": token})).text]
    player, state = await h.start(ada["candidate"]["email"])
    seen.append(json.dumps(state))
    seen.append((await client.get(f"{PLAYER}/me", headers=player)).text)
    for item in state["items"]:
        seen.append((await client.get(f"{PLAYER}/session/questions/{item['position']}", headers=player)).text)
    text = "\n".join(seen)
    versions = (
        await session.execute(select(QuestionVersion).where(QuestionVersion.organization_id == h.org.id))
    ).scalars()
    for v in versions:
        assert v.explanation == "" or v.explanation not in text
        for criterion in v.rubric:
            assert criterion["guidance"] not in text
        for lang in (v.coding or {}).get("languages", {}).values():
            assert lang["reference"] not in text and (not lang["harness"] or lang["harness"] not in text)
    assert '"correct"' not in text and "rubric" not in text and HIDDEN_INPUT.strip() not in text


async def test_a_position_past_any_test_is_a_field_error_not_a_database_error(client, factory, session):
    # Found by schemathesis with a player token: a position beyond PostgreSQL's integer range was a 500.
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    ada = await h.apply("Ada")
    player, _ = await h.start(ada["candidate"]["email"])
    huge = 999_999_999_999
    for method, url, body in [
        ("GET", f"{PLAYER}/session/questions/{huge}", None),
        ("PUT", f"{PLAYER}/session/answers/{huge}", {"revision": 1, "answer": None}),
        ("POST", f"{PLAYER}/session/questions/{huge}/runs", {"language": "python3", "source": "print(1)"}),
    ]:
        r = await client.request(method, url, json=body, headers=player)
        assert r.status_code == 422, (url, r.text)
    assert (await client.get(f"{PLAYER}/session/questions/1000", headers=player)).status_code == 404
