"""Verdicts of the local sandbox: one program per verdict, with what a reviewer needs to understand it."""

import signal

from backend.execution.engine.spec import Case, CompareMode, Comparison, Limits, RunSpec, Verdict
from tests.execution.conftest import CPP, PYTHON

SUM = "import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))\n"


async def test_accepted_and_wrong_answer_with_time_and_memory(sandbox):
    cases = (Case("1 2 3\n", "6\n"), Case("10\n", "11\n"), Case("", None))
    outcome = await sandbox.execute(RunSpec(PYTHON, SUM, cases))
    accepted, wrong, no_expectation = outcome.cases
    assert accepted.verdict is Verdict.ACCEPTED and accepted.stdout == "6\n" and accepted.exit_code == 0
    assert wrong.verdict is Verdict.WRONG_ANSWER and wrong.message == "Differs at line 1"
    assert no_expectation.verdict is Verdict.ACCEPTED and no_expectation.stdout == "0\n"
    assert outcome.verdict is Verdict.WRONG_ANSWER and outcome.compile is None
    for case in outcome.cases:
        assert case.time_ms is not None and case.time_ms >= 0
        assert case.memory_kb is not None and 2_000 < case.memory_kb < 64_000  # Python's own few MB


async def test_the_comparison_mode_applies(sandbox):
    program = "print('1.0000001   2')\nprint()\n"
    cases = (Case("", "1 2\n"),)
    tokens = await sandbox.execute(RunSpec(PYTHON, program, cases, comparison=Comparison(CompareMode.TOKENS)))
    floats = await sandbox.execute(
        RunSpec(PYTHON, program, cases, comparison=Comparison(CompareMode.FLOAT, float_tolerance=1e-3))
    )
    assert tokens.cases[0].verdict is Verdict.WRONG_ANSWER and floats.cases[0].verdict is Verdict.ACCEPTED


async def test_runtime_errors_name_the_exit_code_or_the_signal(sandbox):
    outcome = await sandbox.execute(
        RunSpec(
            PYTHON,
            "import sys, os\nif input() == 'exit':\n    sys.exit(3)\nos.abort()\n",
            (Case("exit\n"), Case("x\n")),
        )
    )
    exited, aborted = outcome.cases
    assert exited.verdict is Verdict.RUNTIME_ERROR and exited.exit_code == 3 and exited.message == "Exited with code 3."
    assert aborted.verdict is Verdict.RUNTIME_ERROR and aborted.signal == signal.SIGABRT
    assert aborted.message == "Killed by SIGABRT."


async def test_an_uncaught_exception_shows_its_traceback(sandbox):
    outcome = await sandbox.execute(RunSpec(PYTHON, "x = [1]\nprint(x[5])\n", (Case(),)))
    assert outcome.cases[0].verdict is Verdict.RUNTIME_ERROR
    assert "IndexError: list index out of range" in outcome.cases[0].stderr


async def test_compilation_error_carries_the_compilers_message_and_runs_nothing(sandbox):
    outcome = await sandbox.execute(RunSpec(CPP, "int main() { return undefined_name; }\n", (Case(), Case())))
    assert outcome.verdict is Verdict.COMPILATION_ERROR and outcome.cases == []
    assert outcome.compile is not None and "undefined_name" in outcome.compile.output


async def test_cpp_crash_is_a_signal_and_its_memory_limit_is_enforced(sandbox):
    source = (
        "#include <vector>\n#include <iostream>\n"
        "int main() { int n; std::cin >> n;\n"
        "  if (n == 0) { int *p = nullptr; return *p; }\n"
        "  std::vector<char> v((size_t)n << 20, 1); std::cout << v[v.size() - 1] + 0 << std::endl; }\n"
    )
    limits = Limits(memory_limit_mb=64)
    outcome = await sandbox.execute(
        RunSpec(CPP, source, (Case("0\n"), Case("16\n", "1\n"), Case("200\n")), limits=limits)
    )
    assert outcome.compile is not None and outcome.compile.ok
    crash, fits, too_big = outcome.cases
    assert crash.verdict is Verdict.RUNTIME_ERROR and crash.signal == signal.SIGSEGV
    assert fits.verdict is Verdict.ACCEPTED and fits.memory_kb is not None and fits.memory_kb > 16 * 1024
    assert too_big.verdict is Verdict.MEMORY_LIMIT_EXCEEDED and "bad_alloc" in too_big.stderr


async def test_time_limit_counts_cpu_time(sandbox):
    busy = (
        "import time\nend = time.process_time() + float(input())\n"
        "while time.process_time() < end:\n    pass\nprint('done')\n"
    )
    outcome = await sandbox.execute(
        RunSpec(PYTHON, busy, (Case("0.05\n", "done\n"), Case("5\n", "done\n")), limits=Limits(time_limit_ms=500))
    )
    quick, slow = outcome.cases
    assert quick.verdict is Verdict.ACCEPTED
    assert slow.verdict is Verdict.TIME_LIMIT_EXCEEDED and slow.message == "Used more than 500 ms of CPU time."
    assert slow.time_ms is not None and slow.time_ms >= 500


async def test_output_limit(sandbox):
    outcome = await sandbox.execute(RunSpec(PYTHON, "print('x' * 5000)\n", (Case(),), limits=Limits(output_limit_kb=4)))
    assert outcome.cases[0].verdict is Verdict.OUTPUT_LIMIT_EXCEEDED
    assert outcome.cases[0].message == "Printed more than 4 KB."


async def test_each_case_starts_from_a_clean_slate(sandbox):
    # A case cannot leave a file for the next one: /tmp is fresh each time and the program's directory is
    # read-only.
    program = (
        "import os\n"
        "print(os.path.exists('/tmp/state'))\n"
        "open('/tmp/state', 'w').write('x')\n"
        "try:\n    open('/box/state', 'w')\nexcept OSError as e:\n    print(type(e).__name__)\n"
    )
    outcome = await sandbox.execute(RunSpec(PYTHON, program, (Case("", "False\nOSError\n"),) * 2))
    assert [c.verdict for c in outcome.cases] == [Verdict.ACCEPTED, Verdict.ACCEPTED]
