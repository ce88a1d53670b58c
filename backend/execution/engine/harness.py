"""The harness convention: how a question's harness and a candidate's code become one program.

A harness is code that runs after or around the candidate's code in the same program, so that "implement this
function" questions work: the harness reads the test case's stdin, calls the candidate's function and prints the
result, and the output is compared as usual.

* No harness: the candidate's code is the whole program.
* The harness contains the line `{{SOLUTION}}` (in a comment or alone): the candidate's code replaces that line.
  This is "around": the harness may put code before and after. `{{code}}`, the question editor's spelling of
  the same marker, works the same way.
* Otherwise the program is the candidate's code, a blank line, then the harness ("after"). Line numbers in
  error messages then match the candidate's editor.
* Java, where one file can hold one public class only and imports must come first: the program is one file
  `Main.java`. The `import` lines of both move to the top of the file (which shifts line numbers by the number
  of imports), and a candidate's `public class X`
  (any name but `Main`) loses its `public`, so a candidate may write `public class Solution` out of habit while
  the harness declares `public class Main` with `main`.
"""

import re

MARKER = "{{SOLUTION}}"
_MARKER_LINE = re.compile(r"^[^\n]*\{\{(?:SOLUTION|code)\}\}[^\n]*$", re.M)
_JAVA_IMPORT = re.compile(r"^\s*import\s+(static\s+)?[\w.]+(\.\*)?\s*;\s*$", re.M)
_JAVA_PUBLIC_CLASS = re.compile(
    r"^(\s*)public\s+((?:(?:final|abstract|sealed|non-sealed|strictfp)\s+)*)(class|interface|enum|record)\s+(\w+)",
    re.M,
)


def _java(source: str, harness: str) -> str:
    # Both sides' imports go first: a harness that wraps the candidate's code would otherwise leave the
    # candidate's imports in the middle of a class.
    imports = [m.group(0).strip() for text in (harness, source) for m in _JAVA_IMPORT.finditer(text)]
    harness = _JAVA_IMPORT.sub("", harness).strip("\n")
    source = _JAVA_IMPORT.sub("", source)

    def demote(m: re.Match[str]) -> str:
        return m.group(0) if m.group(4) == "Main" else f"{m.group(1)}{m.group(2)}{m.group(3)} {m.group(4)}"

    source = _JAVA_PUBLIC_CLASS.sub(demote, source)
    head = "\n".join(dict.fromkeys(imports)) + "\n" if imports else ""
    return head + _place(source, harness)


def _place(source: str, harness: str) -> str:
    if _MARKER_LINE.search(harness):
        # A callable replacement: the candidate's backslashes are text, not regex escapes.
        return _MARKER_LINE.sub(lambda _: source, harness, count=1)
    return source.rstrip("\n") + "\n\n" + harness


def combine(source_file: str, source: str, harness: str | None) -> str:
    """The program that is compiled and run, from the candidate's source and the question's harness."""
    if not harness or not harness.strip():
        return source
    if source_file.endswith(".java"):
        return _java(source, harness)
    return _place(source, harness)
