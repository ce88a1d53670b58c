"""A load generator's HTTP client: one keep-alive connection per virtual user, as each candidate's browser holds
its own, with responses parsed by httptools (uvicorn's C parser).

Why not httpx: a thousand users in one httpx client share its connection pool, whose bookkeeping grows with the
connections in flight, and its per-request cost is a few milliseconds of CPU. The generator then spends the core
the server needs, and its own queueing shows up as server latency. This client costs tens of microseconds per
request, so the figures measure the server.
"""

import asyncio
import contextlib
import json
from typing import Any

import httptools


class _Response:
    def __init__(self) -> None:
        self.body = bytearray()
        self.done = False

    def on_body(self, body: bytes) -> None:
        self.body += body

    def on_message_complete(self) -> None:
        self.done = True


class Connection:
    """Requests one after another on one connection (reopened after an error)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: Any = None
    ) -> tuple[int, bytes]:
        """(status, body). Raises OSError or asyncio.IncompleteReadError when the connection fails."""
        if self._reader is not None and self._reader.at_eof():
            # The server closed the idle connection (uvicorn's keep-alive timeout is shorter than a candidate's
            # pause between saves): open a new one, as a browser does.
            await self.close()
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        payload = b"" if body is None else json.dumps(body).encode()
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(payload)}"]
        if body is not None:
            head.append("Content-Type: application/json")
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        try:
            self._writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + payload)
            response = _Response()
            parser = httptools.HttpResponseParser(response)
            while not response.done:
                chunk = await self._reader.read(65536)
                if not chunk:
                    raise asyncio.IncompleteReadError(b"", None)
                parser.feed_data(chunk)
            return parser.get_status_code(), bytes(response.body)
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
