"""The Judge0 backend against a fake Judge0 server (a real HTTP server speaking Judge0's API and status codes)."""

import signal

import pytest

from backend.execution.engine.judge0 import Judge0Backend, Judge0Error
from backend.execution.engine.spec import Case, CompareMode, Comparison, LanguageSpec, Limits, RunSpec, Verdict
from tests.execution.conftest import CPP, PYTHON
from tests.execution.fake_judge0 import FakeJudge0, running


async def test_cases_go_in_batches_of_twenty_and_outputs_are_compared_here():
    fake = FakeJudge0()
    cases = (*(Case(f"{i}\n", f"{i * 2}\n") for i in range(21)), Case("5\n", "11\n"))
    progress: list[int] = []

    async def on_case(index, result):
        progress.append(index)

    async with running(fake) as url:
        outcome = await Judge0Backend(url).execute(
            RunSpec(PYTHON, "print(int(input()) * 2)\n", cases, comparison=Comparison(CompareMode.TOKENS)),
            on_case=on_case,
        )
    assert fake.batches == [20, 2]
    assert [c.verdict for c in outcome.cases] == [Verdict.ACCEPTED] * 21 + [Verdict.WRONG_ANSWER]
    assert outcome.cases[0].stdout == "0\n" and outcome.cases[0].time_ms is not None
    assert outcome.cases[0].memory_kb == 3000
    assert sorted(progress) == list(range(22))


async def test_status_codes_map_to_verdicts():
    fake = FakeJudge0()
    program = (
        "import os, signal, sys, time\n"
        "what = input()\n"
        "if what == 'exit': sys.exit(3)\n"
        "if what == 'segv': os.kill(os.getpid(), signal.SIGSEGV)\n"
        "if what == 'memory': raise MemoryError()\n"
        "if what == 'sleep': time.sleep(5)\n"
        "print(what)\n"
    )
    cases = tuple(Case(f"{w}\n", f"{w}\n") for w in ("ok", "exit", "segv", "memory", "sleep"))
    async with running(fake) as url:
        outcome = await Judge0Backend(url).execute(RunSpec(PYTHON, program, cases, limits=Limits(time_limit_ms=1000)))
    ok, exited, segv, memory, sleep = outcome.cases
    assert ok.verdict is Verdict.ACCEPTED
    assert exited.verdict is Verdict.RUNTIME_ERROR and exited.exit_code == 3
    assert exited.message == "Exited with error status 3"
    assert segv.verdict is Verdict.RUNTIME_ERROR and segv.signal == signal.SIGSEGV
    assert memory.verdict is Verdict.MEMORY_LIMIT_EXCEEDED
    assert sleep.verdict is Verdict.TIME_LIMIT_EXCEEDED


async def test_a_compilation_error_is_the_runs_verdict():
    async with running(FakeJudge0()) as url:
        outcome = await Judge0Backend(url).execute(RunSpec(CPP, "int main() { return nope; }", (Case(), Case())))
    assert outcome.verdict is Verdict.COMPILATION_ERROR and outcome.cases == []
    assert outcome.compile is not None and "nope" in outcome.compile.output


async def test_the_token_is_sent_and_a_refusal_is_an_error():
    fake = FakeJudge0(token="judge0-token")
    spec = RunSpec(PYTHON, "print(1)", (Case("", "1\n"),))
    async with running(fake) as url:
        assert (await Judge0Backend(url, "judge0-token").execute(spec)).verdict is Verdict.ACCEPTED
        with pytest.raises(Judge0Error, match="401"):
            await Judge0Backend(url, "wrong").execute(spec)
        unknown = LanguageSpec("ruby", "main.rb", "ruby main.rb", judge0_id=72)
        with pytest.raises(Judge0Error, match="doesn't exist"):
            await Judge0Backend(url, "judge0-token").execute(RunSpec(unknown, "puts 1", (Case(),)))
    with pytest.raises(Judge0Error, match="no Judge0 language id"):
        await Judge0Backend(url).execute(RunSpec(LanguageSpec("x", "x", "x"), "", (Case(),)))
