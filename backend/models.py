"""Imports every model so the metadata is complete (Alembic autogenerate and the schema-drift test use it)."""

from backend.api_keys.models import ApiKey
from backend.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    PublicSubmission,
    RejectionReason,
)
from backend.audit.models import AuditLog
from backend.auth.models import AccountToken, LoginAttempt, RefreshToken
from backend.candidates.models import Candidate
from backend.decisions.models import ExecutiveDecision, Offer
from backend.email.models import EmailMessage, EmailTemplate
from backend.execution.models import ExecutionRun, Language, OrganizationLanguage
from backend.files.models import StoredFile
from backend.interviews.models import Interview, InterviewParticipant, Scorecard
from backend.jobs.models import JobError
from backend.kit.models import Base
from backend.notifications.models import Notification
from backend.organizations.models import Organization
from backend.questions.models import Question, QuestionBackup, QuestionBank, QuestionFeedback, QuestionVersion
from backend.requisitions.models import PipelineStage, Requisition, RoundTemplate
from backend.users.models import User

metadata = Base.metadata

__all__ = [
    "AccountToken",
    "ApiKey",
    "Application",
    "ApplicationEvent",
    "ApplicationNote",
    "AuditLog",
    "Candidate",
    "EmailMessage",
    "EmailTemplate",
    "ExecutionRun",
    "ExecutiveDecision",
    "Interview",
    "InterviewParticipant",
    "JobError",
    "Language",
    "LoginAttempt",
    "Notification",
    "Offer",
    "Organization",
    "OrganizationLanguage",
    "PipelineStage",
    "PublicSubmission",
    "Question",
    "QuestionBackup",
    "QuestionBank",
    "QuestionFeedback",
    "QuestionVersion",
    "RefreshToken",
    "RejectionReason",
    "Requisition",
    "RoundTemplate",
    "Scorecard",
    "StoredFile",
    "User",
    "metadata",
]
