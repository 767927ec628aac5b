#include "schema.h"

/* Never edit a step once released: add a new one. Each step (a NULL-terminated list of statements)
 * runs in its own transaction. */
static const char *const step1[] = {
/* The office that keeps this database. */
    "CREATE TABLE office ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  code TEXT NOT NULL, name TEXT NOT NULL,"
    "  level TEXT NOT NULL CHECK (level IN ('xa','phuong','dac-khu','tinh')),"
    "  province TEXT, created_at TEXT NOT NULL);",

    "CREATE TABLE plan ("
    "  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, symbol TEXT UNIQUE,"
    "  symbol_printed TEXT, title TEXT NOT NULL,"
    "  chain TEXT NOT NULL DEFAULT 'ubnd' CHECK (chain IN ('ubnd','dang')),"
    "  issuer TEXT, level TEXT, place TEXT, date TEXT, date_printed TEXT,"
    "  period_from INTEGER, period_to INTEGER,"
    "  money_unit TEXT NOT NULL DEFAULT 'triệu đồng', signer TEXT, note TEXT,"
    "  archived INTEGER NOT NULL DEFAULT 0);",
    "CREATE TABLE plan_basis ("
    "  id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL, symbol TEXT, kind TEXT, name TEXT, date TEXT, issuer TEXT,"
    "  subject TEXT, note TEXT, UNIQUE (plan_id, pos));",
    "CREATE TABLE plan_horizon ("
    "  id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL, year INTEGER NOT NULL, label TEXT, kind TEXT,"
    "  UNIQUE (plan_id, pos));",
    "CREATE TABLE plan_recipient ("
    "  id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL, name TEXT NOT NULL, purpose TEXT, UNIQUE (plan_id, pos));",

    /* Units belong to the office; plans name them through plan_unit. */
    "CREATE TABLE unit ("
    "  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    "  kind TEXT NOT NULL DEFAULT 'office' CHECK (kind IN ('office','group','external')),"
    "  note TEXT, active INTEGER NOT NULL DEFAULT 1);",
    "CREATE TABLE unit_alias ("
    "  unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,"
    "  alias TEXT NOT NULL, PRIMARY KEY (unit_id, alias));",
    "CREATE TABLE plan_unit ("
    "  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
    "  unit_id INTEGER NOT NULL REFERENCES unit(id), pos INTEGER NOT NULL,"
    "  PRIMARY KEY (plan_id, unit_id));",

    "CREATE TABLE target ("
    "  id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL, code TEXT NOT NULL, section TEXT, pos INTEGER NOT NULL,"
    "  grp TEXT, name TEXT NOT NULL,"
    "  target_text TEXT,"                          /* as printed */
    "  comparator TEXT NOT NULL CHECK (comparator IN"
    "    ('>=','>','=','<=','<','maintain','boolean','text')),"
    "  value REAL, measure_unit TEXT, horizon INTEGER, due TEXT,"
    "  responsible_unit_id INTEGER REFERENCES unit(id),"
    "  numerator TEXT, denominator TEXT,"          /* ratio definition: counts → percentage */
    "  source TEXT, note TEXT, archived INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (plan_id, key));",

    "CREATE TABLE task ("
    "  id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL, code TEXT NOT NULL, section TEXT, pos INTEGER NOT NULL,"
    "  kind TEXT NOT NULL DEFAULT 'task' CHECK (kind IN ('task','solution','duty')),"
    "  grp TEXT, name TEXT NOT NULL, expected_result TEXT,"
    "  timeline_text TEXT,"                        /* as printed */
    "  timeline_kind TEXT NOT NULL DEFAULT 'none', start_date TEXT, due_date TEXT,"
    "  source TEXT, note TEXT, archived INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (plan_id, key));",
    "CREATE TABLE task_assignment ("
    "  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
    "  unit_id INTEGER NOT NULL REFERENCES unit(id),"
    "  role TEXT NOT NULL CHECK (role IN ('lead','coordinator','requested')),"
    "  pos INTEGER NOT NULL, PRIMARY KEY (task_id, unit_id, role));",
    "CREATE INDEX task_assignment_unit ON task_assignment(unit_id, role);",

    "CREATE TABLE project ("
    "  id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL, code TEXT NOT NULL, section TEXT, pos INTEGER NOT NULL,"
    "  grp TEXT, name TEXT NOT NULL, legal_basis TEXT,"
    "  budget_total REAL, budget_province REAL, budget_commune REAL, budget_other REAL,"
    "  year_total REAL, year_province REAL, year_commune REAL, year_other REAL,"
    "  source TEXT, note TEXT, archived INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (plan_id, key));",
    "CREATE TABLE disbursement ("
    "  id INTEGER PRIMARY KEY,"
    "  project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL, period TEXT, date TEXT, amount REAL NOT NULL, note TEXT,"
    "  UNIQUE (project_id, pos));",

    "CREATE TABLE reporting_obligation ("
    "  id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
    "  code TEXT NOT NULL, pos INTEGER NOT NULL, cadence TEXT, deadline_rule TEXT,"
    "  from_text TEXT, to_text TEXT, channel TEXT, content TEXT, source TEXT,"
    "  archived INTEGER NOT NULL DEFAULT 0, UNIQUE (plan_id, code));",

    /* Periods in use (codes as in DOMAIN.md §4); windows are computed by the core rules. */
    "CREATE TABLE period ("
    "  code TEXT PRIMARY KEY, kind TEXT NOT NULL, start_date TEXT NOT NULL,"
    "  end_date TEXT NOT NULL);",

    /* Progress: one update per task and period, one value per target and period. */
    "CREATE TABLE task_update ("
    "  id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
    "  period TEXT NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'not-started' CHECK (status IN"
    "    ('not-started','in-progress','done','done-late','not-done','needs-fix')),"
    "  completion REAL CHECK (completion IS NULL OR (completion >= 0 AND completion <= 100)),"
    "  done_text TEXT, quantity_text TEXT, difficulties TEXT, proposals TEXT,"
    "  updated_at TEXT, updated_by TEXT, UNIQUE (task_id, period));",
    "CREATE TABLE target_value ("
    "  id INTEGER PRIMARY KEY,"
    "  target_id INTEGER NOT NULL REFERENCES target(id) ON DELETE CASCADE,"
    "  period TEXT NOT NULL, value REAL, value_text TEXT, numerator REAL, denominator REAL,"
    "  no_data INTEGER NOT NULL DEFAULT 0, judged_met INTEGER, as_of TEXT, data_source TEXT,"
    "  note TEXT, updated_at TEXT, updated_by TEXT, UNIQUE (target_id, period));",

    /* Evidence files are stored once by content; links say what they prove. */
    "CREATE TABLE evidence_file ("
    "  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64), size INTEGER NOT NULL,"
    "  mime TEXT, added_at TEXT NOT NULL);",
    "CREATE TABLE evidence ("
    "  id INTEGER PRIMARY KEY,"
    "  task_update_id INTEGER NOT NULL REFERENCES task_update(id) ON DELETE CASCADE,"
    "  sha256 TEXT NOT NULL REFERENCES evidence_file(sha256), original_name TEXT NOT NULL,"
    "  appraisal TEXT NOT NULL DEFAULT 'pending' CHECK (appraisal IN"
    "    ('pending','accepted','rejected')),"
    "  appraisal_reason TEXT, appraised_by TEXT, appraised_at TEXT,"
    "  added_at TEXT NOT NULL, added_by TEXT);",

    /* Reports and their lifecycle. sender '' = the whole office, else a unit code. */
    "CREATE TABLE report ("
    "  id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
    "  period TEXT NOT NULL, sender TEXT NOT NULL DEFAULT '',"
    "  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN"
    "    ('draft','finalised','packaged','submitted','returned')),"
    "  symbol TEXT, difficulties TEXT, proposals TEXT, next_tasks TEXT, signer TEXT,"
    "  finalised_at TEXT, finalised_by TEXT, returned_reason TEXT,"
    "  UNIQUE (plan_id, period, sender));",
    "CREATE TABLE report_event ("
    "  id INTEGER PRIMARY KEY,"
    "  report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,"
    "  at TEXT NOT NULL, actor TEXT, from_state TEXT, to_state TEXT NOT NULL, note TEXT);",

    /* Every change: who, when, what, old and new values (JSON objects of the changed fields). */
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT, os_user TEXT,"
    "  action TEXT NOT NULL, tbl TEXT NOT NULL, row_id INTEGER, old TEXT, new TEXT);",
    "CREATE INDEX audit_row ON audit(tbl, row_id);",
    NULL};

const char *const *const store_migrations[] = {step1};
const size_t store_migration_count = sizeof store_migrations / sizeof store_migrations[0];
