import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile, status

from backend.auth.dependencies import require
from backend.auth.principal import Principal
from backend.db import ReadSessionDep, SessionDep
from backend.files.content import XLSX
from backend.files.service import UPLOAD_BODY_BYTES, content_disposition, read_upload, stored_file_response
from backend.http_security import body_limit
from backend.kit.pagination import PageParams, page_params
from backend.kit.schemas import Page
from backend.questions.banks import BankService
from backend.questions.feedback import FeedbackService
from backend.questions.schemas import (
    BackupCreate,
    BackupRead,
    BankCreate,
    BankRead,
    BankStats,
    BankUpdate,
    BulkAction,
    BulkResult,
    CandidateQuestion,
    Difficulty,
    FeedbackAccept,
    FeedbackDecline,
    FeedbackRead,
    IssueReportCreate,
    QuestionAuthorView,
    QuestionCreate,
    QuestionFilters,
    QuestionImportResult,
    QuestionPatch,
    QuestionSummary,
    QuestionType,
    QuestionUpdate,
    QuestionView,
    StepTag,
    SuggestionCreate,
    VerificationState,
    VersionSummary,
)
from backend.questions.service import QuestionService
from backend.questions.transfer import ExportFormat, QuestionTransfer
from backend.questions.verifying import VerificationStarted, start_verification

banks_router = APIRouter(prefix="/question-banks", tags=["question banks"])
router = APIRouter(prefix="/questions", tags=["question banks"])
backups_router = APIRouter(prefix="/question-backups", tags=["question banks"])
feedback_router = APIRouter(prefix="/question-feedback", tags=["question banks"])

Reader = Annotated[Principal, Depends(require("questions:read"))]
Writer = Annotated[Principal, Depends(require("questions:write"))]
Suggester = Annotated[Principal, Depends(require("questions:suggest"))]
Reporter = Annotated[Principal, Depends(require("questions:report"))]


# --- banks ----------------------------------------------------------------------------------------------------
@banks_router.get("", response_model=Page[BankRead])
async def list_banks(
    principal: Reader,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    q: str | None = Query(None, max_length=120, description="Part of the bank's name."),
    tag: str | None = Query(None, max_length=40, description="A step tag (step1_iq …) or free tag."),
    enabled: bool | None = None,
) -> Page[BankRead]:
    """Question banks with their question counts. Sort by name (default) or created_at. Interviewers see the
    banks for Step-2 interviews and untagged ones, not Step-1 tests or Step-3 executive questions."""
    items, cursor, total = await BankService(session, principal).search(params, q, tag, enabled)
    return Page(items=items, next_cursor=cursor, total=total)


@banks_router.post("", response_model=BankRead, status_code=status.HTTP_201_CREATED)
async def create_bank(principal: Writer, body: BankCreate, session: SessionDep) -> BankRead:
    """A bank; names are unique in the organization (409)."""
    return await BankService(session, principal).create(body)


@banks_router.get("/stats", response_model=BankStats)
async def bank_stats(principal: Reader, session: ReadSessionDep) -> BankStats:
    """The bank page's counts: total, enabled, per type and per step tag."""
    return await BankService(session, principal).stats()


@banks_router.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {"application/json": {}, "application/zip": {}, XLSX: {}}}},
)
async def export_questions(
    principal: Writer,
    session: SessionDep,
    format: ExportFormat = "json",
    bank_id: list[uuid.UUID] | None = Query(None, max_length=200, description="Only these banks (repeatable)."),
    question_id: list[uuid.UUID] | None = Query(None, max_length=500, description="Only these questions."),
) -> Response:
    """Questions as JSON (everything, the import format), XLSX (sheets `questions` and `test_cases`) or CSV (a ZIP
    of questions.csv and test_cases.csv). Spreadsheet cells that would run as formulas are prefixed with `'`."""
    data, media_type, filename = await QuestionTransfer(session, principal).export(format, bank_id, question_id)
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": content_disposition("attachment", filename), "Cache-Control": "no-store"},
    )


# Two files of up to 10 MB each (a questions CSV and its test cases).
@banks_router.post("/import", response_model=QuestionImportResult, openapi_extra=body_limit(2 * UPLOAD_BODY_BYTES))
async def import_questions(
    principal: Writer,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="JSON, XLSX, questions CSV, or the CSV export's ZIP (≤ 10 MB).")],
    test_cases: Annotated[
        UploadFile | None, File(description="With a questions CSV: the test_cases CSV of its coding questions.")
    ] = None,
    dry_run: bool = False,
    bank_id: uuid.UUID | None = Query(None, description="Bank for CSV / XLSX rows without a `bank` column."),
) -> QuestionImportResult:
    """Validate every question first, then import all or none. Problems come back as a 422 whose `errors` name
    the `sheet`, `row` (spreadsheet numbering, header = 1; JSON: the question's position in the file) and
    `column` (JSON: the field's path). Rows with an `id` update that question (a served question gets a new
    version); the banks touched are backed up first (`backup_id`). `dry_run=true` only validates."""
    data = await read_upload(file, "file")
    cases = await read_upload(test_cases, "test_cases") if test_cases is not None else None
    return await QuestionTransfer(session, principal).import_file(
        file.filename or "import", data, test_cases=cases, dry_run=dry_run, default_bank_id=bank_id
    )


@banks_router.get("/{bank_id}", response_model=BankRead)
async def get_bank(principal: Reader, bank_id: uuid.UUID, session: ReadSessionDep) -> BankRead:
    return await BankService(session, principal).get(bank_id)


@banks_router.patch("/{bank_id}", response_model=BankRead)
async def update_bank(principal: Writer, bank_id: uuid.UUID, body: BankUpdate, session: SessionDep) -> BankRead:
    return await BankService(session, principal).update(bank_id, body)


@banks_router.delete("/{bank_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_bank(principal: Writer, bank_id: uuid.UUID, session: SessionDep) -> Response:
    """Delete an empty bank (409 while it holds questions)."""
    await BankService(session, principal).delete(bank_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- questions ------------------------------------------------------------------------------------------------
@router.get("", response_model=Page[QuestionSummary])
async def search_questions(
    principal: Reader,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    q: str | None = Query(None, max_length=200, description="Words to find in title, body and tags (prefixes)."),
    bank_id: uuid.UUID | None = None,
    step: StepTag | None = Query(None, description="Questions of banks tagged with this step."),
    type: QuestionType | None = None,
    difficulty: Difficulty | None = None,
    language: str | None = Query(None, max_length=32, pattern=r"^[a-z][a-z0-9_]*$"),
    tag: str | None = Query(None, max_length=40),
    enabled: bool | None = None,
    verification: VerificationState | None = None,
) -> Page[QuestionSummary]:
    """Search across banks. Sort by created_at (default, newest first), updated_at, title, points or
    times_served (how many test sessions were given the question: a leak signal, recounted in the background a few
    seconds after each test start)."""
    filters = QuestionFilters(q, bank_id, step, type, difficulty, language, tag, enabled, verification)
    items, cursor, total = await QuestionService(session, principal).search(params, filters)
    return Page(items=[QuestionSummary.model_validate(i) for i in items], next_cursor=cursor, total=total)


@router.post("", response_model=QuestionAuthorView, status_code=status.HTTP_201_CREATED)
async def create_question(principal: Writer, body: QuestionCreate, session: SessionDep) -> QuestionAuthorView:
    """A question with its first version. Coding questions start disabled: they are enabled once Verify passed."""
    return await QuestionService(session, principal).create(body)


@router.post("/bulk", response_model=BulkResult)
async def bulk_update_questions(principal: Writer, body: BulkAction, session: SessionDep) -> BulkResult:
    """Enable, disable or move up to 500 questions, all or none."""
    return BulkResult(updated=await QuestionService(session, principal).bulk(body))


@router.get("/{question_id}", response_model=QuestionView)
async def get_question(principal: Reader, question_id: uuid.UUID, session: ReadSessionDep) -> QuestionView:
    """The current version. Authors (`questions:write`) get `view: "author"` with answers, explanation, harnesses,
    reference solutions, every test case and the verification; others get `view: "preview"` without them."""
    return await QuestionService(session, principal).view(question_id)


@router.put("/{question_id}", response_model=QuestionAuthorView)
async def replace_question(
    principal: Writer, question_id: uuid.UUID, body: QuestionUpdate, session: SessionDep
) -> QuestionAuthorView:
    """Save the content. If a test session was already given the current version, a new version is created
    (sessions keep theirs); otherwise the version is edited in place. Changing a coding question's code, cases or
    limits needs a new Verify, and disables the question until then."""
    return await QuestionService(session, principal).replace(question_id, body)


@router.patch("/{question_id}", response_model=QuestionAuthorView)
async def patch_question(
    principal: Writer, question_id: uuid.UUID, body: QuestionPatch, session: SessionDep
) -> QuestionAuthorView:
    """Enable or disable, move to another bank, retag. Never creates a version."""
    return await QuestionService(session, principal).patch(question_id, body)


@router.delete("/{question_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_question(principal: Writer, question_id: uuid.UUID, session: SessionDep) -> Response:
    """Delete a question no test session has seen (409 otherwise: disable it instead)."""
    await QuestionService(session, principal).delete(question_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{question_id}/versions", response_model=Page[VersionSummary])
async def list_versions(
    principal: Reader, question_id: uuid.UUID, session: ReadSessionDep, params: PageParams = Depends(page_params)
) -> Page[VersionSummary]:
    """The question's history, newest first, with how many test sessions saw each version."""
    items, cursor, total = await QuestionService(session, principal).history(question_id, params)
    return Page(items=items, next_cursor=cursor, total=total)


@router.get("/{question_id}/versions/{version_id}", response_model=QuestionView)
async def get_version(
    principal: Reader, question_id: uuid.UUID, version_id: uuid.UUID, session: ReadSessionDep
) -> QuestionView:
    """One version, in the same views as the question."""
    return await QuestionService(session, principal).view(question_id, version_id)


@router.get("/{question_id}/candidate-preview", response_model=CandidateQuestion)
async def candidate_preview(principal: Reader, question_id: uuid.UUID, session: ReadSessionDep) -> CandidateQuestion:
    """The current version exactly as a candidate will see it in the test player."""
    return await QuestionService(session, principal).candidate_preview(question_id)


@router.post("/{question_id}/issue-reports", response_model=FeedbackRead, status_code=status.HTTP_201_CREATED)
async def report_question_issue(
    principal: Reporter, question_id: uuid.UUID, body: IssueReportCreate, session: SessionDep
) -> FeedbackRead:
    """Report a problem with a question (wrong answer, unclear, leaked …); admins resolve or decline it."""
    return await FeedbackService(session, principal).report(question_id, body)


# --- backups --------------------------------------------------------------------------------------------------
@backups_router.get("", response_model=Page[BackupRead])
async def list_backups(
    principal: Writer, session: ReadSessionDep, params: PageParams = Depends(page_params)
) -> Page[BackupRead]:
    """Backups taken before imports, and on demand; newest first."""
    items, cursor, total = await QuestionTransfer(session, principal).list_backups(params)
    return Page(items=[BackupRead.model_validate(b) for b in items], next_cursor=cursor, total=total)


@backups_router.post("", response_model=BackupRead, status_code=status.HTTP_201_CREATED)
async def create_backup(principal: Writer, body: BackupCreate, session: SessionDep) -> BackupRead:
    """Back up some banks (default: all) now."""
    return BackupRead.model_validate(await QuestionTransfer(session, principal).backup(body.bank_ids, "manual"))


@backups_router.get(
    "/{backup_id}/download", response_class=Response, responses={200: {"content": {"application/json": {}}}}
)
async def download_backup(principal: Writer, backup_id: uuid.UUID, session: ReadSessionDep) -> Response:
    """The backup as a JSON import file: importing it restores the banks' questions as they were."""
    return stored_file_response(*await QuestionTransfer(session, principal).backup_file(backup_id))


# --- suggestions and issue reports ------------------------------------------------------------------------------
@feedback_router.post("/suggestions", response_model=FeedbackRead, status_code=status.HTTP_201_CREATED)
async def suggest_question(principal: Suggester, body: SuggestionCreate, session: SessionDep) -> FeedbackRead:
    """Suggest a question for a bank; an admin accepts it (it enters a bank) or declines it with a note."""
    return await FeedbackService(session, principal).suggest(body)


@feedback_router.get("", response_model=Page[FeedbackRead])
async def feedback_queue(
    principal: Writer,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    kind: str | None = Query(None, pattern="^(suggestion|issue)$"),
    status: str | None = Query("open", pattern="^(open|accepted|resolved|declined)$"),
) -> Page[FeedbackRead]:
    """The admins' queue of suggestions and issue reports (open ones by default), newest first."""
    items, cursor, total = await FeedbackService(session, principal).search(params, kind, status, mine=False)
    return Page(items=items, next_cursor=cursor, total=total)


@feedback_router.get("/mine", response_model=Page[FeedbackRead])
async def my_feedback(
    principal: Suggester,
    session: ReadSessionDep,
    params: PageParams = Depends(page_params),
    kind: str | None = Query(None, pattern="^(suggestion|issue)$"),
    status: str | None = Query(None, pattern="^(open|accepted|resolved|declined)$"),
) -> Page[FeedbackRead]:
    """What I suggested or reported, and what became of it."""
    items, cursor, total = await FeedbackService(session, principal).search(params, kind, status, mine=True)
    return Page(items=items, next_cursor=cursor, total=total)


@feedback_router.get("/{feedback_id}", response_model=FeedbackRead)
async def get_feedback(principal: Suggester, feedback_id: uuid.UUID, session: ReadSessionDep) -> FeedbackRead:
    """One entry: admins see any, authors their own."""
    return await FeedbackService(session, principal).get(feedback_id)


@feedback_router.post("/{feedback_id}/accept", response_model=FeedbackRead)
async def accept_feedback(
    principal: Writer, feedback_id: uuid.UUID, body: FeedbackAccept, session: SessionDep
) -> FeedbackRead:
    """Accept: a suggestion becomes a question in `bank_id`; an issue report is marked resolved. The author is
    notified."""
    return await FeedbackService(session, principal).accept(feedback_id, body)


@feedback_router.post("/{feedback_id}/decline", response_model=FeedbackRead)
async def decline_feedback(
    principal: Writer, feedback_id: uuid.UUID, body: FeedbackDecline, session: SessionDep
) -> FeedbackRead:
    """Decline with a note the author reads."""
    return await FeedbackService(session, principal).decline(feedback_id, body)


@router.post("/{question_id}/verify", response_model=VerificationStarted, status_code=status.HTTP_202_ACCEPTED)
async def verify_question(principal: Writer, question_id: uuid.UUID, session: SessionDep) -> VerificationStarted:
    """Run every reference solution of the question's current version against every test case in the sandbox.
    Answers at once with the queued runs; the person who asked follows them as `execution_run` events on the
    live stream, and when the last one finishes the version's `verification` (per language and case) is stored.
    A version passes when every reference is accepted on every case; the question can then be enabled. Results
    computed on content edited meanwhile are discarded (verify again). 422 for a question that is not coding."""
    assert principal.organization_id is not None
    return await start_verification(session, principal.organization_id, question_id, actor=principal)
