"""recovery: headquarters keeps each field office's sealed key copy (local-only, never travels)

Revision ID: 0013_recovery
Revises: 0012_titles
Create Date: 2026-12-03 16:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_recovery'
down_revision = '0012_titles'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sync_escrows',
        sa.Column('installation_id', sa.String(length=36), nullable=False),
        sa.Column('sealed', sa.Text(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('installation_id', name=op.f('pk_sync_escrows')),
    )


def downgrade() -> None:
    op.drop_table('sync_escrows')
