"""Where a stranger can ask, existing and unknown accounts get the same
answers (sign-in lockout, deactivated accounts, creating a user with an address another organization uses)."""

from tests.factories import PASSWORD

LOGIN = "/api/v1/auth/login"


async def _answers(client, email: str, password: str, n: int = 7) -> list[tuple[int, str]]:
    out = []
    for _ in range(n):
        r = await client.post(LOGIN, json={"email": email, "password": password})
        out.append((r.status_code, r.json()["detail"].split(":")[0]))
    return out


async def test_unknown_addresses_lock_exactly_like_existing_ones(client, factory):
    org = await factory.org()
    user = await factory.user(org)
    known = await _answers(client, user.email, "wrong-pass-1")
    unknown = await _answers(client, "nobody-here@example.com", "wrong-pass-1")
    assert known == unknown
    assert [s for s, _ in known] == [401, 401, 401, 401, 423, 423, 423]


async def test_a_deactivated_account_answers_like_a_wrong_password(client, factory):
    org = await factory.org()
    user = await factory.user(org, "recruiter", is_active=False)
    right = await client.post(LOGIN, json={"email": user.email, "password": PASSWORD})
    wrong = await client.post(LOGIN, json={"email": user.email, "password": "wrong-pass-1"})
    unknown = await client.post(LOGIN, json={"email": "ghost-2@example.com", "password": PASSWORD})
    assert right.status_code == wrong.status_code == unknown.status_code == 401
    assert right.json()["detail"] == wrong.json()["detail"] == unknown.json()["detail"]


async def test_creating_a_user_with_another_organizations_address_answers_like_a_new_address(client, factory):
    acme, other = await factory.org(), await factory.org()
    taken = await factory.user(acme, "recruiter")
    _, admin = await factory.user_and_headers(other, "admin")
    body = {"full_name": "Someone", "role": "recruiter", "password": "new-password-1"}
    r = await client.post("/api/v1/users", json={**body, "email": taken.email}, headers=admin)
    fresh = await client.post("/api/v1/users", json={**body, "email": "fresh-addr@example.com"}, headers=admin)
    assert r.status_code == fresh.status_code == 201, r.text
    # Each organization's account signs in with its own password; the other organization's is untouched.
    mine = await client.post(LOGIN, json={"email": taken.email, "password": "new-password-1"})
    theirs = await client.post(LOGIN, json={"email": taken.email, "password": PASSWORD})
    assert mine.status_code == theirs.status_code == 200
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {mine.json()['access_token']}"})
    assert me.json()["organization_id"] == str(other.id)
    # Inside one organization an address is still unique (an admin sees their own users anyway).
    again = await client.post("/api/v1/users", json={**body, "email": taken.email.upper()}, headers=admin)
    assert again.status_code == 409
