"""What a safety hold still allows

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29

A hold after a possible bone stress injury still allows non-impact training (the referral
says so), one after chest pain allows nothing. ``athlete.hold_allows`` keeps which, so a
swim chosen during the first is logged and during the second is not. Holds started before
this revision have none, read as "nothing", the strictest.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, no batch rebuild: on SQLite a rebuilt athlete table would take every
# row that cascades from it along (SQLite has had ADD and DROP COLUMN since 3.35).
def upgrade() -> None:
    op.add_column('athlete', sa.Column('hold_allows', sa.String(length=16), nullable=True))


def downgrade() -> None:
    op.drop_column('athlete', 'hold_allows')
