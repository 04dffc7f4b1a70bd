"""Component ids, named once. Pages add their own ids here under their prefix."""

# app shell
URL = "url"
MAIN = "main-content"
COMMUNE_SELECT = "commune-select"
YEAR_SELECT = "year-select"
LANGUAGE_SELECT = "language-select"
NAVBAR_TOGGLER = "navbar-toggler"
NAVBAR_COLLAPSE = "navbar-collapse"
HTML_LANG_SINK = "html-lang-sink"

# home page
HOME_KPIS = "home-kpis"
HOME_BY_SERVICE = "home-by-service"

# synergies page
SYN_SEARCH = "syn-search"
SYN_SERVICE = "syn-service"
SYN_GROUP = "syn-group"
SYN_STATUS = "syn-status"
SYN_PILOT = "syn-pilot"
SYN_MODE = "syn-mode"
SYN_OBJECTIVE = "syn-objective"
SYN_RESET = "syn-reset"
SYN_RESULTS = "syn-results"
SYN_RADAR_LINK = "syn-radar-link"
SYN_CHART_STATUS = "syn-chart-status"
SYN_CHART_OBJECTIVE = "syn-chart-objective"
SYN_CHART_SERVICE = "syn-chart-service"
SYN_TABLE = "syn-table"
SYN_DETAIL = "syn-detail"
SYN_DETAIL_BUTTON = "syn-detail-button"  # dict id type: {"type": ..., "ref": synergy ref}
SYN_SORT_BUTTON = "syn-sort-button"  # {"type": ..., "key": column}
SYN_PAGE_BUTTON = "syn-page-button"  # {"type": ..., "dir": "previous" | "next"}

# matrices page
MAT_MODE = "mat-mode"
MAT_SERVICE = "mat-service"
MAT_SERVICES = "mat-services"
MAT_YEARS = "mat-years"
MAT_GROUP = "mat-group"
MAT_CONTROLS_YEARS = "mat-controls-years"
MAT_CONTROLS_SERVICES = "mat-controls-services"
MAT_CONTROLS_GROUP = "mat-controls-group"
MAT_RADAR_AREA = "mat-radar-area"
MAT_RADAR = "mat-radar"
MAT_GRID = "mat-grid"
MAT_HEATMAP = "mat-heatmap"
MAT_DEFINITIONS = "mat-definitions"

# synthesis page
SYN2_MEASURE = "synthesis-measure"
SYN2_TREND_AREA = "synthesis-trend-area"
SYN2_TREND = "synthesis-trend"
SYN2_GRID = "synthesis-grid"
SYN2_HISTORY = "synthesis-history"
SYN2_COMPARE = "synthesis-compare"

# contracts page
CON_AWARDED = "con-awarded"
CON_AWARDED_TABLE = "con-awarded-table"
CON_CHANGES_AREA = "con-changes-area"
CON_CHANGES_TABLE = "con-changes-table"
CON_INCLUDE_PARTIAL = "con-include-partial"
CON_JOINT_TABLE = "con-joint-table"
CON_PIPELINE_AREA = "con-pipeline-area"
CON_PIPELINE_TABLE = "con-pipeline-table"
CON_PIPELINE_TYPE = "con-pipeline-type"
CON_PROCEDURES = "con-procedures"
CON_TOTALS_PROCEDURE = "con-totals-procedure"
CON_TOTALS_TABLE = "con-totals-table"
CON_TOTALS_TYPE = "con-totals-type"

# social indicators page
SOC_ART60 = "soc-art60"
SOC_BASE_YEAR = "soc-base-year"
SOC_HOUSEHOLDS = "soc-households"
SOC_IWEPS_CHART = "soc-iweps-chart"  # dict id: {"type": ..., "code": indicator code}
SOC_IWEPS_TABLE = "soc-iweps-table"
SOC_KEY_FIGURES = "soc-key-figures"
SOC_PLACEMENT_NOTES = "soc-placement-notes"
SOC_PLACEMENT_TOTALS = "soc-placement-totals"
SOC_RIS_AREA = "soc-ris-area"
SOC_RIS_CHART = "soc-ris-chart"
SOC_RIS_GROWTH = "soc-ris-growth"
SOC_RIS_LATEST = "soc-ris-latest"
SOC_THEME_TABLE = "soc-theme-table"

# PST page
PST_OVERVIEW = "pst-overview"
PST_STATUS_CARDS = "pst-status-cards"
PST_TREE = "pst-tree"
PST_TREE_LIST = "pst-tree-list"
PST_FILTERS = "pst-filters"
PST_OS = "pst-os"
PST_STATUS = "pst-status"
PST_RESET = "pst-reset"
PST_RESULTS = "pst-results"
PST_GANTT = "pst-gantt"
PST_TABLE = "pst-table"
PST_SORT_BUTTON = "pst-sort-button"  # dict id: {"type": ..., "key": column}
PST_PAGE_BUTTON = "pst-page-button"  # dict id: {"type": ..., "dir": "previous" | "next"}
PST_DETAIL_BUTTON = "pst-detail-button"  # dict id: {"type": ..., "code": action code}
PST_DETAIL = "pst-detail"
PST_ACTION_BUDGET = "pst-action-budget"
PST_BUDGET_CHART = "pst-budget-chart"
PST_BUDGET_TABLE = "pst-budget-table"

# brussels page
BXL_STAFFING = "bxl-staffing"
BXL_STAFFING_CHART = "bxl-staffing-chart"
BXL_STAFFING_TABLE = "bxl-staffing-table"
BXL_COSTS = "bxl-costs"
BXL_COSTS_LEAD = "bxl-costs-lead"
BXL_COSTS_YEARLY = "bxl-costs-yearly"
BXL_COSTS_CUMULATIVE = "bxl-costs-cumulative"
BXL_COSTS_TABLE = "bxl-costs-table"
BXL_SYNERGIES = "bxl-synergies"
BXL_SYNERGIES_CHART = "bxl-synergies-chart"
BXL_SYNERGIES_TABLE = "bxl-synergies-table"
BXL_WEPULSE = "bxl-wepulse"
BXL_WEPULSE_CHART = "bxl-wepulse-chart"
BXL_WEPULSE_TABLE = "bxl-wepulse-table"

# exports (tables as CSV/XLSX, chart images, the annual report)
EXP_DOWNLOAD = "exp-download"  # the page's one dcc.Download
EXP_TABLES = "exp-tables"  # the "download the tables" section of a page
EXP_TABLE_BUTTON = "exp-table-button"  # dict id: {"type": ..., "table": TableExport.name, "fmt": "csv"|"xlsx"}
EXP_REPORT_CARD = "exp-report-card"  # home page: the annual report card
# quality (404 page)
NOTFOUND_HOME = "notfound-home"
# import page (/gestion/import) and its template download
IMP_UPLOAD = "imp-upload"
IMP_YEAR = "imp-year"
IMP_REPORT = "imp-report"
IMP_CONFIRM = "imp-confirm"
IMP_TOKEN = "imp-token"
IMP_RESULT = "imp-result"
IMP_PROBLEMS_TABLE = "imp-problems-table"
IMP_DIFF_TABLE = "imp-diff-table"
# presentation mode and display themes (issue 5): the deck, its toolbar, the presenter's panel
PRES_DECK = "pres-deck"
PRES_STAGE = "pres-stage"
PRES_COUNTER = "pres-counter"
PRES_EXIT = "pres-exit"
PRES_PANEL = "pres-panel"
PRES_ORDER = "pres-order"
PRES_COMMUNE = "pres-commune"
PRES_YEAR = "pres-year"
PRES_DATE = "pres-date"
PRES_APPLY = "pres-apply"
PRES_PPTX = "pres-pptx"
PRES_PDF = "pres-pdf"
PRES_GRAPH = "pres-graph"  # dict id: {"type": ..., "slide": slide key}
THEME_SELECT = "theme-select"  # display theme (light / dark / contrast), in the filter bar
THEME_STORE = "theme-store"  # the theme chosen, kept in localStorage

# staff area: login, editing forms, audit trail, accounts (issue 6)
STAFF_BAR = "staff-bar"
STAFF_LANG = "staff-lang"  # dcc.Store holding the page language, the last State of staff callbacks
LOGIN_FORM = "login-form"
LOGIN_USERNAME = "login-username"
LOGIN_PASSWORD = "login-password"
LOGIN_SUBMIT = "login-submit"
GMAT_SERVICE = "gmat-service"
GMAT_YEAR = "gmat-year"
GMAT_LEVEL = "gmat-level"  # dict id: {"type": ..., "register": register code}
GMAT_NOTE = "gmat-note"
GMAT_SAVE = "gmat-save"
GMAT_MESSAGE = "gmat-message"
GSYN_PICK = "gsyn-pick"
GSYN_FIELD = "gsyn-field"  # dict id: {"type": ..., "field": synergy field}
GSYN_SAVE = "gsyn-save"
GSYN_MESSAGE = "gsyn-message"
JOURNAL_TABLE = "journal-table"
JOURNAL_UNDO = "journal-undo"  # dict id: {"type": ..., "event": audit event id}
JOURNAL_MESSAGE = "journal-message"
ACC_TABLE = "acc-table"
ACC_DEACTIVATE = "acc-deactivate"  # dict id: {"type": ..., "user": username}
ACC_USERNAME = "acc-username"
ACC_PASSWORD = "acc-password"
ACC_ROLE = "acc-role"
ACC_COMMUNE = "acc-commune"
ACC_SUBMIT = "acc-submit"
ACC_MESSAGE = "acc-message"

# staff accounts administration: remove a role, admin password reset; audit-trail paging
ACC_REMOVE_ROLE = "acc-remove-role"  # dict id: {"type": ..., "user": username, "commune": slug}
ACC_RESET_USERNAME = "acc-reset-username"
ACC_RESET_PASSWORD = "acc-reset-password"
ACC_RESET_SUBMIT = "acc-reset-submit"
JOURNAL_PAGER = "journal-pager"
JOURNAL_PREV = "journal-prev"
JOURNAL_NEXT = "journal-next"
