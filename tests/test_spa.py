"""The built SPA as the API process serves it."""

import gzip

import httpx
import pytest

from backend.config import get_settings
from backend.main import create_app


@pytest.fixture
async def spa(app, tmp_path):
    (tmp_path / "index.html").write_text("<div id=root></div>")
    (tmp_path / "assets").mkdir()
    script = "console.log('hello from the app');" * 20
    (tmp_path / "assets" / "app-1a2b.js").write_text(script)
    (tmp_path / "assets" / "app-1a2b.js.gz").write_bytes(gzip.compress(script.encode()))
    (tmp_path / "assets" / "logo-3c4d.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    settings = get_settings().model_copy(update={"spa_dir": tmp_path})
    spa_app = create_app(settings, database=app.state.db)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=spa_app), base_url="http://test") as c:
        yield c, script


async def test_client_routes_fall_back_to_index_html_and_paths_stay_inside(spa):
    c, _ = spa
    r = await c.get("/admin/users")
    assert "root" in r.text and r.headers["cache-control"] == "no-cache"
    assert (await c.get("/../../etc/passwd")).status_code in (200, 404)
    assert "root:" not in (await c.get("/..%2f..%2fetc/passwd")).text
    assert "root:" not in (await c.get("/assets/..%2f..%2f..%2fetc/passwd")).text
    assert (await c.get("/api/v1/missing")).status_code == 404


async def test_hashed_assets_are_cached_for_good_and_sent_compressed_when_accepted(spa):
    c, script = spa
    r = await c.get("/assets/app-1a2b.js", headers={"Accept-Encoding": "gzip, deflate, br"})
    # httpx decodes the body: what arrives is the script, sent as the precompressed twin.
    assert r.status_code == 200 and r.text == script
    assert r.headers["content-encoding"] == "gzip"
    assert r.headers["content-type"].startswith("text/javascript")
    assert "immutable" in r.headers["cache-control"] and r.headers["vary"] == "Accept-Encoding"

    plain = await c.get("/assets/app-1a2b.js", headers={"Accept-Encoding": "identity"})
    assert plain.text == script and "content-encoding" not in plain.headers

    image = await c.get("/assets/logo-3c4d.png", headers={"Accept-Encoding": "gzip"})
    assert image.status_code == 200 and "content-encoding" not in image.headers
    assert (await c.get("/assets/missing.js")).status_code == 404
