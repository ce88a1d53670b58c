"""The abuse suite: programs a hostile candidate could submit. Each ends with the right verdict, nothing escapes,
and nothing is left behind (the `sandbox` fixture checks: no process of a slot's uid outlived its sandbox, none
runs afterwards, no file stays in the slots' directories)."""

import os
import uuid
from pathlib import Path

import httpx

from backend.config import get_settings
from backend.execution.engine.sandbox import MAX_PROGRAM_BYTES, SCRATCH_MB
from backend.execution.engine.spec import Case, Limits, RunSpec, Verdict
from tests.committed import api_instance
from tests.execution.conftest import PYTHON

ONE_SECOND = Limits(time_limit_ms=1000, memory_limit_mb=128, output_limit_kb=64)


def on_host(path: str) -> bool:
    return os.path.exists(path)


async def run(sandbox, program: str, limits: Limits = ONE_SECOND, stdin: str = ""):
    outcome = await sandbox.execute(RunSpec(PYTHON, program, (Case(stdin),), limits=limits))
    return outcome.cases[0]


async def test_infinite_loop_is_stopped_at_the_cpu_limit(sandbox):
    result = await run(sandbox, "while True:\n    pass\n")
    assert result.verdict is Verdict.TIME_LIMIT_EXCEEDED
    assert result.time_ms is not None and result.time_ms >= 1000


async def test_sleeping_forever_is_stopped_by_the_wall_clock(sandbox):
    result = await run(sandbox, "import time\ntime.sleep(3600)\n")
    assert result.verdict is Verdict.TIME_LIMIT_EXCEEDED
    assert result.message is not None and "wall-clock" in result.message


async def test_fork_bomb_is_capped_and_fully_killed(sandbox):
    bomb = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"
    result = await run(sandbox, bomb)
    assert result.verdict is Verdict.TIME_LIMIT_EXCEEDED


async def test_memory_bomb_is_a_memory_limit(sandbox):
    result = await run(sandbox, "hog = []\nwhile True:\n    hog.append(bytearray(8 * 1024 * 1024))\n")
    assert result.verdict is Verdict.MEMORY_LIMIT_EXCEEDED
    assert "MemoryError" in result.stderr
    assert result.memory_kb is not None and 64 * 1024 < result.memory_kb < (128 + 64) * 1024


async def test_a_gigabyte_of_output_is_cut_at_the_output_limit(sandbox):
    flood = "import sys\nchunk = 'x' * 65536\nfor _ in range(16384):\n    sys.stdout.write(chunk)\n"
    result = await run(sandbox, flood)
    assert result.verdict is Verdict.OUTPUT_LIMIT_EXCEEDED
    assert len(result.stdout) < 8 * 1024  # an excerpt, not the flood
    stderr_flood = await run(sandbox, flood.replace("stdout", "stderr"))
    assert stderr_flood.verdict is Verdict.OUTPUT_LIMIT_EXCEEDED


async def test_writing_outside_the_work_directory_fails(sandbox):
    marker = f"/tmp/escape-{uuid.uuid4().hex}"
    program = f"""
import os
for path in ["/usr/evil", "/etc/evil", "/box/evil", "/evil", "/proc/sys/kernel/hostname", "/dev/evil",
             "/dev/shm/evil"]:
    try:
        with open(path, "w") as f:
            f.write("x")
        print("WROTE", path)
    except OSError:
        print("denied")
with open("{marker}", "w") as f:  # the sandbox's own /tmp: allowed, and gone with the sandbox
    f.write("x")
try:
    with open("/tmp/big", "wb") as f:
        for _ in range({SCRATCH_MB + 8}):
            f.write(b"x" * 1024 * 1024)
    print("WROTE /tmp/big")
except OSError:
    print("capped")
"""
    result = await run(sandbox, program)
    assert result.verdict is Verdict.ACCEPTED, result
    assert result.stdout.split() == ["denied"] * 7 + ["capped"]
    assert not on_host(marker)


async def test_host_files_are_out_of_reach(sandbox, monkeypatch):
    data_dir = get_settings().data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    secret_file = data_dir / f"abuse-test-{uuid.uuid4().hex}.txt"
    secret_file.write_text("host secret")
    monkeypatch.setenv("INTERVIEWFLOW_JWT_SECRET", "fake-host-secret-for-the-abuse-test")
    try:
        program = f"""
for path in ["{secret_file}", "/etc/shadow", "/etc/passwd", "/root/.bashrc", "{Path.cwd() / "pyproject.toml"}"]:
    try:
        open(path).read()
        print("READ", path)
    except OSError:
        print("missing")
print(open("/proc/1/environ").read().replace("\\0", " "))
"""
        result = await run(sandbox, program)
    finally:
        secret_file.unlink()
    assert result.verdict is Verdict.ACCEPTED, result
    lines = result.stdout.splitlines()
    assert lines[:5] == ["missing"] * 5
    assert "fake-host-secret" not in result.stdout and "INTERVIEWFLOW" not in result.stdout


async def test_environment_secrets_are_not_visible(sandbox, monkeypatch):
    # The worker's environment holds the secrets; the program's environment is empty but for a few basics.
    monkeypatch.setenv("INTERVIEWFLOW_JWT_SECRET", "fake-worker-secret-0123456789")
    monkeypatch.setenv("INTERVIEWFLOW_DATABASE_URL", "postgresql://secret@db/prod")
    program = """
import os
print(sorted(os.environ))
for pid in ["self", "1"]:
    print(open(f"/proc/{pid}/environ").read())
"""
    result = await run(sandbox, program)
    assert result.verdict is Verdict.ACCEPTED, result
    assert "fake-worker-secret" not in result.stdout and "postgresql://" not in result.stdout
    visible = eval(result.stdout.splitlines()[0])  # a list of names, printed by the program above
    assert set(visible) <= {"PATH", "HOME", "TMPDIR", "LANG", "MALLOC_ARENA_MAX", "PWD", "LC_CTYPE", "SHLVL"}


async def test_no_network_not_even_the_apis_own_port(sandbox, migrated_url):
    async with api_instance(migrated_url) as base:
        async with httpx.AsyncClient(base_url=base) as client:
            assert (await client.get("/healthz")).status_code == 200  # reachable from the host...
        port = int(base.rsplit(":", 1)[1])
        program = f"""
import socket
for host, port in [("127.0.0.1", {port}), ("localhost", {port}), ("1.1.1.1", 53)]:
    try:
        socket.create_connection((host, port), timeout=2).close()
        print("CONNECTED", host)
    except OSError as e:
        print("refused")
try:
    socket.getaddrinfo("example.com", 80)
    print("RESOLVED")
except OSError:
    print("no dns")
"""
        result = await run(sandbox, program)
    assert result.verdict is Verdict.ACCEPTED, result  # ...and not from the sandbox
    assert result.stdout.split("\n")[:4] == ["refused", "refused", "refused", "no dns"]


async def test_a_background_process_does_not_outlive_the_run(sandbox):
    program = """
import os, subprocess, time
subprocess.Popen(["sleep", "1000"], start_new_session=True)
if os.fork() == 0:  # a daemon of its own: detached, ignoring hang-ups
    os.setsid()
    import signal
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    while True:
        time.sleep(1)
print("started")
"""
    result = await run(sandbox, program)
    assert result.verdict is Verdict.ACCEPTED and result.stdout == "started\n"
    # The fixture then checks that neither sleep nor the daemon is alive, and that no sweep was needed.


async def test_a_huge_source_file_is_refused_before_anything_runs(sandbox):
    huge = "x = 1\n" * (MAX_PROGRAM_BYTES // 6 + 1000)
    outcome = await sandbox.execute(RunSpec(PYTHON, huge, (Case(),)))
    assert outcome.verdict is Verdict.COMPILATION_ERROR and outcome.cases == []
    assert outcome.compile is not None and "larger than 256 KB" in outcome.compile.output
