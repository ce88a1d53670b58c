"""The local sandbox: bubblewrap, one slot (one uid) per concurrent run, compile once, run every case.

Inside a sandbox a program sees a read-only /usr (compilers and runtimes), the few /etc files runtimes need, a
fresh /proc of its own pid namespace, a minimal /dev, a size-capped tmpfs at /tmp (HOME and TMPDIR), and its
program at /box. It has no network (its own empty network namespace), an empty environment, no capabilities,
and runs as the slot's uid, which owns nothing else on the machine. rlimits cap CPU time, address space, file
size, processes and open files; a wall clock kills the whole sandbox; stdout and stderr are read with a cap.

* Compile: /box is writable (the compiler writes the program there). Then it is read-only for every case, so one
  case cannot leave anything behind for the next; each case gets a fresh /tmp.
* Slots: `execution_slots` sandboxes at once per machine (default: one per CPU core). A slot is a lock file under
  `sandbox_dir`, so every worker process on the machine shares the same slots, and a uid
  (`sandbox_uid_base + slot`) that needs no /etc/passwd entry. RLIMIT_NPROC counts processes per uid, which is
  why each concurrent sandbox needs a uid of its own (and why it does nothing for root).
* Afterwards nothing is left: the pid namespace dies with its first process, any process still running as the
  slot's uid is killed, and the box is deleted.
"""

import asyncio
import contextlib
import fcntl
import glob
import logging
import math
import os
import random
import shlex
import shutil
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from backend.execution.engine import harness
from backend.execution.engine.compare import difference
from backend.execution.engine.launcher import ensure_launcher
from backend.execution.engine.process import ProcessLimits, ProcessResult, run_sandboxed
from backend.execution.engine.spec import (
    COMPILE_OUTPUT_CHARS,
    CaseResult,
    CompileResult,
    LanguageSpec,
    OnCase,
    OnCompiled,
    RunOutcome,
    RunSpec,
    Verdict,
    excerpt,
)

log = logging.getLogger("interviewflow.execution.sandbox")

MAX_PROGRAM_BYTES = 256 * 1024  # source + harness; larger is refused before anything runs
SCRATCH_MB = 32  # the /tmp tmpfs of a test case
COMPILE_SCRATCH_MB = 128
COMPILE_CPU_SECONDS = 20
COMPILE_WALL_SECONDS = 60
COMPILE_ADDRESS_SPACE_MB = 2048  # javac is a JVM; g++ on template-heavy code needs a few hundred MB
MAX_BUILD_MB = 64  # what the compiler may leave in /box
COMPILE_OUTPUT_BYTES = 64 * 1024
PROCESSES = 64  # per sandbox: the JVM and Node need threads (which count as processes)
OPEN_FILES = 128

# Standard-library messages of a program that ran out of memory (its allocation failed at the address-space
# limit): Python, C++, Java, Node / V8, and glibc.
_OUT_OF_MEMORY = (
    b"MemoryError",
    b"std::bad_alloc",
    b"java.lang.OutOfMemoryError",
    b"JavaScript heap out of memory",
    b"Fatal process out of memory",
    b"Cannot allocate memory",
)


def _etc_paths() -> list[str]:
    # Runtimes read a few files from /etc: alternatives (the `java` symlinks), the dynamic linker's cache, and
    # the JDK's configuration (jvm.cfg, java.security).
    return ["/etc/alternatives", "/etc/ld.so.cache", *sorted(glob.glob("/etc/java-*"))]


def bwrap_options(box: Path, *, writable_box: bool, scratch_mb: int) -> list[str]:
    """bubblewrap's command line up to (not including) the program."""
    args = [shutil.which("bwrap") or "/usr/bin/bwrap", "--unshare-all", "--die-with-parent", "--new-session"]
    args += ["--cap-drop", "ALL", "--hostname", "sandbox"]
    args += ["--ro-bind", "/usr", "/usr"]
    for link in ("lib", "lib64", "bin", "sbin"):
        args += ["--symlink", f"usr/{link}", f"/{link}"]
    for path in _etc_paths():
        args += ["--ro-bind-try", path, path]
    args += ["--proc", "/proc", "--dev", "/dev", "--size", str(scratch_mb * 1024 * 1024), "--tmpfs", "/tmp"]
    args += ["--bind" if writable_box else "--ro-bind", str(box), "/box", "--chdir", "/box"]
    # bubblewrap builds / and /dev as tmpfs without a size: once everything is mounted, make them read-only, so
    # /tmp (capped) is the only place a program can write.
    args += ["--remount-ro", "/", "--remount-ro", "/dev"]
    args += ["--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp"]
    args += ["--setenv", "TMPDIR", "/tmp", "--setenv", "LANG", "C.UTF-8", "--setenv", "MALLOC_ARENA_MAX", "2"]
    args += ["--json-status-fd", "{status_fd}"]
    return args


def command_line(template: str, memory_mb: int) -> list[str]:
    return shlex.split(template.replace("{memory_mb}", str(memory_mb)))


def processes_of(uid: int) -> list[int]:
    """Pids whose real uid is `uid` (from /proc: works for processes in any namespace)."""
    pids = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status", "rb") as f:
                for line in f:
                    if line.startswith(b"Uid:"):
                        if int(line.split()[1]) == uid:
                            pids.append(int(entry.name))
                        break
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return pids


def kill_uid(uid: int) -> int:
    """Kill every process of a slot's uid; returns how many there were. Normally none: the pid namespace dies
    with the sandbox. This is the belt to those braces."""
    pids = processes_of(uid)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return len(pids)


@dataclass(frozen=True)
class Slot:
    index: int
    uid: int | None  # None when the worker is not root: everything runs as the worker's own uid
    workdir: Path  # owned by the slot's uid: the run's box and the launcher's measurements
    launcher: Path

    @property
    def box(self) -> Path:
        return self.workdir / "box"

    @property
    def usage_file(self) -> Path:
        return self.workdir / "usage"

    def clean(self) -> None:
        shutil.rmtree(self.box, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            self.usage_file.unlink()


class SlotPool:
    def __init__(self, root: Path, count: int, uid_base: int) -> None:
        self.root = root
        self.count = max(1, count)
        self.uid_base = uid_base
        self.switch_uid = os.geteuid() == 0
        self.launcher: Path | None = None
        self.leftovers_killed = 0  # processes that outlived their sandbox (should stay 0: the tests check)
        if not self.switch_uid:
            log.warning("not running as root: sandboxes run as the worker's own uid, without per-slot uids")

    def uid(self, index: int) -> int | None:
        return self.uid_base + index if self.switch_uid else None

    def _make_workdir(self, slot: Slot) -> None:
        slot.workdir.mkdir(mode=0o700, exist_ok=True)
        if slot.uid is not None:
            os.chown(slot.workdir, slot.uid, slot.uid)

    def _try_lock(self) -> tuple[int, int] | None:
        start = random.randrange(self.count)  # spread processes over the slots instead of all racing for 0
        for i in ((start + k) % self.count for k in range(self.count)):
            fd = os.open(self.root / f"slot-{i}.lock", os.O_CREAT | os.O_RDWR, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            return fd, i
        return None

    def _prepare(self) -> None:
        # Root-owned and not listable; each slot's directory inside is owned by its uid, which must be able to
        # reach it (bubblewrap, running as that uid, mounts the program's directory from there).
        self.root.mkdir(parents=True, exist_ok=True)
        if not self.switch_uid:
            return
        os.chown(self.root, 0, 0)
        self.root.chmod(0o711)
        for parent in self.root.resolve().parents:
            if not parent.stat().st_mode & 0o001:
                raise RuntimeError(f"sandbox_dir {self.root}: other users cannot traverse {parent} (needs o+x)")

    @asynccontextmanager
    async def acquire(self) -> AsyncIterator[Slot]:
        self._prepare()
        if self.launcher is None or not self.launcher.exists():
            self.launcher = await asyncio.to_thread(ensure_launcher, self.root)
        launcher = self.launcher
        # Slots are shared with other worker processes through file locks, which have no wake-up: poll.
        while (locked := self._try_lock()) is None:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
        fd, index = locked
        slot = Slot(index, self.uid(index), self.root / f"slot-{index}", launcher)
        try:
            self._make_workdir(slot)
            if slot.uid is not None:
                kill_uid(slot.uid)  # a worker that crashed mid-run may have left something
            slot.clean()
            yield slot
        finally:
            if slot.uid is not None:
                leftovers = kill_uid(slot.uid)
                self.leftovers_killed += leftovers
                if leftovers:
                    log.warning("killed processes left by a sandbox", extra={"slot": index, "count": leftovers})
            slot.clean()
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def _oom(result: ProcessResult) -> bool:
    return any(marker in result.stderr for marker in _OUT_OF_MEMORY)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def judge_case(result: ProcessResult, spec: RunSpec, expected: str | None) -> CaseResult:
    """A verdict from what the process did, in order of precedence."""
    limits = spec.limits

    # The kernel enforces the CPU limit on its exact clock; the usage it reports can fall a little short of it.
    cpu_ms = max(result.cpu_ms, limits.time_limit_ms) if result.signal == signal.SIGXCPU else result.cpu_ms

    def verdict(v: Verdict, message: str | None = None) -> CaseResult:
        return CaseResult(
            v,
            time_ms=cpu_ms,
            memory_kb=result.max_rss_kb,
            exit_code=result.exit_code,
            signal=result.signal,
            stdout=excerpt(result.stdout),
            stderr=excerpt(result.stderr),
            message=message,
        )

    if not result.started:
        return verdict(Verdict.INTERNAL_ERROR, "The sandbox did not start.")
    if result.signal == signal.SIGXFSZ:
        return verdict(Verdict.OUTPUT_LIMIT_EXCEEDED, f"Wrote a file larger than {SCRATCH_MB} MB.")
    if result.output_exceeded:
        return verdict(Verdict.OUTPUT_LIMIT_EXCEEDED, f"Printed more than {limits.output_limit_kb} KB.")
    if result.wall_timed_out and result.cpu_ms <= limits.time_limit_ms:
        message = f"Still running after {limits.wall_time_limit_ms} ms of wall-clock time (waiting on something?)."
        return verdict(Verdict.TIME_LIMIT_EXCEEDED, message)
    if result.wall_timed_out or result.signal == signal.SIGXCPU or result.cpu_ms > limits.time_limit_ms:
        return verdict(Verdict.TIME_LIMIT_EXCEEDED, f"Used more than {limits.time_limit_ms} ms of CPU time.")
    failed = result.exit_code != 0 or result.signal is not None
    if failed and (_oom(result) or result.max_rss_kb >= limits.memory_limit_mb * 1024 * 0.9):
        return verdict(Verdict.MEMORY_LIMIT_EXCEEDED, f"Ran out of its {limits.memory_limit_mb} MB of memory.")
    if result.signal is not None:
        return verdict(Verdict.RUNTIME_ERROR, f"Killed by {_signal_name(result.signal)}.")
    if failed:
        return verdict(Verdict.RUNTIME_ERROR, f"Exited with code {result.exit_code}.")
    if expected is None:
        return verdict(Verdict.ACCEPTED)
    reason = difference(result.stdout.decode("utf-8", errors="replace"), expected, spec.comparison)
    return verdict(Verdict.ACCEPTED) if reason is None else verdict(Verdict.WRONG_ANSWER, reason)


def _tree_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total


class SandboxBackend:
    """Runs submissions on this machine in bubblewrap sandboxes."""

    name = "sandbox"

    def __init__(self, root: Path, slots: int, uid_base: int) -> None:
        self.pool = SlotPool(root, slots, uid_base)

    def case_limits(self, spec: RunSpec) -> ProcessLimits:
        memory = spec.limits.memory_limit_mb
        return ProcessLimits(
            # Whole seconds only: the rlimit is the backstop (SIGXCPU); the measured CPU time decides below that.
            cpu_seconds=math.ceil(spec.limits.time_limit_ms / 1000),
            address_space_mb=memory + spec.language.runtime_memory_mb,
            file_size_mb=SCRATCH_MB,
            processes=PROCESSES,
            open_files=OPEN_FILES,
        )

    async def execute(
        self, spec: RunSpec, on_compiled: OnCompiled | None = None, on_case: OnCase | None = None
    ) -> RunOutcome:
        program = harness.combine(spec.language.source_file, spec.source, spec.harness)
        if len(program.encode()) > MAX_PROGRAM_BYTES:
            refused = CompileResult(ok=False, output=f"The program is larger than {MAX_PROGRAM_BYTES // 1024} KB.")
            if on_compiled:
                await on_compiled(refused)
            return RunOutcome(compile=refused)
        outcome = RunOutcome()
        async with self.pool.acquire() as slot:
            box = slot.box
            box.mkdir(mode=0o700)
            source_path = box / spec.language.source_file
            source_path.write_text(program)
            if slot.uid is not None:
                os.chown(box, slot.uid, slot.uid)
                os.chown(source_path, slot.uid, slot.uid)
            if spec.language.compile_command:
                outcome.compile = await self._compile(slot, spec.language)
                if on_compiled:
                    await on_compiled(outcome.compile)
                if not outcome.compile.ok:
                    return outcome
            run = command_line(spec.language.run_command, spec.limits.memory_limit_mb)
            options = bwrap_options(box, writable_box=False, scratch_mb=SCRATCH_MB)
            limits = self.case_limits(spec)
            for index, case in enumerate(spec.cases):
                result = await run_sandboxed(
                    options,
                    run,
                    launcher=slot.launcher,
                    uid=slot.uid,
                    usage_file=slot.usage_file,
                    limits=limits,
                    stdin=case.stdin.encode(),
                    wall_seconds=spec.limits.wall_time_limit_ms / 1000,
                    output_cap=spec.limits.output_limit_kb * 1024,
                )
                verdict = judge_case(result, spec, case.expected_stdout)
                outcome.cases.append(verdict)
                if on_case:
                    await on_case(index, verdict)
        return outcome

    async def _compile(self, slot: Slot, language: LanguageSpec) -> CompileResult:
        assert language.compile_command
        result = await run_sandboxed(
            bwrap_options(slot.box, writable_box=True, scratch_mb=COMPILE_SCRATCH_MB),
            command_line(language.compile_command, 256),
            launcher=slot.launcher,
            uid=slot.uid,
            usage_file=slot.usage_file,
            limits=ProcessLimits(
                cpu_seconds=COMPILE_CPU_SECONDS,
                address_space_mb=COMPILE_ADDRESS_SPACE_MB,
                file_size_mb=MAX_BUILD_MB,
                processes=PROCESSES,
                open_files=OPEN_FILES * 2,
            ),
            stdin=b"",
            wall_seconds=COMPILE_WALL_SECONDS,
            output_cap=COMPILE_OUTPUT_BYTES,
            kill_on_overflow=False,  # a long list of compiler errors is still a compiler's answer
        )
        output = excerpt(result.stdout + result.stderr, COMPILE_OUTPUT_CHARS)
        if not result.started:
            return CompileResult(ok=False, output=output, internal_error=True)
        if result.wall_timed_out or result.signal in (signal.SIGXCPU, signal.SIGKILL):
            return CompileResult(
                ok=False,
                output=f"Compilation took longer than {COMPILE_CPU_SECONDS} s.\n{output}".strip(),
                time_ms=result.cpu_ms,
            )
        if result.exit_code != 0 or result.signal is not None:
            return CompileResult(ok=False, output=output or "The compiler failed.", time_ms=result.cpu_ms)
        if _tree_size(slot.box) > MAX_BUILD_MB * 1024 * 1024:
            return CompileResult(ok=False, output=f"The compiled program is larger than {MAX_BUILD_MB} MB.")
        return CompileResult(ok=True, output=output, time_ms=result.cpu_ms)
