"""titles: trainings.title_ru and trainings.title_en

A training's title in Russian and in English (optional; "" = none), next to the title as typed
(Kyrgyz, or the office's own wording), so that a certificate or an attendance sheet in Russian or
English prints the training's title in that language. Synced fields: a package from a version
before this revision gets "" for both (sync/importer.py ADDED_FIELDS).

Revision ID: 0012_titles
Revises: 0011_enrolment
Create Date: 2026-12-03 16:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_titles'
down_revision = '0011_enrolment'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('trainings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title_ru', sa.String(length=300), server_default='', nullable=False))
        batch_op.add_column(sa.Column('title_en', sa.String(length=300), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('trainings', schema=None) as batch_op:
        batch_op.drop_column('title_en')
        batch_op.drop_column('title_ru')
