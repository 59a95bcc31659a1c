"""people_live: an index to count the people who are not deleted (the People page's total)

Revision ID: 0014_people_live
Revises: 0013_recovery
Create Date: 2026-12-03 17:40:00
"""
from alembic import op

revision = '0014_people_live'
down_revision = '0013_recovery'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_people_live', 'people', ['deleted', 'community_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_people_live', table_name='people')
