"""Question files, read (writing them is backend/questions/export.py): JSON carries everything; CSV and XLSX
carry a `questions` table and a `test_cases` table (XLSX: two sheets; CSV: two files, or the ZIP of both that the
CSV export produces).

Reading turns any format into the same list of `Item`s (raw fields plus a way to name the sheet, row and column a
field came from), so one validation serves every format and every error names where to fix it.
"""

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook

from backend.errors import ValidationFailed, field_error
from backend.files.content import XLSX, sniff
from backend.questions.schemas import OPTION_IDS

FORMAT = "interviewflow.questions"
FORMAT_VERSION = 1
MAX_QUESTIONS = 5000
MAX_CASE_ROWS = 50_000
MAX_UNPACKED = 100 * 1024 * 1024  # what a ZIP / XLSX may expand to: no zip bombs
XLSX_CELL_LIMIT = 32_767

QUESTION_COLUMNS = (
    "id",
    "ref",
    "bank",
    "type",
    "title",
    "body",
    "difficulty",
    "points",
    "expected_minutes",
    "tags",
    "enabled",
    "explanation",
    "correct",
    "rubric",
    "time_limit_ms",
    "memory_limit_mb",
    "comparison",
    "float_tolerance",
)
CASE_COLUMNS = ("question_ref", "stdin", "expected_stdout", "visible", "weight")
_OPTION = re.compile(r"^option_([1-9]|10)$")
_CODE = re.compile(r"^(starter|harness|reference):([a-z][a-z0-9_]{0,31})$")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

Loc = tuple[str | int, ...]
Where = tuple[str, int | None, str]  # sheet, row, column


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str


@dataclass
class BankDef:
    """A bank as a JSON file defines it (CSV and XLSX name existing banks only)."""

    row: int
    raw: dict[str, Any]


@dataclass
class Item:
    number: int  # 1-based position of the question in the file
    bank: str | None  # the bank's name; None: the import's default bank
    raw: dict[str, Any]
    locate: Callable[[Loc], Where]


@dataclass
class Parsed:
    format: str
    banks: list[BankDef] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# --- spreadsheet safety -------------------------------------------------------------------------------------
def neutralise(value: str) -> str:
    """A cell starting with = + - @ tab or CR would be run as a formula by a spreadsheet: prefix it with an
    apostrophe (reading a file back removes exactly that apostrophe)."""
    return "'" + value if value.startswith(_DANGEROUS) else value


def unneutralise(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] and value[1:2] in _DANGEROUS else value


# --- reading ------------------------------------------------------------------------------------------------
def _file_error(message: str) -> ValidationFailed:
    return ValidationFailed.on("file", message)


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise _file_error("The file is not a valid ZIP, XLSX, CSV or JSON file.") from exc
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
        raise _file_error("The archive expands to more than 100 MB.")
    return archive


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unneutralise(str(value))


def _csv_rows(data: bytes, name: str) -> tuple[list[str], list[dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(f"{name} must be UTF-8 encoded.") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        for values in reader:
            if any(v.strip() for v in values):
                rows.append({header[i]: _cell(v) for i, v in enumerate(values) if i < len(header)})
            else:
                rows.append({})  # keep numbering: a blank line is still a spreadsheet row
    except csv.Error as exc:
        raise _file_error(f"{name} is not a readable CSV file: {exc}.") from exc
    return header, rows


def _sheet_rows(sheet: Any) -> tuple[list[str], list[dict[str, str]]]:
    values = sheet.iter_rows(values_only=True)
    header = [_cell(h).strip().lower() for h in next(values, ())]
    rows = []
    for row in values:
        cells = [_cell(v) for v in row]
        rows.append({header[i]: v for i, v in enumerate(cells) if i < len(header)} if any(cells) else {})
    return header, rows


def parse(filename: str, data: bytes, test_cases: bytes | None = None) -> Parsed:
    """Read an upload: JSON, XLSX, a questions CSV (+ optional test-cases CSV), or the CSV export's ZIP."""
    if not data.strip():
        raise _file_error("The file is empty.")
    if sniff(data) == XLSX:
        _check_zip(data)
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            names = {ws.title.strip().lower(): ws for ws in workbook.worksheets}
            questions = names.get("questions", workbook.worksheets[0])
            cases = names.get("test_cases")
            tables = _sheet_rows(questions), _sheet_rows(cases) if cases is not None else None
        except Exception as exc:  # openpyxl raises many kinds of errors on a damaged workbook
            raise _file_error("The XLSX file cannot be read.") from exc
        return _tables("xlsx", *tables)
    if data.startswith(b"PK"):
        archive = _check_zip(data)
        files = {n.rsplit("/", 1)[-1].lower(): n for n in archive.namelist()}
        if "questions.csv" not in files:
            raise _file_error("The ZIP must contain questions.csv (and test_cases.csv for coding questions).")
        q_rows = _csv_rows(archive.read(files["questions.csv"]), "questions.csv")
        c_rows = (
            _csv_rows(archive.read(files["test_cases.csv"]), "test_cases.csv") if "test_cases.csv" in files else None
        )
        return _tables("csv", q_rows, c_rows)
    if data.lstrip()[:1] in (b"{", b"["):
        return _json(data)
    return _tables("csv", _csv_rows(data, "The file"), _csv_rows(test_cases, "test_cases") if test_cases else None)


def _json(data: bytes) -> Parsed:
    try:
        doc = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _file_error(f"The JSON file cannot be read: {exc}.") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _file_error(f'A JSON import is an object with "format": "{FORMAT}" (see the API guide).')
    if doc.get("version") != FORMAT_VERSION:
        raise _file_error(f'This server reads "version": {FORMAT_VERSION} of the format.')
    banks = doc.get("banks")
    if not isinstance(banks, list) or not banks:
        raise _file_error('"banks" must be a non-empty list.')
    parsed = Parsed("json")
    number = 0
    for b_index, bank in enumerate(banks, start=1):
        if not isinstance(bank, dict):
            parsed.problems.append(Problem("banks", b_index, "", "Each bank is an object."))
            continue
        questions = bank.get("questions", [])
        parsed.banks.append(BankDef(b_index, {k: v for k, v in bank.items() if k != "questions"}))
        if not isinstance(questions, list):
            parsed.problems.append(Problem("banks", b_index, "questions", "Must be a list of questions."))
            continue
        for raw in questions:
            number += 1
            if number > MAX_QUESTIONS:
                raise _file_error(f"At most {MAX_QUESTIONS} questions per import.")
            if not isinstance(raw, dict):
                parsed.problems.append(Problem("questions", number, "", "Each question is an object."))
                continue
            parsed.items.append(Item(number, str(bank.get("name") or "").strip(), raw, _json_locator(number)))
    return parsed


def _json_locator(number: int) -> Callable[[Loc], Where]:
    return lambda loc: ("questions", number, ".".join(str(p) for p in loc) or "(question)")


def _tables(
    fmt: str, questions: tuple[list[str], list[dict[str, str]]], cases: tuple[list[str], list[dict[str, str]]] | None
) -> Parsed:
    parsed = Parsed(fmt)
    header, rows = questions
    for column in header:
        if column and column not in QUESTION_COLUMNS and not _OPTION.match(column) and not _CODE.match(column):
            parsed.problems.append(Problem("questions", 1, column, "Unknown column."))
    for required in ("type", "title", "body"):
        if required not in header:
            parsed.problems.append(Problem("questions", 1, required, "Missing column."))
    if sum(1 for r in rows if r) > MAX_QUESTIONS:
        raise _file_error(f"At most {MAX_QUESTIONS} questions per import.")
    by_ref: dict[str, list[tuple[int, dict[str, str]]]] = {}
    if cases is not None:
        c_header, c_rows = cases
        for column in c_header:
            if column and column not in CASE_COLUMNS:
                parsed.problems.append(Problem("test_cases", 1, column, "Unknown column."))
        for required in ("question_ref", "expected_stdout"):
            if required not in c_header:
                parsed.problems.append(Problem("test_cases", 1, required, "Missing column."))
        if len(c_rows) > MAX_CASE_ROWS:
            raise _file_error(f"At most {MAX_CASE_ROWS} test cases per import.")
        for row_number, row in enumerate(c_rows, start=2):
            if row:
                by_ref.setdefault(row.get("question_ref", "").strip(), []).append((row_number, row))
    if parsed.problems:
        return parsed  # the columns are wrong: row-by-row messages would only repeat it

    refs: dict[str, int] = {}
    number = 0
    for row_number, row in enumerate(rows, start=2):
        if not row:
            continue
        number += 1
        ref = row.get("ref", "").strip()
        if ref:
            if ref in refs:
                parsed.problems.append(Problem("questions", row_number, "ref", f"Same ref as row {refs[ref]}."))
            refs.setdefault(ref, row_number)
        item_cases = by_ref.get(ref, []) if ref else []
        parsed.items.append(_row_item(number, row_number, row, item_cases, parsed.problems))
    for ref, case_rows in by_ref.items():
        if ref not in refs:
            for row_number, _ in case_rows:
                msg = "Name the question's ref." if not ref else f"No question has ref '{ref}'."
                parsed.problems.append(Problem("test_cases", row_number, "question_ref", msg))
    return parsed


def _row_item(
    number: int,
    row_number: int,
    row: dict[str, str],
    cases: list[tuple[int, dict[str, str]]],
    problems: list[Problem],
) -> Item:
    raw: dict[str, Any] = {}
    for key in ("id", "type", "title", "body", "difficulty", "explanation", "points", "expected_minutes", "enabled"):
        value = row.get(key, "")
        if value.strip():
            raw[key] = value if key in ("body", "explanation") else value.strip()
    raw["tags"] = [t.strip() for t in row.get("tags", "").split(",") if t.strip()]

    option_columns = sorted((int(m.group(1)), c) for c in row if (m := _OPTION.match(c)) and row[c].strip())
    if option_columns:
        correct_raw = [c.strip().lower() for c in row.get("correct", "").split(",") if c.strip()]
        correct: set[int] = set()
        for token in correct_raw:
            if token.isdigit():
                correct.add(int(token))
            elif len(token) == 1 and token in OPTION_IDS:
                correct.add(OPTION_IDS.index(token) + 1)
            else:
                problems.append(Problem("questions", row_number, "correct", f"'{token}' is not an option number."))
        present = {n for n, _ in option_columns}
        for n in sorted(correct - present):
            problems.append(Problem("questions", row_number, "correct", f"Option {n} is empty."))
        raw["options"] = [{"text": row[c], "correct": n in correct} for n, c in option_columns]
    elif row.get("correct", "").strip():
        raw["options"] = []
        problems.append(Problem("questions", row_number, "correct", "Fill option_1, option_2 … first."))

    if row.get("rubric", "").strip():
        raw["rubric"] = []
        for line_number, line in enumerate(row["rubric"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|", 2)]
            if len(parts) < 2 or not parts[0].isdigit():
                problems.append(
                    Problem(
                        "questions", row_number, "rubric", f"Line {line_number}: write 'points | criterion | guidance'."
                    )
                )
                continue
            raw["rubric"].append(
                {"points": int(parts[0]), "criterion": parts[1], "guidance": parts[2] if len(parts) > 2 else ""}
            )

    code_columns = {m.groups(): c for c in row if (m := _CODE.match(c)) and row[c].strip()}
    coding_keys = ("time_limit_ms", "memory_limit_mb", "comparison", "float_tolerance")
    if (
        code_columns
        or cases
        or any(row.get(k, "").strip() for k in coding_keys)
        or row.get("type", "").strip() == "coding"
    ):
        languages: dict[str, dict[str, str]] = {}
        for (part, lang), column in code_columns.items():
            languages.setdefault(lang, {})[part] = row[column]
        coding: dict[str, Any] = {"languages": languages, "test_cases": []}
        for key in coding_keys:
            if row.get(key, "").strip():
                coding[key] = row[key].strip()
        for _, case in cases:
            entry: dict[str, Any] = {"stdin": case.get("stdin", ""), "expected_stdout": case.get("expected_stdout", "")}
            for key in ("visible", "weight"):
                if case.get(key, "").strip():
                    entry[key] = case[key].strip()
            coding["test_cases"].append(entry)
        raw["coding"] = coding

    option_names = [c for _, c in option_columns]
    case_rows = [n for n, _ in cases]
    bank = row.get("bank", "").strip() or None

    def locate(loc: Loc) -> Where:
        head = str(loc[0]) if loc else "type"
        if head == "options":
            if len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(option_names):
                return "questions", row_number, option_names[loc[1]]
            return "questions", row_number, "correct"
        if head == "coding" and len(loc) > 1:
            if loc[1] == "languages":
                if len(loc) > 3 and loc[3] != "[key]":
                    return "questions", row_number, f"{loc[3]}:{loc[2]}"
                if len(loc) > 2:
                    return "questions", row_number, f"reference:{loc[2]}"
                return "questions", row_number, "reference:<language>"
            if loc[1] == "test_cases":
                if len(loc) > 2 and isinstance(loc[2], int) and loc[2] < len(case_rows):
                    return "test_cases", case_rows[loc[2]], str(loc[3]) if len(loc) > 3 else "question_ref"
                return "questions", row_number, "ref"
            return "questions", row_number, str(loc[1])
        if head == "coding":
            return "questions", row_number, "reference:<language>"
        return "questions", row_number, head

    return Item(number, bank, raw, locate)


def iter_problems(problems: Iterable[Problem]) -> Iterator[dict[str, Any]]:
    """Problems as the 422's `errors`: each names its sheet, row (spreadsheet numbering: the header is row 1;
    JSON: the question's position in the file) and column (JSON: the field's path in the question)."""
    for p in problems:
        yield field_error(
            ["file", p.sheet, p.row, p.column],
            p.message,
            name=f"file.{p.sheet}.row{p.row}.{p.column}" if p.row is not None else f"file.{p.sheet}.{p.column}",
            sheet=p.sheet,
            row=p.row,
            column=p.column,
        )
