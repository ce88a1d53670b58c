"""Cells for every CSV / XLSX export: what a spreadsheet would run as a formula is neutralised, and control
characters already stored (from before text was checked at the edge) are dropped, so one bad row can neither
run code on the reader's machine nor break the whole export.

OWASP's CSV-injection guidance: a cell that starts with =, +, -, @, tab or carriage return is prefixed with a
single quote in CSV. In XLSX the value is kept as it is but written as a text cell, never as a formula.
"""

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from backend.kit.text import strip_control_characters

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
