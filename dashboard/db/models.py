"""Typed ORM model of every dataset.

Constraints live here so that bad data cannot enter whatever the entry path
(default data, import, a hand-written INSERT): enumerations are CHECK
constraints, levels are bounded 0..5, counts are non-negative, and the natural
keys (commune/year/service/register, …) are unique. Rows that belong to a
commune through a service use a composite foreign key, so a matrix level can
never point at another commune's service.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum as PyEnum

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from dashboard.db import enums as E

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def enum_column(enum_cls: type[PyEnum], name: str) -> Enum:
    """A portable enum: VARCHAR + CHECK on SQLite and PostgreSQL alike, storing the code."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
    )


YEAR_CHECK = "BETWEEN 1990 AND 2100"
Money = Numeric(14, 2)


class Source(Base):
    """A source document of `../shared/seeds/` (or an imported file)."""

    __tablename__ = "source"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    file: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    commune_slug: Mapped[str | None] = mapped_column(String(60))
    language: Mapped[E.Language] = mapped_column(enum_column(E.Language, "language"))
    date: Mapped[dt.date | None] = mapped_column(Date)


class Provenance:
    """Every transcribed row says where it comes from."""

    source_id: Mapped[str] = mapped_column(String(40), ForeignKey("source.id"))
    section: Mapped[str] = mapped_column(Text, default="")


class Commune(Provenance, Base):
    __tablename__ = "commune"
    __table_args__ = (CheckConstraint("length(ins_code) = 5", name="ins_code_5_digits"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    name_nl: Mapped[str] = mapped_column(String(120))
    ins_code: Mapped[str] = mapped_column(String(5), unique=True)
    region: Mapped[E.Region] = mapped_column(enum_column(E.Region, "region"))
    province: Mapped[str | None] = mapped_column(String(80))
    arrondissement: Mapped[str] = mapped_column(String(80))

    administrations: Mapped[list[Administration]] = relationship(
        back_populates="commune", cascade="all, delete-orphan"
    )


class Administration(Base):
    """The commune (Ville, AC) and the CPAS of one municipality."""

    __tablename__ = "administration"
    __table_args__ = (UniqueConstraint("commune_id", "body"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    body: Mapped[E.Body] = mapped_column(enum_column(E.Body, "body"))
    name: Mapped[str] = mapped_column(String(160))

    commune: Mapped[Commune] = relationship(back_populates="administrations")


class Register(Provenance, Base):
    __tablename__ = "register"
    code: Mapped[E.Register] = mapped_column(enum_column(E.Register, "register"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(120))
    definition: Mapped[str] = mapped_column(Text)


class Level(Provenance, Base):
    __tablename__ = "level"
    __table_args__ = (CheckConstraint("level BETWEEN 0 AND 5", name="level_range"),)
    level: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(60))
    definition: Mapped[str] = mapped_column(Text)


class Procedure(Provenance, Base):
    __tablename__ = "procedure"
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    abbreviation: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)


class Service(Provenance, Base):
    __tablename__ = "service"
    __table_args__ = (
        UniqueConstraint("commune_id", "code"),
        # target of the composite foreign keys below
        UniqueConstraint("commune_id", "id", name="uq_service_commune_id_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    group: Mapped[E.ServiceGroup] = mapped_column(enum_column(E.ServiceGroup, "service_group"))
    aliases: Mapped[str] = mapped_column(Text, default="")


def _service_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["commune_id", "service_id"], ["service.commune_id", "service.id"], ondelete="CASCADE"
    )


class Synergy(Provenance, Base):
    __tablename__ = "synergy"
    __table_args__ = (
        UniqueConstraint("commune_id", "ref"),
        _service_fk(),
        CheckConstraint(f"report_year {YEAR_CHECK}", name="report_year_range"),
        CheckConstraint(f"started_year {YEAR_CHECK}", name="started_year_range"),
        CheckConstraint(
            "deadline_from IS NULL OR deadline_to IS NULL OR deadline_from <= deadline_to",
            name="deadline_order",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    service_id: Mapped[int] = mapped_column(Integer)
    ref: Mapped[str] = mapped_column(String(40))
    report_year: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[E.SynergyStatus] = mapped_column(enum_column(E.SynergyStatus, "synergy_status"))
    title: Mapped[str] = mapped_column(Text)
    objective_text: Mapped[str] = mapped_column(Text, default="")
    mode: Mapped[E.Mode | None] = mapped_column(enum_column(E.Mode, "mode"))
    pilot: Mapped[E.Pilot | None] = mapped_column(enum_column(E.Pilot, "pilot"))
    responsible: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    means: Mapped[str] = mapped_column(Text, default="")
    expected_result: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[str] = mapped_column(String(80), default="")
    deadline_from: Mapped[int | None] = mapped_column(Integer)
    deadline_to: Mapped[int | None] = mapped_column(Integer)
    started_year: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[E.Language] = mapped_column(enum_column(E.Language, "language"))

    objectives: Mapped[list[SynergyObjective]] = relationship(
        cascade="all, delete-orphan", order_by="SynergyObjective.position"
    )


class SynergyObjective(Base):
    __tablename__ = "synergy_objective"
    synergy_id: Mapped[int] = mapped_column(ForeignKey("synergy.id", ondelete="CASCADE"), primary_key=True)
    objective: Mapped[E.Objective] = mapped_column(enum_column(E.Objective, "objective"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class MatrixLevel(Provenance, Base):
    __tablename__ = "matrix_level"
    __table_args__ = (
        UniqueConstraint("commune_id", "year", "service_id", "register"),
        _service_fk(),
        CheckConstraint("level BETWEEN 0 AND 5", name="level_range"),
        CheckConstraint(f"year {YEAR_CHECK}", name="year_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    service_id: Mapped[int] = mapped_column(Integer)
    register: Mapped[E.Register] = mapped_column(
        enum_column(E.Register, "register"), ForeignKey("register.code")
    )
    level: Mapped[int] = mapped_column(Integer)


class SynthesisReported(Provenance, Base):
    """A group total as printed, for years known only as totals (and to cross-check detail)."""

    __tablename__ = "synthesis_reported"
    __table_args__ = (
        UniqueConstraint("commune_id", "year", "group"),
        CheckConstraint("total >= 0 AND maximum > 0 AND total <= maximum", name="total_range"),
        CheckConstraint(f"year {YEAR_CHECK}", name="year_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    group: Mapped[E.ServiceGroup] = mapped_column(enum_column(E.ServiceGroup, "service_group"))
    total: Mapped[int] = mapped_column(Integer)
    maximum: Mapped[int] = mapped_column(Integer)


class ContractCount(Provenance, Base):
    __tablename__ = "contract_count"
    __table_args__ = (
        UniqueConstraint("commune_id", "year", "body"),
        CheckConstraint("count >= 0", name="count_non_negative"),
        CheckConstraint(f"year {YEAR_CHECK}", name="year_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    body: Mapped[E.ContractBody] = mapped_column(enum_column(E.ContractBody, "contract_body"))
    count: Mapped[int] = mapped_column(Integer)
    counted_until: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class Contract(Provenance, Base):
    """A joint public contract, or a candidate for becoming one."""

    __tablename__ = "contract"
    __table_args__ = (
        CheckConstraint("estimated_amount IS NULL OR estimated_amount >= 0", name="amount_non_negative"),
        CheckConstraint(f"report_year {YEAR_CHECK}", name="report_year_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    stage: Mapped[E.ContractStage] = mapped_column(enum_column(E.ContractStage, "contract_stage"))
    report_year: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    type: Mapped[E.ContractType] = mapped_column(enum_column(E.ContractType, "contract_type"))
    procedure: Mapped[str] = mapped_column(String(20), ForeignKey("procedure.code"))
    estimated_amount: Mapped[Decimal | None] = mapped_column(Money)
    planned_award_date: Mapped[dt.date | None] = mapped_column(Date)


class RisYear(Provenance, Base):
    """Yearly average number of integration-income beneficiaries."""

    __tablename__ = "ris_year"
    __table_args__ = (
        UniqueConstraint("commune_id", "year"),
        CheckConstraint("beneficiaries >= 0", name="beneficiaries_non_negative"),
        CheckConstraint(f"year {YEAR_CHECK}", name="year_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    beneficiaries: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    counted_until: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class RisHousehold(Provenance, Base):
    __tablename__ = "ris_household"
    __table_args__ = (
        UniqueConstraint("commune_id", "date", "household"),
        CheckConstraint("count >= 0", name="count_non_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    household: Mapped[E.Household] = mapped_column(enum_column(E.Household, "household"))
    count: Mapped[int] = mapped_column(Integer)


class Placement(Provenance, Base):
    """Art. 60 §7 / art. 61 / SINE placements: a count plus the note of the cell."""

    __tablename__ = "placement"
    __table_args__ = (
        UniqueConstraint("commune_id", "year", "scheme", "employer_category"),
        CheckConstraint("count >= 0", name="count_non_negative"),
        CheckConstraint(f"year {YEAR_CHECK}", name="year_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    scheme: Mapped[E.PlacementScheme] = mapped_column(enum_column(E.PlacementScheme, "scheme"))
    employer_category: Mapped[E.EmployerCategory] = mapped_column(
        enum_column(E.EmployerCategory, "employer_category")
    )
    employer_label: Mapped[str] = mapped_column(Text)
    count: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    counted_until: Mapped[dt.date | None] = mapped_column(Date)


class PlacementTotal(Provenance, Base):
    __tablename__ = "placement_total"
    __table_args__ = (
        UniqueConstraint("commune_id", "year", "scheme"),
        CheckConstraint("total >= 0", name="total_non_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    scheme: Mapped[E.PlacementScheme] = mapped_column(enum_column(E.PlacementScheme, "scheme"))
    total: Mapped[int] = mapped_column(Integer)


class Indicator(Provenance, Base):
    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("commune_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(60))
    theme: Mapped[E.IndicatorTheme] = mapped_column(enum_column(E.IndicatorTheme, "theme"))
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(60))
    reference_period: Mapped[str] = mapped_column(String(40))
    reference_year: Mapped[int] = mapped_column(Integer)

    values: Mapped[list[IndicatorValue]] = relationship(cascade="all, delete-orphan")


class IndicatorValue(Provenance, Base):
    __tablename__ = "indicator_value"
    __table_args__ = (
        UniqueConstraint("indicator_id", "territory_level"),
        CheckConstraint(
            "(status = 'non_diffuse' AND value IS NULL) OR (status = 'publie' AND value IS NOT NULL)",
            name="non_diffuse_is_null",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    territory_level: Mapped[E.TerritoryLevel] = mapped_column(
        enum_column(E.TerritoryLevel, "territory_level")
    )
    territory_name: Mapped[str] = mapped_column(String(120))
    value: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    status: Mapped[E.ValueStatus] = mapped_column(enum_column(E.ValueStatus, "value_status"))


class KeyFigure(Provenance, Base):
    __tablename__ = "key_figure"
    __table_args__ = (UniqueConstraint("commune_id", "section_code", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    section_code: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(Text)
    value: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    unit: Mapped[str] = mapped_column(String(60), default="")
    period: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Pst(Base):
    """A strategic plan (programme stratégique transversal) of one body."""

    __tablename__ = "pst"
    __table_args__ = (
        UniqueConstraint("commune_id", "body", "start_year"),
        CheckConstraint("start_year <= end_year", name="year_order"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    body: Mapped[E.Body] = mapped_column(enum_column(E.Body, "body"))
    title: Mapped[str] = mapped_column(Text)
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)


class PstObjective(Provenance, Base):
    __tablename__ = "pst_objective"
    __table_args__ = (
        UniqueConstraint("pst_id", "code"),
        CheckConstraint(
            "(level = 'os' AND parent_id IS NULL) OR (level = 'op' AND parent_id IS NOT NULL)",
            name="op_has_parent",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    pst_id: Mapped[int] = mapped_column(ForeignKey("pst.id", ondelete="CASCADE"))
    level: Mapped[E.PstLevel] = mapped_column(enum_column(E.PstLevel, "pst_level"))
    code: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("pst_objective.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)


class PstAction(Provenance, Base):
    __tablename__ = "pst_action"
    __table_args__ = (
        UniqueConstraint("pst_id", "code"),
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR start_date <= end_date", name="date_order"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    pst_id: Mapped[int] = mapped_column(ForeignKey("pst.id", ondelete="CASCADE"))
    objective_id: Mapped[int] = mapped_column(ForeignKey("pst_objective.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    reference: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[E.PstStatus] = mapped_column(enum_column(E.PstStatus, "pst_status"))
    budget_impact: Mapped[E.BudgetImpact] = mapped_column(enum_column(E.BudgetImpact, "budget_impact"))
    budget_note: Mapped[str] = mapped_column(Text, default="")
    context: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    risks: Mapped[str] = mapped_column(Text, default="")

    indicators: Mapped[list[PstIndicator]] = relationship(
        cascade="all, delete-orphan", order_by="PstIndicator.position"
    )


class PstIndicator(Provenance, Base):
    __tablename__ = "pst_indicator"
    __table_args__ = (UniqueConstraint("action_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("pst_action.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class PstBudgetLine(Provenance, Base):
    """One economic group of the PST budget annex for one year (empty cell = unknown)."""

    __tablename__ = "pst_budget_line"
    __table_args__ = (
        UniqueConstraint("pst_id", "year", "budget_section", "kind", "eco_group"),
        CheckConstraint(f"year {YEAR_CHECK}", name="year_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    pst_id: Mapped[int] = mapped_column(ForeignKey("pst.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    budget_section: Mapped[E.BudgetSection] = mapped_column(enum_column(E.BudgetSection, "budget_section"))
    kind: Mapped[E.BudgetKind] = mapped_column(enum_column(E.BudgetKind, "budget_kind"))
    eco_group: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(120))
    amount: Mapped[Decimal | None] = mapped_column(Money)


class PstActionBudget(Provenance, Base):
    __tablename__ = "pst_action_budget"
    __table_args__ = (
        UniqueConstraint("action_id", "year", "budget_section", "kind", "eco_group"),
        CheckConstraint(f"year {YEAR_CHECK}", name="year_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("pst_action.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    budget_section: Mapped[E.BudgetSection] = mapped_column(enum_column(E.BudgetSection, "budget_section"))
    kind: Mapped[E.BudgetKind] = mapped_column(enum_column(E.BudgetKind, "budget_kind"))
    eco_group: Mapped[str] = mapped_column(String(10))
    amount: Mapped[Decimal] = mapped_column(Money)


class Staffing(Provenance, Base):
    """Real vs theoretical full-time equivalents of one service of one body."""

    __tablename__ = "staffing"
    __table_args__ = (
        UniqueConstraint("commune_id", "date", "body", "service"),
        CheckConstraint("real_fte >= 0 AND theoretical_fte >= 0", name="fte_non_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    body: Mapped[E.Body] = mapped_column(enum_column(E.Body, "body"))
    service: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)
    real_fte: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    theoretical_fte: Mapped[Decimal] = mapped_column(Numeric(8, 2))


class CostComparison(Provenance, Base):
    """One cell of a multi-year cost comparison of software options."""

    __tablename__ = "cost_comparison"
    __table_args__ = (
        UniqueConstraint("commune_id", "option", "line", "year"),
        CheckConstraint(f"year {YEAR_CHECK}", name="year_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    option: Mapped[str] = mapped_column(String(120))
    line: Mapped[E.CostLine] = mapped_column(enum_column(E.CostLine, "cost_line"))
    year: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money)


class WePulseStance(Provenance, Base):
    """A body's position on one domain of the Brussels WePulse programme at a date."""

    __tablename__ = "wepulse_position"
    __table_args__ = (UniqueConstraint("commune_id", "date", "body", "domain"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    body: Mapped[E.Body] = mapped_column(enum_column(E.Body, "body"))
    domain: Mapped[str] = mapped_column(String(20))
    position: Mapped[E.WePulsePosition] = mapped_column(enum_column(E.WePulsePosition, "wepulse_position"))
    note: Mapped[str] = mapped_column(Text, default="")


class AppMeta(Base):
    """Small key/value facts about the database itself (origin, fingerprint of the default data)."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- accounts and audit trail (issue 6) -------------------------------------------------------
# These tables hold people and history, not data: reloading data/ keeps them (see
# ACCOUNT_TABLES and dashboard.importer.load.clear_data). Roles and audit rows name a commune
# by its slug, not by commune.id, because a reload recreates communes with new ids.


class Role(PyEnum):
    EDITOR = "editor"
    ADMIN = "admin"


ALL_COMMUNES = "*"  # a role on every commune (a site-wide administrator)


class User(Base):
    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    roles: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", order_by="UserRole.commune_slug", lazy="selectin"
    )


class UserRole(Base):
    """`role` on `commune_slug` ('*' = every commune)."""

    __tablename__ = "user_role"
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    commune_slug: Mapped[str] = mapped_column(String(60), primary_key=True)
    role: Mapped[Role] = mapped_column(
        Enum(Role, name="role", native_enum=False, create_constraint=True, length=16,
             values_callable=lambda members: [m.value for m in members])
    )


class AuditEvent(Base):
    """One write (an edit, an undo, an import batch, an account change) by one person at one time."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(60))  # kept as written, even if the account goes
    commune_slug: Mapped[str | None] = mapped_column(String(60), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # edit | undo | import | account
    summary: Mapped[str] = mapped_column(Text, default="")
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("audit_event.id", ondelete="SET NULL"))

    changes: Mapped[list[AuditChange]] = relationship(
        cascade="all, delete-orphan", order_by="AuditChange.id", lazy="selectin"
    )


class AuditChange(Base):
    """One field of one row: old value → new value (JSON text; NULL old = created, NULL new = deleted)."""

    __tablename__ = "audit_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("audit_event.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(40))  # matrix_level | synergy | user | import
    entity_key: Mapped[str] = mapped_column(String(200))  # natural key, stable across reloads
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


ACCOUNT_TABLES = frozenset({"app_user", "user_role", "audit_event", "audit_change"})


# Indexes behind the pages' filters and the cascades of foreign keys that no unique
# constraint already leads with (PostgreSQL does not index foreign keys by itself). Migration 0003.
PERFORMANCE_INDEXES = (
    Index("ix_contract_commune_id_report_year", Contract.commune_id, Contract.report_year),
    Index("ix_synergy_commune_id_service_id", Synergy.commune_id, Synergy.service_id),
    Index("ix_matrix_level_commune_id_service_id", MatrixLevel.commune_id, MatrixLevel.service_id),
    Index("ix_pst_objective_parent_id", PstObjective.parent_id),
    Index("ix_pst_action_objective_id", PstAction.objective_id),
)
