"""`make bench`, the code sandbox: what running candidate code costs.

* Overhead per test case: the same program run bare (an asyncio subprocess, nothing else) and through the sandbox
  (the launcher, bubblewrap, sh, pipes with caps, the verdict), in the same run: the median wall
  time of each, and the CPU time all the processes of a case used (which a busy machine does not inflate).
* Test cases per second with every sandbox slot busy (one slot per core).
* Compile once, run every case, against compile per case (what Judge0 does), for a Java question with 20 cases.

Prints figures and ratios; asserts nothing.
"""

import asyncio
import itertools
import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from backend.execution.engine.sandbox import SandboxBackend
from backend.execution.engine.spec import Case, CaseResult, LanguageSpec, RunSpec, Verdict

PYTHON = LanguageSpec("python3", "main.py", "python3 main.py", runtime_memory_mb=64)
CPP = LanguageSpec("cpp", "main.cpp", "./main", "g++ -std=c++17 -O2 -pipe -o main main.cpp", runtime_memory_mb=32)
JAVA = LanguageSpec(
    "java",
    "Main.java",
    "java -Xmx{memory_mb}m -Xss16m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m "
    "-XX:CompressedClassSpaceSize=32m -XX:-UsePerfData Main",
    "javac -J-Xmx256m -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 -J-XX:-UsePerfData -encoding UTF-8 Main.java",
    runtime_memory_mb=768,
)
PY_SUM = "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n"
CPP_SUM = (
    "#include <iostream>\nint main() { long long a, s = 0; while (std::cin >> a) s += a; std::cout << s << '\\n'; }\n"
)
JAVA_SUM = (
    "import java.util.*;\npublic class Main { public static void main(String[] x) {\n"
    "  Scanner in = new Scanner(System.in); long s = 0; while (in.hasNextLong()) s += in.nextLong();\n"
    "  System.out.println(s); } }\n"
)
CASES = 40
SLOTS = os.cpu_count() or 1


def _cases(n: int) -> tuple[Case, ...]:
    return tuple(Case(f"{i} {i + 1}\n", f"{2 * i + 1}\n") for i in range(n))


def _cpu() -> float:
    """CPU time of this process and of every descendant it reaped (all the way down: each layer reaps the next)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


async def _bare(argv: list[str], cwd: str, cases: tuple[Case, ...]) -> tuple[list[float], float]:
    samples = []
    cpu = _cpu()
    for case in cases:
        start = time.perf_counter()
        proc = await asyncio.create_subprocess_exec(
            *argv, cwd=cwd, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
        )
        out, _ = await proc.communicate(case.stdin.encode())
        samples.append(time.perf_counter() - start)
        assert out.decode() == case.expected_stdout
    return samples, (_cpu() - cpu) / len(cases)


async def _sandboxed(backend: SandboxBackend, spec: RunSpec) -> tuple[list[float], float, list[CaseResult]]:
    """Wall time of each case inside one run, from one case's end to the next's, and the CPU time per case of
    every process involved (compiling excluded)."""
    marks: list[tuple[float, float]] = []

    async def mark(*_args: object) -> None:
        marks.append((time.perf_counter(), _cpu()))

    await mark()
    outcome = await backend.execute(spec, on_compiled=mark, on_case=mark)
    if spec.language.compile_command is not None:
        marks.pop(0)  # from the end of the compilation on
    assert outcome.verdict is Verdict.ACCEPTED, outcome
    walls = [b[0] - a[0] for a, b in itertools.pairwise(marks)]
    return walls, (marks[-1][1] - marks[0][1]) / len(spec.cases), outcome.cases


async def _overhead(backend: SandboxBackend, work: Path) -> None:
    cases = _cases(CASES)
    print(f"Sandbox overhead per test case ({CASES} cases each; the bare program run in the same process):")
    (work / "main.py").write_text(PY_SUM)
    (work / "main.cpp").write_text(CPP_SUM)
    cc = await asyncio.create_subprocess_exec("g++", "-std=c++17", "-O2", "-o", "main", "main.cpp", cwd=work)
    await cc.wait()
    for name, language, source, bare_argv in (
        ("Python 3", PYTHON, PY_SUM, ["/usr/bin/python3", "main.py"]),
        ("C++ (compiled once)", CPP, CPP_SUM, ["./main"]),
    ):
        bare_walls, bare_cpu = await _bare(bare_argv, str(work), cases)
        walls, cpu, _ = await _sandboxed(backend, RunSpec(language, source, cases))
        bare, boxed = statistics.median(bare_walls), statistics.median(walls)
        print(
            f"  {name:<20} wall: bare {bare * 1000:5.1f} ms, sandboxed {boxed * 1000:5.1f} ms, "
            f"overhead {(boxed - bare) * 1000:+5.1f} ms   |   CPU: bare {bare_cpu * 1000:5.1f} ms, "
            f"sandboxed {cpu * 1000:5.1f} ms, overhead {(cpu - bare_cpu) * 1000:+5.1f} ms   (goal ≤ 10 ms)"
        )


async def _throughput(backend: SandboxBackend) -> None:
    runs, per_run = SLOTS * 3, 20
    spec = RunSpec(PYTHON, PY_SUM, _cases(per_run))
    start = time.perf_counter()
    outcomes = await asyncio.gather(*(backend.execute(spec) for _ in range(runs)))
    wall = time.perf_counter() - start
    total = sum(len(o.cases) for o in outcomes)
    print(
        f"Throughput: {runs} Python runs × {per_run} cases on {SLOTS} slots ({os.cpu_count()} cores): "
        f"{total} cases in {wall:.2f} s = {total / wall:.0f} cases/s"
    )


async def _compile_once_vs_per_case(backend: SandboxBackend) -> None:
    cases = _cases(20)
    start = time.perf_counter()
    await backend.execute(RunSpec(JAVA, JAVA_SUM, cases))
    once = time.perf_counter() - start
    start = time.perf_counter()
    for case in cases:
        outcome = await backend.execute(RunSpec(JAVA, JAVA_SUM, (case,)))
        assert outcome.verdict is Verdict.ACCEPTED
    per_case = time.perf_counter() - start
    print(
        f"Java question, 20 cases, one slot: compile once {once:.1f} s, compile per case {per_case:.1f} s "
        f"({per_case / once:.1f}× slower)"
    )


async def _report() -> None:
    if not shutil.which("bwrap"):
        print("Sandbox benchmarks skipped: bubblewrap is not installed (make system-deps).")
        return
    root = Path(tempfile.mkdtemp(prefix="interviewflow-sandbox-bench-"))
    work = Path(tempfile.mkdtemp(prefix="interviewflow-bare-bench-"))
    try:
        # A uid range of its own: a running worker's sandboxes are never touched.
        backend = SandboxBackend(root, SLOTS, 500_000 + (os.getpid() % 1000) * 16)
        load = os.getloadavg()[0]
        print(f"\nCode sandbox benchmarks (bubblewrap, {SLOTS} slots; load average {load:.1f} when starting)")
        await _overhead(backend, work)
        await _throughput(backend)
        await _compile_once_vs_per_case(backend)
    finally:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


def report() -> None:
    asyncio.run(_report())


if __name__ == "__main__":
    report()
