"""Request-body caps and security headers, for every route (plain ASGI, so streamed responses pass).

Body size: every request body is counted while it streams in, before anything parses it, against the route's
cap: 1 MiB by default (`INTERVIEWFLOW_MAX_BODY_BYTES`), more where a route declares it with
`openapi_extra=body_limit(n)` (uploads; the OpenAPI document shows it as `x-max-body-bytes`). A declared
Content-Length above the cap is refused before the first byte is read. Beyond the cap: 413 problem+json.

Headers:

* The SPA gets a Content-Security-Policy that fits a Vite build (scripts only from our origin, no inline
  script) and Mantine (inline styles), with `frame-ancestors 'none'` and X-Frame-Options so no other site can
  frame it; blob: frames and images for the résumé preview, data: images for inline icons.
* API responses never load anything: `default-src 'none'`. The interactive API docs (Swagger UI from its CDN)
  get a policy of their own.
* Everyone: nosniff, no Referer (links carry one-time tokens), a Permissions-Policy that keeps the camera for
  our own pages only (the test player's proctoring), and HSTS when the request came over HTTPS.
"""

from typing import Any

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

BODY_LIMIT_KEY = "x-max-body-bytes"


def body_limit(max_bytes: int) -> dict[str, Any]:
    """`openapi_extra` for a route that takes more than the default body size (an upload)."""
    return {BODY_LIMIT_KEY: max_bytes}


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than this endpoint takes ({limit:,} bytes).")


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, default_limit: int) -> None:
        self.app = app
        self.default_limit = default_limit

    def _limit(self, scope: Scope) -> int:
        # The body is read after routing, so the matched route (and its declared cap) is known by then.
        extra = getattr(scope.get("route"), "openapi_extra", None) or {}
        return int(extra.get(BODY_LIMIT_KEY, self.default_limit))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        declared_size = int(declared) if declared and declared.isdigit() else None
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            limit = self._limit(scope)
            if declared_size is not None and declared_size > limit:
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited_receive, send)


SPA_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; frame-src 'self' blob:; media-src 'self' blob:; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"
_COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(self), microphone=(), geolocation=(), payment=(), usb=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def policy_for(path: str) -> str:
    if path.startswith("/api/v1/docs"):
        return DOCS_CSP
    if path.startswith("/api/"):
        return API_CSP
    return SPA_CSP


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, trust_forwarded_proto: bool = False) -> None:
        self.app = app
        self.trust_forwarded_proto = trust_forwarded_proto

    def _https(self, scope: Scope) -> bool:
        if scope.get("scheme") == "https":
            return True
        proto = Headers(scope=scope).get("x-forwarded-proto", "") if self.trust_forwarded_proto else ""
        return proto.split(",")[0].strip().lower() == "https"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [*_COMMON, (b"content-security-policy", policy_for(scope["path"]).encode())]
        if self._https(scope):
            extra.append((b"strict-transport-security", HSTS.encode()))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)
