"""Typed application errors and the single handler that renders them as RFC 9457 problem details."""

from collections.abc import Sequence
from typing import Any, Self

import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from backend.request_context import request_id_var

PROBLEM_BASE = "https://interviewflow.dev/problems/"
PROBLEM_JSON = "application/problem+json"


def field_error(
    field: str | Sequence[str | int | None],
    message: str,
    *,
    where: str = "body",
    type: str = "value_error",
    name: str | None = None,
    **details: Any,
) -> dict[str, Any]:
    """One entry of a problem's `errors`, naming what is wrong where, so a form can show it next to its field:
    `{"field": "body.email", "loc": ["body", "email"], "message": ..., "type": ...}`.

    `field` is a dotted name ("coding.limits") or a path that may hold positions (["questions", 3, "title"]);
    `where` says which part of the request it is in (body, query, path). `name` replaces the dotted `field` when
    it reads better than the path (a spreadsheet's "file.row3.email"); `details` add keys (row, column)."""
    parts = field.split(".") if isinstance(field, str) else list(field)
    loc = [where, *parts]
    return {
        "field": name if name is not None else ".".join(str(p) for p in loc),
        "loc": loc,
        **details,
        "message": message,
        "type": type,
    }


class AppError(Exception):
    status_code = 400
    title = "Bad request"
    slug = "bad-request"
    # Some failures must still be remembered (a failed login counts towards the lockout): the request's
    # transaction is committed instead of rolled back before the error is rendered.
    keep_changes = False

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.errors = errors
        self.headers = headers
        self.extra = extra or {}

    @classmethod
    def on(
        cls, field: str, message: str, *, detail: str | None = None, where: str = "body", type: str = "value_error"
    ) -> Self:
        """This error, about one field: `Conflict.on("email", "Already in use", detail="A user with this email
        already exists.", type="unique")`. The detail defaults to the field's message."""
        return cls(detail or message, errors=[field_error(field, message, where=where, type=type)])


class NotFound(AppError):
    status_code, title, slug = 404, "Not found", "not-found"


class Unauthorized(AppError):
    status_code, title, slug = 401, "Not authenticated", "unauthorized"

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kw)


class Forbidden(AppError):
    status_code, title, slug = 403, "Forbidden", "forbidden"


class Conflict(AppError):
    status_code, title, slug = 409, "Conflict", "conflict"


class InvalidTransition(Conflict):
    title, slug = "Invalid transition", "invalid-transition"


class Locked(AppError):
    status_code, title, slug = 423, "Locked", "locked"


class TooManyRequests(AppError):
    status_code, title, slug = 429, "Too many requests", "too-many-requests"


class Busy(AppError):
    """Every database connection of this process stayed busy for the pool's whole timeout: the process is
    overloaded, not broken. A 503 with Retry-After tells clients (the test player queues and retries its writes)
    to come back, and a load balancer to prefer another process."""

    status_code, title, slug = 503, "Busy", "busy"
    RETRY_AFTER_SECONDS = 5

    def __init__(self) -> None:
        super().__init__(
            "The service is busy right now: try again in a few seconds.",
            headers={"Retry-After": str(self.RETRY_AFTER_SECONDS)},
        )


class ValidationFailed(AppError):
    """Input that is well-formed JSON but breaks a business rule on a named field."""

    status_code, title, slug = 422, "Validation error", "validation-error"


def problem(
    request: Request,
    status: int,
    title: str,
    slug: str,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "request_id": request_id_var.get(),
    }
    if errors is not None:
        body["errors"] = errors
    body.update(extra or {})
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def internal_error_body(path: str, request_id: str | None) -> dict[str, Any]:
    """The only thing a client learns about a bug: that it happened, and the id to quote."""
    return {
        "type": PROBLEM_BASE + "internal",
        "title": "Internal server error",
        "status": 500,
        "detail": "Something went wrong on our side. Quote the request id.",
        "instance": path,
        "request_id": request_id,
    }


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        where, *path = [str(p) for p in err.get("loc", ())] or ["request"]
        out.append(field_error(path, err.get("msg", "Invalid value"), where=where, type=err.get("type")))
    return out


_HTTP_TITLES = {
    404: ("Not found", "not-found"),
    405: ("Method not allowed", "method-not-allowed"),
    413: ("Content too large", "content-too-large"),
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        return problem(request, exc.status_code, exc.title, exc.slug, exc.detail, exc.errors, exc.headers, exc.extra)

    @app.exception_handler(sqlalchemy.exc.TimeoutError)  # no connection free within the pool's timeout
    async def _busy(request: Request, _: sqlalchemy.exc.TimeoutError) -> JSONResponse:
        return await _app_error(request, Busy())

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _field_errors(exc)
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:3]) or "Invalid request"
        return problem(request, 422, "Validation error", "validation-error", detail, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title, slug = _HTTP_TITLES.get(exc.status_code, ("HTTP error", f"http-{exc.status_code}"))
        return problem(request, exc.status_code, title, slug, str(exc.detail), headers=getattr(exc, "headers", None))
