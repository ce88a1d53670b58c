"""Rendering admin-written email templates off the API's event loop, in a separate process that can really be
stopped. A thread with a timeout would only stop waiting: the runaway render would go on using a core (and
the GIL). Here the rendering process is killed when the time is up, and a new one starts for the next render.

A few processes are kept alive and reused (a render costs a pipe round trip, not a process start); each
handles one render at a time. Parts of an email share one time budget.
"""

import json
import os
import select
import subprocess
import sys
import threading
import time
from typing import Any

from backend.config import REPO_ROOT, get_settings
from backend.email.rendering import PARTS, Rendered, TemplateProblem

_MAX_IDLE = 2
_MAX_ANSWER = 4 * 1024 * 1024
# How long a new rendering process may take to start (Python and Jinja imports): a machine's load, not a
# template's cost, so it has its own budget, generous on purpose.
_STARTUP_SECONDS = 60.0


class _Worker:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "backend.email.render_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )
        self.buffer = b""
        self.ready = False

    def wait_ready(self) -> None:
        if not self.ready:
            if self._answer(time.monotonic() + _STARTUP_SECONDS) is None:
                raise TemplateProblem("body_html", "Cannot render: the rendering process did not start.")
            self.ready = True

    def ask(self, request: dict[str, Any], deadline: float) -> dict[str, Any] | None:
        """The answer, or None if the deadline passed (the caller then kills this process)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(request, default=str) + "\n").encode())
        self.proc.stdin.flush()
        return self._answer(deadline)

    def _answer(self, deadline: float) -> dict[str, Any] | None:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk or len(self.buffer) > _MAX_ANSWER:
                raise TemplateProblem("body_html", "Cannot render: the rendering process stopped.")
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()


class RenderPool:
    def __init__(self) -> None:
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.proc.poll() is None:
                    return worker
        return _Worker()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if len(self._idle) < _MAX_IDLE:
                self._idle.append(worker)
                return
        worker.kill()

    def render(self, sources: dict[str, str], context: dict[str, Any], timeout: float) -> Rendered:
        worker = self._take()
        out: dict[str, str] = {}
        try:
            worker.wait_ready()
            deadline = time.monotonic() + timeout
            for field, html in PARTS:
                request = {"field": field, "source": sources[field], "html": html, "context": context}
                answer = worker.ask(request, deadline)
                if answer is None:
                    worker.kill()
                    raise TemplateProblem(
                        field, f"Rendering took longer than {timeout:g} s and was stopped: simplify the loops."
                    )
                if "error" in answer:
                    raise TemplateProblem(field, answer["error"])
                out[field] = answer["ok"]
        except BaseException:
            if worker.ready and worker.proc.poll() is None and worker.buffer == b"":
                self._give_back(worker)
            else:
                worker.kill()
            raise
        self._give_back(worker)
        return Rendered(**out)


_pool = RenderPool()


def render_sync(subject: str, body_html: str, body_text: str, context: dict[str, Any]) -> Rendered:
    sources = {"subject": subject, "body_html": body_html, "body_text": body_text}
    return _pool.render(sources, context, get_settings().email_render_timeout_seconds)


async def render(subject: str, body_html: str, body_text: str, context: dict[str, Any]) -> Rendered:
    """Render the three parts of an email in the sandbox process, without blocking the event loop."""
    import asyncio

    return await asyncio.to_thread(render_sync, subject, body_html, body_text, context)
