"""Request ids, logs (JSON lines in production, readable lines locally) and Prometheus metrics.

The middleware is plain ASGI (not BaseHTTPMiddleware) so streamed responses such as server-sent events pass
through untouched. It runs on every request, so it does little: it reads the three headers it needs, and the
request's log line is only built when a handler would write it.
"""

import functools
import json
import logging
import sys
import time
import uuid
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.errors import PROBLEM_JSON, internal_error_body
from backend.request_context import ClientInfo, client_var, request_id_var

REQUESTS = Counter("interviewflow_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "interviewflow_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


_STANDARD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


def _extra(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD_ATTRIBUTES}


# One encoder for every line: `json.dumps(..., default=str)` builds a new encoder per call, which was most of what
# a request's log line cost.
_ENCODER = json.JSONEncoder(default=str)


@functools.lru_cache(maxsize=4)
def _utc_second(second: int) -> str:
    """`2026-11-27T11:05:00` for a Unix second: lines logged within the same second share one formatting."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the request id: what a log pipeline parses (production)."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": f"{_utc_second(int(record.created))}.{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": request_id_var.get(),
        }
        out.update(_extra(record))
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return _ENCODER.encode(out)


class ConsoleFormatter(logging.Formatter):
    """Short lines for a terminal (the local setup): `12:04:05 GET /api/v1/candidates 200 3.1 ms`."""

    def format(self, record: logging.LogRecord) -> str:
        when = time.strftime("%H:%M:%S", time.localtime(record.created))
        extra = _extra(record)
        if record.name == _HTTP_LOGGER and "path" in extra:
            line = f"{when} {extra['method']} {extra['path']} {extra['status']} {extra['duration_ms']} ms"
        else:
            details = " ".join(f"{k}={v}" for k, v in extra.items())
            level = "" if record.levelno == logging.INFO else f"{record.levelname} "
            line = f"{when} {level}{record.name}: {record.getMessage()}" + (f"  {details}" if details else "")
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


_HTTP_LOGGER = "interviewflow.http"
# Requests a terminal does not need to see: the SPA's files and load-balancer probes.
_QUIET_PATHS = ("/assets/", "/healthz", "/readyz", "/metrics")


class _QuietRequests(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        path = getattr(record, "path", "")
        return record.name != _HTTP_LOGGER or not path.startswith(_QUIET_PATHS)


def configure_logging(level: str = "INFO", fmt: str = "json") -> None:
    """`json` for production (one object per line, request ids); `console` for a developer's terminal: short
    lines, no SPA asset or probe requests, and the job queue only when it has something to complain about
    (a periodic job runs every minute)."""
    handler = logging.StreamHandler(sys.stderr)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
        logging.getLogger("procrastinate").setLevel(logging.NOTSET)
    else:
        handler.setFormatter(ConsoleFormatter())
        handler.addFilter(_QuietRequests())
        logging.getLogger("procrastinate").setLevel(logging.WARNING)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # The middleware logs each request once, with its id; uvicorn's access log would repeat it without.
    logging.getLogger("uvicorn.access").disabled = True


def _route_template(scope: Scope) -> str:
    """The matched route as a template (/api/v1/users/{user_id}), so metrics have bounded labels.

    Routers are nested, and the matched route knows only its path relative to its router: the prefix is the
    part of the request path before the suffix that the route's pattern matches.
    """
    route = scope.get("route")
    regex = getattr(route, "path_regex", None)
    if regex is None:
        return "unmatched"
    path = scope["path"]
    for i, ch in enumerate(path):
        if ch == "/" and regex.match(path[i:]):
            return path[:i] + route.path  # type: ignore[union-attr]
    return str(route.path)  # type: ignore[union-attr]


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, trust_forwarded_for: bool = False) -> None:
        self.app = app
        self.trust_forwarded_for = trust_forwarded_for
        self.log = logging.getLogger(_HTTP_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid, forwarded_for, user_agent = "", "", None
        for key, value in scope["headers"]:  # ASGI servers lower-case header names
            if key == b"x-request-id":
                rid = value[:128].decode("latin-1")
            elif key == b"x-forwarded-for":
                forwarded_for = value.decode("latin-1")
            elif key == b"user-agent":
                user_agent = value.decode("latin-1")
        rid = rid or uuid.uuid4().hex
        ip = scope["client"][0] if scope.get("client") else None
        if self.trust_forwarded_for and forwarded_for:
            ip = forwarded_for.split(",")[0].strip()
        rid_token = request_id_var.set(rid)
        client_token = client_var.set(ClientInfo(ip, user_agent))
        start = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode("latin-1"))]
            await send(message)

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_wrapper(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            # Unknown errors are logged here, inside the request's context, so the log line carries the request
            # id; the client gets a generic problem with that id and no internals.
            self.log.exception("unhandled error", extra={"path": scope["path"]})
            if started:
                raise
            body = json.dumps(internal_error_body(scope["path"], rid)).encode()
            await tracking_send(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode())],
                }
            )
            await tracking_send({"type": "http.response.body", "body": body})
        finally:
            elapsed = time.perf_counter() - start
            route = _route_template(scope)
            REQUESTS.labels(scope["method"], route, str(status)).inc()
            LATENCY.labels(scope["method"], route).observe(elapsed)
            if self.log.isEnabledFor(logging.INFO):
                self.log.info(
                    "request",
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                        "ip": ip,
                    },
                )
            request_id_var.reset(rid_token)
            client_var.reset(client_token)


def metrics_response(_: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
