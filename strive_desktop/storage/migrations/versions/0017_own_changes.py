"""own_changes: every synced table indexed by (changed_by, change_counter), not change_counter alone

Sync capture (sync/merge.py) asks before every export and import for this installation's own
changes since a counter: ``changed_by = me AND change_counter > n``. At headquarters nearly every
row was written by another installation with that installation's counter, so the index of the
counter alone matched almost every row received so far: each import walked the whole database
once more (at 20 communities the capture was already 1.5 s of a 12 s import, growing with every
package). The two-column index finds this installation's rows directly; nothing else reads the
counter's index.

Revision ID: 0017_own_changes
Revises: 0016_attended_totals
Create Date: 2026-12-05 07:20:00
"""
from alembic import op

revision = '0017_own_changes'
down_revision = '0016_attended_totals'
branch_labels = None
depends_on = None

TABLES = ("communities", "advisory_groups", "people", "memberships", "vulnerable_groups", "trainings",
          "training_sessions", "attendance", "local_plans", "plan_activities", "plan_revisions", "certificates",
          "attachments")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f'ix_{table}_own_changes', table, ['changed_by', 'change_counter'], unique=False)
        op.drop_index(f'ix_{table}_change_counter', table_name=table)


def downgrade() -> None:
    for table in TABLES:
        op.create_index(f'ix_{table}_change_counter', table, ['change_counter'], unique=False)
        op.drop_index(f'ix_{table}_own_changes', table_name=table)
