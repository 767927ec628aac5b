/* Single items written from the interface (store_items.h): a unit, a task with its assigned
 * units, a report's texts, reading them back for a form, a record's history, a locked period. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "scratch_db.h"

#include "xaso/store.h"
#include "xaso/store_items.h"

static char dir[64];
static xaso_store *st;

static int setup(void **state)
{
    (void)state;
    if (scratch_dir_make(dir, sizeof dir, "items") || !(st = scratch_db_open(dir, "x.db")))
        return -1;
    return sqlite3_exec(store_db(st),
                        "INSERT INTO plan (id, key, title) VALUES (1, 'kh', 'Kế hoạch');"
                        "INSERT INTO unit (code, name) VALUES ('vhxh', 'Phòng VH-XH'), "
                        "('ca', 'Công an phường');",
                        NULL, NULL, NULL);
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    return scratch_dir_remove(dir);
}

static void test_unit(void **state)
{
    (void)state;
    xaso_error err;
    xaso_error_clear(&err);
    store_unit u = {"dtb", "Tổ công nghệ số", "group", NULL, "Tổ CNS\nTổ CNSCĐ", true};
    long long id = 0;
    long long audits = db_scalar(st, "SELECT count(*) FROM audit");
    assert_int_equal(store_unit_save(st, 0, &u, &id, &err), 0);
    assert_true(id > 0);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM unit_alias WHERE unit_id = (SELECT id FROM unit WHERE code = 'dtb')"), 2);
    assert_true(db_scalar(st, "SELECT count(*) FROM audit") > audits);
    /* saving the same again writes nothing */
    audits = db_scalar(st, "SELECT count(*) FROM audit");
    long long again = 0;
    assert_int_equal(store_unit_save(st, id, &u, &again, &err), 0);
    assert_int_equal(again, id);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit"), audits);
    /* a code used by another unit is refused */
    store_unit dup = {"vhxh", "Trùng", NULL, NULL, NULL, true};
    assert_int_equal(store_unit_save(st, id, &dup, NULL, &err), XASO_EX_DATAERR);
    assert_non_null(strstr(err.message, "vhxh"));
}

static void test_task(void **state)
{
    (void)state;
    xaso_error err;
    xaso_error_clear(&err);
    store_assignment as[] = {{"vhxh", "lead"}, {"ca", "coordinator"}, {"dtb", "coordinator"}};
    store_task t = {.code = "PL9.1", .name = "Tập huấn kỹ năng số", .assignments = as,
                    .n_assignments = 3, .due_date = "2026-09-30", .timeline_kind = "by-date"};
    long long id = 0;
    assert_int_equal(store_task_save(st, 1, 0, &t, &id, &err), 0);
    char buf[256];
    db_text(st, "SELECT group_concat(u.code || ':' || a.role, ',') FROM (SELECT * FROM task_assignment "
         "ORDER BY pos) a JOIN unit u ON u.id = a.unit_id", buf, sizeof buf);
    assert_string_equal(buf, "vhxh:lead,ca:coordinator,dtb:coordinator");
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit WHERE tbl = 'task_assignment'"), 1);
    /* an unknown unit: refused, and nothing of the task changes */
    store_assignment bad[] = {{"vhxh", "lead"}, {"nope", "coordinator"}};
    store_task t2 = t;
    t2.name = "Đổi tên";
    t2.assignments = bad;
    t2.n_assignments = 2;
    assert_int_equal(store_task_save(st, 1, id, &t2, NULL, &err), XASO_EX_DATAERR);
    db_text(st, "SELECT name FROM task", buf, sizeof buf);
    assert_string_equal(buf, "Tập huấn kỹ năng số");
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM task_assignment"), 3);
    /* replacing the assignments */
    store_assignment one[] = {{"ca", "lead"}};
    t2.assignments = one;
    t2.n_assignments = 1;
    assert_int_equal(store_task_save(st, 1, id, &t2, NULL, &err), 0);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM task_assignment"), 1);
    /* a second task with the same code is refused */
    t.assignments = NULL;
    t.n_assignments = 0;
    assert_int_equal(store_task_save(st, 1, 0, &t, NULL, &err), XASO_EX_DATAERR);
}

static void collect(const char *key, const char *value, void *ctx)
{
    char *buf = ctx;
    size_t n = strlen(buf);
    snprintf(buf + n, 512 - n, "%s=%s;", key, value);
}

static int count_history(const store_history_entry *e, void *ctx)
{
    (void)e;
    (*(int *)ctx)++;
    return 0;
}

static void test_read_back_and_history(void **state)
{
    (void)state;
    xaso_error err;
    xaso_error_clear(&err);
    long long id = db_scalar(st, "SELECT id FROM task WHERE code = 'PL9.1'");
    char buf[512] = "";
    bool found = false;
    assert_int_equal(store_item_texts(st, STORE_ITEM_TASK, id, NULL, collect, buf, &found, &err), 0);
    assert_true(found);
    assert_non_null(strstr(buf, "code=PL9.1;"));
    assert_non_null(strstr(buf, "assignments=ca:lead;"));
    assert_non_null(strstr(buf, "due=2026-09-30;"));
    int n = 0;
    assert_int_equal(store_history(st, "task", id, count_history, &n, &err), 0);
    assert_int_equal(n, 2); /* added, renamed */
    buf[0] = '\0';
    assert_int_equal(store_item_texts(st, STORE_ITEM_TASK_UPDATE, id, "2026Q3", collect, buf, &found, &err), 0);
    assert_false(found);
}

static void test_report_lock(void **state)
{
    (void)state;
    xaso_error err;
    xaso_error_clear(&err);
    bool locked = true;
    assert_int_equal(store_period_locked(st, 1, "2026Q3", &locked, &err), 0);
    assert_false(locked);
    store_value v = SV_TEXT("signer", "Nguyễn Văn A");
    assert_int_equal(store_report_header_set(st, 1, "2026Q3", "", &v, 1, &err), 0);
    assert_int_equal(sqlite3_exec(store_db(st), "UPDATE report SET state = 'finalised'", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(store_period_locked(st, 1, "2026Q3", &locked, &err), 0);
    assert_true(locked);
    store_value w = SV_TEXT("signer", "Người khác");
    assert_int_equal(store_report_header_set(st, 1, "2026Q3", "", &w, 1, &err), XASO_EX_NOPERM);
    char buf[128];
    db_text(st, "SELECT signer FROM report", buf, sizeof buf);
    assert_string_equal(buf, "Nguyễn Văn A");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit),
        cmocka_unit_test(test_task),
        cmocka_unit_test(test_read_back_and_history),
        cmocka_unit_test(test_report_lock),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
