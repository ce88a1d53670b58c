"""Writing question banks out, in the formats backend/questions/io.py reads back: JSON (everything), a ZIP of two
CSV files, or an XLSX workbook (sheets `questions` and `test_cases`)."""

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from openpyxl import Workbook

from backend.errors import ValidationFailed
from backend.questions import content
from backend.questions.io import CASE_COLUMNS, FORMAT, FORMAT_VERSION, QUESTION_COLUMNS, XLSX_CELL_LIMIT, neutralise
from backend.questions.models import Question, QuestionBank, QuestionVersion

Exported = list[tuple[QuestionBank, list[tuple[Question, QuestionVersion]]]]


def question_document(q: Question, v: QuestionVersion) -> dict[str, Any]:
    data: dict[str, Any] = {"id": str(q.id), "tags": list(q.tags), "enabled": q.enabled, **content.as_input(v)}
    for key, empty in (("explanation", ""), ("options", []), ("rubric", []), ("coding", None)):
        if data[key] == empty:
            del data[key]
    return data


def to_json(banks: Exported) -> bytes:
    doc = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "banks": [
            {
                "name": bank.name,
                "description": bank.description,
                "tags": list(bank.tags),
                "language": bank.language,
                "enabled": bank.enabled,
                "questions": [question_document(q, v) for q, v in questions],
            }
            for bank, questions in banks
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode()


def _tables_of(banks: Exported) -> tuple[list[str], list[list[Any]], list[list[Any]]]:
    pairs = [(bank, q, v) for bank, questions in banks for q, v in questions]
    max_options = max((len(v.options) for _, _, v in pairs), default=0)
    languages = sorted({lang for _, _, v in pairs for lang in (v.coding or {}).get("languages", {})})
    header = [c for c in QUESTION_COLUMNS if c not in ("correct", "rubric")]
    header[header.index("explanation") + 1 : header.index("explanation") + 1] = [
        *(f"option_{i}" for i in range(1, max_options + 1)),
        "correct",
        "rubric",
    ]
    header += [f"{part}:{lang}" for lang in languages for part in ("starter", "harness", "reference")]
    q_rows: list[list[Any]] = []
    c_rows: list[list[Any]] = []
    for number, (bank, q, v) in enumerate(pairs, start=1):
        ref = f"q{number}"
        coding = v.coding or {}
        values: dict[str, Any] = {
            "id": str(q.id),
            "ref": ref,
            "bank": bank.name,
            "type": v.type,
            "title": v.title,
            "body": v.body,
            "difficulty": v.difficulty,
            "points": v.points,
            "expected_minutes": v.expected_minutes,
            "tags": ", ".join(q.tags),
            "enabled": "true" if q.enabled else "false",
            "explanation": v.explanation,
            "correct": ",".join(str(i) for i, o in enumerate(v.options, start=1) if o["correct"]),
            "rubric": "\n".join(f"{r['points']} | {r['criterion']} | {r['guidance']}".rstrip(" |") for r in v.rubric),
            "time_limit_ms": coding.get("time_limit_ms", ""),
            "memory_limit_mb": coding.get("memory_limit_mb", ""),
            "comparison": coding.get("comparison", ""),
            "float_tolerance": coding.get("float_tolerance") or "",
        }
        for i, option in enumerate(v.options, start=1):
            values[f"option_{i}"] = option["text"]
        for lang, code in coding.get("languages", {}).items():
            for part in ("starter", "harness", "reference"):
                values[f"{part}:{lang}"] = code[part]
        q_rows.append([values.get(c, "") for c in header])
        for case in coding.get("test_cases", []):
            c_rows.append(
                [ref, case["stdin"], case["expected_stdout"], "true" if case["visible"] else "false", case["weight"]]
            )
    return header, q_rows, c_rows


def _safe(values: Iterable[Any]) -> list[Any]:
    return [neutralise(v) if isinstance(v, str) else v for v in values]


def to_csv_zip(banks: Exported) -> bytes:
    header, q_rows, c_rows = _tables_of(banks)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, head, rows in (("questions.csv", header, q_rows), ("test_cases.csv", list(CASE_COLUMNS), c_rows)):
            buf = io.StringIO(newline="")
            writer = csv.writer(buf)
            writer.writerow(head)
            writer.writerows(_safe(r) for r in rows)
            archive.writestr(name, buf.getvalue().encode())
    return out.getvalue()


def to_xlsx(banks: Exported) -> bytes:
    header, q_rows, c_rows = _tables_of(banks)
    workbook = Workbook(write_only=True)
    for title, head, rows in (("questions", header, q_rows), ("test_cases", list(CASE_COLUMNS), c_rows)):
        sheet = workbook.create_sheet(title)
        sheet.append(head)
        for number, row in enumerate(rows, start=2):
            if any(isinstance(v, str) and len(v) >= XLSX_CELL_LIMIT for v in row):
                raise ValidationFailed.on(
                    "format",
                    f"Row {number} of the {title} sheet has a cell longer than {XLSX_CELL_LIMIT:,} characters "
                    "(the XLSX limit); export JSON or CSV instead.",
                )
            sheet.append(_safe(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
