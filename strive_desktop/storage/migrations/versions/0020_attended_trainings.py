"""attended_trainings: the attended totals summed per training

The dashboard and the donor summary of everything summed the person-hours present and counted
the people on every sheet by grouping all of ``attended_totals`` by training at each report
(about 720,000 rows at a national headquarters, 0.15 to 0.3 s each, more when the rows are no
longer in the page cache). ``attended_trainings`` keeps one row per training (storage/attended.py
keeps it current with the totals). Derived and local: never travels. Filled here on both
engines from the totals.

Revision ID: 0020_attended_trainings
Revises: 0019_report_indexes
Create Date: 2026-12-05 16:55:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0020_attended_trainings'
down_revision = '0019_report_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'attended_trainings',
        sa.Column('training_id', sa.String(length=36), nullable=False),
        sa.Column('community_id', sa.String(length=36), nullable=False),
        sa.Column('training_hours', sa.Float(), nullable=False),
        sa.Column('hours_present', sa.Float(), nullable=False),
        sa.Column('on_sheet', sa.Integer(), nullable=False),
        sa.Column('present', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('training_id', name=op.f('pk_attended_trainings')),
        sqlite_with_rowid=False,
    )
    op.execute("""
INSERT INTO attended_trainings (training_id, community_id, training_hours, hours_present, on_sheet, present)
SELECT training_id, MAX(community_id), MAX(training_hours), SUM(hours_present), COUNT(*), COUNT(first_present)
FROM attended_totals
GROUP BY training_id
""")


def downgrade() -> None:
    op.drop_table('attended_trainings')
