"""person merge: people.merged_into, people.merge_moves, people.kept_apart

A person merged into another is a tombstone (deleted) whose ``merged_into`` names the survivor
and whose ``merge_moves`` (JSON) lists the memberships, attendance and certificates moved to the
survivor, so the merge can be reversed. ``kept_apart`` holds the ids of people decided to be
someone else ("keep apart"), space-separated. All three travel with the person.

Revision ID: 0008_person_merge
Revises: 0004_sort_key
Create Date: 2026-12-03 09:10:00
"""
import sqlalchemy as sa
from alembic import op

from strive_desktop.domain.names import sort_key

revision = '0008_person_merge'
down_revision = '0006_roster_imports'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_into', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('merge_moves', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('kept_apart', sa.Text(), server_default='', nullable=False))
    # A person written without a sort key (by a tool outside the app) gets one on the way.
    conn = op.get_bind()
    rows = conn.exec_driver_sql("SELECT id, full_name FROM people WHERE sort_key = ''").fetchall()
    if rows:
        conn.exec_driver_sql("UPDATE people SET sort_key = ? WHERE id = ?",
                             [(sort_key(name or ""), pid) for pid, name in rows])


def downgrade() -> None:
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('kept_apart')
        batch_op.drop_column('merge_moves')
        batch_op.drop_column('merged_into')
