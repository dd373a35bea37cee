"""Logged activities (sessions read from run files) and opt-in weekly summaries

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op



revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('logged_activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sport', sa.String(length=32), nullable=False),
    sa.Column('duration_s', sa.Integer(), nullable=False),
    sa.Column('distance_m', sa.Float(), nullable=True),
    sa.Column('ascent_m', sa.Float(), nullable=True),
    sa.Column('avg_hr', sa.Integer(), nullable=True),
    sa.Column('file_format', sa.String(length=8), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('duration_s > 0', name=op.f('ck_logged_activity_duration_positive')),
    sa.CheckConstraint('avg_hr IS NULL OR (avg_hr BETWEEN 20 AND 250)', name=op.f('ck_logged_activity_avg_hr_range')),
    sa.ForeignKeyConstraint(['athlete_id'], ['athlete.id'], name=op.f('fk_logged_activity_athlete_id_athlete'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_logged_activity')),
    sa.UniqueConstraint('athlete_id', 'content_sha256', name=op.f('uq_logged_activity_athlete_id_content_sha256')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_logged_activity_athlete_id_day'), 'logged_activity', ['athlete_id', 'day'], unique=False)
    op.create_table('weekly_summary',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('time', sa.String(length=5), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('athlete', 'coach')", name=op.f('ck_weekly_summary_kind_known')),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_weekly_summary_weekday_range')),
    sa.ForeignKeyConstraint(['athlete_id'], ['athlete.id'], name=op.f('fk_weekly_summary_athlete_id_athlete'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weekly_summary')),
    sa.UniqueConstraint('athlete_id', 'kind', name=op.f('uq_weekly_summary_athlete_id_kind')),
    sqlite_autoincrement=True
    )
    op.create_table('weekly_dispatch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('claim_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('due', 'claimed', 'sent', 'skipped')", name=op.f('ck_weekly_dispatch_status_known')),
    sa.ForeignKeyConstraint(['athlete_id'], ['athlete.id'], name=op.f('fk_weekly_dispatch_athlete_id_athlete'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weekly_dispatch')),
    sa.UniqueConstraint('athlete_id', 'kind', 'local_date', name=op.f('uq_weekly_dispatch_athlete_id_kind_local_date')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_weekly_dispatch_status_due_at'), 'weekly_dispatch', ['status', 'due_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_weekly_dispatch_status_due_at'), table_name='weekly_dispatch')
    op.drop_table('weekly_dispatch')
    op.drop_table('weekly_summary')
    op.drop_index(op.f('ix_logged_activity_athlete_id_day'), table_name='logged_activity')
    op.drop_table('logged_activity')
