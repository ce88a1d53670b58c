from tests.factories import JOB_BOARD, open_requisition


async def test_board_lists_only_open_jobs_without_internal_fields(client, factory):
    org = await factory.org(slug="globex-board")
    _, headers = await factory.user_and_headers(org, "recruiter")
    job = await open_requisition(
        client,
        headers,
        title="Backend Engineer",
        department="Engineering",
        location="Berlin",
        description="Async Python and PostgreSQL at scale.",
    )
    await open_requisition(
        client,
        headers,
        title="Designer",
        department="Design",
        location="New York",
        employment_type="contract",
        description="Figma.",
    )
    await client.post("/api/v1/requisitions", json={"title": "Secret draft", "description": "x"}, headers=headers)

    page = (await client.get(JOB_BOARD.format(slug="globex-board"))).json()  # no credentials
    assert {j["title"] for j in page["items"]} == {"Backend Engineer", "Designer"}
    assert "passing_score" not in page["items"][0] and "hiring_manager_id" not in page["items"][0]

    async def fetch(params):
        return (await client.get(JOB_BOARD.format(slug="globex-board"), params=params)).json()["items"]

    assert [j["title"] for j in await fetch({"q": "postgresql"})] == ["Backend Engineer"]
    assert [j["title"] for j in await fetch({"q": "engineer berlin"})] == ["Backend Engineer"]
    assert [j["title"] for j in await fetch({"location": "york"})] == ["Designer"]
    assert [j["title"] for j in await fetch({"employment_type": "contract"})] == ["Designer"]
    assert [j["title"] for j in await fetch({"department": "engineering"})] == ["Backend Engineer"]

    detail = (await client.get(f"{JOB_BOARD.format(slug='globex-board')}/{job['id']}")).json()
    assert detail["description"].startswith("Async Python") and detail["organization_name"] == "Test Org"
    assert "stage_weights" not in detail


async def test_drafts_other_tenants_and_unknown_boards_are_404(client, factory):
    org, other = await factory.org(slug="board-a"), await factory.org(slug="board-b")
    _, headers = await factory.user_and_headers(org, "recruiter")
    draft = (
        await client.post("/api/v1/requisitions", json={"title": "Draft", "description": "x"}, headers=headers)
    ).json()
    assert (await client.get(f"{JOB_BOARD.format(slug='board-a')}/{draft['id']}")).status_code == 404
    open_job = await open_requisition(client, headers)
    assert (await client.get(f"{JOB_BOARD.format(slug='board-b')}/{open_job['id']}")).status_code == 404
    assert (await client.get(JOB_BOARD.format(slug="no-such-org"))).status_code == 404
    assert (await client.get(JOB_BOARD.format(slug="board-a"), params={"employment_type": "gig"})).status_code == 422
    assert other  # a second tenant exists and sees nothing of the first
    assert (await client.get(JOB_BOARD.format(slug="board-b"))).json()["items"] == []
