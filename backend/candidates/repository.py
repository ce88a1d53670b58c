import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import ColumnElement, Select, cast, false, func, or_, select, update
from sqlalchemy.dialects.postgresql import TSQUERY

from backend.candidates.models import Candidate
from backend.kit.repository import TenantRepository

# Cut a query where the search document is cut (ASCII punctuation and spaces, see SEARCH_DOCUMENT).
_SEPARATORS = re.compile(r"[!-/:-@\[-`{-~\s]+")
_MAX_TERMS = 8

# What a list shows (CandidateRead): plain columns, no entity loading for a page of rows.
LIST_COLUMNS = (
    Candidate.id,
    Candidate.first_name,
    Candidate.last_name,
    func.trim(Candidate.first_name + " " + Candidate.last_name).label("full_name"),
    Candidate.email,
    Candidate.phone,
    Candidate.location,
    Candidate.source,
    Candidate.tags,
    Candidate.owner_id,
    Candidate.resume_file_id,
    Candidate.duplicate_of_id,
    Candidate.created_at,
    Candidate.updated_at,
)


def search_query(q: str) -> str | None:
    """`q` as a tsquery over the search document's words: every word but the last must be whole, the last may be
    the beginning of one ("ada lov" finds Ada Lovelace); text with an "@" after its first character is the beginning
    of an email ("ada.lovelace@ex"). None when `q` has no words.

    The lexemes are written out here and cast to tsquery (no parsing on the way): words contain no tsquery
    syntax (its characters are all separators), and an email is quoted. Whole words let the index skip through
    common words (`example`, `com`) instead of collecting every row that starts with them."""
    text = q.strip().lower()
    if "@" in text[1:] and not any(c.isspace() for c in text):
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "':*"
    words = [w for w in _SEPARATORS.split(text) if w][:_MAX_TERMS]
    if not words:
        return None
    *whole, last = words
    return " & ".join([*(f"'{w}'" for w in whole), f"'{last}':*"])


class CandidateRepository(TenantRepository[Candidate]):
    """Merged and deleted candidates are invisible here: they live on only through the survivor's history."""

    model = Candidate

    def select(self, *options: Any) -> Select[Candidate]:
        return super().select(*options).where(Candidate.merged_into_id.is_(None), Candidate.deleted_at.is_(None))

    def listing(self, q: str | None, owner_id: uuid.UUID | None, tag: str | None, source: str | None) -> Select[Any]:
        """The list's rows: search by name, email or phone through the full-text index (every word a prefix)."""
        stmt = select(*LIST_COLUMNS).where(
            Candidate.organization_id == self.organization_id,
            Candidate.merged_into_id.is_(None),
            Candidate.deleted_at.is_(None),
        )
        if q:
            query = search_query(q)
            if query is None:
                return stmt.where(false())
            stmt = stmt.where(Candidate.search.bool_op("@@")(cast(query, TSQUERY)))
        if owner_id:
            stmt = stmt.where(Candidate.owner_id == owner_id)
        if tag:
            stmt = stmt.where(Candidate.tags.contains([tag]))
        if source:
            stmt = stmt.where(Candidate.source == source)
        return stmt

    async def by_email(self, email: str) -> Candidate | None:
        """The candidate who owns this address (job-board submissions flagged as its duplicates are not it)."""
        stmt = self.select().where(func.lower(Candidate.email) == email.lower(), Candidate.duplicate_of_id.is_(None))
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def emails_in_pool(self, emails: list[str]) -> set[str]:
        """Which of these addresses (lower case) a visible candidate already has."""
        stmt = select(func.lower(Candidate.email)).where(
            Candidate.organization_id == self.organization_id,
            func.lower(Candidate.email).in_(emails),
            Candidate.merged_into_id.is_(None),
            Candidate.deleted_at.is_(None),
        )
        return set((await self.session.execute(stmt)).scalars())

    async def stream_all(self) -> AsyncIterator[Candidate]:
        """Every visible candidate, oldest first, fetched a thousand at a time (exports)."""
        stmt = self.select().order_by(Candidate.created_at, Candidate.id).execution_options(yield_per=1000)
        async for candidate in await self.session.stream_scalars(stmt):
            yield candidate

    async def look_alikes(self, me: Candidate, limit: int = 20) -> list[Candidate]:
        """Candidates that may be the same person: same name, same address (job-board submissions with it) or
        same phone."""
        conditions: list[ColumnElement[bool]] = [
            Candidate.last_name.ilike(me.last_name) & Candidate.first_name.ilike(me.first_name),
            func.lower(Candidate.email) == me.email.lower(),
        ]
        if me.phone:
            conditions.append(Candidate.phone == me.phone)
        stmt = self.select().where(Candidate.id != me.id, or_(*conditions)).limit(limit)
        return list((await self.session.execute(stmt)).scalars())

    async def flag_duplicates_of(self, old_id: uuid.UUID, new_id: uuid.UUID) -> None:
        """Submissions flagged as possible duplicates of `old_id` are flagged against `new_id` instead."""
        await self.session.execute(
            update(Candidate)
            .where(Candidate.organization_id == self.organization_id, Candidate.duplicate_of_id == old_id)
            .where(Candidate.id != new_id)
            .values(duplicate_of_id=new_id)
            .execution_options(synchronize_session=False)
        )

    async def records(self, ids: list[uuid.UUID]) -> list[Candidate]:
        """These candidates as they were recorded, merged and deleted ones included (an interview or an
        application keeps the record it was made with)."""
        stmt = super().select().where(Candidate.id.in_(ids))
        return list((await self.session.execute(stmt)).scalars())

    async def for_user(self, user_id: uuid.UUID) -> list[Candidate]:
        return list((await self.session.execute(self.select().where(Candidate.user_id == user_id))).scalars())
