"""Clean text: the one rule for every string that comes in (bodies, forms, query and path parameters, imported
rows, cursors).

Tabs and line breaks are text; every other control character (NUL above all: PostgreSQL cannot store it) and
lone UTF-16 surrogates (which cannot be encoded as UTF-8) are not. They are refused at the edge with a 422 that
names the field, so nothing downstream (the database, a spreadsheet export, an email) ever meets them.
"""

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls; lone surrogates.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
MESSAGE = "Control characters are not allowed in text."


def has_control_characters(value: str) -> bool:
    return _FORBIDDEN.search(value) is not None


def strip_control_characters(value: str) -> str:
    """For data that is already stored (exports): drop what the rule would have refused."""
    return _FORBIDDEN.sub("", value)


def check_text(value: str) -> str:
    if has_control_characters(value):
        raise ValueError(MESSAGE)
    return value


def check_nested(value: Any) -> Any:
    """The same rule over strings inside lists, dicts (keys too) and nested models."""
    if isinstance(value, str):
        check_text(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            check_nested(k)
            check_nested(v)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            check_nested(v)
    elif isinstance(value, BaseModel):
        for v in value.__dict__.values():
            check_nested(v)
    return value


# For inputs that are not a `Schema` field (form fields, single parameters).
CleanStr = Annotated[str, AfterValidator(check_text)]
