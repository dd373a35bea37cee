"""Add the reply outbox

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

Replies a handler makes while its update is open are written here in the update's
transaction and sent after it commits (``bot/reply_outbox.py``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('reply_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('update_id', sa.BigInteger(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.Column('method', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('claim_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('due', 'claimed', 'sent', 'failed')", name=op.f('ck_reply_outbox_status_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reply_outbox')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_reply_outbox_status_due_at'), 'reply_outbox', ['status', 'due_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_reply_outbox_status_due_at'), table_name='reply_outbox')
    op.drop_table('reply_outbox')
