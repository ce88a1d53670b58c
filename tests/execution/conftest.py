"""Sandboxes for the engine's tests: a directory and a uid range of this test run's own (other runs on the
machine use theirs), and a check after every test that nothing was left behind."""

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.execution.engine.sandbox import SandboxBackend, processes_of
from backend.execution.engine.spec import LanguageSpec

SLOTS = 2

# The shipped languages, as the migration inserts them (tests/execution/test_api.py checks they agree).
PYTHON = LanguageSpec("python3", "main.py", "python3 main.py", runtime_memory_mb=64, judge0_id=71)
JAVASCRIPT = LanguageSpec(
    "javascript", "main.js", "node --max-old-space-size={memory_mb} main.js", runtime_memory_mb=1536, judge0_id=63
)
JAVA = LanguageSpec(
    "java",
    "Main.java",
    "java -Xmx{memory_mb}m -Xss16m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m "
    "-XX:CompressedClassSpaceSize=32m -XX:-UsePerfData Main",
    "javac -J-Xmx256m -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 -J-XX:-UsePerfData -encoding UTF-8 Main.java",
    runtime_memory_mb=768,
    judge0_id=62,
)
CPP = LanguageSpec(
    "cpp", "main.cpp", "./main", "g++ -std=c++17 -O2 -pipe -o main main.cpp", runtime_memory_mb=32, judge0_id=54
)


@pytest.fixture(scope="session")
def sandbox_root() -> Iterator[Path]:
    # Directly under /tmp: the slots' uids must be able to reach it (pytest's own temporary tree is 0700).
    root = Path(tempfile.mkdtemp(prefix="interviewflow-sandbox-test-"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def uid_base() -> int:
    # Far from the default (61000) and from other test runs of this machine.
    return 300_000 + (os.getpid() % 10_000) * 8


@pytest.fixture
def sandbox(sandbox_root: Path, uid_base: int) -> Iterator[SandboxBackend]:
    backend = SandboxBackend(sandbox_root, SLOTS, uid_base)
    yield backend
    assert_nothing_left(backend)


def assert_nothing_left(backend: SandboxBackend) -> None:
    """No process of a slot's uid survived the run by itself (the sweep found none to kill), none is running
    now, and the slots' directories are empty."""
    assert backend.pool.leftovers_killed == 0
    for index in range(backend.pool.count):
        uid = backend.pool.uid(index)
        if uid is not None:
            assert processes_of(uid) == []
        workdir = backend.pool.root / f"slot-{index}"
        assert not workdir.exists() or list(workdir.iterdir()) == []
