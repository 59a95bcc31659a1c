"""roster imports: local-only list of imports and the records each created (to take one back)

Revision ID: 0006_roster_imports
Revises: 0004_sort_key
Create Date: 2026-12-03 09:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_roster_imports'
down_revision = '0004_sort_key'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'roster_imports',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('file_name', sa.String(length=300), nullable=False),
        sa.Column('group_id', sa.String(length=36), nullable=False),
        sa.Column('user_name', sa.String(length=200), nullable=False),
        sa.Column('added', sa.Integer(), nullable=False),
        sa.Column('matched', sa.Integer(), nullable=False),
        sa.Column('refused', sa.Integer(), nullable=False),
        sa.Column('undone_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_roster_imports')),
    )
    op.create_table(
        'roster_import_items',
        sa.Column('import_id', sa.String(length=36), nullable=False),
        sa.Column('entity', sa.String(length=40), nullable=False),
        sa.Column('record_id', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('import_id', 'entity', 'record_id', name=op.f('pk_roster_import_items')),
    )


def downgrade() -> None:
    op.drop_table('roster_import_items')
    op.drop_table('roster_imports')
