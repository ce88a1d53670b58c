"""The three views of a question, built field by field from what each audience may see (never by copying
everything and deleting secrets, so a field added later stays private until someone decides otherwise)."""

from backend.questions.models import Question, QuestionVersion
from backend.questions.schemas import (
    AuthorContent,
    CandidateCoding,
    CandidateQuestion,
    CaseVerdict,
    CodingSpec,
    Example,
    OptionRead,
    PreviewCoding,
    PreviewContent,
    PublicOption,
    QuestionAuthorView,
    QuestionPreview,
    QuestionSummary,
    RubricCriterion,
    StarterCode,
    Verification,
    VersionMeta,
    VersionSummary,
)


def summary(q: Question) -> QuestionSummary:
    return QuestionSummary.model_validate(q)


def version_meta(v: QuestionVersion) -> VersionMeta:
    return VersionMeta(
        version_id=v.id,
        number=v.number,
        times_served=v.times_served,
        last_served_at=v.last_served_at,
        created_at=v.created_at,
        updated_at=v.updated_at,
        created_by_id=v.created_by_id,
    )


def version_summary(v: QuestionVersion, current_id: object) -> VersionSummary:
    return VersionSummary(
        version_id=v.id,
        number=v.number,
        title=v.title,
        is_current=v.id == current_id,
        times_served=v.times_served,
        last_served_at=v.last_served_at,
        verification=v.verification_status,
        created_at=v.created_at,
        updated_at=v.updated_at,
        created_by_id=v.created_by_id,
    )


def verification(v: QuestionVersion) -> Verification | None:
    if v.type != "coding":
        return None
    results = (v.verification or {}).get("results", [])
    return Verification(
        status=v.verification_status or "unverified",
        verified_at=v.verified_at,
        results=[CaseVerdict.model_validate(r) for r in results],
    )


def author_view(q: Question, v: QuestionVersion, *, served: bool) -> QuestionAuthorView:
    """`served`: whether a test session was given `v` (the truth, not its lagging times_served): an edit then
    creates a new version."""
    content = AuthorContent(
        type=v.type,
        title=v.title,
        body=v.body,
        difficulty=v.difficulty,
        points=v.points,
        expected_minutes=v.expected_minutes,
        explanation=v.explanation,
        options=[OptionRead(id=o["id"], text=o["text"], correct=o["correct"]) for o in v.options],
        rubric=[RubricCriterion.model_validate(r) for r in v.rubric],
        coding=CodingSpec.model_validate(v.coding) if v.coding else None,
        verification=verification(v),
    )
    return QuestionAuthorView(
        **summary(q).model_dump(),
        version_meta=version_meta(v),
        content=content,
        edit_creates_version=served,
        can_enable=v.type != "coding" or v.verification_status == "passed",
    )


def _starters(v: QuestionVersion) -> dict[str, StarterCode]:
    assert v.coding is not None
    return {lang: StarterCode(starter=code["starter"]) for lang, code in v.coding["languages"].items()}


def _examples(v: QuestionVersion) -> list[Example]:
    assert v.coding is not None
    return [
        Example(stdin=c["stdin"], expected_stdout=c["expected_stdout"]) for c in v.coding["test_cases"] if c["visible"]
    ]


def preview(q: Question, v: QuestionVersion) -> QuestionPreview:
    coding = None
    if v.coding:
        coding = PreviewCoding(
            languages=_starters(v),
            examples=_examples(v),
            hidden_cases=sum(1 for c in v.coding["test_cases"] if not c["visible"]),
            time_limit_ms=v.coding["time_limit_ms"],
            memory_limit_mb=v.coding["memory_limit_mb"],
            comparison=v.coding["comparison"],
        )
    content = PreviewContent(
        type=v.type,
        title=v.title,
        body=v.body,
        difficulty=v.difficulty,
        points=v.points,
        expected_minutes=v.expected_minutes,
        options=[PublicOption(id=o["id"], text=o["text"]) for o in v.options],
        rubric=[RubricCriterion.model_validate(r) for r in v.rubric],
        coding=coding,
    )
    return QuestionPreview(**summary(q).model_dump(), version_meta=version_meta(v), content=content)


def candidate(v: QuestionVersion) -> CandidateQuestion:
    coding = None
    if v.coding:
        coding = CandidateCoding(
            languages=_starters(v),
            examples=_examples(v),
            time_limit_ms=v.coding["time_limit_ms"],
            memory_limit_mb=v.coding["memory_limit_mb"],
        )
    return CandidateQuestion(
        version_id=v.id,
        type=v.type,
        title=v.title,
        body=v.body,
        points=v.points,
        expected_minutes=v.expected_minutes,
        options=[PublicOption(id=o["id"], text=o["text"]) for o in v.options],
        coding=coding,
    )
