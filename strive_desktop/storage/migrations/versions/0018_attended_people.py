"""attended_people and attended_places: the attended totals rolled up per person (and community),
and attended_totals indexed by person

The donor summary of everything counts people (by sex, age, sector, phase, community, completed),
which took sorting every row of ``attended_totals`` by person at each report (about 720,000 rows
at a national headquarters, 2 to 4 s). ``attended_people`` keeps one row per person present at
least once (storage/attended.py keeps it current with the totals). The dashboard tested every row
of the totals for the membership of its person (about 1 s); ``attended_places`` keeps the hours of
the sheets each person is on per community, summed for the members instead. The index on
``attended_totals.person_id`` finds the rows of the people to recompute. Derived and local: never
travels. Filled here on both engines, with the completion share in force.

Revision ID: 0018_attended_people
Revises: 0017_own_changes
Create Date: 2026-12-05 12:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0018_attended_people'
down_revision = '0017_own_changes'
branch_labels = None
depends_on = None

COMPLETED = "CASE WHEN training_hours > 0 AND hours_present + :tiny >= :share * training_hours THEN phase END"


def _fill(listed: str) -> str:
    """The INSERT ... SELECT, *listed* the aggregate of distinct values joined by commas."""
    return f"""
INSERT INTO attended_people (person_id, first_present, communities, phases, completed_phases, completion_share)
SELECT person_id, MIN(first_present), COALESCE({listed.format('community_id')}, ''),
       COALESCE({listed.format('phase')}, ''), COALESCE({listed.format(COMPLETED)}, ''), :share
FROM attended_totals
WHERE first_present IS NOT NULL
GROUP BY person_id
"""


PLACES = """
INSERT INTO attended_places (person_id, community_id, sheet_hours)
SELECT person_id, community_id, SUM(training_hours)
FROM attended_totals
WHERE training_hours > 0
GROUP BY person_id, community_id
"""


def _share(bind: sa.engine.Connection) -> float:
    """The completion share in force (domain.rules.completion_rule_of, as it stands now)."""
    raw = bind.execute(sa.text("SELECT value FROM settings WHERE key = 'training.completion_share'")).scalar()
    try:
        return float(raw) if raw is not None else 0.8
    except ValueError:
        return 0.8


def upgrade() -> None:
    op.create_index('ix_attended_totals_person_id', 'attended_totals', ['person_id'], unique=False)
    op.create_table(
        'attended_people',
        sa.Column('person_id', sa.String(length=36), nullable=False),
        sa.Column('first_present', sa.Date(), nullable=False),
        sa.Column('communities', sa.Text(), nullable=False),
        sa.Column('phases', sa.Text(), nullable=False),
        sa.Column('completed_phases', sa.Text(), nullable=False),
        sa.Column('completion_share', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('person_id', name=op.f('pk_attended_people')),
        sqlite_with_rowid=False,
    )
    op.create_table(
        'attended_places',
        sa.Column('person_id', sa.String(length=36), nullable=False),
        sa.Column('community_id', sa.String(length=36), nullable=False),
        sa.Column('sheet_hours', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('person_id', 'community_id', name=op.f('pk_attended_places')),
        sqlite_with_rowid=False,
    )
    bind = op.get_bind()
    listed = "STRING_AGG(DISTINCT {}, ',')" if bind.dialect.name == "postgresql" else "GROUP_CONCAT(DISTINCT {})"
    bind.execute(sa.text(_fill(listed)), {"share": _share(bind), "tiny": 1e-9})
    op.execute(PLACES)


def downgrade() -> None:
    op.drop_table('attended_places')
    op.drop_table('attended_people')
    op.drop_index('ix_attended_totals_person_id', table_name='attended_totals')
