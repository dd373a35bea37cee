"""One outbox for scheduled sends: check-ins, weekly summaries and coach digests

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27

``checkin_dispatch`` and ``weekly_dispatch`` become one table, ``dispatch``, with a
``kind`` (``checkin``, ``weekly_summary``, ``coach_digest``), claimed and sent by one
dispatcher (``bot/scheduled_outbox.py``). Every row moves over, pending ones (``due``,
``claimed`` with their lease) and the sent and skipped history alike; a weekly row of kind
``athlete`` becomes ``weekly_summary``, ``coach`` becomes ``coach_digest``. The downgrade
moves them back.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COMMON = "local_date, due_at, status, claimed_by, claim_expires_at, attempts, sent_at, created_at"


def _dispatch_columns(kind_length: int | None) -> list[sa.Column]:
    kind = [] if kind_length is None else [
        sa.Column('kind', sa.String(length=kind_length), nullable=False)]
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('athlete_id', sa.Integer(), nullable=False),
        *kind,
        sa.Column('local_date', sa.Date(), nullable=False),
        sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('claimed_by', sa.String(length=64), nullable=True),
        sa.Column('claim_expires_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    ]


def _create(table: str, kind_length: int | None, kinds: str | None,
            unique: tuple[str, ...]) -> None:
    checks = [] if kinds is None else [
        sa.CheckConstraint(f"kind IN ({kinds})", name=op.f(f'ck_{table}_kind_known'))]
    op.create_table(
        table,
        *_dispatch_columns(kind_length),
        sa.CheckConstraint("status IN ('due', 'claimed', 'sent', 'skipped')",
                           name=op.f(f'ck_{table}_status_known')),
        *checks,
        sa.ForeignKeyConstraint(['athlete_id'], ['athlete.id'],
                                name=op.f(f'fk_{table}_athlete_id_athlete'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{table}')),
        sa.UniqueConstraint(*unique, name=op.f(f'uq_{table}_' + '_'.join(unique))),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f(f'ix_{table}_status_due_at'), table, ['status', 'due_at'],
                    unique=False)


def _drop(table: str) -> None:
    op.drop_index(op.f(f'ix_{table}_status_due_at'), table_name=table)
    op.drop_table(table)


def upgrade() -> None:
    _create('dispatch', 16, "'checkin', 'weekly_summary', 'coach_digest'",
            ('athlete_id', 'kind', 'local_date'))
    op.execute(
        f"INSERT INTO dispatch (athlete_id, kind, {_COMMON}) "
        f"SELECT athlete_id, 'checkin', {_COMMON} FROM checkin_dispatch ORDER BY id")
    op.execute(
        f"INSERT INTO dispatch (athlete_id, kind, {_COMMON}) "
        "SELECT athlete_id, CASE kind WHEN 'coach' THEN 'coach_digest' "
        f"ELSE 'weekly_summary' END, {_COMMON} FROM weekly_dispatch ORDER BY id")
    _drop('checkin_dispatch')
    _drop('weekly_dispatch')


def downgrade() -> None:
    _create('checkin_dispatch', None, None, ('athlete_id', 'local_date'))
    _create('weekly_dispatch', 8, None, ('athlete_id', 'kind', 'local_date'))
    op.execute(
        f"INSERT INTO checkin_dispatch (athlete_id, {_COMMON}) "
        f"SELECT athlete_id, {_COMMON} FROM dispatch WHERE kind = 'checkin' ORDER BY id")
    op.execute(
        f"INSERT INTO weekly_dispatch (athlete_id, kind, {_COMMON}) "
        "SELECT athlete_id, CASE kind WHEN 'coach_digest' THEN 'coach' ELSE 'athlete' END, "
        f"{_COMMON} FROM dispatch WHERE kind <> 'checkin' ORDER BY id")
    _drop('dispatch')
