"""Assessments, invitation links, test sessions with their answers, and applications' per-stage scores.

Also renames the language key `python` to the execution engine's `python3` in existing question content, so that
questions name languages exactly as the engine does.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-27 04:31:04.730804+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Question content used `python` where the engine says `python3` (the only key that differed).
RENAME_LANGUAGE = [
    """UPDATE question_versions SET coding = jsonb_set(coding, '{{languages}}',
        (coding->'languages') - '{old}' || jsonb_build_object('{new}', coding->'languages'->'{old}'))
    WHERE coding IS NOT NULL AND coding->'languages' ? '{old}'""",
    "UPDATE questions SET languages = array_replace(languages, '{old}', '{new}') WHERE '{old}' = ANY(languages)",
    "UPDATE question_banks SET language = '{new}' WHERE language = '{old}'",
]


def rename_language(old: str, new: str) -> None:
    for statement in RENAME_LANGUAGE:
        op.execute(statement.format(old=old, new=new))


def upgrade() -> None:
    op.create_table('assessments',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), server_default=sa.text("''"), nullable=False),
    sa.Column('instructions', sa.Text(), server_default=sa.text("''"), nullable=False),
    sa.Column('step', sa.SmallInteger(), server_default=sa.text('1'), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('sections', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.Column('shuffle_questions', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('shuffle_options', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('allowed_languages', postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('auto_advance', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('manual_review', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('result_release', sa.String(length=16), server_default=sa.text("'never'"), nullable=False),
    sa.Column('results_release_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('proctoring', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text('\'{"fullscreen_required": false, "webcam_required": false}\'::jsonb'), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("result_release IN ('never', 'after_grading', 'after_date')", name=op.f('ck_assessments_result_release_known')),
    sa.CheckConstraint('duration_minutes BETWEEN 5 AND 600', name=op.f('ck_assessments_duration_range')),
    sa.CheckConstraint('manual_review IS NULL OR auto_advance IS NULL OR manual_review <= auto_advance', name=op.f('ck_assessments_thresholds_ordered')),
    sa.CheckConstraint('step IN (1, 2)', name=op.f('ck_assessments_step_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_assessments_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_assessments_organization_id_organizations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments'))
    )
    op.create_index(op.f('ix_assessments_created_by_id'), 'assessments', ['created_by_id'], unique=False)
    op.create_index(op.f('ix_assessments_organization_id'), 'assessments', ['organization_id'], unique=False)
    op.create_index('ix_assessments_organization_id_created_at', 'assessments', ['organization_id', 'created_at', 'id'], unique=False)
    op.create_index('uq_assessments_organization_id_name', 'assessments', ['organization_id', sa.literal_column('lower(name)')], unique=True, postgresql_where=sa.text('archived_at IS NULL'))
    op.create_table('stage_assessments',
    sa.Column('stage_id', sa.Uuid(), nullable=False),
    sa.Column('requisition_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_stage_assessments_assessment_id_assessments'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_stage_assessments_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['requisition_id'], ['requisitions.id'], name=op.f('fk_stage_assessments_requisition_id_requisitions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['pipeline_stages.id'], name=op.f('fk_stage_assessments_stage_id_pipeline_stages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_assessments')),
    sa.UniqueConstraint('stage_id', name=op.f('uq_stage_assessments_stage_id'))
    )
    op.create_index(op.f('ix_stage_assessments_assessment_id'), 'stage_assessments', ['assessment_id'], unique=False)
    op.create_index(op.f('ix_stage_assessments_organization_id'), 'stage_assessments', ['organization_id'], unique=False)
    op.create_index(op.f('ix_stage_assessments_requisition_id'), 'stage_assessments', ['requisition_id'], unique=False)
    op.create_table('invitations',
    sa.Column('application_id', sa.Uuid(), nullable=False),
    sa.Column('candidate_id', sa.Uuid(), nullable=False),
    sa.Column('requisition_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('stage_id', sa.Uuid(), nullable=True),
    sa.Column('owner_id', sa.Uuid(), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('candidate_name', sa.String(length=201), nullable=False),
    sa.Column('candidate_email', sa.String(length=254), nullable=False),
    sa.Column('job_title', sa.String(length=200), nullable=False),
    sa.Column('step', sa.SmallInteger(), server_default=sa.text('1'), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'pending'"), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('token_version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('access_code_hash', sa.String(length=64), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('credentials_locked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('max_expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('weekend_extended', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('next_reminder_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('time_zone', sa.String(length=64), nullable=False),
    sa.Column('extra_time_percent', sa.Integer(), nullable=True),
    sa.Column('extra_time_minutes', sa.Integer(), nullable=True),
    sa.Column('flagged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expired_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'started', 'completed', 'expired', 'revoked')", name=op.f('ck_invitations_status_known')),
    sa.CheckConstraint('extra_time_minutes IS NULL OR extra_time_minutes BETWEEN 0 AND 600', name=op.f('ck_invitations_extra_minutes')),
    sa.CheckConstraint('extra_time_percent IS NULL OR extra_time_percent IN (25, 50, 100)', name=op.f('ck_invitations_extra_percent')),
    sa.CheckConstraint('step IN (1, 2)', name=op.f('ck_invitations_step_known')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_invitations_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_invitations_assessment_id_assessments'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_invitations_candidate_id_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_invitations_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_invitations_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_invitations_owner_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['requisition_id'], ['requisitions.id'], name=op.f('fk_invitations_requisition_id_requisitions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['pipeline_stages.id'], name=op.f('fk_invitations_stage_id_pipeline_stages'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invitations_token_hash'))
    )
    op.create_index(op.f('ix_invitations_application_id'), 'invitations', ['application_id'], unique=False)
    op.create_index(op.f('ix_invitations_assessment_id'), 'invitations', ['assessment_id'], unique=False)
    op.create_index(op.f('ix_invitations_candidate_id'), 'invitations', ['candidate_id'], unique=False)
    op.create_index(op.f('ix_invitations_created_by_id'), 'invitations', ['created_by_id'], unique=False)
    op.create_index(op.f('ix_invitations_organization_id'), 'invitations', ['organization_id'], unique=False)
    op.create_index('ix_invitations_organization_id_created_at_id', 'invitations', ['organization_id', 'created_at', 'id'], unique=False)
    op.create_index('ix_invitations_organization_id_status_expires_at', 'invitations', ['organization_id', 'status', 'expires_at'], unique=False)
    op.create_index(op.f('ix_invitations_owner_id'), 'invitations', ['owner_id'], unique=False)
    op.create_index('ix_invitations_pending_expires_at', 'invitations', ['expires_at'], unique=False, postgresql_where=sa.text("status = 'pending'"))
    op.create_index('ix_invitations_pending_next_reminder_at', 'invitations', ['next_reminder_at'], unique=False, postgresql_where=sa.text("status = 'pending' AND next_reminder_at IS NOT NULL"))
    op.create_index(op.f('ix_invitations_requisition_id'), 'invitations', ['requisition_id'], unique=False)
    op.create_index(op.f('ix_invitations_stage_id'), 'invitations', ['stage_id'], unique=False)
    op.create_index('uq_invitations_organization_id_username', 'invitations', ['organization_id', sa.literal_column('lower(username)')], unique=True, postgresql_where=sa.text("status IN ('pending', 'started')"))
    op.create_table('invitation_access_log',
    sa.Column('organization_id', sa.Uuid(), nullable=True),
    sa.Column('invitation_id', sa.Uuid(), nullable=True),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('outcome', sa.String(length=32), nullable=False),
    sa.Column('ip', sa.String(length=64), nullable=True),
    sa.Column('user_agent', sa.String(length=512), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_invitation_access_log_invitation_id_invitations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_invitation_access_log_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation_access_log'))
    )
    op.create_index('ix_invitation_access_log_invitation_id_created_at', 'invitation_access_log', ['invitation_id', 'created_at'], unique=False)
    op.create_index('ix_invitation_access_log_ip_created_at', 'invitation_access_log', ['ip', 'created_at'], unique=False)
    op.create_index(op.f('ix_invitation_access_log_organization_id'), 'invitation_access_log', ['organization_id'], unique=False)
    op.create_table('invitation_reminders',
    sa.Column('invitation_id', sa.Uuid(), nullable=False),
    sa.Column('hours_before', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_invitation_reminders_invitation_id_invitations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_invitation_reminders_organization_id_organizations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation_reminders')),
    sa.UniqueConstraint('invitation_id', 'hours_before', 'expires_at', name=op.f('uq_invitation_reminders_invitation_id_hours_before_expires_at'))
    )
    op.create_index(op.f('ix_invitation_reminders_organization_id'), 'invitation_reminders', ['organization_id'], unique=False)
    op.create_table('test_sessions',
    sa.Column('invitation_id', sa.Uuid(), nullable=False),
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('application_id', sa.Uuid(), nullable=False),
    sa.Column('candidate_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'in_progress'"), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deadline_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=16), nullable=True),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('extra_minutes', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('sections', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.Column('question_count', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('current_position', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('position_entered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ip', sa.String(length=64), nullable=True),
    sa.Column('user_agent', sa.String(length=512), nullable=True),
    sa.Column('grading_status', sa.String(length=16), server_default=sa.text("'pending'"), nullable=False),
    sa.Column('points_awarded', sa.Numeric(precision=9, scale=2), nullable=True),
    sa.Column('points_possible', sa.Numeric(precision=9, scale=2), nullable=True),
    sa.Column('score', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('graded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('auto_advance', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('manual_review', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('decision', sa.String(length=16), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('review_status', sa.String(length=16), nullable=True),
    sa.Column('reviewed_by_id', sa.Uuid(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("decision IS NULL OR decision IN ('advance', 'manual_review', 'reject', 'none')", name=op.f('ck_test_sessions_decision_known')),
    sa.CheckConstraint("grading_status IN ('pending', 'grading', 'awaiting_grader', 'graded')", name=op.f('ck_test_sessions_grading_known')),
    sa.CheckConstraint("review_status IS NULL OR review_status IN ('pending', 'advanced', 'rejected')", name=op.f('ck_test_sessions_review_known')),
    sa.CheckConstraint("status IN ('in_progress', 'submitted', 'timed_out')", name=op.f('ck_test_sessions_status_known')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_test_sessions_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_test_sessions_assessment_id_assessments'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_test_sessions_candidate_id_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_test_sessions_invitation_id_invitations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_test_sessions_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_test_sessions_reviewed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_test_sessions')),
    sa.UniqueConstraint('invitation_id', name=op.f('uq_test_sessions_invitation_id'))
    )
    op.create_index(op.f('ix_test_sessions_application_id'), 'test_sessions', ['application_id'], unique=False)
    op.create_index('ix_test_sessions_assessment_id_score', 'test_sessions', ['assessment_id', 'score'], unique=False)
    op.create_index(op.f('ix_test_sessions_candidate_id'), 'test_sessions', ['candidate_id'], unique=False)
    op.create_index('ix_test_sessions_open_deadline_at', 'test_sessions', ['deadline_at'], unique=False, postgresql_where=sa.text("status = 'in_progress'"))
    op.create_index(op.f('ix_test_sessions_organization_id'), 'test_sessions', ['organization_id'], unique=False)
    op.create_index('ix_test_sessions_review_queue', 'test_sessions', ['organization_id', 'graded_at', 'id'], unique=False, postgresql_where=sa.text("review_status = 'pending'"))
    op.create_index(op.f('ix_test_sessions_reviewed_by_id'), 'test_sessions', ['reviewed_by_id'], unique=False)
    op.create_table('test_answers',
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('section_index', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('question_version_id', sa.Uuid(), nullable=False),
    sa.Column('question_type', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('points', sa.Numeric(precision=9, scale=2), nullable=False),
    sa.Column('option_order', postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('languages', postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('answer', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('revision', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('flagged', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('time_spent_seconds', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('score', sa.Numeric(precision=9, scale=2), nullable=True),
    sa.Column('needs_grader', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('grading', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('graded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('graded_by_id', sa.Uuid(), nullable=True),
    sa.Column('review_mark', sa.String(length=24), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=True),
    sa.Column('reviewed_by_id', sa.Uuid(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("review_mark IS NULL OR review_mark IN ('accept', 'needs_discussion', 'reject')", name=op.f('ck_test_answers_review_mark_known')),
    sa.ForeignKeyConstraint(['graded_by_id'], ['users.id'], name=op.f('fk_test_answers_graded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_test_answers_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['question_version_id'], ['question_versions.id'], name=op.f('fk_test_answers_question_version_id_question_versions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_test_answers_reviewed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['test_sessions.id'], name=op.f('fk_test_answers_session_id_test_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_test_answers')),
    sa.UniqueConstraint('session_id', 'position', name=op.f('uq_test_answers_session_id_position'))
    )
    op.create_index('ix_test_answers_awaiting_grader', 'test_answers', ['organization_id', 'session_id'], unique=False, postgresql_where=sa.text('needs_grader'))
    op.create_index(op.f('ix_test_answers_graded_by_id'), 'test_answers', ['graded_by_id'], unique=False)
    op.create_index(op.f('ix_test_answers_organization_id'), 'test_answers', ['organization_id'], unique=False)
    op.create_index(op.f('ix_test_answers_question_version_id'), 'test_answers', ['question_version_id'], unique=False)
    op.create_index(op.f('ix_test_answers_reviewed_by_id'), 'test_answers', ['reviewed_by_id'], unique=False)
    op.create_table('test_answer_runs',
    sa.Column('answer_id', sa.Uuid(), nullable=False),
    sa.Column('session_id', sa.Uuid(), nullable=False),
    sa.Column('run_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('language', sa.String(length=32), nullable=False),
    sa.Column('first_case', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("kind IN ('visible', 'grading')", name=op.f('ck_test_answer_runs_kind_known')),
    sa.ForeignKeyConstraint(['answer_id'], ['test_answers.id'], name=op.f('fk_test_answer_runs_answer_id_test_answers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_test_answer_runs_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['run_id'], ['execution_runs.id'], name=op.f('fk_test_answer_runs_run_id_execution_runs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['test_sessions.id'], name=op.f('fk_test_answer_runs_session_id_test_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_test_answer_runs')),
    sa.UniqueConstraint('run_id', name=op.f('uq_test_answer_runs_run_id'))
    )
    op.create_index('ix_test_answer_runs_answer_id_kind', 'test_answer_runs', ['answer_id', 'kind'], unique=False)
    op.create_index(op.f('ix_test_answer_runs_organization_id'), 'test_answer_runs', ['organization_id'], unique=False)
    op.create_index('ix_test_answer_runs_session_id_created_at', 'test_answer_runs', ['session_id', 'created_at'], unique=False)
    op.add_column('applications', sa.Column('stage_scores', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False))
    rename_language("python", "python3")


def downgrade() -> None:
    rename_language("python3", "python")
    op.drop_column('applications', 'stage_scores')
    op.drop_index('ix_test_answer_runs_session_id_created_at', table_name='test_answer_runs')
    op.drop_index(op.f('ix_test_answer_runs_organization_id'), table_name='test_answer_runs')
    op.drop_index('ix_test_answer_runs_answer_id_kind', table_name='test_answer_runs')
    op.drop_table('test_answer_runs')
    op.drop_index(op.f('ix_test_answers_reviewed_by_id'), table_name='test_answers')
    op.drop_index(op.f('ix_test_answers_question_version_id'), table_name='test_answers')
    op.drop_index(op.f('ix_test_answers_organization_id'), table_name='test_answers')
    op.drop_index(op.f('ix_test_answers_graded_by_id'), table_name='test_answers')
    op.drop_index('ix_test_answers_awaiting_grader', table_name='test_answers', postgresql_where=sa.text('needs_grader'))
    op.drop_table('test_answers')
    op.drop_index(op.f('ix_test_sessions_reviewed_by_id'), table_name='test_sessions')
    op.drop_index('ix_test_sessions_review_queue', table_name='test_sessions', postgresql_where=sa.text("review_status = 'pending'"))
    op.drop_index(op.f('ix_test_sessions_organization_id'), table_name='test_sessions')
    op.drop_index('ix_test_sessions_open_deadline_at', table_name='test_sessions', postgresql_where=sa.text("status = 'in_progress'"))
    op.drop_index(op.f('ix_test_sessions_candidate_id'), table_name='test_sessions')
    op.drop_index('ix_test_sessions_assessment_id_score', table_name='test_sessions')
    op.drop_index(op.f('ix_test_sessions_application_id'), table_name='test_sessions')
    op.drop_table('test_sessions')
    op.drop_index(op.f('ix_invitation_reminders_organization_id'), table_name='invitation_reminders')
    op.drop_table('invitation_reminders')
    op.drop_index(op.f('ix_invitation_access_log_organization_id'), table_name='invitation_access_log')
    op.drop_index('ix_invitation_access_log_ip_created_at', table_name='invitation_access_log')
    op.drop_index('ix_invitation_access_log_invitation_id_created_at', table_name='invitation_access_log')
    op.drop_table('invitation_access_log')
    op.drop_index('uq_invitations_organization_id_username', table_name='invitations', postgresql_where=sa.text("status IN ('pending', 'started')"))
    op.drop_index(op.f('ix_invitations_stage_id'), table_name='invitations')
    op.drop_index(op.f('ix_invitations_requisition_id'), table_name='invitations')
    op.drop_index('ix_invitations_pending_next_reminder_at', table_name='invitations', postgresql_where=sa.text("status = 'pending' AND next_reminder_at IS NOT NULL"))
    op.drop_index('ix_invitations_pending_expires_at', table_name='invitations', postgresql_where=sa.text("status = 'pending'"))
    op.drop_index(op.f('ix_invitations_owner_id'), table_name='invitations')
    op.drop_index('ix_invitations_organization_id_status_expires_at', table_name='invitations')
    op.drop_index('ix_invitations_organization_id_created_at_id', table_name='invitations')
    op.drop_index(op.f('ix_invitations_organization_id'), table_name='invitations')
    op.drop_index(op.f('ix_invitations_created_by_id'), table_name='invitations')
    op.drop_index(op.f('ix_invitations_candidate_id'), table_name='invitations')
    op.drop_index(op.f('ix_invitations_assessment_id'), table_name='invitations')
    op.drop_index(op.f('ix_invitations_application_id'), table_name='invitations')
    op.drop_table('invitations')
    op.drop_index(op.f('ix_stage_assessments_requisition_id'), table_name='stage_assessments')
    op.drop_index(op.f('ix_stage_assessments_organization_id'), table_name='stage_assessments')
    op.drop_index(op.f('ix_stage_assessments_assessment_id'), table_name='stage_assessments')
    op.drop_table('stage_assessments')
    op.drop_index('uq_assessments_organization_id_name', table_name='assessments', postgresql_where=sa.text('archived_at IS NULL'))
    op.drop_index('ix_assessments_organization_id_created_at', table_name='assessments')
    op.drop_index(op.f('ix_assessments_organization_id'), table_name='assessments')
    op.drop_index(op.f('ix_assessments_created_by_id'), table_name='assessments')
    op.drop_table('assessments')
