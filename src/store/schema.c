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

/* Step 2 (issue 6): search. One FTS5 row per searchable field of a record: rowid
 * (id * 8 + kind) * 8 + field, kind 1 plan, 2 target, 3 task, 4 project, 5 unit, 6 update (task_update),
 * 7 evidence. `body` is the text with đ/Đ replaced by d/D (unicode61 with remove_diacritics 2 folds
 * case and every other Vietnamese mark, but not đ); `original` is the text as stored. Triggers keep
 * it in the same transaction as every change, using only built-in SQL so that any client keeps it
 * right. See include/xaso/store_search.h. */
#define SEARCH_ROW(kindn, kind, plan, archived, fieldn, field, col, from)                          \
    "SELECT (id * 8 + " #kindn ") * 8 + " #fieldn " AS rid, '" kind "' AS kind, id AS row_id, "     \
    plan " AS plan_id, '" field "' AS field, " archived " AS archived, " col " AS t FROM " from
#define SEARCH_INSERT(rows)                                                                        \
    "INSERT INTO search_index (rowid, kind, row_id, plan_id, field, archived, original, body) "     \
    "SELECT rid, kind, row_id, plan_id, field, archived, t, "                                      \
    "replace(replace(t, 'đ', 'd'), 'Đ', 'D') FROM (" rows ") WHERE t IS NOT NULL AND trim(t) <> ''"
#define SEARCH_DELETE(kindn, id)                                                                   \
    "DELETE FROM search_index WHERE rowid BETWEEN (" id " * 8 + " #kindn ") * 8 AND (" id " * 8 + " \
    #kindn ") * 8 + 7"
#define SEARCH_TRIGGERS(table, kindn, rows)                                                        \
    "CREATE TRIGGER search_" table "_insert AFTER INSERT ON " table " BEGIN "                      \
    SEARCH_INSERT(rows(table " WHERE id = new.id")) "; END;",                                      \
    "CREATE TRIGGER search_" table "_update AFTER UPDATE ON " table " BEGIN "                     \
    SEARCH_DELETE(kindn, "old.id") "; " SEARCH_INSERT(rows(table " WHERE id = new.id")) "; END;",  \
    "CREATE TRIGGER search_" table "_delete AFTER DELETE ON " table " BEGIN "                     \
    SEARCH_DELETE(kindn, "old.id") "; END;",                                                       \
    SEARCH_INSERT(rows(table)) ";"

#define SEARCH_PLAN_ROWS(from)                                                                     \
    SEARCH_ROW(1, "plan", "id", "archived", 0, "title", "title", from) " UNION ALL "               \
    SEARCH_ROW(1, "plan", "id", "archived", 1, "symbol", "coalesce(symbol_printed, symbol)", from)
#define SEARCH_TARGET_ROWS(from)                                                                   \
    SEARCH_ROW(2, "target", "plan_id", "archived", 0, "name", "name", from) " UNION ALL "          \
    SEARCH_ROW(2, "target", "plan_id", "archived", 1, "note", "note", from)
#define SEARCH_TASK_ROWS(from)                                                                     \
    SEARCH_ROW(3, "task", "plan_id", "archived", 0, "name", "name", from) " UNION ALL "            \
    SEARCH_ROW(3, "task", "plan_id", "archived", 1, "expected_result", "expected_result", from)    \
    " UNION ALL " SEARCH_ROW(3, "task", "plan_id", "archived", 2, "note", "note", from)
#define SEARCH_PROJECT_ROWS(from)                                                                  \
    SEARCH_ROW(4, "project", "plan_id", "archived", 0, "name", "name", from) " UNION ALL "         \
    SEARCH_ROW(4, "project", "plan_id", "archived", 1, "legal_basis", "legal_basis", from)         \
    " UNION ALL " SEARCH_ROW(4, "project", "plan_id", "archived", 2, "note", "note", from)
#define SEARCH_UNIT_ALIASES "(SELECT group_concat(alias, ', ') FROM unit_alias WHERE unit_id = unit.id)"
#define SEARCH_UNIT_ROWS(from)                                                                     \
    SEARCH_ROW(5, "unit", "NULL", "NOT active", 0, "name", "name", from) " UNION ALL "             \
    SEARCH_ROW(5, "unit", "NULL", "NOT active", 1, "aliases", SEARCH_UNIT_ALIASES, from)           \
    " UNION ALL " SEARCH_ROW(5, "unit", "NULL", "NOT active", 2, "note", "note", from)
#define SEARCH_UPDATE_PLAN "(SELECT plan_id FROM task WHERE task.id = task_update.task_id)"
#define SEARCH_UPDATE_ROWS(from)                                                                   \
    SEARCH_ROW(6, "update", SEARCH_UPDATE_PLAN, "0", 0, "done_text", "done_text", from)           \
    " UNION ALL " SEARCH_ROW(6, "update", SEARCH_UPDATE_PLAN, "0", 1, "quantity_text",             \
                             "quantity_text", from)                                                \
    " UNION ALL " SEARCH_ROW(6, "update", SEARCH_UPDATE_PLAN, "0", 2, "difficulties",              \
                             "difficulties", from)                                                 \
    " UNION ALL " SEARCH_ROW(6, "update", SEARCH_UPDATE_PLAN, "0", 3, "proposals", "proposals", from)
#define SEARCH_EVIDENCE_PLAN                                                                       \
    "(SELECT t.plan_id FROM task_update u JOIN task t ON t.id = u.task_id"                        \
    " WHERE u.id = evidence.task_update_id)"
#define SEARCH_EVIDENCE_ROWS(from)                                                                 \
    SEARCH_ROW(7, "evidence", SEARCH_EVIDENCE_PLAN, "0", 0, "original_name", "original_name", from)
/* Aliases live in their own table: refresh the unit's rows when they change. */
#define SEARCH_UNIT_REFRESH(id)                                                                    \
    SEARCH_DELETE(5, id) "; " SEARCH_INSERT(SEARCH_UNIT_ROWS("unit WHERE id = " id)) "; "

static const char *const step2[] = {
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "  body, original UNINDEXED, kind UNINDEXED, row_id UNINDEXED, plan_id UNINDEXED,"
    "  field UNINDEXED, archived UNINDEXED,"
    "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');",
    SEARCH_TRIGGERS("plan", 1, SEARCH_PLAN_ROWS),
    SEARCH_TRIGGERS("target", 2, SEARCH_TARGET_ROWS),
    SEARCH_TRIGGERS("task", 3, SEARCH_TASK_ROWS),
    SEARCH_TRIGGERS("project", 4, SEARCH_PROJECT_ROWS),
    SEARCH_TRIGGERS("unit", 5, SEARCH_UNIT_ROWS),
    SEARCH_TRIGGERS("task_update", 6, SEARCH_UPDATE_ROWS),
    SEARCH_TRIGGERS("evidence", 7, SEARCH_EVIDENCE_ROWS),
    "CREATE TRIGGER search_unit_alias_insert AFTER INSERT ON unit_alias BEGIN "
    SEARCH_UNIT_REFRESH("new.unit_id") "END;",
    "CREATE TRIGGER search_unit_alias_update AFTER UPDATE ON unit_alias BEGIN "
    SEARCH_UNIT_REFRESH("old.unit_id") SEARCH_UNIT_REFRESH("new.unit_id") "END;",
    "CREATE TRIGGER search_unit_alias_delete AFTER DELETE ON unit_alias BEGIN "
    SEARCH_UNIT_REFRESH("old.unit_id") "END;",
    NULL};


/* Step 3 (issue 9): staff accounts. PINs only as PBKDF2-HMAC-SHA256 (hex hash and salt, the
 * iteration count kept per row); failed sign-ins counted here so that a restart does not reset
 * them; one row of sign-in policy; audit rows name the account (account_id; actor holds its name).
 * See include/xaso/store_account.h. */
static const char *const step3[] = {
    "CREATE TABLE account ("
    "  id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL,"
    "  unit_id INTEGER REFERENCES unit(id),"
    "  role TEXT NOT NULL CHECK (role IN ('admin','unit','viewer')),"
    "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
    "  pin_hash TEXT NOT NULL, pin_salt TEXT NOT NULL,"
    "  kdf TEXT NOT NULL DEFAULT 'pbkdf2-sha256' CHECK (kdf IN ('pbkdf2-sha256')),"
    "  kdf_iterations INTEGER NOT NULL CHECK (kdf_iterations > 0),"
    "  failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until TEXT,"
    "  created_at TEXT NOT NULL,"
    "  CHECK (role <> 'unit' OR unit_id IS NOT NULL));",
    "CREATE TABLE signin_policy ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 100),"
    "  lock_seconds INTEGER NOT NULL DEFAULT 60 CHECK (lock_seconds BETWEEN 1 AND 86400),"
    "  idle_minutes INTEGER NOT NULL DEFAULT 15 CHECK (idle_minutes BETWEEN 0 AND 1440));",
    "INSERT INTO signin_policy (id) VALUES (1);",
    "ALTER TABLE audit ADD COLUMN account_id INTEGER;",
    NULL};

/* Step 4 (issue 8): receiving bundles. Who must report (sender), every bundle taken in
 * (received_bundle: one 'current' per sender, plan and period; older ones 'superseded', late
 * older ones 'ignored', returned ones 'returned'), the received data (recv_*, kept apart from
 * this office's own plan tables) and the import receipts (JSON, like a DHIS2 import summary).
 * See include/xaso/receive.h. */
static const char *const step4[] = {
    "CREATE TABLE sender ("
    "  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, level TEXT,"
    "  expected INTEGER NOT NULL DEFAULT 1 CHECK (expected IN (0, 1)),"
    "  learned INTEGER NOT NULL DEFAULT 0 CHECK (learned IN (0, 1)), added_at TEXT NOT NULL);",
    "CREATE TABLE received_bundle ("
    "  id INTEGER PRIMARY KEY, sender_id INTEGER NOT NULL REFERENCES sender(id),"
    "  plan_key TEXT NOT NULL, plan_symbol TEXT, plan_title TEXT, period TEXT NOT NULL,"
    "  file_name TEXT, sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),"
    "  payload_sha256 TEXT NOT NULL, bagging_date TEXT, finalised_at TEXT,"
    "  office_code TEXT, office_name TEXT, unit TEXT, sender_name TEXT,"
    "  difficulties TEXT, proposals TEXT, next_tasks TEXT,"
    "  state TEXT NOT NULL CHECK (state IN ('current','superseded','ignored','returned')),"
    "  imported_at TEXT NOT NULL, imported_by TEXT, returned_at TEXT, returned_reason TEXT,"
    "  receipt_id INTEGER);",
    "CREATE INDEX received_bundle_key ON received_bundle(sender_id, plan_key, period);",
    "CREATE INDEX received_bundle_period ON received_bundle(period, state);",
    "CREATE TABLE recv_target ("
    "  bundle_id INTEGER NOT NULL REFERENCES received_bundle(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL, code TEXT, section TEXT, name TEXT NOT NULL, comparator TEXT,"
    "  target_value REAL, measure_unit TEXT, has_value INTEGER NOT NULL DEFAULT 0,"
    "  value REAL, value_text TEXT, numerator REAL, denominator REAL,"
    "  no_data INTEGER NOT NULL DEFAULT 0, verdict TEXT, as_of TEXT, data_source TEXT,"
    "  note TEXT, PRIMARY KEY (bundle_id, key));",
    "CREATE TABLE recv_task ("
    "  bundle_id INTEGER NOT NULL REFERENCES received_bundle(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL, code TEXT, section TEXT, kind TEXT, name TEXT NOT NULL,"
    "  timeline_kind TEXT, start_date TEXT, due_date TEXT, leads TEXT, warnings TEXT,"
    "  has_update INTEGER NOT NULL DEFAULT 0, status TEXT, counted_status TEXT,"
    "  completion REAL, done_text TEXT, difficulties TEXT, proposals TEXT,"
    "  evidence_count INTEGER, updated_at TEXT, PRIMARY KEY (bundle_id, key));",
    "CREATE TABLE recv_project ("
    "  bundle_id INTEGER NOT NULL REFERENCES received_bundle(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL, code TEXT, name TEXT NOT NULL, budget_total REAL, year_total REAL,"
    "  disbursed REAL, money_unit TEXT, PRIMARY KEY (bundle_id, key));",
    "CREATE TABLE receipt ("
    "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT, file_name TEXT, sha256 TEXT,"
    "  sender_code TEXT, plan_key TEXT, period TEXT,"
    "  status TEXT NOT NULL CHECK (status IN"
    "    ('imported','updated','unchanged','ignored','rejected','returned')),"
    "  conflicts INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL);",
    "CREATE INDEX receipt_period ON receipt(period);",
    NULL};

const char *const *const store_migrations[] = {step1, step2, step3, step4};
const size_t store_migration_count = sizeof store_migrations / sizeof store_migrations[0];
