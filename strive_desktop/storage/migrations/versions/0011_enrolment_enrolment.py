"""enrolment: invitations headquarters issued to field offices (local-only, never travels)

Revision ID: 0011_enrolment
Revises: 0010_accounts
Create Date: 2026-12-03 13:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_enrolment'
down_revision = '0010_accounts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sync_invitations',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('community_id', sa.String(length=36), nullable=False),
        sa.Column('secret', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.Column('used_by', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_invitations')),
    )


def downgrade() -> None:
    op.drop_table('sync_invitations')
