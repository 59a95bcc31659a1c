"""people_live_count: the people's community index also holds ``deleted``

The People page's total at start (the live people of a community, or of all) is then counted in
the index alone instead of a scan of the whole encrypted table. It replaces ix_people_community_id
(community first, as before: every query that used that index can use this one, with rows in the
same order), so a query naming no community, such as the duplicate check, still cannot use it.
(0014_people_live, an index on (deleted, community_id), was taken back: the duplicate check
used it to scan every live person.)

Revision ID: 0015_people_live_count
Revises: 0013_recovery
Create Date: 2026-12-04 14:10:00
"""
from alembic import op

revision = '0015_people_live_count'
down_revision = '0013_recovery'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_people_community_live', 'people', ['community_id', 'deleted'], unique=False)
    op.drop_index('ix_people_community_id', table_name='people')


def downgrade() -> None:
    op.create_index('ix_people_community_id', 'people', ['community_id'], unique=False)
    op.drop_index('ix_people_community_live', table_name='people')
