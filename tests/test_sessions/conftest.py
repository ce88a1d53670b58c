"""Code answers run in the real sandbox: the execution tests' fixtures serve these tests too."""

from tests.execution.conftest import sandbox, sandbox_root, uid_base  # noqa: F401  (fixtures)
