"""Create the athlete store

Revision ID: 0001
Revises:
Create Date: 2026-11-26

Every table of the first schema. Types are plain SQLAlchemy ones so the file stays
valid whatever the models become; timestamps are timezone-aware and stored as UTC.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('athlete',
    sa.Column('name', sa.String(length=100), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('checkin_time', sa.String(length=5), nullable=False),
    sa.Column('checkin_enabled', sa.Boolean(), nullable=False),
    sa.Column('goal_event', sa.String(length=200), nullable=True),
    sa.Column('goal_date', sa.Date(), nullable=True),
    sa.Column('injuries', sa.JSON(), nullable=False),
    sa.Column('limitations', sa.Text(), nullable=True),
    sa.Column('equipment', sa.JSON(), nullable=False),
    sa.Column('likes', sa.JSON(), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('paused_reason', sa.String(length=200), nullable=True),
    sa.Column('paused_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('health_consent', sa.Boolean(), nullable=False),
    sa.Column('health_consent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('onboarded', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_athlete')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_athlete_telegram_user_id'), 'athlete', ['telegram_user_id'], unique=True)

    op.create_table('processed_update',
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('update_id', name=op.f('pk_processed_update'))
    )
    op.create_table('check_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('pain', sa.Integer(), nullable=True),
    sa.Column('rpe', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'done', 'missed', 'swapped', 'pain')", name=op.f('ck_check_in_status_known')),
    sa.CheckConstraint('pain IS NULL OR (pain BETWEEN 0 AND 10)', name=op.f('ck_check_in_pain_range')),
    sa.CheckConstraint('rpe IS NULL OR (rpe BETWEEN 1 AND 10)', name=op.f('ck_check_in_rpe_range')),
    sa.ForeignKeyConstraint(['athlete_id'], ['athlete.id'], name=op.f('fk_check_in_athlete_id_athlete'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_in')),
    sa.UniqueConstraint('athlete_id', 'day', name=op.f('uq_check_in_athlete_id_day')),
    sqlite_autoincrement=True
    )
    op.create_table('checkin_dispatch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('claim_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('due', 'claimed', 'sent', 'skipped')", name=op.f('ck_checkin_dispatch_status_known')),
    sa.ForeignKeyConstraint(['athlete_id'], ['athlete.id'], name=op.f('fk_checkin_dispatch_athlete_id_athlete'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkin_dispatch')),
    sa.UniqueConstraint('athlete_id', 'local_date', name=op.f('uq_checkin_dispatch_athlete_id_local_date')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_checkin_dispatch_status_due_at'), 'checkin_dispatch', ['status', 'due_at'], unique=False)

    op.create_table('conversation_turn',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('athlete', 'bot')", name=op.f('ck_conversation_turn_role_known')),
    sa.ForeignKeyConstraint(['athlete_id'], ['athlete.id'], name=op.f('fk_conversation_turn_athlete_id_athlete'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_turn')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_conversation_turn_athlete_id_id'), 'conversation_turn', ['athlete_id', 'id'], unique=False)

    op.create_table('planned_session',
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('easy', 'long', 'tempo', 'intervals', 'hills', 'recovery', 'rest')", name=op.f('ck_planned_session_kind_known')),
    sa.CheckConstraint('minutes >= 0', name=op.f('ck_planned_session_minutes_not_negative')),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_planned_session_weekday_range')),
    sa.ForeignKeyConstraint(['athlete_id'], ['athlete.id'], name=op.f('fk_planned_session_athlete_id_athlete'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planned_session')),
    sa.UniqueConstraint('athlete_id', 'weekday', name=op.f('uq_planned_session_athlete_id_weekday')),
    sqlite_autoincrement=True
    )
    op.create_table('substitution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.Column('checkin_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('missed', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('chosen_activity', sa.String(length=64), nullable=True),
    sa.Column('chosen_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['athlete_id'], ['athlete.id'], name=op.f('fk_substitution_athlete_id_athlete'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['checkin_id'], ['check_in.id'], name=op.f('fk_substitution_checkin_id_check_in'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_substitution')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_substitution_athlete_id'), 'substitution', ['athlete_id'], unique=False)



def downgrade() -> None:
    op.drop_index(op.f('ix_substitution_athlete_id'), table_name='substitution')

    op.drop_table('substitution')
    op.drop_table('planned_session')
    op.drop_index(op.f('ix_conversation_turn_athlete_id_id'), table_name='conversation_turn')

    op.drop_table('conversation_turn')
    op.drop_index(op.f('ix_checkin_dispatch_status_due_at'), table_name='checkin_dispatch')

    op.drop_table('checkin_dispatch')
    op.drop_table('check_in')
    op.drop_table('processed_update')
    op.drop_index(op.f('ix_athlete_telegram_user_id'), table_name='athlete')

    op.drop_table('athlete')
