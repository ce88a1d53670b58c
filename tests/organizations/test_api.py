async def test_superadmin_creates_an_organization_whose_admin_can_sign_in(client, factory):
    _, headers = await factory.user_and_headers(None, "superadmin")
    body = {
        "name": "Globex",
        "slug": "globex",
        "admin_email": "boss@globex.example.com",
        "admin_full_name": "Hank Scorpio",
        "admin_password": "volcano-lair-1",
    }
    r = await client.post("/api/v1/organizations", json=body, headers=headers)
    assert r.status_code == 201 and r.json()["slug"] == "globex"
    assert (await client.post("/api/v1/organizations", json=body, headers=headers)).status_code == 409
    login = await client.post("/api/v1/auth/login", json={"email": body["admin_email"], "password": "volcano-lair-1"})
    admin_headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    me = (await client.get("/api/v1/auth/me", headers=admin_headers)).json()
    assert me["organization_name"] == "Globex" and me["role"] == "admin"
    # It starts with its defaults, made once at creation: reading them writes nothing.
    reasons = (await client.get("/api/v1/rejection-reasons", headers=admin_headers)).json()
    assert len(reasons) == 6 and reasons[-1]["label"] == "Other"
    rounds = (await client.get("/api/v1/round-templates", headers=admin_headers)).json()
    assert [r["kind"] for r in rounds][:4] == ["assessment", "technical_interview", "executive_interview", "offer"]
    templates = (await client.get("/api/v1/email/templates", headers=admin_headers)).json()
    assert templates and not any(t["customised"] for t in templates)
    listing = (await client.get("/api/v1/organizations", params={"sort": "slug"}, headers=headers)).json()
    assert "globex" in [o["slug"] for o in listing["items"]]


async def test_deactivating_an_organization_cuts_off_its_users(client, factory):
    org = await factory.org()
    user, user_headers = await factory.user_and_headers(org, "recruiter")
    _, op_headers = await factory.user_and_headers(None, "superadmin")
    r = await client.patch(f"/api/v1/organizations/{org.id}", json={"is_active": False}, headers=op_headers)
    assert r.status_code == 200 and r.json()["is_active"] is False
    assert (await client.get("/api/v1/auth/me", headers=user_headers)).status_code == 401
    r = await client.post("/api/v1/auth/login", json={"email": user.email, "password": "correct-horse-42"})
    assert r.status_code == 401  # like a wrong password: a stranger is not told the password was right


async def test_settings_are_validated_and_deep_merged(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    current = (await client.get("/api/v1/organization", headers=headers)).json()
    assert current["settings"]["link_rules"]["step1"]["default_days"] == 7
    assert current["settings"]["thresholds"] == {"auto_advance": 70, "manual_review": 50}

    r = await client.patch(
        "/api/v1/organization/settings",
        json={"time_zone": "Europe/Paris", "link_rules": {"step2": {"default_days": 5}}},
        headers=headers,
    )
    assert r.status_code == 200
    s = r.json()["settings"]
    assert s["time_zone"] == "Europe/Paris" and s["link_rules"]["step2"]["default_days"] == 5
    assert s["link_rules"]["step2"]["max_days"] == 14

    bad = [
        ({"time_zone": "Mars/Olympus"}, "body.time_zone"),
        ({"link_rules": {"step1": {"default_days": 40}}}, "body.link_rules.step1"),
        ({"thresholds": {"manual_review": 90}}, "body.thresholds"),
        ({"final_decision": {"cto_weight": 0.9}}, "body.final_decision"),
        ({"surprise": True}, "body.surprise"),
    ]
    for patch, field in bad:
        r = await client.patch("/api/v1/organization/settings", json=patch, headers=headers)
        assert r.status_code == 422, patch
        assert r.json()["errors"][0]["field"] == field, r.json()


async def test_recruiter_reads_settings_but_cannot_change_them(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    assert (await client.get("/api/v1/organization", headers=headers)).status_code == 200
    r = await client.patch("/api/v1/organization/settings", json={"time_zone": "UTC"}, headers=headers)
    assert r.status_code == 403
