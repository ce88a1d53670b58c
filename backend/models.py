"""Imports every model so the metadata is complete (Alembic autogenerate and the schema-drift test use it)."""

from backend.api_keys.models import ApiKey
from backend.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    PublicSubmission,
    RejectionReason,
)
from backend.assessments.models import Assessment, StageAssessment
from backend.audit.models import AuditLog
from backend.auth.models import AccountToken, LoginAttempt, RefreshToken
from backend.candidates.models import Candidate
from backend.decisions.models import ExecutiveDecision, Offer
from backend.email.models import EmailMessage, EmailTemplate
from backend.execution.models import ExecutionRun, Language, OrganizationLanguage
from backend.files.models import StoredFile
from backend.interviews.models import Interview, InterviewParticipant, Scorecard
from backend.invitations.models import Invitation, InvitationAccess, InvitationReminder
from backend.jobs.models import JobError
from backend.kit.models import Base
from backend.notifications.models import Notification
from backend.organizations.models import Organization
from backend.proctoring.models import IntegritySummary, ProctoringEvent, SimilarityPair
from backend.questions.models import Question, QuestionBackup, QuestionBank, QuestionFeedback, QuestionVersion
from backend.requisitions.models import PipelineStage, Requisition, RoundTemplate
from backend.test_sessions.models import AnswerRun, TestAnswer, TestSession
from backend.users.models import User

metadata = Base.metadata

__all__ = [
    "AccountToken",
    "AnswerRun",
    "ApiKey",
    "Application",
    "ApplicationEvent",
    "ApplicationNote",
    "Assessment",
    "AuditLog",
    "Candidate",
    "EmailMessage",
    "EmailTemplate",
    "ExecutionRun",
    "ExecutiveDecision",
    "IntegritySummary",
    "Interview",
    "InterviewParticipant",
    "Invitation",
    "InvitationAccess",
    "InvitationReminder",
    "JobError",
    "Language",
    "LoginAttempt",
    "Notification",
    "Offer",
    "Organization",
    "OrganizationLanguage",
    "PipelineStage",
    "ProctoringEvent",
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
    "SimilarityPair",
    "StageAssessment",
    "StoredFile",
    "TestAnswer",
    "TestSession",
    "User",
    "metadata",
]
