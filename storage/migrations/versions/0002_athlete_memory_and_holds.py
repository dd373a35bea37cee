"""Athlete memory for the use-case layer: dislikes, onboarding step, safety hold, offers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Check-ins become opt-in: the column default turns off, and athletes who never finished
onboarding (so never chose a check-in time) are turned off too. ``paused_at`` goes: it
was written and never read.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# SQLite rebuilds the table to drop a column; the rebuilt table must keep AUTOINCREMENT
# (an erased athlete's id is never handed out again).
KEEP_IDS = {'sqlite_autoincrement': True}


def upgrade() -> None:
    with op.batch_alter_table('athlete', table_kwargs=KEEP_IDS) as batch:
        batch.add_column(sa.Column('dislikes', sa.JSON(), nullable=False, server_default='[]'))
        batch.add_column(sa.Column('onboarding_step', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('hold_since', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('hold_reason', sa.Text(), nullable=True))
        batch.add_column(sa.Column('last_offer_at', sa.DateTime(timezone=True), nullable=True))
        batch.drop_column('paused_at')
    op.execute(sa.text("UPDATE athlete SET checkin_enabled = false WHERE onboarded = false"))


def downgrade() -> None:
    with op.batch_alter_table('athlete', table_kwargs=KEEP_IDS) as batch:
        batch.add_column(sa.Column('paused_at', sa.DateTime(timezone=True), nullable=True))
        batch.drop_column('last_offer_at')
        batch.drop_column('hold_reason')
        batch.drop_column('hold_since')
        batch.drop_column('onboarding_step')
        batch.drop_column('dislikes')
