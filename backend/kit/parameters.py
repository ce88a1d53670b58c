"""The text rule (backend/kit/text.py) for query and path parameters of every /api/v1 route, current and future:
applied once, as a dependency of the API router, so no route has to remember it."""

from typing import Any

from fastapi import Request

from backend.errors import ValidationFailed, field_error
from backend.kit.text import MESSAGE, has_control_characters


def _error(where: str, name: str) -> dict[str, Any]:
    return field_error([name], MESSAGE, where=where)


async def clean_parameters(request: Request) -> None:
    errors = [_error("query", k) for k, v in request.query_params.multi_items() if has_control_characters(k + v)]
    errors += [_error("path", k) for k, v in request.path_params.items() if has_control_characters(str(v))]
    if errors:
        raise ValidationFailed(f"{errors[0]['field']}: {MESSAGE}", errors=errors)
