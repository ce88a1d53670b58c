"""A fake Judge0: a real HTTP server speaking Judge0 CE's batch submissions API and status codes, that really runs
what it is sent (Python 3 as language 71, C++ as 54; unsandboxed: test programs only). Submissions stay
"In Queue" for their first poll and "Processing" for their second, as on a busy server."""

import asyncio
import base64
import contextlib
import os
import signal
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.committed import free_port

STATUSES = {
    1: "In Queue",
    2: "Processing",
    3: "Accepted",
    4: "Wrong Answer",
    5: "Time Limit Exceeded",
    6: "Compilation Error",
    7: "Runtime Error (SIGSEGV)",
    8: "Runtime Error (SIGXFSZ)",
    9: "Runtime Error (SIGFPE)",
    10: "Runtime Error (SIGABRT)",
    11: "Runtime Error (NZEC)",
    12: "Runtime Error (Other)",
    13: "Internal Error",
    14: "Exec Format Error",
}
_SIGNAL_STATUS = {signal.SIGSEGV: 7, signal.SIGXFSZ: 8, signal.SIGFPE: 9, signal.SIGABRT: 10}
LANGUAGES = {71: "python", 54: "cpp"}


def _b64(text: str | bytes | None) -> str | None:
    if text is None:
        return None
    return base64.b64encode(text if isinstance(text, bytes) else text.encode()).decode()


def _write(path: str, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


@dataclass
class Submission:
    language_id: int
    source: str
    stdin: str
    cpu_time_limit: float
    polls: int = 0
    result: dict[str, Any] = field(default_factory=dict)


@dataclass
class FakeJudge0:
    token: str | None = None
    submissions: dict[str, Submission] = field(default_factory=dict)
    batches: list[int] = field(default_factory=list)  # sizes of the batches received

    def _authorized(self, request: Request) -> bool:
        return self.token is None or request.headers.get("x-auth-token") == self.token

    async def create(self, request: Request) -> JSONResponse:
        if not self._authorized(request):
            return JSONResponse({"error": "authentication failed"}, status_code=401)
        encoded = request.query_params.get("base64_encoded") == "true"
        body = await request.json()
        items = body.get("submissions") or []
        if len(items) > 20:
            return JSONResponse({"error": "number of submissions in a batch should be less than or equal to 20"}, 400)
        self.batches.append(len(items))
        out: list[dict[str, Any]] = []
        for item in items:
            decode = (lambda v: base64.b64decode(v or "").decode()) if encoded else (lambda v: v or "")
            if item.get("language_id") not in LANGUAGES:
                out.append({"language_id": [f"language with id {item.get('language_id')} doesn't exist"]})
                continue
            token = str(uuid.uuid4())
            self.submissions[token] = Submission(
                item["language_id"],
                decode(item.get("source_code")),
                decode(item.get("stdin")),
                float(item.get("cpu_time_limit") or 5),
            )
            out.append({"token": token})
        return JSONResponse(out, status_code=201)

    async def show(self, request: Request) -> JSONResponse:
        if not self._authorized(request):
            return JSONResponse({"error": "authentication failed"}, status_code=401)
        fields = (request.query_params.get("fields") or "token,stdout,stderr,status_id,language_id").split(",")
        out = []
        for token in (request.query_params.get("tokens") or "").split(","):
            sub = self.submissions.get(token)
            if sub is None:
                out.append(None)
                continue
            sub.polls += 1
            if sub.polls == 1:
                status = 1
            elif sub.polls == 2:
                status = 2
            else:
                if not sub.result:
                    sub.result = await self._run(sub)
                status = sub.result["status_id"]
            full = {"token": token, "status": {"id": status, "description": STATUSES[status]}, "status_id": status}
            if status > 2:
                full |= sub.result
            out.append({k: full.get(k) for k in fields})
        return JSONResponse({"submissions": out})

    async def _run(self, sub: Submission) -> dict[str, Any]:
        with tempfile.TemporaryDirectory() as tmp:
            if LANGUAGES[sub.language_id] == "python":
                path = os.path.join(tmp, "script.py")
                _write(path, sub.source)
                argv = ["/usr/bin/python3", path]
            else:
                path, binary = os.path.join(tmp, "main.cpp"), os.path.join(tmp, "a.out")
                _write(path, sub.source)
                cc = await asyncio.create_subprocess_exec(
                    "g++", "-o", binary, path, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
                )
                compile_output, _ = await cc.communicate()
                if cc.returncode != 0:
                    return {"status_id": 6, "compile_output": _b64(compile_output), "time": None, "memory": None}
                argv = [binary]
            start = time.perf_counter()
            proc = await asyncio.create_subprocess_exec(
                *argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
            )
            try:
                stdout, stderr = await asyncio.wait_for(proc.communicate(sub.stdin.encode()), sub.cpu_time_limit)
            except TimeoutError:
                proc.kill()
                await proc.wait()
                return {"status_id": 5, "time": f"{sub.cpu_time_limit:.3f}", "memory": 3000, "stdout": None}
            seconds = f"{time.perf_counter() - start:.3f}"
            code = proc.returncode or 0
            result = {"stdout": _b64(stdout), "stderr": _b64(stderr), "time": seconds, "memory": 3000}
            if code < 0:
                status = _SIGNAL_STATUS.get(-code, 12)
                return result | {"status_id": status, "exit_signal": -code, "message": _b64("Killed by a signal")}
            if code > 0:
                return result | {
                    "status_id": 11,
                    "exit_code": code,
                    "message": _b64(f"Exited with error status {code}"),
                }
            return result | {"status_id": 3, "exit_code": 0}

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/submissions/batch", self.create, methods=["POST"]),
                Route("/submissions/batch", self.show, methods=["GET"]),
            ]
        )


@contextlib.asynccontextmanager
async def running(fake: FakeJudge0) -> AsyncIterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(fake.app(), host="127.0.0.1", port=port, log_config=None))
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
