"""Import (JSON, CSV, XLSX): validated first, all or nothing, errors naming sheet, row and column; backups of the
banks an import touches; exports that round-trip and never carry live spreadsheet formulas."""

import csv
import io
import json
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from tests.questions.samples import B, Q, bank, coding, mcq, question

GUIDE = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
IMPORT = f"{B}/import"
EXPORT = f"{B}/export"


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _csv(rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode()


async def _import(client, headers, name, data, **params):
    files = {"file": (name, data, "application/octet-stream")}
    if "test_cases" in params:
        files["test_cases"] = ("test_cases.csv", params.pop("test_cases"), "text/csv")
    return await client.post(IMPORT, params=params, files=files, headers=headers)


async def _count(client, headers) -> int:
    return len((await client.get(Q, params={"limit": 100}, headers=headers)).json()["items"])


def _report(response) -> dict[tuple[str, int | None, str], str]:
    assert response.status_code == 422, response.text
    assert "nothing was imported" in response.json()["detail"]
    return {(e["sheet"], e["row"], e["column"]): e["message"] for e in response.json()["errors"]}


def _json_doc(*banks: dict) -> bytes:
    return json.dumps({"format": "interviewflow.questions", "version": 1, "banks": list(banks)}).encode()


def _coding_doc() -> dict:
    data = coding("x", enabled=True)
    del data["bank_id"]
    return data


async def test_json_import_creates_banks_backs_up_what_it_touches_and_round_trips(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    existing = await bank(client, admin, "Python", tags=["step1_technical"])
    before = await question(client, admin, mcq(existing["id"], title="Already here"))
    new_mcq = {k: v for k, v in mcq("x", title="Imported MCQ").items() if k != "bank_id"}
    doc = _json_doc(
        {"name": "python", "questions": [new_mcq]},  # an existing bank, named in another case
        {"name": "Step 2 lead", "tags": ["step2_lead"], "description": "For leads", "questions": [_coding_doc()]},
    )

    dry = await _import(client, admin, "bank.json", doc, dry_run="true")
    assert dry.status_code == 200, dry.text
    assert dry.json() | {"warnings": []} == {
        "dry_run": True,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "banks_created": ["Step 2 lead"],
        "backup_id": None,
        "warnings": [],
    }
    assert await _count(client, admin) == 1

    r = await _import(client, admin, "bank.json", doc)
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["created"] == 2 and result["banks_created"] == ["Step 2 lead"] and result["backup_id"]
    assert result["warnings"] == [
        {
            "sheet": "questions",
            "row": 2,
            "column": "enabled",
            "message": "Imported disabled: a coding question is enabled once its reference solutions pass Verify.",
        }
    ]
    lead = next(b for b in (await client.get(B, headers=admin)).json()["items"] if b["name"] == "Step 2 lead")
    assert lead["tags"] == ["step2_lead"] and lead["description"] == "For leads" and lead["question_count"] == 1
    imported = (await client.get(Q, params={"bank_id": lead["id"]}, headers=admin)).json()["items"][0]
    full = (await client.get(f"{Q}/{imported['id']}", headers=admin)).json()
    assert full["content"]["coding"]["languages"]["python3"]["harness"].startswith("a, b = map(int")
    assert full["content"]["coding"]["test_cases"][1]["weight"] == 3 and full["enabled"] is False

    backups = (await client.get("/api/v1/question-backups", headers=admin)).json()["items"]
    assert [(b["id"], b["reason"], b["bank_names"], b["question_count"]) for b in backups] == [
        (result["backup_id"], "import", ["Python"], 1)
    ]
    saved = await client.get(f"/api/v1/question-backups/{result['backup_id']}/download", headers=admin)
    assert saved.headers["content-type"] == "application/json" and "attachment" in saved.headers["content-disposition"]
    backup = saved.json()
    assert [q["title"] for q in backup["banks"][0]["questions"]] == ["Already here"]
    assert backup["banks"][0]["questions"][0]["id"] == before["id"]

    # An export imports back as "unchanged"; an edited export updates in place (nothing was served).
    exported = await client.get(EXPORT, params={"format": "json"}, headers=admin)
    assert exported.status_code == 200 and exported.headers["content-type"] == "application/json"
    again = (await _import(client, admin, "export.json", exported.content)).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)
    edited = exported.json()
    edited["banks"][0]["questions"][0]["title"] = "Already here, reworded"
    changed = (await _import(client, admin, "export.json", json.dumps(edited).encode())).json()
    assert (changed["created"], changed["updated"], changed["unchanged"]) == (0, 1, 2)
    assert (await client.get(f"{Q}/{before['id']}", headers=admin)).json()["title"] == "Already here, reworded"

    manual = await client.post("/api/v1/question-backups", json={"bank_ids": [lead["id"]]}, headers=admin)
    assert manual.status_code == 201 and manual.json()["bank_names"] == ["Step 2 lead"]


async def test_json_errors_name_the_question_and_field_and_import_nothing(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    b = await bank(client, admin, "Existing")
    kept = await question(client, admin, mcq(b["id"]))
    good = {k: v for k, v in mcq("x").items() if k != "bank_id"}
    doc = _json_doc(
        {
            "name": "New bank",
            "questions": [
                good,
                {**good, "difficulty": "tricky"},
                {**good, "options": [{"text": "a", "correct": True}, {"text": "b", "correct": True}]},
                {**good, "shuffle": True},
                {**good, "id": "7d3c8f8e-9b0c-4a53-9c55-0fd1a6f1c0aa"},
                {**good, "id": kept["id"]},
                {**good, "id": kept["id"], "type": "mcq_multi"},
            ],
        },
        {"description": "no name", "questions": []},
    )
    report = _report(await _import(client, admin, "bad.json", doc))
    assert report[("questions", 2, "difficulty")] == "Input should be 'easy', 'medium' or 'hard'"
    assert "exactly one correct" in report[("questions", 3, "options")]
    assert report[("questions", 4, "shuffle")] == "Unknown field."
    assert "No question with this id" in report[("questions", 5, "id")]
    assert report[("questions", 7, "id")] == "Same id as question 6."
    assert report[("questions", 7, "type")] == "This question is a mcq_single; its type cannot change."
    assert report[("banks", 2, "name")] == "Field required"
    assert ("questions", 1, "title") not in report
    assert await _count(client, admin) == 1
    assert [b["name"] for b in (await client.get(B, headers=admin)).json()["items"]] == ["Existing"]
    assert (await client.get("/api/v1/question-backups", headers=admin)).json()["items"] == []

    for data, message in (
        (b"{not json", "cannot be read"),
        (b'{"format": "other"}', '"format": "interviewflow.questions"'),
        (b'{"format": "interviewflow.questions", "version": 2, "banks": []}', "version"),
    ):
        r = await _import(client, admin, "x.json", data)
        assert r.status_code == 422 and message in r.json()["detail"], r.text
        assert r.json()["errors"][0]["field"] == "body.file"


CSV_HEADER = [
    "ref", "bank", "type", "title", "body", "difficulty", "points", "tags", "option_1", "option_2", "option_3",
    "correct", "rubric", "starter:python3", "reference:python3", "harness:python3", "time_limit_ms",
]  # fmt: skip


def _csv_questions(bank_name: str) -> list[list[object]]:
    return [
        CSV_HEADER,
        ["", bank_name, "mcq_single", "Capital of France", "Which city?", "easy", 1, "geo, trivia",
         "Paris", "Lyon", "", "1", "", "", "", "", ""],
        ["", bank_name, "mcq_multi", "Primes", "Pick the primes.", "medium", 2, "",
         "2", "4", "-7 is not", "a", "", "", "", "", ""],
        ["", bank_name, "essay", "Code review", "How do you review code?", "medium", 5, "",
         "", "", "", "", "3 | Looks for correctness | tests, edge cases\n2 | Tone", "", "", "", ""],
        ["sum", bank_name, "coding", "Sum", "Print a+b.", "easy", 3, "",
         "", "", "", "", "", "def add(a, b):\n    pass\n", "def add(a, b):\n    return a + b\n",
         "a, b = map(int, input().split())\nprint(add(a, b))\n", "1500"],
    ]  # fmt: skip


CASES = [
    ["question_ref", "stdin", "expected_stdout", "visible", "weight"],
    ["sum", "1 2", "3", "yes", ""],
    ["sum", "2 2", "4", "", "2"],
]


async def test_csv_and_xlsx_imports_carry_mcq_essays_and_coding_with_its_test_cases(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    csv_bank = await bank(client, admin, "From CSV")
    r = await _import(client, admin, "questions.csv", _csv(_csv_questions("From CSV")), test_cases=_csv(CASES))
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 4 and r.json()["backup_id"] is not None  # the bank existed: backed up
    by_title = {
        q["title"]: (await client.get(f"{Q}/{q['id']}", headers=admin)).json()
        for q in (await client.get(Q, params={"bank_id": csv_bank["id"]}, headers=admin)).json()["items"]
    }
    france = by_title["Capital of France"]["content"]
    assert [(o["text"], o["correct"]) for o in france["options"]] == [("Paris", True), ("Lyon", False)]
    assert by_title["Capital of France"]["tags"] == ["geo", "trivia"]
    primes = by_title["Primes"]["content"]["options"]
    assert [o["correct"] for o in primes] == [True, False, False] and primes[2]["text"] == "-7 is not"
    rubric = by_title["Code review"]["content"]["rubric"]
    assert rubric == [
        {"criterion": "Looks for correctness", "points": 3, "guidance": "tests, edge cases"},
        {"criterion": "Tone", "points": 2, "guidance": ""},
    ]
    code = by_title["Sum"]["content"]["coding"]
    assert code["time_limit_ms"] == 1500 and code["languages"]["python3"]["starter"] == "def add(a, b):\n    pass\n"
    assert [(c["stdin"], c["visible"], c["weight"]) for c in code["test_cases"]] == [
        ("1 2", True, 1),
        ("2 2", False, 2),
    ]

    # The same tables as XLSX sheets, into a bank chosen for the whole import (no bank column values).
    xlsx_bank = await bank(client, admin, "From XLSX")
    rows = [[("" if c == "bank" else v) for c, v in zip(CSV_HEADER, row, strict=True)] for row in _csv_questions("")]
    rows[0] = CSV_HEADER
    data = _xlsx({"questions": rows, "test_cases": CASES})
    r = await _import(client, admin, "questions.xlsx", data, bank_id=xlsx_bank["id"])
    assert r.status_code == 200, r.text
    assert len((await client.get(Q, params={"bank_id": xlsx_bank["id"]}, headers=admin)).json()["items"]) == 4


async def test_spreadsheet_errors_name_sheet_row_and_column_and_import_nothing(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    await bank(client, admin, "Bank")
    rows = _csv_questions("Bank")
    rows[1][5] = "tricky"  # row 2: difficulty
    rows[1][11] = "3"  # row 2 again: correct names an empty option
    rows[3][12] = "three | Tone"  # row 4: rubric line without points
    rows[4][14] = ""  # row 5: coding without a reference
    rows.append(["", "Nope", "mcq_single", "Unknown bank", "b", "easy", 1, "", "a", "b", "", "1", "", "", "", "", ""])
    rows.append(["", "Bank", "essay", "", "No title", "easy", 1, "", "", "", "", "", "1 | x", "", "", "", ""])
    cases = [*CASES, ["sum", "1", "1", "", "heavy"], ["ghost", "1", "1", "", ""]]
    expected = {
        ("questions", 2, "difficulty"): "Input should be 'easy', 'medium' or 'hard'",
        ("questions", 2, "correct"): "Option 3 is empty.",
        ("questions", 4, "rubric"): "Line 1: write 'points | criterion | guidance'.",
        ("test_cases", 5, "question_ref"): "No question has ref 'ghost'.",
        ("questions", 7, "title"): "Field required",
    }
    r = await _import(client, admin, "q.csv", _csv(rows), test_cases=_csv(cases))
    report = _report(r)
    for key, message in expected.items():
        assert report[key] == message, (key, report)
    assert report[("questions", 5, "reference:python3")].startswith("Field required")
    assert report[("test_cases", 4, "weight")].startswith("Input should be a valid integer")
    assert report[("questions", 6, "bank")] == "No bank named 'Nope' in this organization; create it first."
    assert await _count(client, admin) == 0

    # The same mistakes in an XLSX workbook are reported on the same rows and columns.
    report = _report(await _import(client, admin, "q.xlsx", _xlsx({"questions": rows, "test_cases": cases})))
    for key, message in expected.items():
        assert report[key] == message, (key, report)
    assert await _count(client, admin) == 0

    wrong_columns = _csv([["type", "title", "body", "colour"], ["essay", "t", "b", "red"]])
    assert _report(await _import(client, admin, "q.csv", wrong_columns)) == {
        ("questions", 1, "colour"): "Unknown column."
    }
    no_bank = _csv(
        [["type", "title", "body", "option_1", "option_2", "correct"], ["mcq_single", "t", "b", "x", "y", "1"]]
    )
    report = _report(await _import(client, admin, "q.csv", no_bank))
    assert report == {
        ("questions", 2, "bank"): "Name a bank in the bank column, or choose a bank for the whole import."
    }
    big = await _import(client, admin, "q.csv", b"x" * (10 * 1024 * 1024 + 1))
    assert big.status_code == 422 and big.json()["errors"][0]["field"] == "body.file"
    damaged = bytearray(_xlsx({"questions": [["type"]]}))
    damaged[-200:-100] = b"\0" * 100
    for data in (bytes(damaged), b"PK\x03\x04 not a zip", b"[" * 100_000, b"\xff\xfe\0t\0y"):
        r = await _import(client, admin, "broken", data)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "body.file", r.text


async def test_exports_neutralise_formulas_and_import_back_unchanged(client, factory):
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    b = await bank(client, admin, "Formulas")
    await question(
        client,
        admin,
        mcq(
            b["id"],
            title='=HYPERLINK("http://evil.example")',
            options=[{"text": "-1", "correct": True}, {"text": "+1"}, {"text": "@SUM(A1)"}],
        ),
    )
    await question(client, admin, coding(b["id"]))

    zipped = await client.get(EXPORT, params={"format": "csv"}, headers=admin)
    assert zipped.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(zipped.content))
    rows = list(csv.DictReader(io.StringIO(archive.read("questions.csv").decode())))
    formula = next(r for r in rows if r["type"] == "mcq_single")
    assert formula["title"] == '\'=HYPERLINK("http://evil.example")'
    assert (formula["option_1"], formula["option_2"], formula["option_3"]) == ("'-1", "'+1", "'@SUM(A1)")
    cases = list(csv.DictReader(io.StringIO(archive.read("test_cases.csv").decode())))
    assert [c["question_ref"] for c in cases] == [rows[1]["ref"], rows[1]["ref"]]

    xlsx = await client.get(EXPORT, params={"format": "xlsx"}, headers=admin)
    book = load_workbook(io.BytesIO(xlsx.content))
    sheet = book["questions"]
    header = [c.value for c in sheet[1]]
    values = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert values["title"].startswith("'=") and values["option_1"] == "'-1"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert book["test_cases"].max_row == 3

    for data, name in ((zipped.content, "export.zip"), (xlsx.content, "export.xlsx")):
        r = await _import(client, admin, name, data)
        assert r.status_code == 200, r.text
        assert (r.json()["created"], r.json()["updated"], r.json()["unchanged"]) == (0, 0, 2)
    title = (await client.get(Q, params={"bank_id": b["id"], "type": "mcq_single"}, headers=admin)).json()
    assert title["items"][0]["title"] == '=HYPERLINK("http://evil.example")'
    only = await client.get(EXPORT, params={"format": "json", "question_id": title["items"][0]["id"]}, headers=admin)
    assert [len(b["questions"]) for b in only.json()["banks"]] == [1]
    foreign = await client.get(EXPORT, params={"bank_id": "7d3c8f8e-9b0c-4a53-9c55-0fd1a6f1c0aa"}, headers=admin)
    assert foreign.status_code == 422


async def test_the_documented_json_example_imports(client, factory):
    example = GUIDE.split('The JSON format (`"version": 1`), complete:\n\n```json\n')[1].split("\n```")[0]
    org = await factory.org()
    _, admin = await factory.user_and_headers(org, "admin")
    r = await _import(client, admin, "example.json", example.encode())
    assert r.status_code == 200, r.text
    assert (r.json()["created"], r.json()["banks_created"], r.json()["warnings"]) == (4, ["Step 1 — Python"], [])
