from sqlalchemy import select

from backend.audit.models import AuditLog
from tests.factories import PASSWORD

USERS = "/api/v1/users"


async def test_admin_creates_user_who_can_then_sign_in(client, factory, session):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    body = {
        "email": "New.Recruiter@Example.com",
        "full_name": "New Recruiter",
        "role": "recruiter",
        "password": "long-enough-9",
    }
    r = await client.post(USERS, json=body, headers=headers)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["email"] == "new.recruiter@example.com" and created["role"] == "recruiter"
    assert "password" not in created and "password_hash" not in created
    login = await client.post("/api/v1/auth/login", json={"email": body["email"], "password": "long-enough-9"})
    assert login.status_code == 200
    entry = (await session.execute(select(AuditLog).where(AuditLog.action == "user.created"))).scalar_one()
    assert entry.after["email"] == "new.recruiter@example.com" and entry.actor_type == "user"
    assert entry.request_id and entry.ip == "127.0.0.1"


async def test_duplicate_email_is_409_on_the_email_field_case_insensitively(client, factory):
    org = await factory.org()
    admin, headers = await factory.user_and_headers(org, "admin")
    body = {"email": admin.email.upper(), "full_name": "Dup", "role": "recruiter", "password": "long-enough-9"}
    r = await client.post(USERS, json=body, headers=headers)
    assert r.status_code == 409
    assert r.json()["errors"][0]["field"] == "body.email"


async def test_bad_input_is_problem_json_with_field_errors(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    ok = {"email": "a@example.com", "full_name": "X", "role": "recruiter", "password": "long-enough-9"}
    cases = [
        ({**ok, "email": "not-an-email"}, "body.email"),
        ({**ok, "full_name": ""}, "body.full_name"),
        ({**ok, "full_name": "X" * 201}, "body.full_name"),
        ({**ok, "role": "wizard"}, "body.role"),
        ({**ok, "password": "short1"}, "body.password"),
        ({**ok, "password": "onlyletters"}, "body.password"),
        ({**ok, "role": "superadmin"}, "body.role"),
        ({**ok, "full_name": 42}, "body.full_name"),
        ({**ok, "extra": 1}, "body.extra"),
        ({k: v for k, v in ok.items() if k != "email"}, "body.email"),
    ]
    for payload, field in cases:
        r = await client.post(USERS, json=payload, headers=headers)
        assert r.status_code == 422, (payload, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        assert field in {e["field"] for e in r.json()["errors"]}, (payload, r.json())


async def test_list_filters_search_sort_and_paginate(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    for i in range(5):
        await factory.user(org, "interviewer", email=f"int{i}@example.com")
    inactive = await factory.user(org, "recruiter", email="gone@example.com", is_active=False)

    r = await client.get(USERS, params={"role": "interviewer", "sort": "email", "limit": 2}, headers=headers)
    page = r.json()
    assert page["total"] == 5 and [u["email"] for u in page["items"]] == ["int0@example.com", "int1@example.com"]
    seen = [u["email"] for u in page["items"]]
    while page["next_cursor"]:
        page = (
            await client.get(
                USERS,
                params={"role": "interviewer", "sort": "email", "limit": 2, "cursor": page["next_cursor"]},
                headers=headers,
            )
        ).json()
        seen += [u["email"] for u in page["items"]]
    assert seen == [f"int{i}@example.com" for i in range(5)]

    r = await client.get(USERS, params={"sort": "-email", "limit": 1}, headers=headers)
    assert r.json()["items"][0]["email"] == "int4@example.com"
    r = await client.get(USERS, params={"is_active": "false"}, headers=headers)
    assert [u["id"] for u in r.json()["items"]] == [str(inactive.id)]
    r = await client.get(USERS, params={"q": "INT3"}, headers=headers)
    assert [u["email"] for u in r.json()["items"]] == ["int3@example.com"]
    r = await client.get(USERS, params={"q": "%"}, headers=headers)
    assert r.json()["items"] == []  # wildcards are literal
    r = await client.get(USERS, params={"sort": "-last_login_at", "limit": 100}, headers=headers)
    assert r.status_code == 200 and r.json()["total"] == 7


async def test_list_filters_by_several_roles_at_once(client, factory):
    """One request for everyone who may sit on an interview panel (the scheduling form's people picker)."""
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    for role in ("interviewer", "hiring_manager", "executive", "recruiter", "candidate"):
        await factory.user(org, role)
    panel = ["interviewer", "hiring_manager", "executive", "recruiter"]
    r = await client.get(USERS, params={"role": panel, "is_active": "true", "limit": 100}, headers=headers)
    assert r.status_code == 200, r.text
    assert sorted(u["role"] for u in r.json()["items"]) == sorted(panel)
    one = await client.get(USERS, params={"role": "executive"}, headers=headers)
    assert [u["role"] for u in one.json()["items"]] == ["executive"]
    bad = await client.get(USERS, params={"role": ["interviewer", "wizard"]}, headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].startswith("query.role")


async def test_list_rejects_bad_sort_cursor_and_limit(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    for params, field in [
        ({"sort": "password_hash"}, "query.sort"),
        ({"cursor": "!!!"}, "query.cursor"),
        ({"limit": 1000}, "query.limit"),
        ({"limit": 0}, "query.limit"),
    ]:
        r = await client.get(USERS, params=params, headers=headers)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == field


async def test_edit_role_and_email_is_audited_with_changed_fields_only(client, factory, session):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    user = await factory.user(org, "interviewer")
    r = await client.patch(
        f"{USERS}/{user.id}", json={"role": "recruiter", "full_name": user.full_name}, headers=headers
    )
    assert r.status_code == 200 and r.json()["role"] == "recruiter"
    stmt = select(AuditLog).where(AuditLog.action == "user.updated", AuditLog.entity_id == str(user.id))
    entry = (await session.execute(stmt)).scalar_one()
    assert entry.before == {"role": "interviewer"} and entry.after == {"role": "recruiter"}


async def test_admin_cannot_demote_or_deactivate_self(client, factory):
    org = await factory.org()
    admin, headers = await factory.user_and_headers(org, "admin")
    assert (await client.patch(f"{USERS}/{admin.id}", json={"role": "recruiter"}, headers=headers)).status_code == 422
    assert (await client.post(f"{USERS}/{admin.id}/deactivate", headers=headers)).status_code == 409


async def test_deactivate_reactivate_is_idempotent(client, factory, session):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    user = await factory.user(org, "recruiter")
    for _ in range(2):
        r = await client.post(f"{USERS}/{user.id}/deactivate", headers=headers)
        assert r.status_code == 200 and r.json()["is_active"] is False
    actions = (await session.execute(select(AuditLog.action).where(AuditLog.entity_id == str(user.id)))).scalars()
    assert list(actions).count("user.deactivated") == 1
    r = await client.post(f"{USERS}/{user.id}/reactivate", headers=headers)
    assert r.json()["is_active"] is True
    await factory.login(user)


async def test_reset_password_unlocks_and_ends_sessions(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "admin")
    user = await factory.user(org, "recruiter")
    r = await client.post(f"{USERS}/{user.id}/reset-password", json={"password": "weak"}, headers=headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.password"
    r = await client.post(f"{USERS}/{user.id}/reset-password", json={"password": "brand-new-pass-7"}, headers=headers)
    assert r.status_code == 204
    bad = await client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    assert bad.status_code == 401
    await factory.login(user, "brand-new-pass-7")


async def test_recruiter_reads_users_but_cannot_change_them(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    assert (await client.get(USERS, headers=headers)).status_code == 200
    body = {"email": "x@example.com", "full_name": "X", "role": "admin", "password": "long-enough-9"}
    r = await client.post(USERS, json=body, headers=headers)
    assert r.status_code == 403 and "users:write" in r.json()["detail"]
