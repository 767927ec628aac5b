/* The store on real SQLite files: pragmas, audited row sync, migrations with a backup, refusing a
 * newer database, progress and the report lifecycle (a finalised period is locked). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "scratch_db.h"

#include "../../src/store/migrate.h"
#include "xaso/planio.h"
#include "xaso/store.h"
#include "xaso/store_plan.h"
#include "xaso/store_progress.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    return scratch_dir_make(dir, sizeof dir, "store");
}

static int teardown(void **state)
{
    (void)state;
    return scratch_dir_remove(dir);
}

static xaso_store *open_new(const char *name)
{
    xaso_store *st = scratch_db_open(dir, name);
    assert_non_null(st);
    return st;
}

static void test_open_pragmas(void **state)
{
    (void)state;
    xaso_store *st = open_new("a.db");
    char buf[64];
    assert_string_equal(db_text(st, "PRAGMA journal_mode", buf, sizeof buf), "wal");
    assert_int_equal(db_scalar(st, "PRAGMA foreign_keys"), 1);
    assert_int_equal(db_scalar(st, "PRAGMA synchronous"), 2); /* FULL */
    assert_int_equal(db_scalar(st, "PRAGMA user_version"), store_schema_version());
    assert_string_equal(db_text(st, "SELECT fold('Đảng ủy CHUYỂN ĐỔI số')", buf, sizeof buf),
                        "dang uy chuyen doi so");
    struct stat sb;
    char path[128];
    snprintf(path, sizeof path, "%s/a.db", dir);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    store_close(st);
    /* opening a missing file without CREATE fails and creates nothing */
    xaso_error err;
    snprintf(path, sizeof path, "%s/missing.db", dir);
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &st, &err), XASO_EX_NOINPUT);
    assert_int_equal(access(path, F_OK), -1);
}

static void test_sync_row_audit(void **state)
{
    (void)state;
    xaso_store *st = open_new("b.db");
    xaso_error err;
    store_set_actor(st, "Nguyễn Văn A");
    store_value key[] = {SV_TEXT("code", "vhxh")};
    store_value cols[] = {SV_TEXT("name", "Phòng Văn hóa - Xã hội"), SV_TEXT("kind", "office")};
    long long id;
    store_sync_result r;
    assert_int_equal(store_begin(st, "test", &err), 0);
    assert_int_equal(store_sync_row(st, "unit", key, 1, cols, 2, &id, &r, &err), 0);
    assert_int_equal(r, SYNC_INSERTED);
    assert_int_equal(store_sync_row(st, "unit", key, 1, cols, 2, &id, &r, &err), 0);
    assert_int_equal(r, SYNC_UNCHANGED);
    store_value renamed[] = {SV_TEXT("name", "Phòng VH-XH"), SV_TEXT("kind", "office")};
    assert_int_equal(store_sync_row(st, "unit", key, 1, renamed, 2, &id, &r, &err), 0);
    assert_int_equal(r, SYNC_UPDATED);
    assert_int_equal(store_commit(st, &err), 0);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit"), 2); /* insert + update, not the no-op */
    char buf[256];
    assert_string_equal(db_text(st, "SELECT old FROM audit WHERE id = 2", buf, sizeof buf),
                        "{\"name\": \"Phòng Văn hóa - Xã hội\"}");
    assert_string_equal(db_text(st, "SELECT new FROM audit WHERE id = 2", buf, sizeof buf),
                        "{\"name\": \"Phòng VH-XH\"}");
    assert_string_equal(db_text(st, "SELECT actor FROM audit WHERE id = 2", buf, sizeof buf),
                        "Nguyễn Văn A");
    /* a rolled-back action leaves nothing */
    assert_int_equal(store_begin(st, "test", &err), 0);
    store_value other[] = {SV_TEXT("code", "ca")};
    assert_int_equal(store_sync_row(st, "unit", other, 1, cols, 2, &id, &r, &err), 0);
    store_rollback(st);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM unit"), 1);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit"), 2);
    store_close(st);
}

static const char *const extra_step[] = {"CREATE TABLE extra (x INTEGER)", NULL};

static void test_migration_backup_and_newer(void **state)
{
    (void)state;
    xaso_store *st = open_new("c.db");
    xaso_error err;
    xaso_error_clear(&err);
    assert_int_equal(store_begin(st, "test", &err), 0);
    store_value key[] = {SV_TEXT("code", "vhxh")};
    store_value cols[] = {SV_TEXT("name", "Phòng Văn hóa - Xã hội")};
    long long id;
    store_sync_result r;
    assert_int_equal(store_sync_row(st, "unit", key, 1, cols, 1, &id, &r, &err), 0);
    assert_int_equal(store_commit(st, &err), 0);
    /* upgrade through one more step: a backup copy first, then the new schema */
    /* the program's steps are applied already (never run again: NULL), then one more */
    size_t latest = (size_t)store_schema_version();
    const char *const *upgraded[32] = {NULL};
    assert_true(latest < 31);
    upgraded[latest] = extra_step;
    setenv("XASO_NOW", "2026-11-23T10:00:00Z", 1);
    assert_int_equal(store_migrate(st, upgraded, latest + 1, &err), 0);
    unsetenv("XASO_NOW");
    assert_int_equal(db_scalar(st, "PRAGMA user_version"), (long long)latest + 1);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM extra"), 0);
    char backup[160];
    snprintf(backup, sizeof backup, "%s/c.db.before-v%zu-20261123T100000Z.bak", dir, latest + 1);
    xaso_store *old = NULL;
    assert_int_equal(store_open(backup, STORE_OPEN_EXISTING, &old, &err), 0);
    assert_int_equal(db_scalar(old, "SELECT count(*) FROM unit"), 1);
    store_close(old);
    /* the program's own table is now older than the database: refused */
    assert_int_equal(store_migrate(st, upgraded, latest, &err), XASO_EX_DATAERR);
    assert_non_null(strstr(err.message, "newer"));
    store_close(st);
}

static xaso_store *with_plan(const char *name, long long *plan_id, long long *task_id,
                             long long *target_id)
{
    xaso_store *st = open_new(name);
    xaso_error err;
    xaso_plan *plan = planio_load("tests/fixtures/small-plan.yaml", &err);
    assert_non_null(plan);
    plan_import_result res;
    int rc = store_plan_import(st, plan, &res, &err);
    if (rc)
        print_error("%s\n", err.message);
    assert_int_equal(rc, 0);
    plan_free(plan);
    *plan_id = res.plan_id;
    *task_id = db_scalar(st, "SELECT id FROM task WHERE code = '1'");
    *target_id = db_scalar(st, "SELECT id FROM target WHERE code = 'I.2'");
    return st;
}

static void test_progress_and_lock(void **state)
{
    (void)state;
    long long plan, task, target;
    xaso_store *st = with_plan("d.db", &plan, &task, &target);
    xaso_error err;
    xaso_error_clear(&err);
    store_value upd[] = {SV_TEXT("status", "in-progress"), SV_REAL("completion", 40)};
    long long row;
    assert_int_equal(store_task_update_set(st, task, "2026Q3", upd, 2, &row, &err), 0);
    assert_int_equal(db_scalar(st, "SELECT completion FROM task_update"), 40);
    assert_int_equal(store_task_update_set(st, task, "2026Q5", upd, 2, &row, &err),
                     XASO_EX_DATAERR);
    /* counts give the value */
    store_value counts[] = {SV_REAL("numerator", 150), SV_REAL("denominator", 200)};
    assert_int_equal(store_target_value_set(st, target, "2026Q3", counts, 2, &row, &err), 0);
    assert_int_equal(db_scalar(st, "SELECT value FROM target_value"), 75);
    store_value zero[] = {SV_REAL("numerator", 1), SV_REAL("denominator", 0)};
    assert_int_equal(store_target_value_set(st, target, "2026Q3", zero, 2, &row, &err),
                     XASO_EX_DATAERR);
    /* finalising locks the period; reopening needs a reason and is recorded */
    long long report;
    report_state rs;
    assert_int_equal(store_report_get(st, plan, "2026Q3", "", &report, &rs, &err), 0);
    assert_int_equal(rs, REPORT_DRAFT);
    assert_int_equal(store_report_transition(st, report, REPORT_SUBMITTED, NULL, &err),
                     XASO_EX_DATAERR);
    assert_int_equal(store_report_transition(st, report, REPORT_FINALISED, NULL, &err), 0);
    store_value more[] = {SV_REAL("completion", 50)};
    assert_int_equal(store_task_update_set(st, task, "2026Q3", more, 1, &row, &err),
                     XASO_EX_NOPERM);
    assert_int_equal(db_scalar(st, "SELECT completion FROM task_update"), 40);
    assert_int_equal(store_report_transition(st, report, REPORT_DRAFT, "", &err),
                     XASO_EX_DATAERR);
    assert_int_equal(store_report_transition(st, report, REPORT_DRAFT, "Sửa số liệu", &err), 0);
    assert_int_equal(store_task_update_set(st, task, "2026Q3", more, 1, &row, &err), 0);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM report_event"), 2);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit WHERE action = 'report.reopen'"), 1);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_pragmas),
        cmocka_unit_test(test_sync_row_audit),
        cmocka_unit_test(test_migration_backup_and_newer),
        cmocka_unit_test(test_progress_and_lock),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
