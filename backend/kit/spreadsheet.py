"""Spreadsheets in and out. Cells for every CSV / XLSX export: what a spreadsheet would run as a formula is
neutralised, and control characters already stored (from before text was checked at the edge) are dropped, so one
bad row can neither run code on the reader's machine nor break the whole export. And the one answer every import
gives when rows are wrong: nothing imported, every problem named.

OWASP's CSV-injection guidance: a cell that starts with =, +, -, @, tab or carriage return is prefixed with a
single quote in CSV. In XLSX the value is kept as it is but written as a text cell, never as a formula.
"""

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from backend.errors import ValidationFailed
from backend.kit.text import strip_control_characters

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Enough to fix a file by; a file with more problems is the wrong file.
MAX_REPORTED_PROBLEMS = 500


def nothing_imported(problems: list[dict[str, Any]]) -> ValidationFailed:
    """An import is all or nothing: one bad row refuses the file. The 422 counts every problem and lists the first
    ones (each from `field_error`, naming its row and column)."""
    n = len(problems)
    return ValidationFailed(
        f"{n} problem{'s' if n > 1 else ''} in the file; nothing was imported.",
        errors=problems[:MAX_REPORTED_PROBLEMS],
    )


def csv_cell(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = strip_control_characters(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def xlsx_row(sheet: WriteOnlyWorksheet, values: list[Any]) -> list[Any]:
    cells: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=None)
            cell.value = strip_control_characters(value)  # openpyxl would make "=…" a formula here
            cell.data_type = "s"  # … so the type is set afterwards: text, whatever it starts with
            cells.append(cell)
        else:
            cells.append(value)
    return cells
