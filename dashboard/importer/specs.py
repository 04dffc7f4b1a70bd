"""What each dataset file must contain: one pydantic row model per file, plus its natural key.

The same specs validate the default data in `data/` and (later) imported workbooks,
so a rule is written once. Empty cells become None (unknown), never zero.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from dashboard.db import enums as E


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _split_codes(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


Blank = BeforeValidator(_blank_to_none)

# Constraints apply to the inner type; `| None` (an empty cell) is allowed where the column is optional.
_Year = Annotated[int, Field(ge=1990, le=2100)]
_Money = Annotated[Decimal, Field(max_digits=16, decimal_places=2)]
_NonNegativeMoney = Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=2)]
_Number = Annotated[Decimal, Field(max_digits=18, decimal_places=4)]
_Text = Annotated[str, Field(max_length=20000)]

Year = Annotated[_Year, Blank]
OptYear = Annotated[_Year | None, Blank]
Count = Annotated[int, Blank, Field(ge=0)]
LevelValue = Annotated[int, Blank, Field(ge=0, le=5)]
NonNegative = Annotated[_NonNegativeMoney, Blank]
OptNonNegative = Annotated[_NonNegativeMoney | None, Blank]
Amount = Annotated[_Money, Blank]
OptAmount = Annotated[_Money | None, Blank]
OptNumber = Annotated[_Number | None, Blank]
Date = Annotated[dt.date, Blank]
OptDate = Annotated[dt.date | None, Blank]
Text = Annotated[str, Blank, Field(min_length=1, max_length=20000)]
OptText = Annotated[_Text | None, Blank]
Code = Annotated[str, Blank, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,59}$")]
SourceId = Annotated[str, Blank, Field(min_length=1, max_length=40)]
_PstCode = Annotated[str, Field(pattern=r"^(OS|OP)\d{1,3}$")]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Sourced(Row):
    source: SourceId
    section: OptText = None


# --- shared reference files -------------------------------------------------------------------


class SourceRow(Row):
    id: SourceId
    file: Text
    title: Text
    commune: OptText = None
    language: E.Language
    date: OptDate = None


class CommuneRow(Sourced):
    slug: Code
    name: Text
    name_nl: Text
    ins_code: Annotated[str, Blank, Field(pattern=r"^\d{5}$")]
    region: E.Region
    province: OptText = None
    arrondissement: Text
    commune_name: Text
    cpas_name: Text


class RegisterRow(Sourced):
    code: E.Register
    position: Annotated[int, Blank, Field(ge=1, le=5)]
    name: Text
    definition: Text


class LevelRow(Sourced):
    level: LevelValue
    name: Text
    definition: Text


class ProcedureRow(Sourced):
    code: Annotated[str, Blank, Field(pattern=r"^[A-Z_]{2,20}$")]
    abbreviation: Text
    name: Text


# --- per-commune files ------------------------------------------------------------------------


class ServiceRow(Sourced):
    code: Code
    name: Text
    group: E.ServiceGroup
    aliases: OptText = None


class SynergyRow(Sourced):
    ref: Annotated[str, Blank, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")]
    report_year: OptYear = None
    service: Code
    status: E.SynergyStatus
    title: Text
    objective_text: OptText = None
    objectives: Annotated[list[E.Objective], BeforeValidator(_split_codes)] = []
    mode: Annotated[E.Mode | None, Blank] = None
    pilot: Annotated[E.Pilot | None, Blank] = None
    responsible: OptText = None
    result: OptText = None
    means: OptText = None
    expected_result: OptText = None
    deadline: Annotated[Annotated[str, Field(max_length=80)] | None, Blank] = None
    started_year: OptYear = None
    language: E.Language

    @field_validator("objectives")
    @classmethod
    def _no_repeated_objective(cls, value: list[E.Objective]) -> list[E.Objective]:
        if len(set(value)) != len(value):
            raise ValueError("each objective at most once")
        return value


# `register` is the column's name in the files; shadowing ABCMeta.register on a row model is harmless.
warnings.filterwarnings("ignore", message='Field name "register"', category=UserWarning)


class MatrixRow(Sourced):
    year: Year
    service: Code
    register: E.Register
    level: LevelValue


class SynthesisReportedRow(Sourced):
    year: Year
    group: E.ServiceGroup
    total: Count
    maximum: Annotated[int, Blank, Field(gt=0)]


class ContractCountRow(Sourced):
    year: Year
    body: E.ContractBody
    count: Count
    counted_until: OptDate = None
    note: OptText = None


class ContractRow(Sourced):
    stage: E.ContractStage
    report_year: Year
    title: Text
    type: E.ContractType
    procedure: Annotated[str, Blank, Field(pattern=r"^[A-Z_]{2,20}$")]
    estimated_amount: OptNonNegative = None
    planned_award_date: OptDate = None


class RisRow(Sourced):
    year: Year
    beneficiaries: NonNegative
    counted_until: OptDate = None
    note: OptText = None


class RisHouseholdRow(Sourced):
    date: Date
    household: E.Household
    count: Count


class PlacementRow(Sourced):
    year: Year
    scheme: E.PlacementScheme
    employer_category: E.EmployerCategory
    employer_label: Text
    count: Count
    note: OptText = None
    counted_until: OptDate = None


class PlacementTotalRow(Sourced):
    year: Year
    scheme: E.PlacementScheme
    total: Count


class IndicatorRow(Sourced):
    code: Code
    theme: E.IndicatorTheme
    name: Text
    unit: Text
    reference_period: Text
    reference_year: Year


class IndicatorValueRow(Sourced):
    indicator: Code
    territory_level: E.TerritoryLevel
    territory_name: Text
    value: OptNumber = None
    status: E.ValueStatus


class KeyFigureRow(Sourced):
    section_code: Code
    code: Code
    label: Text
    value: OptNumber = None
    unit: OptText = None
    period: OptText = None
    note: OptText = None


class PstRow(Sourced):
    body: E.Body
    title: Text
    start_year: Year
    end_year: Year


PST_CODE = r"^(OS|OP)\d{1,3}$"


class PstObjectiveRow(Sourced):
    level: E.PstLevel
    code: Annotated[str, Blank, Field(pattern=PST_CODE)]
    parent: Annotated[_PstCode | None, Blank] = None
    title: Text


class PstActionRow(Sourced):
    code: Annotated[str, Blank, Field(pattern=r"^A\d{1,3}$")]
    reference: Text
    op: Annotated[str, Blank, Field(pattern=r"^OP\d{1,3}$")]
    title: Text
    start_date: OptDate = None
    end_date: OptDate = None
    end_note: OptText = None
    status: E.PstStatus
    budget_impact: E.BudgetImpact
    budget_note: OptText = None
    context: OptText = None
    description: OptText = None
    risks: OptText = None


class PstIndicatorRow(Sourced):
    action: Annotated[str, Blank, Field(pattern=r"^A\d{1,3}$")]
    position: Annotated[int, Blank, Field(ge=1)]
    text: Text


class PstBudgetRow(Sourced):
    year: Year
    budget_section: E.BudgetSection
    kind: E.BudgetKind
    eco_group: Annotated[str, Blank, Field(pattern=r"^[0-9X]{2}$")]
    label: Text
    amount: OptAmount = None


class PstActionBudgetRow(Sourced):
    action: Annotated[str, Blank, Field(pattern=r"^A\d{1,3}$")]
    year: Year
    budget_section: E.BudgetSection
    kind: E.BudgetKind
    eco_group: Annotated[str, Blank, Field(pattern=r"^[0-9X]{2}$")]
    amount: Amount


class StaffingRow(Sourced):
    date: Date
    body: E.Body
    service: Text
    real_fte: NonNegative
    theoretical_fte: NonNegative


class CostComparisonRow(Sourced):
    option: Text
    line: E.CostLine
    year: Year
    amount: Amount


class WePulseRow(Sourced):
    date: Date
    body: E.Body
    domain: Annotated[str, Blank, Field(pattern=r"^[A-Z_]{2,20}$")]
    position: E.WePulsePosition
    note: OptText = None


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset file: its name, its row model, and the columns that must be unique together."""

    name: str
    filename: str
    model: type[Row]
    key: tuple[str, ...]

    @property
    def columns(self) -> list[str]:
        return list(self.model.model_fields)


REFERENCE_SPECS = (
    DatasetSpec("sources", "reference/sources.csv", SourceRow, ("id",)),
    DatasetSpec("registers", "reference/registers.csv", RegisterRow, ("code",)),
    DatasetSpec("levels", "reference/levels.csv", LevelRow, ("level",)),
    DatasetSpec("procedures", "reference/procedures.csv", ProcedureRow, ("code",)),
    DatasetSpec("communes", "communes.csv", CommuneRow, ("slug",)),
)

# Order matters: a file may refer to codes defined by a file above it.
COMMUNE_SPECS = (
    DatasetSpec("services", "services.csv", ServiceRow, ("code",)),
    DatasetSpec("synergies", "synergies.csv", SynergyRow, ("ref",)),
    DatasetSpec("matrix", "matrix.csv", MatrixRow, ("year", "service", "register")),
    DatasetSpec("synthesis_reported", "synthesis_reported.csv", SynthesisReportedRow, ("year", "group")),
    DatasetSpec("contract_counts", "contract_counts.csv", ContractCountRow, ("year", "body")),
    DatasetSpec("contracts", "contracts.csv", ContractRow, ()),
    DatasetSpec("ris", "ris.csv", RisRow, ("year",)),
    DatasetSpec("ris_households", "ris_households.csv", RisHouseholdRow, ("date", "household")),
    DatasetSpec("placements", "placements.csv", PlacementRow, ("year", "scheme", "employer_category")),
    DatasetSpec("placement_totals", "placement_totals.csv", PlacementTotalRow, ("year", "scheme")),
    DatasetSpec("indicators", "indicators.csv", IndicatorRow, ("code",)),
    DatasetSpec(
        "indicator_values", "indicator_values.csv", IndicatorValueRow, ("indicator", "territory_level")
    ),
    DatasetSpec("key_figures", "key_figures.csv", KeyFigureRow, ("section_code", "code")),
    DatasetSpec("pst", "pst.csv", PstRow, ("body", "start_year")),
    DatasetSpec("pst_objectives", "pst_objectives.csv", PstObjectiveRow, ("code",)),
    DatasetSpec("pst_actions", "pst_actions.csv", PstActionRow, ("code",)),
    DatasetSpec("pst_indicators", "pst_indicators.csv", PstIndicatorRow, ("action", "position")),
    DatasetSpec(
        "pst_budget", "pst_budget.csv", PstBudgetRow, ("year", "budget_section", "kind", "eco_group")
    ),
    DatasetSpec(
        "pst_action_budget",
        "pst_action_budget.csv",
        PstActionBudgetRow,
        ("action", "year", "budget_section", "kind", "eco_group"),
    ),
    DatasetSpec("staffing", "staffing.csv", StaffingRow, ("date", "body", "service")),
    DatasetSpec("cost_comparison", "cost_comparison.csv", CostComparisonRow, ("option", "line", "year")),
    DatasetSpec("wepulse", "wepulse.csv", WePulseRow, ("date", "body", "domain")),
)

COMMUNE_SPEC_BY_NAME = {spec.name: spec for spec in COMMUNE_SPECS}


_RANGE = re.compile(r"^\s*(\d{4})\s*(?:[-–/]\s*(\d{4}))?\s*$")


def parse_deadline(text: str | None) -> tuple[int | None, int | None]:
    """'2025' → (2025, 2025); '2025-2026' → (2025, 2026); '2024 en volgende jaren' → (2024, None); else unknown."""
    if not text:
        return None, None
    match = _RANGE.match(text)
    if match:
        start = int(match.group(1))
        return start, int(match.group(2) or start)
    lead = re.match(r"^\s*(\d{4})\b", text)
    if lead:
        return int(lead.group(1)), None
    return None, None
