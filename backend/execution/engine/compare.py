"""Output comparison: is what the program printed what the test case expects? Returns None when it is, else a
short reason that points at the first difference (shown to authors; callers hide it for hidden cases)."""

import math

from backend.execution.engine.spec import CompareMode, Comparison


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _first_line_difference(actual: list[str], expected: list[str]) -> str:
    for i, (a, e) in enumerate(zip(actual, expected, strict=False), start=1):
        if a != e:
            return f"Differs at line {i}"
    if len(actual) < len(expected):
        return f"Output ends early: {len(expected)} lines expected, {len(actual)} printed"
    return f"Extra output: {len(expected)} lines expected, {len(actual)} printed"


def _trimmed(text: str) -> list[str]:
    lines = [line.rstrip() for line in _lines(text)]
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def _number(token: str) -> float | None:
    try:
        return float(token)
    except ValueError:
        return None


def _close(actual: str, expected: str, tolerance: float) -> bool:
    if actual == expected:
        return True
    a, e = _number(actual), _number(expected)
    if a is None or e is None:
        return False
    if math.isnan(a) or math.isnan(e):
        return math.isnan(a) and math.isnan(e)
    if math.isinf(a) or math.isinf(e):
        return a == e
    # Absolute or relative error within the tolerance, the usual rule of programming judges.
    return abs(a - e) <= tolerance or abs(a - e) <= tolerance * abs(e)


def _token_difference(actual: list[str], expected: list[str], tolerance: float | None) -> str | None:
    for i, (a, e) in enumerate(zip(actual, expected, strict=False), start=1):
        same = a == e if tolerance is None else _close(a, e, tolerance)
        if not same:
            return f"Differs at token {i}"
    if len(actual) != len(expected):
        return f"{len(expected)} tokens expected, {len(actual)} printed"
    return None


def difference(actual: str, expected: str, comparison: Comparison) -> str | None:
    mode = comparison.mode
    if mode is CompareMode.EXACT:
        a, e = _lines(actual), _lines(expected)
        return None if a == e else _first_line_difference(a, e)
    if mode is CompareMode.TRAILING_WHITESPACE:
        a, e = _trimmed(actual), _trimmed(expected)
        return None if a == e else _first_line_difference(a, e)
    if mode is CompareMode.TOKENS:
        return _token_difference(actual.split(), expected.split(), None)
    return _token_difference(actual.split(), expected.split(), comparison.float_tolerance)
