"""Start one sandboxed program as an asyncio subprocess and collect what it did, with every limit applied.

The process tree, outside in:

    launcher  →  bubblewrap  →  sh (pid 1 of the sandbox)  →  the program (pid 2)

* The launcher (launcher.py) sets the rlimits, drops to the slot's uid, and measures: its `wait4()` on bubblewrap
  returns the CPU time and the peak memory of everything bubblewrap reaped, which it writes to a file only this
  side of the sandbox can see. No Python code runs between fork and exec, so the process is started with vfork,
  which does not copy this (large) process, and nothing here is unsafe with threads.
* bubblewrap runs with `--as-pid-1`, so it reaps the sandbox's first process itself and the usage adds up.
* `sh` is that first process so that the program is an ordinary process: a pid 1 ignores the signals it has no
  handler for (SIGXCPU, SIGABRT from `abort()`), the program must not. When pid 1 exits the kernel kills
  everything else in the sandbox's pid namespace: nothing outlives a run.
"""

import asyncio
import contextlib
import json
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 65536
_DRAIN_SECONDS = 2.0  # once the sandbox is gone its pipes reach EOF at once; this only guards against surprises
# The program runs as a child of sh; `exit $?` keeps sh from exec'ing it in its place (and becoming pid 1).
_REAPER = ["/bin/sh", "-c", '"$@"; exit $?', "sh"]


@dataclass(frozen=True)
class ProcessLimits:
    """rlimits the launcher sets before it changes uid (inherited by everything inside)."""

    cpu_seconds: int
    address_space_mb: int
    file_size_mb: int
    processes: int
    open_files: int
    stack_mb: int = 64

    def arguments(self) -> list[str]:
        mb = 1024 * 1024
        sizes = (self.address_space_mb, self.file_size_mb)
        return [
            str(self.cpu_seconds),
            *(str(size * mb) for size in sizes),
            str(self.processes),
            str(self.open_files),
            str(self.stack_mb * mb),
        ]


@dataclass
class ProcessResult:
    started: bool  # bubblewrap reported the program's pid: the sandbox itself came up
    exit_code: int | None = None
    signal: int | None = None
    cpu_ms: int = 0
    max_rss_kb: int = 0
    wall_ms: int = 0
    wall_timed_out: bool = False
    output_exceeded: bool = False
    stdout: bytes = b""
    stderr: bytes = b""


def wrap(
    launcher: Path,
    bwrap_argv: list[str],
    usage_file: Path,
    program: list[str],
    limits: ProcessLimits,
    uid: int | None,
) -> list[str]:
    """The full command line, outside in (see the module's docstring)."""
    head = [str(launcher), str(usage_file), str(-1 if uid is None else uid), *limits.arguments(), "--"]
    return [*head, *bwrap_argv, "--as-pid-1", "--", *_REAPER, *program]


def _read_usage(path: Path) -> tuple[int, int]:
    try:
        cpu_us, rss = (int(field) for field in path.read_text().split())
    except (OSError, ValueError):
        return 0, 0  # the launcher itself was killed (bubblewrap stuck): nothing measured
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
    return round(cpu_us / 1000), rss


async def run_sandboxed(
    bwrap_argv: list[str],
    program: list[str],
    *,
    launcher: Path,
    uid: int | None,
    usage_file: Path,
    limits: ProcessLimits,
    stdin: bytes,
    wall_seconds: float,
    output_cap: int,
    kill_on_overflow: bool = True,
) -> ProcessResult:
    """Run `program` in the sandbox `bwrap_argv` describes (see sandbox.py) and wait for it, its pipes and its
    whole process tree. `bwrap_argv` may contain `{status_fd}`, replaced by bubblewrap's status pipe."""
    loop = asyncio.get_running_loop()
    status_r, status_w = os.pipe()
    bwrap_argv = [a.replace("{status_fd}", str(status_w)) for a in bwrap_argv]
    argv = wrap(launcher, bwrap_argv, usage_file, program, limits, uid)
    start = time.perf_counter()
    try:
        proc = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env={},  # the sandbox's /proc/1/environ shows bubblewrap's own environment: make it empty
            pass_fds=(status_w,),
            start_new_session=True,  # its own process group
        )
    except BaseException:
        os.close(status_r)
        raise
    finally:
        os.close(status_w)
    assert proc.stdin and proc.stdout and proc.stderr
    # The status pipe is read with add_reader and closed here, once. Not with connect_read_pipe: under uvloop
    # that closes the descriptor twice (libuv, then the file object), and the second close can hit whatever file
    # or socket another thread opened in between (uvloop issue 763): a static file being served, a database
    # connection.
    status = asyncio.StreamReader()
    os.set_blocking(status_r, False)

    def on_status() -> None:
        try:
            data = os.read(status_r, 4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            status.feed_data(data)
        else:
            loop.remove_reader(status_r)
            status.feed_eof()

    loop.add_reader(status_r, on_status)
    sandbox_pid: int | None = None
    total = 0
    exceeded = False
    out, err = bytearray(), bytearray()

    def kill() -> None:
        """Kill the sandbox's pid 1: the kernel then kills everything else in its pid namespace, bubblewrap reaps
        it and exits, and the launcher still reports what was used. Killing the launcher and bubblewrap instead
        would leave the sandbox's processes to the machine's init to reap."""
        if proc.returncode is not None:
            return  # everything is gone already (and the pids may belong to someone else)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if sandbox_pid is not None:
                os.kill(sandbox_pid, signal.SIGKILL)
            else:  # still setting up
                os.killpg(proc.pid, signal.SIGKILL)

    async def watch_status() -> None:
        nonlocal sandbox_pid
        while line := await status.readline():
            with contextlib.suppress(ValueError):
                info = json.loads(line)
                if "child-pid" in info:
                    sandbox_pid = int(info["child-pid"])

    async def read(stream: asyncio.StreamReader, sink: bytearray) -> None:
        nonlocal total, exceeded
        while data := await stream.read(_CHUNK):
            room = output_cap - total
            if room > 0:
                sink += data[:room]
            total += len(data)
            if total > output_cap and not exceeded:
                exceeded = True
                if kill_on_overflow:
                    kill()

    async def write() -> None:
        assert proc.stdin
        # A program that never reads its input, or exits early, closes the pipe: that is not an error.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if stdin:
                proc.stdin.write(stdin)
                await proc.stdin.drain()
            proc.stdin.close()

    io = [asyncio.create_task(write()), asyncio.create_task(read(proc.stdout, out))]
    io += [asyncio.create_task(read(proc.stderr, err)), asyncio.create_task(watch_status())]
    timed_out = False
    try:
        try:
            await asyncio.wait_for(proc.wait(), timeout=wall_seconds)
        except TimeoutError:
            timed_out = True
            kill()
            try:
                await asyncio.wait_for(proc.wait(), timeout=_DRAIN_SECONDS)
            except TimeoutError:  # bubblewrap itself is stuck: take the whole group down
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                await proc.wait()
        _done, pending = await asyncio.wait(io, timeout=_DRAIN_SECONDS)
        for task in pending:
            task.cancel()
    except BaseException:
        kill()  # cancelled (the worker is shutting down): never leave a sandbox running
        for task in io:
            task.cancel()
        raise
    finally:
        loop.remove_reader(status_r)
        os.close(status_r)

    cpu_ms, rss_kb = _read_usage(usage_file)
    code = proc.returncode if proc.returncode is not None else -signal.SIGKILL
    # Every layer exits with 128 + n when what it ran was killed by signal n (a negative code: the launcher itself
    # was killed, which only a stuck bubblewrap makes us do).
    sig = -code if code < 0 else (code - 128 if code > 128 else None)
    return ProcessResult(
        started=sandbox_pid is not None,
        exit_code=None if sig is not None else code,
        signal=sig,
        cpu_ms=cpu_ms,
        max_rss_kb=rss_kb,
        wall_ms=round((time.perf_counter() - start) * 1000),
        wall_timed_out=timed_out,
        output_exceeded=exceeded,
        stdout=bytes(out),
        stderr=bytes(err),
    )
