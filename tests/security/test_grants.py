"""Nobody, person or API key, creates or grants a role or a permission they
do not hold, and choosing a role needs `roles:assign`."""

from backend.auth.permissions import PERSONAL_PERMISSIONS, permissions_for
from tests.factories import PASSWORD

USERS = "/api/v1/users"


async def _key(client, admin_headers, *scopes) -> dict[str, str]:
    r = await client.post("/api/v1/api-keys", json={"name": "narrow", "scopes": list(scopes)}, headers=admin_headers)
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['key']}"}


def _new(email, role=None):
    return {"email": email, "full_name": "New Person", "password": PASSWORD, **({"role": role} if role else {})}


async def test_a_key_scoped_users_write_cannot_create_an_admin_or_anyone_above_it(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    key = await _key(client, admin, "users:write")
    r = await client.post(USERS, json=_new("evil@example.com", "admin"), headers=key)
    assert r.status_code == 403, r.text
    # Without choosing a role the default (interviewer) still holds permissions the key does not have.
    assert (await client.post(USERS, json=_new("evil2@example.com"), headers=key)).status_code == 403
    assert (await client.get(USERS, params={"q": "evil"}, headers=admin)).json()["items"] == []


async def test_choosing_a_role_needs_roles_assign_and_every_permission_of_the_role(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    # Holds everything an interviewer holds, plus users:write, but not roles:assign.
    interviewer_perms = sorted(permissions_for("interviewer") - PERSONAL_PERMISSIONS)
    key = await _key(client, admin, "users:write", *interviewer_perms)
    assert (await client.post(USERS, json=_new("a@example.com", "interviewer"), headers=key)).status_code == 403
    # Not choosing a role gives the default, interviewer: every permission of it is the key's (one's own inbox,
    # which no key can hold, does not count).
    created = await client.post(USERS, json=_new("b@example.com"), headers=key)
    assert created.status_code == 201 and created.json()["role"] == "interviewer"

    # roles:assign is not enough to hand out a role with more than the caller holds.
    key = await _key(client, admin, "users:write", "roles:assign", "users:read")
    assert (await client.post(USERS, json=_new("c@example.com", "recruiter"), headers=key)).status_code == 403
    # An admin holds every organization permission and may create another admin.
    r = await client.post(USERS, json=_new("d@example.com", "admin"), headers=admin)
    assert r.status_code == 201 and r.json()["role"] == "admin"


async def test_role_changes_and_account_takeover_follow_the_same_rule(client, factory):
    org = await factory.org()
    boss, admin = await factory.user_and_headers(org, "admin")
    ian = await factory.user(org, "interviewer")
    key = await _key(client, admin, "users:write", "users:reset_password", "roles:assign", "users:read")
    # Promoting someone to a role above the key: refused.
    assert (await client.patch(f"{USERS}/{ian.id}", json={"role": "admin"}, headers=key)).status_code == 403
    # Taking over an admin by resetting their password, or locking them out: refused.
    r = await client.post(f"{USERS}/{boss.id}/reset-password", json={"password": "taken-over-123"}, headers=key)
    assert r.status_code == 403
    assert (await client.post(f"{USERS}/{boss.id}/deactivate", headers=key)).status_code == 403
    assert (
        await client.patch(f"{USERS}/{boss.id}", json={"email": "mine@example.com"}, headers=key)
    ).status_code == 403
    login = await client.post("/api/v1/auth/login", json={"email": boss.email, "password": PASSWORD})
    assert login.status_code == 200


async def test_api_key_scopes_are_a_subset_of_the_creators_permissions(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    r = await client.post("/api/v1/api-keys", json={"name": "k", "scopes": ["organizations:manage"]}, headers=admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.scopes"
