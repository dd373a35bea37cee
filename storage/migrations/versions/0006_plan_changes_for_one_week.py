"""Plan changes for one week: a day that holds another session than the weekly plan says

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28

"swap thursday and saturday this week" moves both sessions for that week only: each day
gets a ``plan_change`` row with the session it holds now; the weekly plan is untouched.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('plan_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('easy', 'long', 'tempo', 'intervals', 'hills', 'recovery', 'rest')", name=op.f('ck_plan_change_kind_known')),
    sa.CheckConstraint('minutes >= 0', name=op.f('ck_plan_change_minutes_not_negative')),
    sa.ForeignKeyConstraint(['athlete_id'], ['athlete.id'], name=op.f('fk_plan_change_athlete_id_athlete'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_change')),
    sa.UniqueConstraint('athlete_id', 'day', name=op.f('uq_plan_change_athlete_id_day')),
    sqlite_autoincrement=True
    )


def downgrade() -> None:
    op.drop_table('plan_change')
