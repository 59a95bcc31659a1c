"""report_indexes: a person's attendance read from its index alone, and the people the reports
count read from small indexes

The donor summary and the dashboard count the people of a merge apart (services/survivors.py):
they read the attendance of every merged person and of the person kept, each session once. At
national scale that is about 66,000 rows of 1,800 people, and with an index of ``person_id``
alone each row was one more page of the 4,000,000-row table to read and decrypt (0.4 s of a
2 s summary). With the session and the two flags in the index the rows of one person lie
together in it and the table is not read at all.

``ix_people_figures`` holds what the donor summary breaks its figures down by (sex, birth year,
sector) with the id and the person's state: the living people are read from it, not from the
encrypted rows with their names, phones and notes. The id comes first so that no other query
on people (the People page's first screen, the duplicate check) is drawn to it.
``ix_people_gone`` holds the people deleted or merged, a few hundred, which every report counts
apart: found without a pass over everyone.

Revision ID: 0019_report_indexes
Revises: 0018_attended_people
Create Date: 2026-12-05 16:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0019_report_indexes'
down_revision = '0018_attended_people'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_attendance_person_sessions', 'attendance',
                    ['person_id', 'session_id', 'present', 'deleted'], unique=False)
    op.drop_index('ix_attendance_person_id', table_name='attendance')
    op.create_index('ix_people_figures', 'people', ['id', 'deleted', 'merged_into', 'sex', 'birth_year', 'sector'],
                    unique=False)
    op.create_index('ix_people_gone', 'people', ['id', 'merged_into'], unique=False,
                    sqlite_where=sa.text('deleted IS 1'), postgresql_where=sa.text('deleted IS true'))


def downgrade() -> None:
    op.drop_index('ix_people_gone', table_name='people')
    op.drop_index('ix_people_figures', table_name='people')
    op.create_index('ix_attendance_person_id', 'attendance', ['person_id'], unique=False)
    op.drop_index('ix_attendance_person_sessions', table_name='attendance')
