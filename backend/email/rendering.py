"""Sandboxed Jinja2 rendering. Templates are written by admins, so they run in the sandbox (no attribute
tricks, no imports); HTML is autoescaped so a candidate named `<script>` stays text; an unknown variable is
an error at save time and at render time, never a silently empty hole.

A template can still be slow or huge (nested loops, `"x" * 10**9`): rendering happens in a separate process
with a time limit, a memory limit and bounded output and loop ranges (backend/email/sandbox.py), so a runaway
template is stopped for real and never stalls the API's event loop. This module is what that process runs.
"""

from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_RANGE = 1000  # items a template's range() may produce
MAX_OUTPUT = 200_000  # characters of one rendered part


def _bounded_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise SecurityError(f"range() is limited to {MAX_RANGE} items in email templates.")
    return rng


def _env(autoescape: bool) -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined)
    env.globals["range"] = _bounded_range
    env.globals.pop("lipsum", None)
    return env


_html_env = _env(True)
_text_env = _env(False)


class TemplateProblem(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Rendered:
    subject: str
    body_html: str
    body_text: str


PARTS = (("subject", False), ("body_html", True), ("body_text", False))


def check(field: str, source: str, allowed: set[str], html: bool) -> None:
    env = _html_env if html else _text_env
    try:
        parsed = env.parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(field, f"Template syntax error on line {exc.lineno}: {exc.message}") from exc
    unknown = sorted(meta.find_undeclared_variables(parsed) - allowed)
    if unknown:
        raise TemplateProblem(
            field,
            f"Unknown variable{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
            f"Available: {', '.join(sorted(allowed))}.",
        )


def render_part(field: str, source: str, html: bool, context: dict[str, Any]) -> str:
    """One part, in the rendering process. Output is bounded while it is produced."""
    env = _html_env if html else _text_env
    try:
        chunks: list[str] = []
        size = 0
        for chunk in env.from_string(source).generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateProblem(field, f"The rendered text is longer than {MAX_OUTPUT:,} characters.")
            chunks.append(chunk)
    except TemplateProblem:
        raise
    except (UndefinedError, SecurityError, TemplateSyntaxError) as exc:
        raise TemplateProblem(field, f"Cannot render: {exc}") from exc
    except MemoryError as exc:
        raise TemplateProblem(field, "Cannot render: the template needs too much memory.") from exc
    except Exception as exc:  # anything a template can raise (OverflowError, TypeError, ZeroDivisionError …)
        raise TemplateProblem(field, f"Cannot render: {type(exc).__name__}: {exc}") from exc
    out = "".join(chunks)
    # Subjects are headers, not HTML: rendered without escaping, then kept on one line.
    return " ".join(out.split()) if field == "subject" else out
