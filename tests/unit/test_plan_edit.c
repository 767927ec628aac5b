/* Plan structure edited from the interface (store_items.h): a target with its parts from the
 * printed text, a project with its disbursements, the plan header with its lists — plan import's
 * rules, refusals that change nothing, audit rows only for what changed. */
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
    if (scratch_dir_make(dir, sizeof dir, "plan-edit") || !(st = scratch_db_open(dir, "x.db")))
        return -1;
    return sqlite3_exec(store_db(st),
                        "INSERT INTO plan (id, key, symbol, title) VALUES (1, 'kh', '27/KH-UBND', 'Kế hoạch'),"
                        " (2, 'kh2', '30/KH-UBND', 'Kế hoạch khác');"
                        "INSERT INTO unit (code, name) VALUES ('vhxh', 'Phòng VH-XH');",
                        NULL, NULL, NULL);
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    return scratch_dir_remove(dir);
}

static void test_target(void **state)
{
    (void)state;
    xaso_error err;
    xaso_error_clear(&err);
    plan_target t = {.code = "I.1", .name = "Tỷ lệ hồ sơ trực tuyến", .target = "trên 100%",
                     .responsible = "vhxh", .due = XASO_DATE_NONE};
    long long id = 0;
    assert_int_equal(store_target_save(st, 1, 0, &t, &id, &err), 0);
    char buf[256];
    db_text(st, "SELECT key || '|' || comparator || '|' || value || '|' || measure_unit || '|' || "
         "target_text FROM target WHERE code = 'I.1'", buf, sizeof buf);
    assert_string_equal(buf, "I.1|>|100.0|%|trên 100%");
    /* the responsible unit joins the plan's units, so that an exported plan declares it */
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM plan_unit WHERE plan_id = 1"), 1);
    /* "7.100" is seven thousand one hundred, as plan import reads it */
    plan_target n = {.code = "I.2", .section = "PL1", .name = "Lượt truy cập", .target = "7.100 lượt",
                     .due = XASO_DATE_NONE};
    assert_int_equal(store_target_save(st, 1, 0, &n, NULL, &err), 0);
    db_text(st, "SELECT key || '|' || value || '|' || measure_unit FROM target WHERE code = 'I.2'", buf, sizeof buf);
    assert_string_equal(buf, "PL1/I.2|7100.0|lượt");
    /* the same code in another section is another target; in the same section it is refused */
    long long audits = db_scalar(st, "SELECT count(*) FROM audit");
    plan_target dup = {.code = "I.1", .name = "Trùng mã", .due = XASO_DATE_NONE};
    assert_int_equal(store_target_save(st, 1, 0, &dup, NULL, &err), XASO_EX_DATAERR);
    assert_non_null(strstr(err.message, "I.1"));
    xaso_error_clear(&err);
    plan_target unknown = {.code = "I.3", .name = "Không rõ đơn vị", .responsible = "khong-co",
                           .due = XASO_DATE_NONE};
    assert_int_equal(store_target_save(st, 1, 0, &unknown, NULL, &err), XASO_EX_DATAERR);
    xaso_error_clear(&err);
    plan_target bad = {.code = "I.4", .name = "So sánh lạ", .comparator = "~", .due = XASO_DATE_NONE};
    assert_int_equal(store_target_save(st, 1, 0, &bad, NULL, &err), XASO_EX_DATAERR);
    xaso_error_clear(&err);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit"), audits);
    /* editing: one audit row with the changed fields only; saving it again writes nothing */
    t.comparator = ">";
    t.value = (plan_number){true, 100};
    t.unit = "%";
    t.name = "Tỷ lệ hồ sơ nộp trực tuyến";
    long long same = 0;
    assert_int_equal(store_target_save(st, 1, id, &t, &same, &err), 0);
    assert_int_equal(same, id);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit"), audits + 1);
    db_text(st, "SELECT new FROM audit ORDER BY id DESC LIMIT 1", buf, sizeof buf);
    assert_string_equal(buf, "{\"name\": \"Tỷ lệ hồ sơ nộp trực tuyến\"}");
    assert_int_equal(store_target_save(st, 1, id, &t, NULL, &err), 0);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit"), audits + 1);
}

static void test_project(void **state)
{
    (void)state;
    xaso_error err;
    xaso_error_clear(&err);
    plan_disbursement d[2] = {{"2026Q2", NULL, XASO_DATE_NONE, {true, 100}},
                              {"2026Q3", "đợt 2", XASO_DATE_NONE, {true, 250.5}}};
    plan_project p = {.code = "1", .section = "A.II", .name = "Nâng cấp mạng LAN",
                      .budget = {{true, 1500}, {true, 1200}, {true, 300}, {false, 0}},
                      .disbursements = d, .n_disbursements = 2};
    long long id = 0;
    assert_int_equal(store_project_save(st, 1, 0, &p, &id, &err), 0);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM disbursement"), 2);
    assert_int_equal(db_scalar(st, "SELECT budget_province FROM project WHERE key = 'A.II/1'"), 1200);
    /* a shorter list deletes the rest, audited */
    p.n_disbursements = 1;
    assert_int_equal(store_project_save(st, 1, id, &p, NULL, &err), 0);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM disbursement"), 1);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit WHERE tbl = 'disbursement' AND old LIKE '%deleted%'"), 1);
    /* an amount is required; a code taken in the section is refused */
    d[0].amount.set = false;
    assert_int_equal(store_project_save(st, 1, id, &p, NULL, &err), XASO_EX_DATAERR);
    xaso_error_clear(&err);
    d[0].amount.set = true;
    plan_project dup = {.code = "1", .section = "A.II", .name = "Trùng"};
    assert_int_equal(store_project_save(st, 1, 0, &dup, NULL, &err), XASO_EX_DATAERR);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM project"), 1);
}

static void test_header(void **state)
{
    (void)state;
    xaso_error err;
    xaso_error_clear(&err);
    plan_horizon hz[2] = {{2025, "Đến năm 2025", "target"}, {2030, "Định hướng đến năm 2030", "orientation"}};
    plan_header h = {.title = "Kế hoạch (sửa đổi)", .symbol = "27/KH-UBND", .chain = "ubnd",
                     .date = XASO_DATE_NONE, .period = {2026, 2026}, .horizons = hz,
                     .n_horizons = 2};
    assert_int_equal(store_plan_header_save(st, 1, &h, &err), 0);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM plan_horizon WHERE plan_id = 1"), 2);
    char buf[256];
    db_text(st, "SELECT title || '|' || money_unit FROM plan WHERE id = 1", buf, sizeof buf);
    assert_string_equal(buf, "Kế hoạch (sửa đổi)|triệu đồng");
    long long audits = db_scalar(st, "SELECT count(*) FROM audit");
    /* refusals change nothing: the period backwards, another plan's symbol, no title */
    h.period = (plan_years){2027, 2026};
    assert_int_equal(store_plan_header_save(st, 1, &h, &err), XASO_EX_DATAERR);
    xaso_error_clear(&err);
    h.period = (plan_years){2026, 2026};
    h.symbol = "30/KH-UBND";
    assert_int_equal(store_plan_header_save(st, 1, &h, &err), XASO_EX_DATAERR);
    assert_non_null(strstr(err.message, "30/KH-UBND"));
    xaso_error_clear(&err);
    h.symbol = "27/KH-UBND";
    h.title = "";
    assert_int_equal(store_plan_header_save(st, 1, &h, &err), XASO_EX_DATAERR);
    xaso_error_clear(&err);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit"), audits);
    /* one horizon fewer */
    h.title = "Kế hoạch (sửa đổi)";
    h.horizons = &hz[1];
    h.n_horizons = 1;
    assert_int_equal(store_plan_header_save(st, 1, &h, &err), 0);
    db_text(st, "SELECT group_concat(year) FROM plan_horizon WHERE plan_id = 1", buf, sizeof buf);
    assert_string_equal(buf, "2030");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_target),
        cmocka_unit_test(test_project),
        cmocka_unit_test(test_header),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
