from backend.notifications.service import notify

N = "/api/v1/notifications"


async def _seed(factory, session, org, user, n=3):
    rows = []
    for i in range(n):
        rows += await notify(
            session,
            org.id,
            [user.id],
            type="application",
            title=f"Item {i}",
            message="m",
            action_url=f"/applications/{i}",
        )
    await session.commit()
    return rows


async def test_inbox_unread_count_read_and_archive(client, factory, session):
    org = await factory.org()
    user, headers = await factory.user_and_headers(org, "recruiter")
    rows = await _seed(factory, session, org, user)

    page = (await client.get(N, headers=headers)).json()
    assert [n["title"] for n in page["items"]] == ["Item 2", "Item 1", "Item 0"]
    assert (await client.get(f"{N}/unread-count", headers=headers)).json() == {"unread": 3}

    r = await client.post(f"{N}/{rows[0].id}/read", headers=headers)
    assert r.status_code == 200 and r.json()["read_at"]
    assert (await client.get(f"{N}/unread-count", headers=headers)).json() == {"unread": 2}
    assert [n["title"] for n in (await client.get(N, params={"unread": "true"}, headers=headers)).json()["items"]] == [
        "Item 2",
        "Item 1",
    ]

    r = await client.post(f"{N}/{rows[1].id}/archive", headers=headers)
    assert r.json()["archived_at"]
    assert len((await client.get(N, headers=headers)).json()["items"]) == 2
    assert [
        n["title"] for n in (await client.get(N, params={"archived": "true"}, headers=headers)).json()["items"]
    ] == ["Item 1"]

    assert (await client.post(f"{N}/read-all", headers=headers)).json() == {"updated": 1}
    assert (await client.get(f"{N}/unread-count", headers=headers)).json() == {"unread": 0}
    r = await client.get(N, params={"type": "interview"}, headers=headers)
    assert r.json()["items"] == []
    r = await client.get(N, params={"type": "gossip"}, headers=headers)
    assert r.status_code == 422


async def test_nobody_reads_or_changes_another_users_notifications(client, factory, session):
    org = await factory.org()
    owner = await factory.user(org, "recruiter")
    rows = await _seed(factory, session, org, owner, 1)
    _, other = await factory.user_and_headers(org, "admin")  # even an admin of the same organization
    for action in ("read", "unread", "archive", "unarchive"):
        assert (await client.post(f"{N}/{rows[0].id}/{action}", headers=other)).status_code == 404
    assert (await client.get(N, headers=other)).json()["items"] == []


async def test_broadcast_reaches_the_chosen_roles_and_is_audited(client, factory, session):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    _, rec_headers = await factory.user_and_headers(org, "recruiter")
    _, int_headers = await factory.user_and_headers(org, "interviewer")
    body = {
        "title": "Office closed Friday",
        "message": "Interviews move to video.",
        "priority": "urgent",
        "roles": ["recruiter"],
        "action_url": "/interviews",
    }
    r = await client.post(f"{N}/broadcast", json=body, headers=admin)
    assert r.status_code == 200 and r.json() == {"recipients": 1}
    (item,) = (await client.get(N, headers=rec_headers)).json()["items"]
    assert item["priority"] == "urgent" and item["action_url"] == "/interviews" and item["type"] == "system"
    assert (await client.get(N, headers=int_headers)).json()["items"] == []
    audit = (await client.get("/api/v1/audit-logs", params={"action": "notification.broadcast"}, headers=admin)).json()
    assert audit["items"][0]["after"]["recipients"] == 1

    bad = await client.post(f"{N}/broadcast", json={**body, "action_url": "https://evil.example.com"}, headers=admin)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.action_url"
    assert (await client.post(f"{N}/broadcast", json=body, headers=rec_headers)).status_code == 403


async def test_role_change_notifies_the_user(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    user = await factory.user(org, "interviewer")
    await client.patch(f"/api/v1/users/{user.id}", json={"role": "recruiter"}, headers=admin)
    headers = await factory.login(user)
    (item,) = (await client.get(N, headers=headers)).json()["items"]
    assert item["title"] == "Your role changed" and item["priority"] == "high"


async def test_api_keys_have_no_inbox(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    key = (await client.post("/api/v1/api-keys", json={"name": "k", "scopes": ["users:read"]}, headers=admin)).json()
    r = await client.get(N, headers={"Authorization": f"Bearer {key['key']}"})
    assert r.status_code == 403
