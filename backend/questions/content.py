"""A question's content: the rules that span fields, its stored form, and what Verify depends on."""

import hashlib
import json
from typing import Any

from backend.errors import ValidationFailed, field_error
from backend.questions.models import QuestionVersion
from backend.questions.schemas import MAX_CASES_TOTAL, OPTION_IDS, QuestionContent

Loc = tuple[str | int, ...]
Problem = tuple[Loc, str]

CONTENT_FIELDS = (
    "type",
    "title",
    "body",
    "difficulty",
    "points",
    "expected_minutes",
    "explanation",
    "options",
    "rubric",
    "coding",
)


def problems(c: QuestionContent, languages: frozenset[str] | None = None) -> list[Problem]:
    """Every broken type-specific rule, each with the field it is about. `languages`: the execution engine's
    language keys (a coding question may only name those)."""
    out: list[Problem] = []
    if c.type in ("mcq_single", "mcq_multi"):
        if len(c.options) < 2:
            out.append((("options",), "A multiple-choice question needs at least two options."))
        correct = sum(o.correct for o in c.options)
        if c.type == "mcq_single" and correct != 1:
            out.append((("options",), f"A single-answer question needs exactly one correct option ({correct} marked)."))
        if c.type == "mcq_multi" and correct < 1:
            out.append((("options",), "A multiple-answer question needs at least one correct option."))
        seen: dict[str, int] = {}
        for i, option in enumerate(c.options):
            key = option.text.strip().lower()
            if key in seen:
                out.append((("options", i, "text"), f"Same text as option {seen[key] + 1}."))
            seen.setdefault(key, i)
    elif c.options:
        out.append((("options",), "Only multiple-choice questions have options."))

    if c.type == "essay":
        if not c.rubric:
            out.append((("rubric",), "An essay needs a rubric: what the grader looks for."))
        elif (total := sum(r.points for r in c.rubric)) != c.points:
            out.append((("rubric",), f"The rubric's points add up to {total}; the question is worth {c.points}."))
    elif c.rubric:
        out.append((("rubric",), "Only essays have a rubric."))

    if c.type == "coding":
        if c.coding is None:
            out.append((("coding",), "A coding question needs languages, reference solutions and test cases."))
        else:
            if c.coding.comparison == "float" and c.coding.float_tolerance is None:
                out.append((("coding", "float_tolerance"), "Required when comparison is 'float'."))
            if c.coding.comparison != "float" and c.coding.float_tolerance is not None:
                out.append((("coding", "float_tolerance"), "Only used with comparison 'float'."))
            if languages is not None:
                for key in c.coding.languages:
                    if key not in languages:
                        known = ", ".join(sorted(languages))
                        out.append(
                            (("coding", "languages", key), f"'{key}' is not a language of the platform ({known}).")
                        )
            size = sum(len(t.stdin) + len(t.expected_stdout) for t in c.coding.test_cases)
            if size > MAX_CASES_TOTAL:
                out.append((("coding", "test_cases"), "The test cases hold more than 4 MiB of text."))
    elif c.coding is not None:
        out.append((("coding",), "Only coding questions have languages and test cases."))
    return out


def field_errors(found: list[Problem], prefix: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [field_error([*prefix, *(str(p) for p in loc)], message) for loc, message in found]


def check(c: QuestionContent, prefix: tuple[str, ...] = (), languages: frozenset[str] | None = None) -> None:
    """Raise a 422 naming every broken rule."""
    found = problems(c, languages)
    if found:
        raise ValidationFailed(
            found[0][1] if len(found) == 1 else f"{len(found)} problems.", errors=field_errors(found, prefix)
        )


def stored(c: QuestionContent) -> dict[str, Any]:
    """The columns of a version for this content. Option ids are positional letters: a version's options never
    change once a candidate may have answered them, so the letter is a stable answer key for that version."""
    return {
        "type": c.type,
        "title": c.title,
        "body": c.body,
        "difficulty": c.difficulty,
        "points": c.points,
        "expected_minutes": c.expected_minutes,
        "explanation": c.explanation,
        "options": [{"id": OPTION_IDS[i], "text": o.text, "correct": o.correct} for i, o in enumerate(c.options)],
        "rubric": [r.model_dump() for r in c.rubric],
        "coding": c.coding.model_dump() if c.coding else None,
    }


def of_version(v: QuestionVersion) -> dict[str, Any]:
    return {f: getattr(v, f) for f in CONTENT_FIELDS}


def as_input(v: QuestionVersion) -> dict[str, Any]:
    """The content in the shape a write (or an import file) takes: what an export writes."""
    data = of_version(v)
    data["options"] = [{"text": o["text"], "correct": o["correct"]} for o in v.options]
    return data


def executable(coding: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a Verify run depends on: reference solutions, harnesses, cases, limits and comparison (not the
    starter code, the title or the statement)."""
    if coding is None:
        return None
    return {
        "languages": {
            k: {"harness": v["harness"], "reference": v["reference"]} for k, v in coding["languages"].items()
        },
        "test_cases": coding["test_cases"],
        "time_limit_ms": coding["time_limit_ms"],
        "memory_limit_mb": coding["memory_limit_mb"],
        "comparison": coding["comparison"],
        "float_tolerance": coding.get("float_tolerance"),
    }


def fingerprint(coding: dict[str, Any] | None) -> str:
    """Identifies the executable part of a version; verification results are accepted only for the fingerprint
    they were computed on (an edit in between makes them stale)."""
    raw = json.dumps(executable(coding), sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(raw).hexdigest()


def languages_of(coding: dict[str, Any] | None) -> list[str]:
    return sorted(coding["languages"]) if coding else []
