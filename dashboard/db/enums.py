"""Closed vocabularies of the domain.

Values are the codes used in `data/` files and stored in the database (French,
as the documents are); members carry English names for the code. Labels shown
to users come from the i18n catalogues, never from these values.
"""

from enum import StrEnum


class Region(StrEnum):
    WALLONIA = "wallonie"
    BRUSSELS = "bruxelles"
    FLANDERS = "flandre"


class Body(StrEnum):
    """One of the two public bodies of a municipality."""

    COMMUNE = "commune"
    CPAS = "cpas"


class Pilot(StrEnum):
    COMMUNE = "commune"
    CPAS = "cpas"
    BOTH = "les_deux"


class ServiceGroup(StrEnum):
    """Support services of the Walloon decrees of 19 July 2018, or other."""

    SUPPORT = "support"
    OTHER = "autre"


class SynergyStatus(StrEnum):
    DONE = "realisee"
    ONGOING = "en_cours"
    PLANNED = "projetee"


class Objective(StrEnum):
    CITIZEN = "satisfaction_citoyen"
    PERFORMANCE = "performance_administrative"
    MEANS = "moyens"


class Mode(StrEnum):
    COOPERATIVE = "cooperatif"
    DELEGATIVE = "delegatif"
    BOTH = "cooperatif_et_delegatif"


class Register(StrEnum):
    """The five registers of behaviour of the cooperation matrix, in template order."""

    FUNCTIONING = "fonctionnement"
    MANAGEMENT = "management"
    SKILLS = "competences"
    FORMALISATION = "formalisation"
    RESOURCES = "ressources"


class ContractBody(StrEnum):
    CPAS = "cpas"
    COMMUNE = "commune"
    JOINT = "conjoint"


class ContractType(StrEnum):
    WORKS = "travaux"
    SUPPLIES = "fournitures"
    SERVICES = "services"


class ContractStage(StrEnum):
    JOINT = "conjoint"
    CANDIDATE = "candidat"


class Household(StrEnum):
    SINGLE = "isoles"
    COHABITING = "cohabitants"
    FAMILY = "familles"


class PlacementScheme(StrEnum):
    ART60 = "art60"
    ART61 = "art61"
    SINE = "sine"


class EmployerCategory(StrEnum):
    CPAS = "cpas"
    COMMUNE = "commune"
    NONPROFIT = "asbl"
    INTERMUNICIPAL = "intercommunale"
    HOSPITAL = "hopital"
    SOCIAL_ECONOMY = "economie_sociale"
    OTHER = "autre"
    PRIVATE = "prive"
    PRIVATE_COMMERCIAL = "prive_commercial"
    SINE = "sine"


class IndicatorTheme(StrEnum):
    IWEPS = "iweps"
    HEALTH = "sante"
    HOUSING = "logement"
    LABOUR = "travail"


class TerritoryLevel(StrEnum):
    REGION = "region"
    PROVINCE = "province"
    ARRONDISSEMENT = "arrondissement"
    COMMUNE = "commune"


class ValueStatus(StrEnum):
    """*Non diffusé* (not published) is a missing value, never a zero."""

    PUBLISHED = "publie"
    NOT_PUBLISHED = "non_diffuse"


class PstLevel(StrEnum):
    STRATEGIC = "os"
    OPERATIONAL = "op"


class PstStatus(StrEnum):
    """Our statuses; the eComptes XML statuses map onto these."""

    ONGOING = "en_cours"
    UNDER_STUDY = "a_l_etude"
    NOT_STARTED = "non_commence"
    ON_HOLD = "en_attente"
    DONE = "termine"
    CANCELLED = "annule"
    PROBLEM = "probleme"


class BudgetImpact(StrEnum):
    YES = "oui"
    NO = "non"
    UNDETERMINED = "indetermine"


class BudgetSection(StrEnum):
    ORDINARY = "ordinaire"
    EXTRAORDINARY = "extraordinaire"


class BudgetKind(StrEnum):
    EXPENSE = "depense"
    REVENUE = "recette"


class CostLine(StrEnum):
    SOFTWARE = "cout_logiciel"
    HARDWARE_INVESTMENT = "investissement_materiel"
    HARDWARE_OPERATION = "exploitation_materiel"
    IT_SUPPORT = "support_it"
    BUSINESS_SUPPORT = "support_metier"
    MIGRATION_SUPPORT = "support_reprise"
    TOTAL_INVESTMENT = "total_investissement"
    TOTAL_OPERATION = "total_exploitation"
    TOTAL_STAFF = "total_personnel"
    TOTAL = "total"
    CUMULATIVE = "total_cumule"


COST_DETAIL_LINES = (
    CostLine.SOFTWARE,
    CostLine.HARDWARE_INVESTMENT,
    CostLine.HARDWARE_OPERATION,
    CostLine.IT_SUPPORT,
    CostLine.BUSINESS_SUPPORT,
    CostLine.MIGRATION_SUPPORT,
)


class WePulsePosition(StrEnum):
    FAVOURABLE = "favorable"
    INTERESTED = "interesse"
    JOINED = "adhesion"
    REGULARISING = "regularisation"
    POSTPONED = "report"
    UNDECIDED = "indecis"


class Language(StrEnum):
    FR = "fr"
    NL = "nl"
    EN = "en"
