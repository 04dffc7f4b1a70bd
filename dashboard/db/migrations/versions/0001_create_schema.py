"""create schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 14:11:59.764537
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_meta',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_app_meta'))
    )
    op.create_table('source',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('file', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('commune_slug', sa.String(length=60), nullable=True),
    sa.Column('language', sa.Enum('fr', 'nl', 'en', name='language', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source'))
    )
    op.create_table('commune',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_nl', sa.String(length=120), nullable=False),
    sa.Column('ins_code', sa.String(length=5), nullable=False),
    sa.Column('region', sa.Enum('wallonie', 'bruxelles', 'flandre', name='region', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('province', sa.String(length=80), nullable=True),
    sa.Column('arrondissement', sa.String(length=80), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('length(ins_code) = 5', name=op.f('ck_commune_ins_code_5_digits')),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_commune_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commune')),
    sa.UniqueConstraint('ins_code', name=op.f('uq_commune_ins_code')),
    sa.UniqueConstraint('slug', name=op.f('uq_commune_slug'))
    )
    op.create_table('level',
    sa.Column('level', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('level BETWEEN 0 AND 5', name=op.f('ck_level_level_range')),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_level_source_id_source')),
    sa.PrimaryKeyConstraint('level', name=op.f('pk_level'))
    )
    op.create_table('procedure',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('abbreviation', sa.String(length=40), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_procedure_source_id_source')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_procedure'))
    )
    op.create_table('register',
    sa.Column('code', sa.Enum('fonctionnement', 'management', 'competences', 'formalisation', 'ressources', name='register', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_register_source_id_source')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_register')),
    sa.UniqueConstraint('position', name=op.f('uq_register_position'))
    )
    op.create_table('administration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Enum('commune', 'cpas', name='body', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_administration_commune_id_commune'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_administration')),
    sa.UniqueConstraint('commune_id', 'body', name=op.f('uq_administration_commune_id_body'))
    )
    op.create_table('contract',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.Enum('conjoint', 'candidat', name='contract_stage', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('report_year', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('type', sa.Enum('travaux', 'fournitures', 'services', name='contract_type', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('procedure', sa.String(length=20), nullable=False),
    sa.Column('estimated_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('planned_award_date', sa.Date(), nullable=True),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('estimated_amount IS NULL OR estimated_amount >= 0', name=op.f('ck_contract_amount_non_negative')),
    sa.CheckConstraint('report_year BETWEEN 1990 AND 2100', name=op.f('ck_contract_report_year_range')),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_contract_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['procedure'], ['procedure.code'], name=op.f('fk_contract_procedure_procedure')),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_contract_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contract'))
    )
    op.create_table('contract_count',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('body', sa.Enum('cpas', 'commune', 'conjoint', name='contract_body', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('counted_until', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('count >= 0', name=op.f('ck_contract_count_count_non_negative')),
    sa.CheckConstraint('year BETWEEN 1990 AND 2100', name=op.f('ck_contract_count_year_range')),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_contract_count_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_contract_count_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contract_count')),
    sa.UniqueConstraint('commune_id', 'year', 'body', name=op.f('uq_contract_count_commune_id_year_body'))
    )
    op.create_table('cost_comparison',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('option', sa.String(length=120), nullable=False),
    sa.Column('line', sa.Enum('cout_logiciel', 'investissement_materiel', 'exploitation_materiel', 'support_it', 'support_metier', 'support_reprise', 'total_investissement', 'total_exploitation', 'total_personnel', 'total', 'total_cumule', name='cost_line', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('year BETWEEN 1990 AND 2100', name=op.f('ck_cost_comparison_year_range')),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_cost_comparison_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_cost_comparison_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_comparison')),
    sa.UniqueConstraint('commune_id', 'option', 'line', 'year', name=op.f('uq_cost_comparison_commune_id_option_line_year'))
    )
    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('theme', sa.Enum('iweps', 'sante', 'logement', 'travail', name='theme', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.Column('reference_period', sa.String(length=40), nullable=False),
    sa.Column('reference_year', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_indicator_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_indicator_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('commune_id', 'code', name=op.f('uq_indicator_commune_id_code'))
    )
    op.create_table('key_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('section_code', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=80), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('value', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.Column('period', sa.String(length=120), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_key_figure_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_key_figure_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_figure')),
    sa.UniqueConstraint('commune_id', 'section_code', 'code', name=op.f('uq_key_figure_commune_id_section_code_code'))
    )
    op.create_table('placement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('scheme', sa.Enum('art60', 'art61', 'sine', name='scheme', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('employer_category', sa.Enum('cpas', 'commune', 'asbl', 'intercommunale', 'hopital', 'economie_sociale', 'autre', 'prive', 'prive_commercial', 'sine', name='employer_category', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('employer_label', sa.Text(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('counted_until', sa.Date(), nullable=True),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('count >= 0', name=op.f('ck_placement_count_non_negative')),
    sa.CheckConstraint('year BETWEEN 1990 AND 2100', name=op.f('ck_placement_year_range')),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_placement_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_placement_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placement')),
    sa.UniqueConstraint('commune_id', 'year', 'scheme', 'employer_category', name=op.f('uq_placement_commune_id_year_scheme_employer_category'))
    )
    op.create_table('placement_total',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('scheme', sa.Enum('art60', 'art61', 'sine', name='scheme', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('total >= 0', name=op.f('ck_placement_total_total_non_negative')),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_placement_total_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_placement_total_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placement_total')),
    sa.UniqueConstraint('commune_id', 'year', 'scheme', name=op.f('uq_placement_total_commune_id_year_scheme'))
    )
    op.create_table('pst',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Enum('commune', 'cpas', name='body', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('start_year', sa.Integer(), nullable=False),
    sa.Column('end_year', sa.Integer(), nullable=False),
    sa.CheckConstraint('start_year <= end_year', name=op.f('ck_pst_year_order')),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_pst_commune_id_commune'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pst')),
    sa.UniqueConstraint('commune_id', 'body', 'start_year', name=op.f('uq_pst_commune_id_body_start_year'))
    )
    op.create_table('ris_household',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('household', sa.Enum('isoles', 'cohabitants', 'familles', name='household', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('count >= 0', name=op.f('ck_ris_household_count_non_negative')),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_ris_household_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_ris_household_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ris_household')),
    sa.UniqueConstraint('commune_id', 'date', 'household', name=op.f('uq_ris_household_commune_id_date_household'))
    )
    op.create_table('ris_year',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('beneficiaries', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('counted_until', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('beneficiaries >= 0', name=op.f('ck_ris_year_beneficiaries_non_negative')),
    sa.CheckConstraint('year BETWEEN 1990 AND 2100', name=op.f('ck_ris_year_year_range')),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_ris_year_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_ris_year_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ris_year')),
    sa.UniqueConstraint('commune_id', 'year', name=op.f('uq_ris_year_commune_id_year'))
    )
    op.create_table('service',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('group', sa.Enum('support', 'autre', name='service_group', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('aliases', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_service_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_service_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service')),
    sa.UniqueConstraint('commune_id', 'code', name=op.f('uq_service_commune_id_code')),
    sa.UniqueConstraint('commune_id', 'id', name='uq_service_commune_id_id')
    )
    op.create_table('staffing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('body', sa.Enum('commune', 'cpas', name='body', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('service', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('real_fte', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('theoretical_fte', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('real_fte >= 0 AND theoretical_fte >= 0', name=op.f('ck_staffing_fte_non_negative')),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_staffing_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_staffing_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing')),
    sa.UniqueConstraint('commune_id', 'date', 'body', 'service', name=op.f('uq_staffing_commune_id_date_body_service'))
    )
    op.create_table('synthesis_reported',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('group', sa.Enum('support', 'autre', name='service_group', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('maximum', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('total >= 0 AND maximum > 0 AND total <= maximum', name=op.f('ck_synthesis_reported_total_range')),
    sa.CheckConstraint('year BETWEEN 1990 AND 2100', name=op.f('ck_synthesis_reported_year_range')),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_synthesis_reported_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_synthesis_reported_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_synthesis_reported')),
    sa.UniqueConstraint('commune_id', 'year', 'group', name=op.f('uq_synthesis_reported_commune_id_year_group'))
    )
    op.create_table('wepulse_position',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('body', sa.Enum('commune', 'cpas', name='body', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('domain', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Enum('favorable', 'interesse', 'adhesion', 'regularisation', 'report', 'indecis', name='wepulse_position', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_wepulse_position_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_wepulse_position_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wepulse_position')),
    sa.UniqueConstraint('commune_id', 'date', 'body', 'domain', name=op.f('uq_wepulse_position_commune_id_date_body_domain'))
    )
    op.create_table('indicator_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('territory_level', sa.Enum('region', 'province', 'arrondissement', 'commune', name='territory_level', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('territory_name', sa.String(length=120), nullable=False),
    sa.Column('value', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('status', sa.Enum('publie', 'non_diffuse', name='value_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint("(status = 'non_diffuse' AND value IS NULL) OR (status = 'publie' AND value IS NOT NULL)", name=op.f('ck_indicator_value_non_diffuse_is_null')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_value_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_indicator_value_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_value')),
    sa.UniqueConstraint('indicator_id', 'territory_level', name=op.f('uq_indicator_value_indicator_id_territory_level'))
    )
    op.create_table('matrix_level',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('register', sa.Enum('fonctionnement', 'management', 'competences', 'formalisation', 'ressources', name='register', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('level BETWEEN 0 AND 5', name=op.f('ck_matrix_level_level_range')),
    sa.CheckConstraint('year BETWEEN 1990 AND 2100', name=op.f('ck_matrix_level_year_range')),
    sa.ForeignKeyConstraint(['commune_id', 'service_id'], ['service.commune_id', 'service.id'], name=op.f('fk_matrix_level_commune_id_service_id_service'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_matrix_level_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['register'], ['register.code'], name=op.f('fk_matrix_level_register_register')),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_matrix_level_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matrix_level')),
    sa.UniqueConstraint('commune_id', 'year', 'service_id', 'register', name=op.f('uq_matrix_level_commune_id_year_service_id_register'))
    )
    op.create_table('pst_budget_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pst_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('budget_section', sa.Enum('ordinaire', 'extraordinaire', name='budget_section', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('kind', sa.Enum('depense', 'recette', name='budget_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('eco_group', sa.String(length=10), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('year BETWEEN 1990 AND 2100', name=op.f('ck_pst_budget_line_year_range')),
    sa.ForeignKeyConstraint(['pst_id'], ['pst.id'], name=op.f('fk_pst_budget_line_pst_id_pst'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_pst_budget_line_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pst_budget_line')),
    sa.UniqueConstraint('pst_id', 'year', 'budget_section', 'kind', 'eco_group', name=op.f('uq_pst_budget_line_pst_id_year_budget_section_kind_eco_group'))
    )
    op.create_table('pst_objective',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pst_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Enum('os', 'op', name='pst_level', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint("(level = 'os' AND parent_id IS NULL) OR (level = 'op' AND parent_id IS NOT NULL)", name=op.f('ck_pst_objective_op_has_parent')),
    sa.ForeignKeyConstraint(['parent_id'], ['pst_objective.id'], name=op.f('fk_pst_objective_parent_id_pst_objective'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pst_id'], ['pst.id'], name=op.f('fk_pst_objective_pst_id_pst'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_pst_objective_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pst_objective')),
    sa.UniqueConstraint('pst_id', 'code', name=op.f('uq_pst_objective_pst_id_code'))
    )
    op.create_table('synergy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('report_year', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('realisee', 'en_cours', 'projetee', name='synergy_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('objective_text', sa.Text(), nullable=False),
    sa.Column('mode', sa.Enum('cooperatif', 'delegatif', 'cooperatif_et_delegatif', name='mode', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('pilot', sa.Enum('commune', 'cpas', 'les_deux', name='pilot', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('responsible', sa.Text(), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('means', sa.Text(), nullable=False),
    sa.Column('expected_result', sa.Text(), nullable=False),
    sa.Column('deadline', sa.String(length=80), nullable=False),
    sa.Column('deadline_from', sa.Integer(), nullable=True),
    sa.Column('deadline_to', sa.Integer(), nullable=True),
    sa.Column('started_year', sa.Integer(), nullable=True),
    sa.Column('language', sa.Enum('fr', 'nl', 'en', name='language', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('deadline_from IS NULL OR deadline_to IS NULL OR deadline_from <= deadline_to', name=op.f('ck_synergy_deadline_order')),
    sa.CheckConstraint('report_year BETWEEN 1990 AND 2100', name=op.f('ck_synergy_report_year_range')),
    sa.CheckConstraint('started_year BETWEEN 1990 AND 2100', name=op.f('ck_synergy_started_year_range')),
    sa.ForeignKeyConstraint(['commune_id', 'service_id'], ['service.commune_id', 'service.id'], name=op.f('fk_synergy_commune_id_service_id_service'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_synergy_commune_id_commune'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_synergy_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_synergy')),
    sa.UniqueConstraint('commune_id', 'ref', name=op.f('uq_synergy_commune_id_ref'))
    )
    op.create_table('pst_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pst_id', sa.Integer(), nullable=False),
    sa.Column('objective_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_note', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('en_cours', 'a_l_etude', 'non_commence', 'en_attente', 'termine', 'annule', 'probleme', name='pst_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('budget_impact', sa.Enum('oui', 'non', 'indetermine', name='budget_impact', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('budget_note', sa.Text(), nullable=False),
    sa.Column('context', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('risks', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR start_date <= end_date', name=op.f('ck_pst_action_date_order')),
    sa.ForeignKeyConstraint(['objective_id'], ['pst_objective.id'], name=op.f('fk_pst_action_objective_id_pst_objective'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pst_id'], ['pst.id'], name=op.f('fk_pst_action_pst_id_pst'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_pst_action_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pst_action')),
    sa.UniqueConstraint('pst_id', 'code', name=op.f('uq_pst_action_pst_id_code'))
    )
    op.create_table('synergy_objective',
    sa.Column('synergy_id', sa.Integer(), nullable=False),
    sa.Column('objective', sa.Enum('satisfaction_citoyen', 'performance_administrative', 'moyens', name='objective', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['synergy_id'], ['synergy.id'], name=op.f('fk_synergy_objective_synergy_id_synergy'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('synergy_id', 'objective', name=op.f('pk_synergy_objective'))
    )
    op.create_table('pst_action_budget',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('budget_section', sa.Enum('ordinaire', 'extraordinaire', name='budget_section', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('kind', sa.Enum('depense', 'recette', name='budget_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('eco_group', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.CheckConstraint('year BETWEEN 1990 AND 2100', name=op.f('ck_pst_action_budget_year_range')),
    sa.ForeignKeyConstraint(['action_id'], ['pst_action.id'], name=op.f('fk_pst_action_budget_action_id_pst_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_pst_action_budget_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pst_action_budget')),
    sa.UniqueConstraint('action_id', 'year', 'budget_section', 'kind', 'eco_group', name=op.f('uq_pst_action_budget_action_id_year_budget_section_kind_eco_group'))
    )
    op.create_table('pst_indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source_id', sa.String(length=40), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['pst_action.id'], name=op.f('fk_pst_indicator_action_id_pst_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_pst_indicator_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pst_indicator')),
    sa.UniqueConstraint('action_id', 'position', name=op.f('uq_pst_indicator_action_id_position'))
    )


def downgrade() -> None:
    op.drop_table('pst_indicator')
    op.drop_table('pst_action_budget')
    op.drop_table('synergy_objective')
    op.drop_table('pst_action')
    op.drop_table('synergy')
    op.drop_table('pst_objective')
    op.drop_table('pst_budget_line')
    op.drop_table('matrix_level')
    op.drop_table('indicator_value')
    op.drop_table('wepulse_position')
    op.drop_table('synthesis_reported')
    op.drop_table('staffing')
    op.drop_table('service')
    op.drop_table('ris_year')
    op.drop_table('ris_household')
    op.drop_table('pst')
    op.drop_table('placement_total')
    op.drop_table('placement')
    op.drop_table('key_figure')
    op.drop_table('indicator')
    op.drop_table('cost_comparison')
    op.drop_table('contract_count')
    op.drop_table('contract')
    op.drop_table('administration')
    op.drop_table('register')
    op.drop_table('procedure')
    op.drop_table('level')
    op.drop_table('commune')
    op.drop_table('source')
    op.drop_table('app_meta')
