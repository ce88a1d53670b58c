"""Sandboxed Jinja2 rendering. Templates are written by admins, so they run in the sandbox (no attribute
tricks, no imports); HTML is autoescaped so a candidate named `<script>` stays text; an unknown variable is
an error at save time and at render time, never a silently empty hole."""

from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2.sandbox import SandboxedEnvironment, SecurityError

_html_env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
_text_env = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined)


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


def render(subject: str, body_html: str, body_text: str, context: dict[str, Any]) -> Rendered:
    # Subjects are headers, not HTML: render without escaping, then keep them on one line.
    subject_out = " ".join(_render(_text_env, "subject", subject, context).split())
    return Rendered(
        subject=subject_out,
        body_html=_render(_html_env, "body_html", body_html, context),
        body_text=_render(_text_env, "body_text", body_text, context),
    )


def _render(env: SandboxedEnvironment, field: str, source: str, context: dict[str, Any]) -> str:
    try:
        return env.from_string(source).render(context)
    except (UndefinedError, SecurityError, TemplateSyntaxError) as exc:
        raise TemplateProblem(field, f"Cannot render: {exc}") from exc
