"""sort key: people.sort_key, the name in the order of the Kyrgyz/Russian alphabet

Revision ID: 0004_sort_key
Revises: 0003_sync
Create Date: 2026-11-26 04:05:00
"""
import sqlalchemy as sa
from alembic import op

from strive_desktop.domain.names import sort_key

revision = '0004_sort_key'
down_revision = '0003_sync'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sort_key', sa.String(length=400), server_default='',
                                      nullable=False))
    # Filled here for every existing person (tombstones too), before the index is built.
    conn = op.get_bind()
    rows = conn.exec_driver_sql("SELECT id, full_name FROM people").fetchall()
    if rows:
        conn.exec_driver_sql("UPDATE people SET sort_key = ? WHERE id = ?",
                             [(sort_key(name or ""), pid) for pid, name in rows])
    with op.batch_alter_table('people', schema=None) as batch_op:
        # with name_key: a search tests the name key in the index, in name order
        batch_op.create_index('ix_people_sort_key', ['sort_key', 'name_key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index('ix_people_sort_key')
        batch_op.drop_column('sort_key')
