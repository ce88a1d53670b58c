"""The built SPA, served by the API process: hashed assets cached for a year and sent precompressed, every other
non-API path answered with index.html so client-side routes survive reloads."""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import Scope

from backend.errors import NotFound

# Vite names every asset after a hash of its content: a name never changes meaning, so browsers may keep it.
IMMUTABLE = "public, max-age=31536000, immutable"
# The encodings the build writes next to each asset (vite.config.ts, `precompress`), best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


class Assets(StaticFiles):
    """`/assets/<name>`: the `.br` or `.gz` twin when the browser accepts it (typed as the original: Python's
    mimetypes reads `app.js.gz` as JavaScript with an encoding), else the file itself; cached for good."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        accepted = Headers(scope=scope).get("accept-encoding", "")
        response: Response | None = None
        for encoding, suffix in ENCODINGS:
            if encoding in accepted:
                try:
                    response = await super().get_response(path + suffix, scope)
                except HTTPException:
                    continue  # no twin (an image, a font): the file itself
                response.headers["Content-Encoding"] = encoding
                break
        if response is None:
            response = await super().get_response(path, scope)
        response.headers["Cache-Control"] = IMMUTABLE
        response.headers["Vary"] = "Accept-Encoding"
        return response


def mount_spa(app: FastAPI, spa_dir: Path) -> None:
    root = spa_dir.resolve()
    index = root / "index.html"
    if (root / "assets").is_dir():
        app.mount("/assets", Assets(directory=root / "assets"), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str, request: Request) -> Response:
        if path.startswith("api/"):
            raise NotFound(f"No API route {request.method} /{path}.")
        candidate = (root / path).resolve()
        if path and candidate.is_relative_to(root) and candidate.is_file():
            return FileResponse(candidate)
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return Response("The SPA is not built yet: run `make build`.", media_type="text/plain", status_code=503)
