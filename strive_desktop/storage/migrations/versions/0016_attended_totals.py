"""attended_totals: one row per (training, person on its sheet) with the hours attended

Derived from the attendance (storage/attended.py keeps it current), read by the dashboard and
the donor summary instead of the attendance itself: about 700,000 rows instead of 4,000,000 at
a national headquarters. Local: never travels in a package. Filled here on both engines.

Revision ID: 0016_attended_totals
Revises: 0015_people_live_count
Create Date: 2026-12-04 17:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0016_attended_totals'
down_revision = '0015_people_live_count'
branch_labels = None
depends_on = None

FILL = """
INSERT INTO attended_totals (training_id, person_id, community_id, phase, training_hours, hours_present,
                             first_present)
SELECT s.training_id, a.person_id, t.community_id, t.phase, tot.total,
       SUM(CASE WHEN a.present THEN s.hours ELSE 0.0 END), MIN(CASE WHEN a.present THEN s.date END)
FROM attendance a
JOIN training_sessions s ON s.id = a.session_id
JOIN trainings t ON t.id = s.training_id
JOIN (SELECT training_id, SUM(hours) AS total FROM training_sessions WHERE NOT deleted
      GROUP BY training_id) tot ON tot.training_id = t.id
WHERE NOT a.deleted AND NOT s.deleted AND NOT t.deleted
GROUP BY s.training_id, a.person_id, t.community_id, t.phase, tot.total
"""


def upgrade() -> None:
    op.create_table(
        'attended_totals',
        sa.Column('training_id', sa.String(length=36), nullable=False),
        sa.Column('person_id', sa.String(length=36), nullable=False),
        sa.Column('community_id', sa.String(length=36), nullable=False),
        sa.Column('phase', sa.String(length=40), nullable=False),
        sa.Column('training_hours', sa.Float(), nullable=False),
        sa.Column('hours_present', sa.Float(), nullable=False),
        sa.Column('first_present', sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint('training_id', 'person_id', name=op.f('pk_attended_totals')),
        sqlite_with_rowid=False,
    )
    op.execute(FILL)


def downgrade() -> None:
    op.drop_table('attended_totals')
