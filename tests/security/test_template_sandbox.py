"""An email template can neither stall the API (it renders in a separate
process, stopped when its time is up) nor break it (huge ranges and outputs are refused with a 422)."""

import asyncio

from backend.email.sandbox import render

URL = "/api/v1/email/templates/application_rejected/preview"
SLOW = (
    "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}{% endfor %}{% endfor %}{% endfor %}"
)


def _body(**parts):
    return {"subject": "Hi", "body_html": "<p>x</p>", "body_text": "x", **parts}


async def test_a_runaway_template_is_stopped_and_the_api_keeps_answering(client, factory, monkeypatch):
    from backend.config import get_settings

    monkeypatch.setattr(get_settings(), "email_render_timeout_seconds", 1.0)
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    preview = asyncio.create_task(client.post(URL, json=_body(body_text=SLOW), headers=admin))
    await asyncio.sleep(0.05)
    health = await client.get("/healthz")
    assert health.status_code == 200 and not preview.done()  # answered while the template was still rendering
    r = await preview
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.body_text"
    assert "stopped" in r.json()["detail"]
    # The next render works (a fresh rendering process took over).
    assert (await client.post(URL, json=_body(), headers=admin)).status_code == 200


async def test_huge_ranges_and_outputs_are_a_422_not_a_500(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    for text in (
        "{% for i in range(10**9) %}x{% endfor %}",
        "{{ 'x' * 10**8 }}",
        "{{ 'x' * 300000 }}",
        "{% set s = 'x' * 100000 %}{{ s|replace('x', s) }}",
        "{{ 1 / 0 }}",
    ):
        r = await client.post(URL, json=_body(body_text=text), headers=admin)
        assert r.status_code == 422, (text, r.text)
        assert r.json()["errors"][0]["field"] == "body.body_text"


async def test_rendering_escapes_and_fills_like_before():
    out = await render("Hi {{ n }}", "<p>{{ n }}</p>", "{{ n }}", {"n": "<b>Ada</b>"})
    assert out.subject == "Hi <b>Ada</b>" and out.body_html == "<p>&lt;b&gt;Ada&lt;/b&gt;</p>"
