"""Logged activities: sessions read from the run files athletes send

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


def downgrade() -> None:
    op.drop_index(op.f('ix_logged_activity_athlete_id_day'), table_name='logged_activity')
    op.drop_table('logged_activity')
