"""Question banks, questions with immutable versions, suggestions / issue reports, and import backups.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 01:59:43.863130+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


TAGS_TEXT = """
CREATE FUNCTION question_tags_text(tags text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT array_to_string(tags, ' ') $$
"""


def upgrade() -> None:
    # A generated column may only call IMMUTABLE functions; array_to_string is merely STABLE (element output
    # functions could depend on settings), though it is deterministic for text[]: this wrapper vouches for it.
    op.execute(TAGS_TEXT)
    op.create_table('question_banks',
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), server_default=sa.text("''"), nullable=False),
    sa.Column('tags', postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('language', sa.String(length=32), nullable=True),
    sa.Column('enabled', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_question_banks_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_question_banks_organization_id_organizations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_banks'))
    )
    op.create_index(op.f('ix_question_banks_organization_id'), 'question_banks', ['organization_id'], unique=False)
    op.create_index('uq_question_banks_organization_id_name', 'question_banks', ['organization_id', sa.literal_column('lower(name)')], unique=True)
    op.create_table('question_backups',
    sa.Column('file_id', sa.Uuid(), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('bank_names', postgresql.ARRAY(sa.String(length=120)), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('question_count', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('note', sa.String(length=300), server_default=sa.text("''"), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("reason IN ('import', 'manual')", name=op.f('ck_question_backups_reason_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_question_backups_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_question_backups_file_id_stored_files'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_question_backups_organization_id_organizations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_backups'))
    )
    op.create_index(op.f('ix_question_backups_file_id'), 'question_backups', ['file_id'], unique=False)
    op.create_index(op.f('ix_question_backups_organization_id'), 'question_backups', ['organization_id'], unique=False)
    op.create_index('ix_question_backups_organization_id_created_at', 'question_backups', ['organization_id', 'created_at'], unique=False)
    op.create_table('questions',
    sa.Column('bank_id', sa.Uuid(), nullable=False),
    sa.Column('current_version_id', sa.Uuid(), nullable=True),
    sa.Column('latest_number', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('enabled', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('tags', postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('times_served', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('difficulty', sa.String(length=8), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('expected_minutes', sa.Integer(), nullable=False),
    sa.Column('languages', postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'"), nullable=False),
    sa.Column('verification', sa.String(length=16), nullable=True),
    sa.Column('search', postgresql.TSVECTOR(), sa.Computed("setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', question_tags_text(tags)), 'B') || setweight(to_tsvector('english', coalesce(body, '')), 'C')", persisted=True), nullable=False),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("difficulty IN ('easy', 'medium', 'hard')", name=op.f('ck_questions_difficulty_known')),
    sa.CheckConstraint("type IN ('mcq_single', 'mcq_multi', 'coding', 'essay')", name=op.f('ck_questions_type_known')),
    sa.CheckConstraint("verification IS NULL OR verification IN ('unverified', 'passed', 'failed')", name=op.f('ck_questions_verification_known')),
    sa.ForeignKeyConstraint(['bank_id'], ['question_banks.id'], name=op.f('fk_questions_bank_id_question_banks'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_questions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_questions_organization_id_organizations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions'))
    )
    op.create_index('ix_questions_bank_id_created_at', 'questions', ['bank_id', 'created_at'], unique=False)
    op.create_index('ix_questions_current_version_id', 'questions', ['current_version_id'], unique=False)
    op.create_index('ix_questions_languages', 'questions', ['languages'], unique=False, postgresql_using='gin')
    op.create_index(op.f('ix_questions_organization_id'), 'questions', ['organization_id'], unique=False)
    op.create_index('ix_questions_organization_id_bank_id_type_enabled', 'questions', ['organization_id', 'bank_id', 'type', 'enabled'], unique=False)
    op.create_index('ix_questions_organization_id_created_at', 'questions', ['organization_id', 'created_at'], unique=False)
    op.create_index('ix_questions_search', 'questions', ['search'], unique=False, postgresql_using='gin')
    op.create_index('ix_questions_tags', 'questions', ['tags'], unique=False, postgresql_using='gin')
    op.create_table('question_versions',
    sa.Column('question_id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('difficulty', sa.String(length=8), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('expected_minutes', sa.Integer(), nullable=False),
    sa.Column('explanation', sa.Text(), server_default=sa.text("''"), nullable=False),
    sa.Column('options', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.Column('rubric', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.Column('coding', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('verification_status', sa.String(length=16), nullable=True),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('verification', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('times_served', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('last_served_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("difficulty IN ('easy', 'medium', 'hard')", name=op.f('ck_question_versions_difficulty_known')),
    sa.CheckConstraint("type IN ('mcq_single', 'mcq_multi', 'coding', 'essay')", name=op.f('ck_question_versions_type_known')),
    sa.CheckConstraint("verification_status IS NULL OR verification_status IN ('unverified', 'passed', 'failed')", name=op.f('ck_question_versions_verification_known')),
    sa.CheckConstraint('times_served >= 0', name=op.f('ck_question_versions_times_served_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_question_versions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_question_versions_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_versions_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_versions')),
    sa.UniqueConstraint('question_id', 'number', name=op.f('uq_question_versions_question_id_number'))
    )
    op.create_index(op.f('ix_question_versions_organization_id'), 'question_versions', ['organization_id'], unique=False)
    # questions and question_versions point at each other: this side is added once both tables exist.
    op.create_foreign_key('fk_questions_current_version_id_question_versions', 'questions', 'question_versions', ['current_version_id'], ['id'], deferrable=True, initially='DEFERRED')
    op.create_table('question_feedback',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), server_default=sa.text("'open'"), nullable=False),
    sa.Column('author_id', sa.Uuid(), nullable=True),
    sa.Column('question_id', sa.Uuid(), nullable=True),
    sa.Column('version_id', sa.Uuid(), nullable=True),
    sa.Column('bank_id', sa.Uuid(), nullable=True),
    sa.Column('category', sa.String(length=32), nullable=True),
    sa.Column('message', sa.Text(), server_default=sa.text("''"), nullable=False),
    sa.Column('proposal', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('resolution_note', sa.Text(), nullable=True),
    sa.Column('resolved_by_id', sa.Uuid(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_question_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), server_default=sa.text('gen_random_uuid()'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.CheckConstraint("kind IN ('suggestion', 'issue')", name=op.f('ck_question_feedback_kind_known')),
    sa.CheckConstraint("status IN ('open', 'accepted', 'resolved', 'declined')", name=op.f('ck_question_feedback_status_known')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_question_feedback_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['bank_id'], ['question_banks.id'], name=op.f('fk_question_feedback_bank_id_question_banks'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_question_id'], ['questions.id'], name=op.f('fk_question_feedback_created_question_id_questions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_question_feedback_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_feedback_question_id_questions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_question_feedback_resolved_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['version_id'], ['question_versions.id'], name=op.f('fk_question_feedback_version_id_question_versions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_feedback'))
    )
    op.create_index('ix_question_feedback_author_id_created_at', 'question_feedback', ['author_id', 'created_at'], unique=False)
    op.create_index(op.f('ix_question_feedback_organization_id'), 'question_feedback', ['organization_id'], unique=False)
    op.create_index('ix_question_feedback_organization_id_status_created_at', 'question_feedback', ['organization_id', 'status', 'created_at'], unique=False)
    op.create_index('ix_question_feedback_question_id', 'question_feedback', ['question_id'], unique=False)

    # Deleting a user or a bank updates these references: each needs an index.
    for table, column in [
        ("question_banks", "created_by_id"),
        ("question_backups", "created_by_id"),
        ("questions", "created_by_id"),
        ("question_versions", "created_by_id"),
        ("question_feedback", "version_id"),
        ("question_feedback", "bank_id"),
        ("question_feedback", "resolved_by_id"),
        ("question_feedback", "created_question_id"),
    ]:
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    op.drop_index('ix_question_feedback_question_id', table_name='question_feedback')
    op.drop_index('ix_question_feedback_organization_id_status_created_at', table_name='question_feedback')
    op.drop_index(op.f('ix_question_feedback_organization_id'), table_name='question_feedback')
    op.drop_index('ix_question_feedback_author_id_created_at', table_name='question_feedback')
    op.drop_table('question_feedback')
    op.drop_constraint('fk_questions_current_version_id_question_versions', 'questions', type_='foreignkey')
    op.drop_index(op.f('ix_question_versions_organization_id'), table_name='question_versions')
    op.drop_table('question_versions')
    op.drop_index('ix_questions_tags', table_name='questions', postgresql_using='gin')
    op.drop_index('ix_questions_search', table_name='questions', postgresql_using='gin')
    op.drop_index('ix_questions_organization_id_created_at', table_name='questions')
    op.drop_index('ix_questions_organization_id_bank_id_type_enabled', table_name='questions')
    op.drop_index(op.f('ix_questions_organization_id'), table_name='questions')
    op.drop_index('ix_questions_languages', table_name='questions', postgresql_using='gin')
    op.drop_index('ix_questions_current_version_id', table_name='questions')
    op.drop_index('ix_questions_bank_id_created_at', table_name='questions')
    op.drop_table('questions')
    op.drop_index('ix_question_backups_organization_id_created_at', table_name='question_backups')
    op.drop_index(op.f('ix_question_backups_organization_id'), table_name='question_backups')
    op.drop_index(op.f('ix_question_backups_file_id'), table_name='question_backups')
    op.drop_table('question_backups')
    op.drop_index('uq_question_banks_organization_id_name', table_name='question_banks')
    op.drop_index(op.f('ix_question_banks_organization_id'), table_name='question_banks')
    op.drop_table('question_banks')
    op.execute("DROP FUNCTION question_tags_text(text[])")
