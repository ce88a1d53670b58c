"""The cached principal: requests are authorized from memory, and a change made through another API process
applies to the very next request (PostgreSQL NOTIFY from a trigger, heard on each process's LISTEN connection).

Two app instances on one database, each with its own listener, like two API processes behind a load balancer.
"""

import uuid

import httpx

from backend.auth.passwords import hash_password
from backend.users.models import User
from tests.committed import ApiInstance, api_instance, committed_org, sign_in
from tests.factories import PASSWORD


async def _get(base: str, path: str, headers: dict[str, str]) -> httpx.Response:
    async with httpx.AsyncClient(base_url=base) as c:
        return await c.get(path, headers=headers)


async def _post(base: str, path: str, headers: dict[str, str], body: dict | None = None) -> httpx.Response:
    async with httpx.AsyncClient(base_url=base) as c:
        return await c.post(path, headers=headers, json=body)


def _cached_user(instance: ApiInstance, user_id: uuid.UUID) -> bool:
    return instance.app.state.principals.cache.user(user_id) is not None


async def test_deactivation_and_role_change_apply_at_once_on_another_process(real_db, migrated_url):
    _, users = await committed_org(real_db, "admin", "recruiter", "hiring_manager")
    async with api_instance(migrated_url) as a, api_instance(migrated_url) as b:
        admin = await sign_in(a, users["admin"].email)
        recruiter = await sign_in(b, users["recruiter"].email)
        manager = await sign_in(b, users["hiring_manager"].email)

        assert (await _get(b, "/api/v1/candidates", recruiter)).status_code == 200
        assert (await _get(b, "/api/v1/candidates", manager)).status_code == 200
        # B now answers for both from memory: no query to know who they are.
        assert _cached_user(b, users["recruiter"].id) and _cached_user(b, users["hiring_manager"].id)

        r = await _post(a, f"/api/v1/users/{users['recruiter'].id}/deactivate", admin)
        assert r.status_code == 200, r.text
        assert (await _get(b, "/api/v1/candidates", recruiter)).status_code == 401

        async with httpx.AsyncClient(base_url=a) as c:
            r = await c.patch(
                f"/api/v1/users/{users['hiring_manager'].id}", headers=admin, json={"role": "interviewer"}
            )
        assert r.status_code == 200, r.text
        # The token still says hiring_manager; the role that counts is the current one.
        assert (await _get(b, "/api/v1/candidates", manager)).status_code == 403
        assert (await _get(b, "/api/v1/interviews", manager)).status_code == 200


async def test_api_key_revocation_applies_at_once_on_another_process(real_db, migrated_url):
    _, users = await committed_org(real_db, "admin")
    async with api_instance(migrated_url) as a, api_instance(migrated_url) as b:
        admin = await sign_in(a, users["admin"].email)
        r = await _post(a, "/api/v1/api-keys", admin, {"name": "ats sync", "scopes": ["candidates:read"]})
        assert r.status_code == 201, r.text
        key_id, key = r.json()["id"], {"Authorization": f"Bearer {r.json()['key']}"}

        assert (await _get(b, "/api/v1/candidates", key)).status_code == 200
        assert (await _get(b, "/api/v1/candidates", key)).status_code == 200  # from memory this time
        assert (await _get(b, "/api/v1/users", key)).status_code == 403  # a scope it does not hold

        assert (await _post(a, f"/api/v1/api-keys/{key_id}/revoke", admin)).status_code == 200
        assert (await _get(b, "/api/v1/candidates", key)).status_code == 401


async def test_organization_deactivation_applies_at_once_on_another_process(real_db, migrated_url):
    org, users = await committed_org(real_db, "admin")
    operator_email = f"operator-{uuid.uuid4().hex[:8]}@example.com"
    async with real_db.sessionmaker() as session, session.begin():
        session.add(
            User(
                organization_id=None,
                email=operator_email,
                full_name="Platform Operator",
                role="superadmin",
                password_hash=hash_password(PASSWORD),
            )
        )
    async with api_instance(migrated_url) as a, api_instance(migrated_url) as b:
        operator = await sign_in(a, operator_email)
        admin = await sign_in(b, users["admin"].email)
        assert (await _get(b, "/api/v1/auth/me", admin)).status_code == 200
        assert _cached_user(b, users["admin"].id)

        async with httpx.AsyncClient(base_url=a) as c:
            r = await c.patch(f"/api/v1/organizations/{org.id}", headers=operator, json={"is_active": False})
        assert r.status_code == 200, r.text
        assert (await _get(b, "/api/v1/auth/me", admin)).status_code == 401

        async with httpx.AsyncClient(base_url=a) as c:
            r = await c.patch(f"/api/v1/organizations/{org.id}", headers=operator, json={"is_active": True})
        assert r.status_code == 200, r.text
        assert (await _get(b, "/api/v1/auth/me", admin)).status_code == 200
