"""indexes behind the pages' filters and foreign-key cascades

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 16:30:00
"""

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_contract_commune_id_report_year", "contract", ["commune_id", "report_year"]),
    ("ix_synergy_commune_id_service_id", "synergy", ["commune_id", "service_id"]),
    ("ix_matrix_level_commune_id_service_id", "matrix_level", ["commune_id", "service_id"]),
    ("ix_pst_objective_parent_id", "pst_objective", ["parent_id"]),
    ("ix_pst_action_objective_id", "pst_action", ["objective_id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
