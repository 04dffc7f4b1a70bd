"""eComptes PST XML: our export validates against the regional schema; another tool's file imports."""

from __future__ import annotations

import pytest
from lxml import etree
from sqlalchemy import select

from dashboard.db import enums as E
from dashboard.db import models as M
from dashboard.importer.problems import ValidationFailed
from dashboard.importer.pst_xml import export_pst, read_pst_xml, schema, validate_xml
from dashboard.importer.service import apply_plan, import_source_id, plan_import

SLUG = "ottignies-louvain-la-neuve"

OTHER_TOOL = """<?xml version="1.0" encoding="iso-8859-1"?>
<dataroot>
 <Identifiants><Id>X-42</Id><TypeAdmin>CPAS</TypeAdmin><INS>25121</INS><Type>PST</Type>
  <Exercice>2025</Exercice><Version>201805V1</Version><Generateur>AutreOutil 3.2</Generateur></Identifiants>
 <PST>
  <DescriptionPST><IdPST>PST-2025</IdPST><Libelle>PST 2025-2030 du CPAS</Libelle>
   <ExerciceDebut>2025</ExerciceDebut><ExerciceFin>2030</ExerciceFin></DescriptionPST>
  <Volets><Volet ElementId="{{a1}}" Exercice="2025">
   <Libelle>Volet interne</Libelle><Description><Mode>TEXTE</Mode><Valeur/></Description>
   <Statut>EN_COURS</Statut><TauxAvancement>0</TauxAvancement>
   <RemarqueStatut><Mode>TEXTE</Mode><Valeur/></RemarqueStatut><ETP>0</ETP><Plans/><Partenaires/><Articles/>
   <Projections><Projection><Service>O</Service><Type>D</Type><GroupeEco>70</GroupeEco><Libelle>Personnel</Libelle>
    <Exercices><Exercice Valeur="2025"><Montant>1000.50</Montant></Exercice><Exercice Valeur="2026"><Montant>2000</Montant></Exercice></Exercices>
   </Projection></Projections>
   <ObjectifStrategiques><ObjectifStrategique ElementId="{{b7}}" Exercice="2025">
    <Libelle>Être un CPAS proche des citoyens</Libelle><Description><Mode>TEXTE</Mode><Valeur>Vision</Valeur></Description>
    <Statut>EN_COURS</Statut><TauxAvancement>10</TauxAvancement>
    <RemarqueStatut><Mode>TEXTE</Mode><Valeur/></RemarqueStatut><ETP>0</ETP><Plans/><Partenaires/><Articles/><Projections/>
    <ObjectifsOperationnels><ObjectifOperationnel ElementId="{{c3}}" Exercice="2025">
     <Libelle>Simplifier l'accueil</Libelle><Description><Mode>TEXTE</Mode><Valeur/></Description>
     <Statut>EN_COURS</Statut><TauxAvancement>0</TauxAvancement>
     <RemarqueStatut><Mode>TEXTE</Mode><Valeur/></RemarqueStatut><ETP>0</ETP><Plans/><Partenaires/><Articles/><Projections/>
     <Actions>
      <Action ElementId="{{d1}}" Exercice="2025">
       <Libelle>Guichet unique</Libelle><DateDebut>2025-01-01</DateDebut><DateFin>2026-06-30</DateFin>
       <Description><Mode>HTML</Mode><Valeur>&lt;p&gt;Un seul guichet&lt;/p&gt;</Valeur></Description>
       <Statut>PROBLEME</Statut>
       <Responsable><Civilite>MADAME</Civilite><Nom>Dupont</Nom><Prenom>Anne</Prenom><Tel/><eMail/></Responsable>
       <TauxAvancement>40</TauxAvancement>
       <RemarqueStatut><Mode>TEXTE</Mode><Valeur>Retard du fournisseur</Valeur></RemarqueStatut>
       <ETP>1.5</ETP><Plans><Plan>PCS</Plan></Plans><Partenaires><Partenaire>Ville</Partenaire></Partenaires>
       <Articles>
        <Article><Exercice>2025</Exercice><Service>O</Service><Type>D</Type><CodeArticle>844/124-06</CodeArticle><Libelle>Fournitures</Libelle><Montant>1200</Montant></Article>
        <Article><Exercice>2025</Exercice><Service>O</Service><Type>D</Type><CodeArticle>844/123-02</CodeArticle><Libelle>Frais</Libelle><Montant>300</Montant></Article>
        <Article><Exercice>2025</Exercice><Service>E</Service><Type>D</Type><CodeArticle>LIBRE</CodeArticle><Libelle>Divers</Libelle><Montant>50</Montant></Article>
       </Articles><Projections/>
      </Action>
      <Action ElementId="{{d2}}" Exercice="2025">
       <Libelle>Prise de rendez-vous en ligne</Libelle>
       <Description><Mode>TEXTE</Mode><Valeur/></Description><Statut>TERMINE</Statut><TauxAvancement>100</TauxAvancement>
       <RemarqueStatut><Mode>TEXTE</Mode><Valeur/></RemarqueStatut><ETP>0</ETP><Plans/><Partenaires/><Articles/><Projections/>
      </Action>
     </Actions>
    </ObjectifOperationnel></ObjectifsOperationnels>
   </ObjectifStrategique></ObjectifStrategiques>
  </Volet></Volets>
 </PST>
</dataroot>
""".encode("iso-8859-1")


def test_pxm001_export_validates_against_the_schema(session):
    data = export_pst(session, SLUG)
    assert data.startswith(b"<?xml version='1.0' encoding='ISO-8859-1'?>")
    tree = etree.fromstring(data)
    assert schema().validate(tree), schema().error_log
    actions = tree.findall(".//Action")
    assert (
        len(actions)
        == session.query(M.PstAction).join(M.Pst).join(M.Commune).filter(M.Commune.slug == SLUG).count()
    )
    # 'A l'étude' has no eComptes status: exported as NON_COMMENCE with the original kept
    studied = [a for a in actions if a.findtext("RemarqueStatut/Valeur") == "Statut d'origine : a_l_etude"]
    assert studied and all(a.findtext("Statut") == "NON_COMMENCE" for a in studied)


def test_pxm002_other_tools_file_imports_with_statuses_dates_budget_and_unmapped_report(session):
    parsed = read_pst_xml(session, "autre.xml", OTHER_TOOL, SLUG)
    assert not parsed.upload.problems
    plan = plan_import(
        session,
        parsed.upload,
        SLUG,
        source_id=import_source_id([("autre.xml", OTHER_TOOL)]),
        source_file="autre.xml",
    )
    assert plan.needs_confirmation  # it replaces the stored 2019-2024 plan
    apply_plan(session, plan, confirmed=True)
    pst = session.scalar(select(M.Pst).join(M.Commune).where(M.Commune.slug == SLUG))
    assert (pst.title, pst.start_year, pst.end_year, pst.body) == (
        "PST 2025-2030 du CPAS",
        2025,
        2030,
        E.Body.CPAS,
    )
    actions = {a.code: a for a in session.scalars(select(M.PstAction).where(M.PstAction.pst_id == pst.id))}
    a1, a2 = actions["A1"], actions["A2"]
    assert a1.reference == "OS1-OP1-A1" and a1.status is E.PstStatus.PROBLEM and a2.status is E.PstStatus.DONE
    assert str(a1.start_date) == "2025-01-01" and str(a1.end_date) == "2026-06-30"
    assert a1.section == "eComptes {{d1}}"
    budget = session.execute(
        select(M.PstActionBudget.eco_group, M.PstActionBudget.amount).where(
            M.PstActionBudget.action_id == a1.id
        )
    ).all()
    assert sorted((g, float(a)) for g, a in budget) == [("12", 1500.0)]
    lines = session.execute(
        select(M.PstBudgetLine.year, M.PstBudgetLine.amount).where(M.PstBudgetLine.pst_id == pst.id)
    ).all()
    assert sorted((y, float(a)) for y, a in lines) == [(2025, 1000.5), (2026, 2000.0)]
    # values without a column are reported and kept in the action's context, not dropped
    unmapped = "\n".join(parsed.unmapped)
    for expected in (
        "Responsable : Madame Anne Dupont",
        "Taux d'avancement : 40 %",
        "ETP : 1.5",
        "Plans : PCS",
        "Partenaires : Ville",
        "'LIBRE'",
        "description in HTML",
        "Remarque : Retard du fournisseur",
    ):
        assert expected in unmapped
    assert "Responsable : Madame Anne Dupont" in a1.context and "LIBRE" in a1.context


def test_pxm003_export_then_import_keeps_the_plan_structure(session):
    data = export_pst(session, SLUG)
    parsed = read_pst_xml(session, "pst.xml", data, SLUG)
    assert not parsed.upload.problems
    plan = plan_import(session, parsed.upload, SLUG, source_id="imp-test", source_file="pst.xml")
    assert plan.diffs["pst_actions"].added == 0 and plan.diffs["pst_actions"].removed == 0
    assert plan.diffs["pst_objectives"].added == 0 and plan.diffs["pst_objectives"].removed == 0


def test_pxm004_invalid_files_are_reported_with_their_line(session):
    broken = OTHER_TOOL.replace(b"<Statut>TERMINE</Statut>", b"<Statut>FINI</Statut>")
    parsed = read_pst_xml(session, "autre.xml", broken, SLUG)
    assert parsed.upload.problems and "FINI" in str(parsed.upload.problems[0])
    assert parsed.upload.problems[0].row is not None
    with pytest.raises(ValidationFailed):
        plan_import(session, parsed.upload, SLUG, source_id="x", source_file="autre.xml")
    wrong_ins = read_pst_xml(session, "autre.xml", OTHER_TOOL, "tournai")
    assert "the INS code of tournai (57081)" in str(wrong_ins.upload.problems[0])
    bomb = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><dataroot>&b;</dataroot>'
    root, problems = validate_xml(bomb)
    assert root is None and problems  # entities are not expanded; the file is simply invalid
