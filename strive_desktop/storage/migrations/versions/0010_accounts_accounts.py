"""accounts: the people who log in to this installation, with their role (local, never travels)

The passwords are not in the database: each account's password unwraps its own copy of the
database key in the vault (storage/vault.py).

Revision ID: 0010_accounts
Revises: 0009_branding
Create Date: 2026-12-03 13:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_accounts'
down_revision = '0009_branding'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'accounts',
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_accounts')),
    )


def downgrade() -> None:
    op.drop_table('accounts')
