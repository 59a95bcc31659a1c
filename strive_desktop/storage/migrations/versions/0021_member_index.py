"""member_index: the current memberships read from one small index

The dashboard counts the current members of every community (at a national headquarters
90,000 memberships, three times per showing: by sex and sector per community, everyone once,
and those on the sheets) and, for the hours of the sheets, asks of each of 90,000 rows of
``attended_places`` whether its person is a current member there. Each read went to the
memberships' rows (with their sync columns) for the group and the two flags. With them in the
person's index the rows are not read at all: the scans read the index, the question is one
search in it. ``ix_memberships_person_id`` is its first column and goes.

Revision ID: 0021_member_index
Revises: 0020_attended_trainings
Create Date: 2026-12-06 22:20:00
"""
from alembic import op

revision = '0021_member_index'
down_revision = '0020_attended_trainings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_memberships_person_current', 'memberships', ['person_id', 'group_id', 'deleted', 'left_on'],
                    unique=False)
    op.drop_index('ix_memberships_person_id', table_name='memberships')


def downgrade() -> None:
    op.create_index('ix_memberships_person_id', 'memberships', ['person_id'], unique=False)
    op.drop_index('ix_memberships_person_current', table_name='memberships')
