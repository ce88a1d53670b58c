import re
import uuid
from typing import Any

from sqlalchemy import Select, false, func, select

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
    Candidate.created_at,
    Candidate.updated_at,
)


def search_query(q: str) -> str | None:
    """Every word of `q` as a prefix ("ada lov" finds Ada Lovelace): a to_tsquery text, or None without words.
    Words hold no tsquery syntax: the characters it uses are all separators here."""
    terms = [t for t in _SEPARATORS.split(q.lower()) if t][:_MAX_TERMS]
    return " & ".join(f"'{t}':*" for t in terms) or None


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
            stmt = stmt.where(Candidate.search.bool_op("@@")(func.to_tsquery("simple", query)))
        if owner_id:
            stmt = stmt.where(Candidate.owner_id == owner_id)
        if tag:
            stmt = stmt.where(Candidate.tags.contains([tag]))
        if source:
            stmt = stmt.where(Candidate.source == source)
        return stmt

    async def by_email(self, email: str) -> Candidate | None:
        stmt = self.select().where(func.lower(Candidate.email) == email.lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def for_user(self, user_id: uuid.UUID) -> list[Candidate]:
        return list((await self.session.execute(self.select().where(Candidate.user_id == user_id))).scalars())
