"""The player's events: idempotent, sequence-checked, rate-limited, only for the candidate's own open session;
severities from the organization's table; the summary and the server's own signals."""

import io

import cv2
import numpy as np

from tests.assessments.helpers import PLAYER, setup_hiring
from tests.proctoring.helpers import EVENTS, event

SNAPSHOTS = f"{PLAYER}/session/proctoring/snapshots"


async def _started(client, factory, session, **kw):
    h = await setup_hiring(client, factory, session, kinds=("mcq_single",), **kw)
    ada = await h.apply("Ada")
    player, state = await h.start(ada["candidate"]["email"])
    return h, player, state


async def test_a_resent_or_reordered_batch_never_duplicates(client, factory, session):
    h, player, _ = await _started(client, factory, session)
    first = [event(1, duration_ms=4_000), event(2, "copy", length=12)]
    second = [event(3, "paste", length=40), event(4, "right_click")]
    r = await client.post(EVENTS, json={"events": second}, headers=player)  # the later batch arrives first
    assert r.status_code == 200 and r.json() == {"accepted": 2, "duplicates": 0, "last_seq": 4, "missing": 2}
    r = await client.post(EVENTS, json={"events": first}, headers=player)
    assert r.json() == {"accepted": 2, "duplicates": 0, "last_seq": 4, "missing": 0}
    r = await client.post(EVENTS, json={"events": [*first]}, headers=player)  # resent
    assert r.json() == {"accepted": 0, "duplicates": 2, "last_seq": 4, "missing": 0}

    sid = (await client.get(f"{PLAYER}/session", headers=player)).json()["session_id"]
    review = (await client.get(f"/api/v1/proctoring/sessions/{sid}", headers=h.recruiter)).json()
    assert [e["type"] for e in review["events"]].count("focus_lost") == 1 and len(review["events"]) == 4
    assert review["summary"]["counts"] == {"focus_lost": 1, "copy": 1, "paste": 1, "right_click": 1}
    assert review["summary"]["time_away_seconds"] == 4 and review["summary"]["largest_paste"] == 40


async def test_the_sequence_is_checked(client, factory, session):
    _, player, _ = await _started(client, factory, session)
    r = await client.post(EVENTS, json={"events": [event(2), event(1)]}, headers=player)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "events"]
    r = await client.post(EVENTS, json={"events": [event(99_999)]}, headers=player)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "events", 0, "seq"]
    same = event(1)
    r = await client.post(EVENTS, json={"events": [same, {**same, "seq": 2}]}, headers=player)
    assert r.status_code == 422


async def test_ingest_is_rate_limited_per_session(client, factory, session):
    _, player, _ = await _started(client, factory, session)
    seq = 0
    for _ in range(2):
        batch = [event(seq := seq + 1, "right_click") for _ in range(100)]
        assert (await client.post(EVENTS, json={"events": batch}, headers=player)).status_code == 200
    batch = [event(seq := seq + 1, "right_click") for _ in range(41)]
    r = await client.post(EVENTS, json={"events": batch}, headers=player)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1


async def test_only_the_candidates_own_open_session(client, factory, session):
    h, player, _ = await _started(client, factory, session)
    # Staff tokens are refused by the player API.
    assert (await client.post(EVENTS, json={"events": [event(1)]}, headers=h.recruiter)).status_code == 403
    # A candidate who has not started has no session to post to.
    bob = await h.apply("Bob")
    not_started = await h.sign_in(bob["candidate"]["email"])
    assert (await client.post(EVENTS, json={"events": [event(1)]}, headers=not_started)).status_code == 404
    # After submitting: refused, and what was there is kept.
    assert (await client.post(EVENTS, json={"events": [event(1)]}, headers=player)).status_code == 200
    assert (await client.post(f"{PLAYER}/session/submit", headers=player)).status_code == 200
    r = await client.post(EVENTS, json={"events": [event(2)]}, headers=player)
    assert r.status_code == 409 and r.json()["type"].endswith("test-closed")


async def test_the_organizations_table_sets_severity_and_flags_wait_for_a_person(client, factory, session):
    h, player, _ = await _started(client, factory, session)
    rules = [{"type": "right_click", "measure": "count", "high": 1}]
    r = await client.patch(
        "/api/v1/organization/settings", json={"proctoring": {"severity_rules": rules}}, headers=h.admin
    )
    assert r.status_code == 200, r.text
    r = await client.post(
        EVENTS, json={"events": [event(1, "right_click"), event(2, "focus_lost", duration_ms=600_000)]}, headers=player
    )
    assert r.status_code == 200
    sid = (await client.get(f"{PLAYER}/session", headers=player)).json()["session_id"]
    review = (await client.get(f"/api/v1/proctoring/sessions/{sid}", headers=h.recruiter)).json()
    by_type = {e["type"]: e for e in review["events"]}
    assert by_type["right_click"]["severity"] == "high" and by_type["right_click"]["review_status"] == "pending"
    assert by_type["focus_lost"]["severity"] == "low"  # the organization's table has no focus rule
    assert review["summary"]["tier"] == "medium" and review["summary"]["pending_reviews"] == 1

    # Live monitor: the running session with its figures.
    live = (await client.get("/api/v1/proctoring/live", headers=h.recruiter)).json()
    row = next(x for x in live if x["session_id"] == sid)
    assert row["events"] == 2 and row["flagged"] == 1 and row["remaining_seconds"] > 0
    other = (await client.get("/api/v1/proctoring/live", params={"assessment_id": sid}, headers=h.recruiter)).json()
    assert other == []

    # The verdict waits for the test to close and for every flag to be reviewed.
    verdict = {"verdict": "clear", "note": "Explained by the candidate."}
    assert (
        await client.post(f"/api/v1/proctoring/sessions/{sid}/verdict", json=verdict, headers=h.recruiter)
    ).status_code == 409
    assert (await client.post(f"{PLAYER}/session/submit", headers=player)).status_code == 200
    r = await client.post(f"/api/v1/proctoring/sessions/{sid}/verdict", json=verdict, headers=h.recruiter)
    assert r.status_code == 409 and "1 flagged" in r.json()["detail"]
    queue = (await client.get("/api/v1/proctoring/queue", headers=h.recruiter)).json()
    assert [i["session_id"] for i in queue["items"]] == [sid]

    flagged = by_type["right_click"]["id"]
    r = await client.post(
        f"/api/v1/proctoring/sessions/{sid}/events/{flagged}/review",
        json={"decision": "dismissed", "note": "Right-click on the editor menu."},
        headers=h.recruiter,
    )
    assert r.status_code == 200 and r.json()["review_status"] == "dismissed"
    r = await client.post(f"/api/v1/proctoring/sessions/{sid}/verdict", json=verdict, headers=h.recruiter)
    assert r.status_code == 200 and r.json()["verdict"] == "clear" and r.json()["tier"] == "none"
    assert (await client.get("/api/v1/proctoring/queue", headers=h.recruiter)).json()["items"] == []
    audit = (await client.get("/api/v1/audit-logs", params={"entity_type": "proctoring_event"}, headers=h.admin)).json()
    assert any(e["action"] == "proctoring.event_dismissed" for e in audit["items"])


async def test_the_candidate_sees_the_log_and_explains_once(client, factory, session):
    h, player, _ = await _started(client, factory, session)
    await client.post(EVENTS, json={"events": [event(1, duration_ms=90_000)]}, headers=player)
    assert (await client.get(f"{PLAYER}/session/integrity", headers=player)).status_code == 409  # still running
    await client.post(f"{PLAYER}/session/submit", headers=player)
    log = (await client.get(f"{PLAYER}/session/integrity", headers=player)).json()
    assert [e["type"] for e in log["events"]] == ["focus_lost"]
    ev = log["events"][0]
    body = {"event_id": ev["id"], "text": "My dog knocked the laptop."}
    r = await client.post(f"{PLAYER}/session/integrity/explanations", json=body, headers=player)
    assert r.status_code == 200 and r.json()["events"][0]["explanation"] == body["text"]
    assert (await client.post(f"{PLAYER}/session/integrity/explanations", json=body, headers=player)).status_code == 409
    r = await client.post(f"{PLAYER}/session/integrity/explanations", json={"text": "Noisy flat."}, headers=player)
    assert r.json()["explanation"] == "Noisy flat."

    sid = log["session_id"]
    review = (await client.get(f"/api/v1/proctoring/sessions/{sid}", headers=h.recruiter)).json()
    assert (
        review["events"][0]["candidate_note"] == body["text"] and review["summary"]["candidate_note"] == "Noisy flat."
    )
    # The reviewer's note never reaches the candidate.
    await client.post(
        f"/api/v1/proctoring/sessions/{sid}/events/{ev['id']}/review",
        json={"decision": "confirmed", "note": "SECRET-REVIEW-NOTE"},
        headers=h.recruiter,
    )
    assert "SECRET-REVIEW-NOTE" not in (await client.get(f"{PLAYER}/session/integrity", headers=player)).text


async def test_snapshots_are_checked_by_content_and_size(client, factory, session):
    h, player, _ = await _started(client, factory, session)
    form = {"client_id": "snap-0001", "taken_at": "2026-11-27T05:00:00Z", "seq": "1"}
    r = await client.post(
        SNAPSHOTS, data=form, files={"file": ("x.jpg", b"not an image", "image/jpeg")}, headers=player
    )
    assert r.status_code == 422 and r.json()["errors"][0]["loc"][-1] == "file"
    big = b"\xff\xd8\xff" + b"0" * (600 * 1024)
    r = await client.post(SNAPSHOTS, data=form, files={"file": ("x.jpg", big, "image/jpeg")}, headers=player)
    assert r.status_code in (413, 422)
    _ok, jpeg = cv2.imencode(".jpg", np.full((120, 160, 3), 200, np.uint8))
    r = await client.post(
        SNAPSHOTS, data=form, files={"file": ("x.jpg", io.BytesIO(jpeg.tobytes()), "image/png")}, headers=player
    )
    assert r.status_code == 201 and r.json()["duplicate"] is False
    again = await client.post(
        SNAPSHOTS, data=form, files={"file": ("x.jpg", jpeg.tobytes(), "image/jpeg")}, headers=player
    )
    assert again.json() == {"event_id": r.json()["event_id"], "duplicate": True}
    sid = (await client.get(f"{PLAYER}/session", headers=player)).json()["session_id"]
    img = await client.get(f"/api/v1/proctoring/sessions/{sid}/snapshots/{r.json()['event_id']}", headers=h.recruiter)
    assert img.status_code == 200 and img.headers["content-type"] == "image/jpeg" and img.content == jpeg.tobytes()


async def test_a_browser_change_is_a_server_signal(client, factory, session):
    h, player, _ = await _started(client, factory, session)
    await client.post(EVENTS, json={"events": [event(1)]}, headers={**player, "User-Agent": "Firefox/1"})
    await client.post(EVENTS, json={"events": [event(2)]}, headers={**player, "User-Agent": "Firefox/1"})
    sid = (await client.get(f"{PLAYER}/session", headers=player)).json()["session_id"]
    review = (await client.get(f"/api/v1/proctoring/sessions/{sid}", headers=h.recruiter)).json()
    changes = [e for e in review["events"] if e["type"] == "user_agent_changed"]
    assert len(changes) == 1 and changes[0]["source"] == "server" and changes[0]["data"]["to"] == "Firefox/1"


async def test_a_webcam_test_starts_only_once_the_camera_is_ready(client, factory, session):
    h = await setup_hiring(
        client, factory, session, kinds=("mcq_single",), assessment={"proctoring": {"webcam_required": True}}
    )
    ada = await h.apply("Ada")
    player = await h.sign_in(ada["candidate"]["email"])
    for body in (None, {}, {"camera_ready": False}):
        r = await client.post(f"{PLAYER}/start", headers=player, json=body)
        assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "camera_ready"], r.text
    assert (await client.get(f"{PLAYER}/me", headers=player)).json()["status"] == "not_started"
    r = await client.post(f"{PLAYER}/start", headers=player, json={"camera_ready": True})
    assert r.status_code == 200, r.text
    started = r.json()
    # A resume (a reload, another device) never asks again: the test is already running.
    resumed = await client.post(f"{PLAYER}/start", headers={"Authorization": f"Bearer {started['player_token']}"})
    assert resumed.status_code == 200
    assert resumed.json()["overview"]["session"]["session_id"] == started["overview"]["session"]["session_id"]
    audit = (await client.get("/api/v1/audit-logs", params={"entity_type": "test_session"}, headers=h.admin)).json()
    entry = next(e for e in audit["items"] if e["action"] == "test_session.started")
    assert entry["after"]["camera_consent"] is True
    # Without the webcam requirement nothing is asked.
    plain = await setup_hiring(client, factory, session, kinds=("mcq_single",))
    bob = await plain.apply("Bob")
    r = await client.post(f"{PLAYER}/start", headers=await plain.sign_in(bob["candidate"]["email"]))
    assert r.status_code == 200, r.text
