"""Links as recruiters and candidates meet them: sent when an application enters the assessment stage (or by a
recruiter), credentials, extension limits per role, resend / revoke / regenerate, the access log and its flag,
the Links list, and the scheduled reminders and expiry."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from backend.audit.models import AuditLog
from backend.email.models import EmailMessage
from backend.invitations.models import Invitation, InvitationReminder
from backend.invitations.tasks import expire_links, send_reminders
from backend.notifications.models import Notification
from tests.assessments.helpers import PLAYER, setup_hiring

INVITATIONS = "/api/v1/invitations"


async def _actions(session, invitation_id) -> list[str]:
    rows = await session.execute(
        select(AuditLog.action)
        .where(AuditLog.entity_type == "invitation", AuditLog.entity_id == str(invitation_id))
        .order_by(AuditLog.created_at)
    )
    return list(rows.scalars())


async def test_entering_the_assessment_stage_sends_the_link_with_credentials(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    ada = await h.apply("Ada", phone="+44 20 7946 0958")
    inv = ada["invitation"]
    assert inv["username"] == "ada_0958" and inv["status"] == "pending" and inv["state"] == "active"
    assert inv["stage_id"] == h.stage_ids[0] and inv["assessment_name"] == h.assessment["name"]
    assert inv["owner_id"] == str(h.recruiter_id)
    # A second Ada with the same last digits gets the next free name; one without a phone, random digits.
    twin = await h.apply("Ada", phone="+1 212 555 0958")
    assert twin["invitation"]["username"] == "ada_0958_2"
    nophone = await h.apply("Grace", phone=None)
    assert nophone["invitation"]["username"].startswith("grace_")

    token, username, code = await h.secrets(ada["candidate"]["email"])
    assert username == "ada_0958" and len(code) == 8
    # Neither the link nor the code is ever readable back: not in the API, not in the recruiter's outbox view.
    detail = (await client.get(f"{INVITATIONS}/{inv['id']}", headers=h.recruiter)).json()
    assert token not in str(detail) and code not in str(detail)
    outbox = (
        await client.get("/api/v1/email/outbox", params={"q": ada["candidate"]["email"]}, headers=h.recruiter)
    ).json()
    message = (await client.get(f"/api/v1/email/outbox/{outbox['items'][0]['id']}", headers=h.recruiter)).json()
    assert token not in str(message) and code not in str(message) and "[hidden" in message["body_text"]
    row = (await session.execute(select(Invitation).where(Invitation.id == inv["id"]))).scalar_one()
    assert token not in row.token_hash and code not in row.access_code_hash
    assert await _actions(session, inv["id"]) == ["invitation.created"]

    # A manual second link for the same assessment is refused while one works.
    r = await client.post(INVITATIONS, json={"application_id": ada["application"]["id"]}, headers=h.recruiter)
    assert r.status_code == 409 and r.json()["invitation_id"] == inv["id"]


async def test_extension_limits_per_role_through_the_api(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    ada = await h.apply("Ada")
    inv_id = ada["invitation"]["id"]
    _other_user, other = await factory.user_and_headers(h.org, "recruiter")

    r = await client.post(f"{INVITATIONS}/{inv_id}/extend", json={"days": 3, "reason": "Travelling"}, headers=other)
    assert r.status_code == 403  # not their candidate
    r = await client.post(f"{INVITATIONS}/{inv_id}/extend", json={"days": 60}, headers=h.recruiter)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.days"
    before = datetime.fromisoformat(ada["invitation"]["expires_at"])
    r = await client.post(f"{INVITATIONS}/{inv_id}/extend", json={"days": 3}, headers=h.recruiter)
    assert r.status_code == 200, r.text
    assert datetime.fromisoformat(r.json()["expires_at"]) >= before + timedelta(days=3)
    r = await client.post(f"{INVITATIONS}/{inv_id}/extend", json={"days": 200}, headers=h.admin)
    assert r.status_code == 200  # admins: any length
    assert (await _actions(session, inv_id)).count("invitation.extended") == 2
    told = await session.execute(
        select(func.count()).where(EmailMessage.template_key == "link_extended", EmailMessage.entity_id == inv_id)
    )
    assert told.scalar_one() == 2


async def test_resend_and_regenerate_issue_new_secrets_and_end_the_old_ones(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    ada = await h.apply("Ada")
    email, inv_id = ada["candidate"]["email"], ada["invitation"]["id"]
    old_token, _, _old_code = await h.secrets(email)
    player = await h.sign_in(email)

    r = await client.post(f"{INVITATIONS}/{inv_id}/resend", headers=h.recruiter)
    assert r.status_code == 200, r.text
    new_token, _, _ = await h.secrets(email)
    assert new_token != old_token
    assert (await client.post(f"{PLAYER}/sign-in", json={"token": old_token})).status_code == 401
    assert (await client.get(f"{PLAYER}/me", headers=player)).status_code == 401  # old player tokens end too
    assert (await client.post(f"{PLAYER}/sign-in", json={"token": new_token})).status_code == 200

    r = await client.post(f"{INVITATIONS}/{inv_id}/revoke", json={"reason": "Duplicate"}, headers=h.recruiter)
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    r = await client.post(f"{PLAYER}/sign-in", json={"token": new_token})
    assert r.status_code == 410 and r.json()["type"].endswith("/link-gone")
    r = await client.post(f"{INVITATIONS}/{inv_id}/regenerate", json={}, headers=h.recruiter)
    assert r.status_code == 200 and r.json()["status"] == "pending"
    latest, _, _ = await h.secrets(email)
    assert (await client.post(f"{PLAYER}/sign-in", json={"token": latest})).status_code == 200
    assert await _actions(session, inv_id) == [
        "invitation.created",
        "invitation.resent",
        "invitation.revoked",
        "invitation.regenerated",
    ]


async def test_wrong_codes_lock_the_credentials_and_busy_links_are_flagged(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    ada = await h.apply("Ada")
    token, username, code = await h.secrets(ada["candidate"]["email"])
    unknown = await client.post(f"{PLAYER}/sign-in", json={"username": "nobody_0000", "access_code": "AAAAAAAA"})
    wrong = await client.post(f"{PLAYER}/sign-in", json={"username": username, "access_code": "AAAAAAAA"})
    assert unknown.status_code == wrong.status_code == 401 and unknown.json()["detail"] == wrong.json()["detail"]
    await client.post(f"{PLAYER}/sign-in", json={"username": username, "access_code": "AAAAAAAA"})
    locked = await client.post(f"{PLAYER}/sign-in", json={"username": username, "access_code": "AAAAAAAA"})
    assert locked.status_code == 423  # the third wrong code locks the credentials …
    assert (
        await client.post(f"{PLAYER}/sign-in", json={"username": username, "access_code": "BBBBBBBB"})
    ).status_code == 423
    # … and then even the right code is refused.
    assert (await client.post(f"{PLAYER}/sign-in", json={"username": username, "access_code": code})).status_code == 423
    assert (await client.post(f"{PLAYER}/sign-in", json={"token": token})).status_code == 200  # the link still works

    log = (await client.get(f"{INVITATIONS}/{ada['invitation']['id']}/access-log", headers=h.recruiter)).json()["items"]
    assert [e["outcome"] for e in log] == ["ok", "locked", "locked", "wrong_code", "wrong_code", "wrong_code"]
    assert all(e["ip"] for e in log)
    inv = (await client.get(f"{INVITATIONS}/{ada['invitation']['id']}", headers=h.recruiter)).json()
    assert inv["credentials_locked"] and inv["flagged_at"]  # 6 attempts within the hour
    flags = await session.execute(
        select(Notification.title).where(Notification.user_id == h.recruiter_id, Notification.priority == "high")
    )
    assert any("Unusual access" in t for t in flags.scalars())
    r = await client.post(f"{INVITATIONS}/{ada['invitation']['id']}/regenerate", json={}, headers=h.recruiter)
    assert r.json()["credentials_locked"] is False


async def test_links_list_filters_and_counts(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    a, b, c = await h.apply("Ada"), await h.apply("Bo"), await h.apply("Cy")
    await session.execute(
        update(Invitation)
        .where(Invitation.id == b["invitation"]["id"])
        .values(expires_at=datetime.now(UTC) + timedelta(hours=5))
    )
    await session.execute(
        update(Invitation)
        .where(Invitation.id == c["invitation"]["id"])
        .values(expires_at=datetime.now(UTC) - timedelta(hours=1))
    )
    await session.commit()

    async def ids(**params):
        r = await client.get(INVITATIONS, params=params, headers=h.recruiter)
        assert r.status_code == 200, r.text
        return {i["id"] for i in r.json()["items"]}

    assert await ids(state="active") == {a["invitation"]["id"], b["invitation"]["id"]}
    assert await ids(state="expiring_soon") == {b["invitation"]["id"]}
    assert await ids(state="expired") == {c["invitation"]["id"]}
    assert len(await ids(mine=True)) == 3
    _, other = await factory.user_and_headers(h.org, "recruiter")
    assert (await client.get(INVITATIONS, params={"mine": True}, headers=other)).json()["items"] == []
    stats = (await client.get(f"{INVITATIONS}/stats", headers=h.recruiter)).json()
    assert (stats["active"], stats["expiring_soon"], stats["expired"]) == (2, 1, 1)
    assert await ids(sort="expires_at") == {a["invitation"]["id"], b["invitation"]["id"], c["invitation"]["id"]}


async def test_reminders_go_once_and_expired_links_deactivate_and_tell_their_owner(client, factory, session):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    ada = await h.apply("Ada")
    inv_id = ada["invitation"]["id"]
    row = (await session.execute(select(Invitation).where(Invitation.id == inv_id))).scalar_one()
    expires = row.expires_at
    assert row.next_reminder_at == expires - timedelta(hours=24)

    assert await send_reminders(session, expires - timedelta(hours=30)) == 0
    assert await send_reminders(session, expires - timedelta(hours=23)) == 1
    assert await send_reminders(session, expires - timedelta(hours=23)) == 0  # twice: still one
    await session.execute(
        update(Invitation).where(Invitation.id == inv_id).values(next_reminder_at=expires - timedelta(hours=24))
    )
    assert await send_reminders(session, expires - timedelta(hours=23)) == 0  # even asked again: the claim holds
    assert await send_reminders(session, expires - timedelta(hours=2)) == 1  # the 3-hour one
    claimed = await session.execute(
        select(InvitationReminder.hours_before).where(InvitationReminder.invitation_id == inv_id)
    )
    assert sorted(claimed.scalars()) == [3, 24]
    reminders = await session.execute(
        select(EmailMessage.subject).where(
            EmailMessage.template_key == "assessment_reminder", EmailMessage.entity_id == inv_id
        )
    )
    assert len(list(reminders.scalars())) == 2

    assert await expire_links(session, expires - timedelta(minutes=1)) == 0
    assert await expire_links(session, expires + timedelta(minutes=1)) == 1
    await session.refresh(row)
    assert row.status == "expired"
    owner_mail = await session.execute(
        select(func.count()).where(EmailMessage.template_key == "link_expired", EmailMessage.entity_id == inv_id)
    )
    assert owner_mail.scalar_one() == 1
    assert "invitation.expired" in await _actions(session, inv_id)
    token, _, _ = await h.secrets(ada["candidate"]["email"])
    assert (await client.post(f"{PLAYER}/sign-in", json={"token": token})).status_code == 410
