"""The harness convention: "implement this function" questions in every shipped language."""

from backend.execution.engine.harness import combine
from backend.execution.engine.spec import Case, RunSpec, Verdict
from tests.execution.conftest import CPP, JAVA, JAVASCRIPT, PYTHON


def test_the_harness_follows_the_candidates_code():
    assert combine("main.py", "def f(): pass\n", "print(f())") == "def f(): pass\n\nprint(f())"
    assert combine("main.py", "x = 1", None) == "x = 1"
    assert combine("main.py", "x = 1", "  \n") == "x = 1"


def test_a_marker_line_puts_the_candidates_code_inside_the_harness():
    harness = "import sys\n# {{SOLUTION}}\nprint(solve())\n"
    assert combine("main.py", "def solve():\n    return r'\\d'", harness) == (
        "import sys\ndef solve():\n    return r'\\d'\nprint(solve())\n"
    )


def test_java_imports_go_first_and_a_public_solution_class_is_demoted():
    program = combine(
        "Main.java",
        "import java.util.*;\npublic final class Solution { }\npublic class Main { }\n",
        "import java.io.*;\nimport java.util.*;\npublic class Main { public static void main(String[] a) {} }",
    )
    lines = program.splitlines()
    assert lines[:2] == ["import java.io.*;", "import java.util.*;"] and lines.count("import java.util.*;") == 1
    assert "final class Solution { }" in program and "public final class Solution" not in program
    assert "public class Main { }" in program  # Main keeps its public: two of them is the author's mistake


ADD_CASES = (Case("2 3\n", "5\n"), Case("-4 10\n", "6\n"), Case("1000000000 1000000000\n", "2000000000\n"))


async def test_function_questions_in_python_javascript_and_cpp(sandbox):
    questions = [
        (PYTHON, "def add(a, b):\n    return a + b\n", "a, b = map(int, input().split())\nprint(add(a, b))\n"),
        (
            JAVASCRIPT,
            "function add(a, b) {\n  return a + b;\n}\n",
            "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
            "console.log(add(a, b));\n",
        ),
        (
            CPP,
            "long long add(long long a, long long b) { return a + b; }\n",
            "#include <iostream>\n"
            "int main() { long long a, b; std::cin >> a >> b; std::cout << add(a, b) << '\\n'; }\n",
        ),
    ]
    for language, source, harness in questions:
        outcome = await sandbox.execute(RunSpec(language, source, ADD_CASES, harness=harness))
        assert [c.verdict for c in outcome.cases] == [Verdict.ACCEPTED] * 3, (language.key, outcome)


async def test_java_compiles_once_and_runs_every_case(sandbox):
    source = "import java.util.*;\npublic class Solution {\n  static long add(long a, long b) { return a + b; }\n}\n"
    harness = (
        "import java.util.Scanner;\n"
        "public class Main {\n"
        "  public static void main(String[] args) {\n"
        "    Scanner in = new Scanner(System.in);\n"
        "    System.out.println(Solution.add(in.nextLong(), in.nextLong()));\n"
        "  }\n"
        "}\n"
    )
    outcome = await sandbox.execute(RunSpec(JAVA, source, (*ADD_CASES, Case("1 1\n", "3\n")), harness=harness))
    assert outcome.compile is not None and outcome.compile.ok
    verdicts = [c.verdict for c in outcome.cases]
    assert verdicts == [Verdict.ACCEPTED] * 3 + [Verdict.WRONG_ANSWER]
    assert all(c.time_ms is not None and c.memory_kb and c.memory_kb > 1000 for c in outcome.cases)
