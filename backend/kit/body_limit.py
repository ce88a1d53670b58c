"""Cap a route's request body before it is parsed (STYLE rule 12): a client announcing, or streaming, more than
the cap gets a 413 problem, and the server never holds more than the cap in memory."""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.types import Message

from backend.errors import AppError


class PayloadTooLarge(AppError):
    status_code, title, slug = 413, "Payload too large", "payload-too-large"


def body_limit(max_bytes: int) -> type[APIRoute]:
    """A route class for `APIRouter(route_class=body_limit(N))`."""
    message = f"The request body may be at most {max_bytes // 1024} KB."

    class LimitedRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def limited(request: Request) -> Response:
                length = request.headers.get("content-length", "")
                if length.isdigit() and int(length) > max_bytes:
                    raise PayloadTooLarge(message)
                # Read it here, with the cap (a chunked body, or a Content-Length that lied), and hand the
                # handler what was read: FastAPI would turn an error raised while it reads into a 400.
                body = bytearray()
                async for chunk in request.stream():
                    body += chunk
                    if len(body) > max_bytes:
                        raise PayloadTooLarge(message)
                sent = False

                async def replay() -> Message:
                    nonlocal sent
                    if sent:
                        return await request.receive()  # after the body: a disconnect
                    sent = True
                    return {"type": "http.request", "body": bytes(body), "more_body": False}

                return await handler(Request(request.scope, replay))

            return limited

    return LimitedRoute
