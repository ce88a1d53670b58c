"""Candidate search through the full-text index (words by their beginning, in name, email and phone), and the
capped `total` of lists."""

import pytest

from backend.candidates.repository import LIST_COLUMNS
from backend.candidates.schemas import CandidateRead
from backend.kit import pagination

C = "/api/v1/candidates"


async def _found(client, headers, q: str) -> list[str]:
    r = await client.get(C, params={"q": q}, headers=headers)
    assert r.status_code == 200, r.text
    return [c["last_name"] for c in r.json()["items"]]


async def test_search_by_name_email_and_phone(client, factory):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    for first, last, email, phone in [
        ("Ada", "Lovelace", "ada.lovelace@example.com", "+1 555-0100"),
        ("Grace", "Hopper", "grace@navy.example.org", "+1 555-0199"),
        ("Jean-Luc", "O'Brien", "jl@example.com", None),
    ]:
        body = {"first_name": first, "last_name": last, "email": email, "phone": phone}
        assert (await client.post(C, json=body, headers=headers)).status_code == 201

    assert await _found(client, headers, "ada lov") == ["Lovelace"]
    assert await _found(client, headers, "LOVELACE") == ["Lovelace"]
    assert await _found(client, headers, "ada.lovelace@exa") == ["Lovelace"]  # the beginning of an email
    assert await _found(client, headers, "navy") == ["Hopper"]  # a word of an email
    assert await _found(client, headers, "555-0100") == ["Lovelace"]  # as written
    assert await _found(client, headers, "5550100") == ["Lovelace"]  # digits only, without the country code
    assert await _found(client, headers, "+15550199") == ["Hopper"]
    assert await _found(client, headers, "luc o'brien") == ["O'Brien"]
    assert sorted(await _found(client, headers, "555")) == ["Hopper", "Lovelace"]
    # Not a substring search: a fragment from the middle of a word finds nothing.
    assert await _found(client, headers, "velace") == []
    # Input that holds no word, or tsquery syntax, is not an error.
    assert await _found(client, headers, "&|!():*'") == []
    assert await _found(client, headers, "ada & | lovelace:*") == ["Lovelace"]


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(pagination, "TOTAL_CAP", 3)


async def test_total_is_exact_up_to_the_cap_and_null_beyond(client, factory, small_cap):
    org = await factory.org()
    _, headers = await factory.user_and_headers(org, "recruiter")
    for i in range(3):
        body = {"first_name": "Person", "last_name": f"Number{i}", "email": f"p{i}@example.com"}
        assert (await client.post(C, json=body, headers=headers)).status_code == 201

    first = (await client.get(C, params={"limit": 2}, headers=headers)).json()
    assert first["total"] == 3 and len(first["items"]) == 2
    second = (await client.get(C, params={"limit": 2, "cursor": first["next_cursor"]}, headers=headers)).json()
    assert second["total"] == 3 and len(second["items"]) == 1 and second["next_cursor"] is None

    body = {"first_name": "Person", "last_name": "Number3", "email": "p3@example.com"}
    assert (await client.post(C, json=body, headers=headers)).status_code == 201
    page = (await client.get(C, params={"limit": 2}, headers=headers)).json()
    assert page["total"] is None and page["next_cursor"]  # more than the cap match: not counted
    assert (await client.get(C, params={"limit": 10}, headers=headers)).json()["total"] is None
    assert (await client.get(C, params={"q": "number1"}, headers=headers)).json()["total"] == 1


def test_the_list_selects_every_field_a_candidate_shows():
    """The list reads plain columns, not entities: a field added to CandidateRead must be selected too, or every
    list would silently show its default."""
    assert {c.name for c in LIST_COLUMNS} == set(CandidateRead.model_fields)
