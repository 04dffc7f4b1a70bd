"""The strategic plan in the regional eComptes PST XML format (schema 201805V1, ISO-8859-1).

Export: our plan becomes one Volet holding the strategic objectives (OS) › operational
objectives (OP) › actions; the global budget annex becomes the Volet's Projections (per
economic group, amounts per year; an unknown amount is left out, never written as 0) and
each action's budget its Articles (CodeArticle = the economic group). Fields the schema
requires but we do not hold are written neutral (TauxAvancement 0, or 100 when done;
ETP 0; Description Mode TEXTE) — an honest "no information", documented here.

Import: the file is parsed without entities or network and validated against the XSD;
schema errors come back as problems with their line. Elements are numbered OS1.., OP1..,
A1.. in document order and keep their eComptes ElementId in the `section` column.
Statuses map one to one (ANNULE_ABANDONNE → annule …). Values without a place in our
model (responsible persons, progress rate, FTE, partners, plans, projections outside the
Volet, unparseable article codes) are not dropped: they are listed in the report and kept
as text in the action's context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import enums as E
from dashboard.db import models as M
from dashboard.importer.problems import Problem, problem
from dashboard.importer.rows import read_dataset
from dashboard.importer.safety import MAX_FILE_BYTES, RefusedFile
from dashboard.importer.tables import RawTable
from dashboard.importer.workbook import SPEC_BY_NAME, Upload

SCHEMA_NAME = "PST_eComptes_Export_201805V1.xsd"
VERSION = "201805V1"
GENERATOR = "commune-cpas-dashboard"

TO_XML_STATUS = {
    E.PstStatus.ONGOING: "EN_COURS",
    E.PstStatus.NOT_STARTED: "NON_COMMENCE",
    E.PstStatus.UNDER_STUDY: "NON_COMMENCE",  # lossy: the original is kept in RemarqueStatut
    E.PstStatus.ON_HOLD: "EN_ATTENTE",
    E.PstStatus.DONE: "TERMINE",
    E.PstStatus.CANCELLED: "ANNULE_ABANDONNE",
    E.PstStatus.PROBLEM: "PROBLEME",
}
FROM_XML_STATUS = {
    "EN_COURS": E.PstStatus.ONGOING,
    "NON_COMMENCE": E.PstStatus.NOT_STARTED,
    "EN_ATTENTE": E.PstStatus.ON_HOLD,
    "TERMINE": E.PstStatus.DONE,
    "ANNULE_ABANDONNE": E.PstStatus.CANCELLED,
    "PROBLEME": E.PstStatus.PROBLEM,
}
_ORIGINAL_STATUS = re.compile(r"^Statut d'origine : (\S+)$")
_SECTIONS = {E.BudgetSection.ORDINARY: "O", E.BudgetSection.EXTRAORDINARY: "E"}
_KINDS = {E.BudgetKind.REVENUE: "R", E.BudgetKind.EXPENSE: "D"}


def schema_path() -> Path:
    """The XSD shipped beside the project (../shared/formats), or a copy inside the package."""
    from dashboard.config import PROJECT_DIR

    for candidate in (
        Path(__file__).resolve().parent / "schemas" / SCHEMA_NAME,
        PROJECT_DIR.parent / "shared" / "formats" / SCHEMA_NAME,
    ):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(SCHEMA_NAME)


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(schema_path()), _parser()))


def _parser() -> etree.XMLParser:
    # No entity expansion, no DTD or network fetch: an XML bomb or an external entity is inert.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


# --- export -----------------------------------------------------------------------------------


def _sub(parent: etree._Element, tag: str, text: object | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, **attrs)
    if text is not None:
        element.text = str(text)
    return element


def _description(parent: etree._Element, tag: str, text: str) -> None:
    element = _sub(parent, tag)
    _sub(element, "Mode", "TEXTE")
    _sub(element, "Valeur", text)


def _base(
    parent,
    tag,
    element_id,
    year,
    title,
    *,
    start=None,
    end=None,
    description="",
    status="EN_COURS",
    remark="",
):
    element = _sub(parent, tag, ElementId=element_id[:255], Exercice=str(year))
    _sub(element, "Libelle", title[:255])
    if start:
        _sub(element, "DateDebut", start)
    if end:
        _sub(element, "DateFin", end)
    _description(element, "Description", description)
    _sub(element, "Statut", status)
    _sub(element, "TauxAvancement", "100" if status == "TERMINE" else "0")
    _description(element, "RemarqueStatut", remark)
    _sub(element, "ETP", "0")
    _sub(element, "Plans")
    _sub(element, "Partenaires")
    return element


def export_pst(session: Session, slug: str) -> bytes:
    """The commune's PST as eComptes XML (ISO-8859-1); LookupError when it has none."""
    commune = session.scalar(select(M.Commune).where(M.Commune.slug == slug))
    if commune is None:
        raise LookupError(f"unknown commune {slug!r}")
    plan_rows = read_dataset(session, commune, "pst")
    if not plan_rows:
        raise LookupError(f"{slug} has no strategic plan")
    plan = plan_rows[0]
    objectives = read_dataset(session, commune, "pst_objectives")
    actions = read_dataset(session, commune, "pst_actions")
    budget = read_dataset(session, commune, "pst_budget")
    action_budget = read_dataset(session, commune, "pst_action_budget")
    labels = {(b["budget_section"], b["kind"], b["eco_group"]): b["label"] for b in budget}
    start, end = int(plan["start_year"]), int(plan["end_year"])

    root = etree.Element("dataroot")
    ident = _sub(root, "Identifiants")
    _sub(ident, "Id", f"{slug}-pst-{start}")
    _sub(ident, "TypeAdmin", "CPAS" if plan["body"] == E.Body.CPAS.value else "AC")
    _sub(ident, "INS", int(commune.ins_code))
    _sub(ident, "Type", "PST")
    _sub(ident, "Exercice", end)
    _sub(ident, "Version", VERSION)
    _sub(ident, "Generateur", GENERATOR)
    pst = _sub(root, "PST")
    desc = _sub(pst, "DescriptionPST")
    _sub(desc, "IdPST", f"{slug}-{start}"[:40])
    _sub(desc, "Libelle", plan["title"][:255])
    _sub(desc, "ExerciceDebut", start)
    _sub(desc, "ExerciceFin", end)
    volets = _sub(pst, "Volets")
    volet = _base(volets, "Volet", "V1", start, plan["title"])
    _sub(volet, "Articles")
    projections = _sub(volet, "Projections")
    groups: dict[tuple[str, str, str], dict[int, str]] = {}
    for line in budget:
        groups.setdefault((line["budget_section"], line["kind"], line["eco_group"]), {})
        if line["amount"] != "":
            groups[(line["budget_section"], line["kind"], line["eco_group"])][int(line["year"])] = line[
                "amount"
            ]
    for (section, kind, eco), amounts in groups.items():
        projection = _sub(projections, "Projection")
        _sub(projection, "Service", _SECTIONS[E.BudgetSection(section)])
        _sub(projection, "Type", _KINDS[E.BudgetKind(kind)])
        _sub(projection, "GroupeEco", eco)
        _sub(projection, "Libelle", labels[(section, kind, eco)])
        years = _sub(projection, "Exercices")
        for year, amount in sorted(amounts.items()):
            _sub(_sub(years, "Exercice", Valeur=str(year)), "Montant", amount)

    strategic = _sub(volet, "ObjectifStrategiques")
    ops_of: dict[str, list[dict]] = {}
    for o in objectives:
        if o["level"] == E.PstLevel.OPERATIONAL.value:
            ops_of.setdefault(o["parent"], []).append(o)
    actions_of: dict[str, list[dict]] = {}
    for a in actions:
        actions_of.setdefault(a["op"], []).append(a)
    budget_of: dict[str, list[dict]] = {}
    for b in action_budget:
        budget_of.setdefault(b["action"], []).append(b)
    for os_row in (o for o in objectives if o["level"] == E.PstLevel.STRATEGIC.value):
        os_actions = [a for op in ops_of.get(os_row["code"], []) for a in actions_of.get(op["code"], [])]
        os_el = _base(
            strategic,
            "ObjectifStrategique",
            os_row["code"],
            start,
            os_row["title"],
            status=_aggregate(os_actions),
        )
        _sub(os_el, "Articles")
        _sub(os_el, "Projections")
        ops_el = _sub(os_el, "ObjectifsOperationnels")
        for op in ops_of.get(os_row["code"], []):
            op_actions = actions_of.get(op["code"], [])
            op_el = _base(
                ops_el, "ObjectifOperationnel", op["code"], start, op["title"], status=_aggregate(op_actions)
            )
            _sub(op_el, "Articles")
            _sub(op_el, "Projections")
            actions_el = _sub(op_el, "Actions")
            for a in op_actions:
                status = E.PstStatus(a["status"])
                lossy = TO_XML_STATUS[status] != "NON_COMMENCE" or status is E.PstStatus.NOT_STARTED
                action_el = _base(
                    actions_el,
                    "Action",
                    a["reference"],
                    int(a["start_date"][:4]) if a["start_date"] else start,
                    a["title"],
                    start=a["start_date"] or None,
                    end=a["end_date"] or None,
                    description=a["description"],
                    status=TO_XML_STATUS[status],
                    remark="" if lossy else f"Statut d'origine : {status.value}",
                )
                articles = _sub(action_el, "Articles")
                for b in budget_of.get(a["code"], []):
                    article = _sub(articles, "Article")
                    _sub(article, "Exercice", b["year"])
                    _sub(article, "Service", _SECTIONS[E.BudgetSection(b["budget_section"])])
                    _sub(article, "Type", _KINDS[E.BudgetKind(b["kind"])])
                    _sub(article, "CodeArticle", b["eco_group"])
                    label = labels.get(
                        (b["budget_section"], b["kind"], b["eco_group"]),
                        f"Groupe économique {b['eco_group']}",
                    )
                    _sub(article, "Libelle", label[:255])
                    _sub(article, "Montant", b["amount"])
                _sub(action_el, "Projections")
    return etree.tostring(root, xml_declaration=True, encoding="ISO-8859-1", pretty_print=True)


def _aggregate(actions: list[dict]) -> str:
    """An objective's status from its actions (we store none for objectives)."""
    statuses = {a["status"] for a in actions}
    if statuses and statuses <= {E.PstStatus.DONE.value}:
        return "TERMINE"
    if statuses and statuses <= {E.PstStatus.CANCELLED.value}:
        return "ANNULE_ABANDONNE"
    return "EN_COURS"


def validate_xml(data: bytes, name: str = "pst.xml") -> tuple[etree._Element | None, list[Problem]]:
    """Parse and validate against the XSD; every schema error as a problem with its line."""
    try:
        tree = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        return None, [problem(name, exc.lineno, None, None, "val.xml.well_formed", detail=exc.msg)]
    if tree.getroottree().docinfo.internalDTD is not None:
        return None, [problem(name, 1, None, "<!DOCTYPE", "val.xml.doctype")]
    xsd = schema()
    try:
        if xsd.validate(tree):
            return tree, []
    except etree.XMLSchemaValidateError as exc:
        return None, [problem(name, None, None, None, "val.xml.schema", version=VERSION, detail=exc)]
    problems = []
    for error in xsd.error_log:
        problems.append(
            problem(
                name,
                error.line,
                error.path.rsplit("/", 1)[-1] or None,
                None,
                "val.xml.schema_error",
                version=VERSION,
                detail=error.message,
            )
        )
    return None, problems


# --- import -----------------------------------------------------------------------------------


@dataclass
class XmlImport:
    upload: Upload
    unmapped: list[str] = field(default_factory=list)


def _text(element: etree._Element | None, path: str) -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def read_pst_xml(session: Session, name: str, data: bytes, slug: str) -> XmlImport:
    """Turn a valid eComptes file into the PST tables of an Upload (then planned like any import)."""
    if len(data) > MAX_FILE_BYTES:
        raise RefusedFile("too_large", name, {"size": len(data), "limit": MAX_FILE_BYTES})
    if not data.strip():
        raise RefusedFile("empty", name)
    result = XmlImport(upload=Upload())
    root, problems = validate_xml(data, name)
    if root is None:
        result.upload.problems += problems
        return result
    commune = session.scalar(select(M.Commune).where(M.Commune.slug == slug))
    ins = _text(root, "Identifiants/INS")
    if commune is not None and ins.zfill(5) != commune.ins_code:
        result.upload.problems.append(
            problem(
                name,
                root.find("Identifiants/INS").sourceline,
                "INS",
                ins,
                "val.xml.ins",
                slug=slug,
                ins=commune.ins_code,
            )
        )
    body = E.Body.CPAS if _text(root, "Identifiants/TypeAdmin") == "CPAS" else E.Body.COMMUNE
    desc = root.find("PST/DescriptionPST")
    tables = {
        n: RawTable(file=name, header=SPEC_BY_NAME[n].columns)
        for n in ("pst", "pst_objectives", "pst_actions", "pst_action_budget", "pst_budget")
    }

    def add(dataset: str, line: int, **cells: object) -> None:
        tables[dataset].rows.append((line, {k: "" if v is None else str(v) for k, v in cells.items()}))

    add(
        "pst",
        desc.sourceline,
        body=body.value,
        title=_text(desc, "Libelle"),
        start_year=_text(desc, "ExerciceDebut"),
        end_year=_text(desc, "ExerciceFin"),
        section=f"eComptes {_text(root, 'Identifiants/Id')}",
    )
    counters = {"OS": 0, "OP": 0, "A": 0}
    budget_lines: dict[tuple, list] = {}
    for volet in root.iterfind("PST/Volets/Volet"):
        _note_unmapped(result, volet, "Volet", keep_projections=True)
        for projection in volet.iterfind("Projections/Projection"):
            for year in projection.iterfind("Exercices/Exercice"):
                key = (
                    year.get("Valeur"),
                    _section(_text(projection, "Service")),
                    _kind(_text(projection, "Type")),
                    _text(projection, "GroupeEco"),
                )
                budget_lines.setdefault(
                    key, [projection.sourceline, _text(projection, "Libelle"), Decimal(0)]
                )
                budget_lines[key][2] += Decimal(_text(year, "Montant"))
        for os_el in volet.iterfind("ObjectifStrategiques/ObjectifStrategique"):
            counters["OS"] += 1
            os_code = f"OS{counters['OS']}"
            _note_unmapped(result, os_el, os_code)
            add(
                "pst_objectives",
                os_el.sourceline,
                level="os",
                code=os_code,
                parent="",
                title=_text(os_el, "Libelle"),
                section=f"eComptes {os_el.get('ElementId')}",
            )
            for op_el in os_el.iterfind("ObjectifsOperationnels/ObjectifOperationnel"):
                counters["OP"] += 1
                op_code = f"OP{counters['OP']}"
                _note_unmapped(result, op_el, op_code)
                add(
                    "pst_objectives",
                    op_el.sourceline,
                    level="op",
                    code=op_code,
                    parent=os_code,
                    title=_text(op_el, "Libelle"),
                    section=f"eComptes {op_el.get('ElementId')}",
                )
                for action in op_el.iterfind("Actions/Action"):
                    counters["A"] += 1
                    _add_action(result, add, action, f"A{counters['A']}", os_code, op_code)
    for (year, section, kind, eco), (line, label, amount) in budget_lines.items():
        add(
            "pst_budget",
            line,
            year=year,
            budget_section=section,
            kind=kind,
            eco_group=eco,
            label=label,
            amount=amount,
        )
    for dataset, table in tables.items():
        result.upload.tables[dataset] = table
    # The file is the whole plan: what it lacks (indicators, budget lines) is no longer part of it.
    result.upload.complete = {name for name in SPEC_BY_NAME if name.startswith("pst")}
    return result


def _section(code: str) -> str:
    return (E.BudgetSection.ORDINARY if code == "O" else E.BudgetSection.EXTRAORDINARY).value


def _kind(code: str) -> str:
    return (E.BudgetKind.REVENUE if code == "R" else E.BudgetKind.EXPENSE).value


def _eco_group(code: str) -> str | None:
    """'61' or '7X' as is; an article code '844/124-06' → its economic group '12'."""
    code = code.strip()
    if re.fullmatch(r"[0-9X]{2}", code):
        return code
    match = re.search(r"/(\d{2})\d", code)
    return match.group(1) if match else None


def _add_action(
    result: XmlImport, add, action: etree._Element, code: str, os_code: str, op_code: str
) -> None:
    status_text = _text(action, "Statut")
    status = FROM_XML_STATUS.get(status_text)
    remark = _text(action, "RemarqueStatut/Valeur")
    original = _ORIGINAL_STATUS.match(remark)
    if original and original.group(1) in {s.value for s in E.PstStatus}:
        status = E.PstStatus(original.group(1))
        remark = ""
    kept = _note_unmapped(result, action, code, remark=remark)
    if status is None:  # cannot happen with a schema-valid file; reported, not dropped, all the same
        result.unmapped.append(f"{code}: status {status_text!r} has no equivalent; imported as en_cours")
        kept.append(f"Statut eComptes : {status_text}")
        status = E.PstStatus.ONGOING
    articles = action.findall("Articles/Article")
    sums: dict[tuple, Decimal] = {}
    for article in articles:
        eco = _eco_group(_text(article, "CodeArticle"))
        if eco is None:
            message = f"article {_text(article, 'CodeArticle')!r} ({_text(article, 'Libelle')}) {_text(article, 'Montant')} €"
            result.unmapped.append(f"{code}: {message} has no economic group; kept as text")
            kept.append(f"Article non ventilé : {message} ({_text(article, 'Exercice')})")
            continue
        key = (
            _text(article, "Exercice"),
            _section(_text(article, "Service")),
            _kind(_text(article, "Type")),
            eco,
        )
        sums[key] = sums.get(key, Decimal(0)) + Decimal(_text(article, "Montant"))
    for (year, section, kind, eco), amount in sums.items():
        add(
            "pst_action_budget",
            action.sourceline,
            action=code,
            year=year,
            budget_section=section,
            kind=kind,
            eco_group=eco,
            amount=amount,
        )
    description = _text(action, "Description/Valeur")
    if _text(action, "Description/Mode") in ("HTML", "RTF") and description:
        result.unmapped.append(
            f"{code}: description in {_text(action, 'Description/Mode')} imported as plain text"
        )
    add(
        "pst_actions",
        action.sourceline,
        code=code,
        reference=f"{os_code}-{op_code}-{code}",
        op=op_code,
        title=_text(action, "Libelle"),
        start_date=_text(action, "DateDebut"),
        end_date=_text(action, "DateFin"),
        status=status.value,
        budget_impact=(E.BudgetImpact.YES if articles else E.BudgetImpact.UNDETERMINED).value,
        description=description,
        context="\n".join(kept),
        section=f"eComptes {action.get('ElementId')}",
    )


def _note_unmapped(
    result: XmlImport,
    element: etree._Element,
    label: str,
    *,
    remark: str | None = None,
    keep_projections: bool = False,
) -> list[str]:
    """List the element's values that have no column in our model; return them as text lines."""
    kept: list[str] = []
    for tag in ("Responsable", "Mandataire"):
        person = element.find(tag)
        if person is not None:
            kept.append(
                f"{tag} : {_text(person, 'Civilite').title()} {_text(person, 'Prenom')} {_text(person, 'Nom')}".strip()
            )
    if _text(element, "Departement"):
        kept.append(f"Département : {_text(element, 'Departement')}")
    rate = _text(element, "TauxAvancement")
    if rate and Decimal(rate) not in (Decimal(0), Decimal(100)):
        kept.append(f"Taux d'avancement : {rate} %")
    etp = _text(element, "ETP")
    if etp and Decimal(etp) != 0:
        kept.append(f"ETP : {etp}")
    for tag, child in (("Plans", "Plan"), ("Partenaires", "Partenaire")):
        values = [
            (e.text or "").strip() for e in element.iterfind(f"{tag}/{child}") if (e.text or "").strip()
        ]
        if values:
            kept.append(f"{tag} : {', '.join(values)}")
    remark = _text(element, "RemarqueStatut/Valeur") if remark is None else remark
    if remark:
        kept.append(f"Remarque : {remark}")
    if not keep_projections and element.find("Projections/Projection") is not None:
        kept.append(
            f"Projections : {len(element.findall('Projections/Projection'))} (seules celles du volet sont importées)"
        )
    if element.tag != "Action":
        if (
            element.tag in ("ObjectifStrategique", "ObjectifOperationnel")
            and element.find("Articles/Article") is not None
        ):
            kept.append(f"Articles : {len(element.findall('Articles/Article'))}")
        if _text(element, "Description/Valeur"):
            kept.append("Description")
        for line in kept:
            result.unmapped.append(
                f"{label} ({element.get('ElementId')}): {line} — not stored (objectives hold a title only)"
            )
        return kept
    for line in kept:
        result.unmapped.append(f"{label} ({element.get('ElementId')}): {line} — kept in the action's context")
    return kept
