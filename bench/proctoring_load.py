"""Proctoring ingest under exam-day load: each candidate's test player sends a batch of proctoring events every
5 seconds (issue 13), next to the autosaves of bench/exam_day.py.

`proctoring_candidate(...)` is one candidate's loop, for the exam-day load generator to run beside its autosave
loop (same players, same run as `/healthz`): it sends a realistic batch every 5 s (a few events: focus lost with
the time away, copy and paste with their length, now and then a right-click; each with the client id and running
number the ingest requires) and records each batch's latency and any error in the `figures` it is given (an
object like bench.exam_day's `Figures`). It takes the HTTP call as a function, so it works with whatever client
the load generator uses.

That a batch's cost does not grow with the events a session already holds is tested, not benchmarked
(tests/proctoring/test_ingest_cost.py counts a batch's statements).
"""

import asyncio
import random
import secrets
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Protocol

EVENTS_PATH = "/api/v1/player/session/proctoring/events"
INTERVAL = 5.0  # seconds between one candidate's batches (the player flushes every 5 s)

# send(method, path, headers, json_body) → (status, body)
Send = Callable[[str, str, dict[str, str], dict[str, Any]], Awaitable[tuple[int, bytes]]]


class FiguresLike(Protocol):
    latencies_ms: list[float]

    def add_error(self, what: str) -> None: ...


def _batch(rng: random.Random, prefix: str, seq: int) -> list[dict[str, Any]]:
    """What a player notices in 5 seconds of a test, in the order it happened: mostly a tab switch or two (with
    the time away), sometimes a copy and a paste (their length, never the text), rarely a right-click."""
    now = datetime.now(UTC).isoformat()
    events: list[dict[str, Any]] = []

    def add(type_: str, **fields: Any) -> None:
        n = seq + len(events) + 1
        events.append({"client_id": f"{prefix}-{n}", "seq": n, "type": type_, "occurred_at": now, **fields})

    add("focus_lost", duration_ms=rng.randint(400, 20_000))
    if rng.random() < 0.5:
        add("focus_lost", duration_ms=rng.randint(400, 8_000))
    if rng.random() < 0.4:
        add("copy", length=rng.randint(5, 200))
        add("code_paste" if rng.random() < 0.5 else "paste", length=rng.randint(5, 1_500))
    if rng.random() < 0.1:
        add("right_click")
    return events


async def proctoring_candidate(
    send: Send,
    headers: dict[str, str],
    i: int,
    started: float,
    end: float,
    figures: FiguresLike,
    *,
    first_seq: int = 0,
) -> None:
    """Candidate `i` (its player token in `headers`) sends a batch every INTERVAL seconds from a random moment
    of the first interval after `started` until `end` (both `time.monotonic()`), recording each batch's latency
    (any answer) and errors (anything but 200, or no answer) in `figures`. `first_seq`: the running number the
    session's events already reached (0 for a test that just started)."""
    rng = random.Random(7_919 * (i + 1))
    prefix = f"bench{i}x{secrets.token_hex(4)}"  # client ids are unique within the session, across runs too
    next_at = started + rng.uniform(0, INTERVAL)
    seq = first_seq
    while True:
        await asyncio.sleep(max(0.0, next_at - time.monotonic()))
        if time.monotonic() >= end:
            return
        events = _batch(rng, prefix, seq)
        seq += len(events)
        t0 = time.perf_counter()
        try:
            status, body = await send("POST", EVENTS_PATH, headers, {"events": events})
        except Exception as exc:  # a timeout or a dropped connection is an error of this batch, not of the run
            figures.add_error(f"proctoring batch: {type(exc).__name__}: {exc}")
        else:
            figures.latencies_ms.append((time.perf_counter() - t0) * 1000)
            if status != 200:
                figures.add_error(f"proctoring batch → {status}: {body[:200]!r}")
        next_at += INTERVAL
