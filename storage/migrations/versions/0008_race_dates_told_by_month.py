"""Race dates told by their month only

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

"Marathon in april" is dated to a day of April that the athlete never gave;
``athlete.goal_date_approximate`` says so, so /profile says "around April 2027" as
onboarding did. Dates stored before this revision read as exact.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ALTER TABLE, no batch rebuild (see 0007): the athlete table keeps its rows.
def upgrade() -> None:
    op.add_column('athlete', sa.Column('goal_date_approximate', sa.Boolean(), nullable=False,
                                       server_default=sa.false()))


def downgrade() -> None:
    op.drop_column('athlete', 'goal_date_approximate')
