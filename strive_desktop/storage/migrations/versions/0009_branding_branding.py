"""branding: certificates.look

The signers (names and titles in each language), the extra lines under the programme name and the
logo file names printed on a certificate when it was issued, as JSON, so that a reprint matches
the original whatever the settings are later. Travels with the certificate. Certificates issued
before this revision keep "" and print with the current settings.

Revision ID: 0009_branding
Revises: 0008_person_merge
Create Date: 2026-12-03 13:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_branding'
down_revision = '0008_person_merge'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('look', sa.Text(), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_column('look')
