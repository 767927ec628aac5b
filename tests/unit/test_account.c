/* Staff accounts in the store: the single-user office, the first administrator, PINs kept only as
 * PBKDF2, signing in with its failure counter and locks (kept across restarts), the permission
 * gate in every write API (refusals change nothing), and audit rows that name the account. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scratch_db.h"

#include <openssl/evp.h>

#include "../../src/store/schema.h"
#include "xaso/planio.h"
#include "xaso/store.h"
#include "xaso/store_account.h"
#include "xaso/store_office.h"
#include "xaso/store_plan.h"
#include "xaso/store_progress.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    setenv("XASO_TEST_KDF_ITERATIONS", "1000", 1);
    return scratch_dir_make(dir, sizeof dir, "account");
}

static int teardown(void **state)
{
    (void)state;
    return scratch_dir_remove(dir);
}

static xaso_store *open_db(const char *name)
{
    xaso_store *st = scratch_db_open(dir, name);
    assert_non_null(st);
    return st;
}

typedef struct {
    long long plan, task1, task2, target_resp, target_none;
} ids;

/* The small plan: task 1 led by vhxh, coordinated by ca-xa, requested of vien-thong; task 2 led by
 * vhxh; target I.2 with vhxh responsible, I.1 with nobody. */
static xaso_store *with_plan(const char *name, ids *id)
{
    xaso_store *st = open_db(name);
    xaso_error err;
    xaso_error_clear(&err);
    xaso_plan *plan = planio_load("tests/fixtures/small-plan.yaml", &err);
    assert_non_null(plan);
    plan_import_result res;
    assert_int_equal(store_plan_import(st, plan, &res, &err), 0);
    plan_free(plan);
    id->plan = res.plan_id;
    id->task1 = db_scalar(st, "SELECT id FROM task WHERE code = '1'");
    id->task2 = db_scalar(st, "SELECT id FROM task WHERE code = '2'");
    id->target_resp = db_scalar(st, "SELECT id FROM target WHERE code = 'I.2'");
    id->target_none = db_scalar(st, "SELECT id FROM target WHERE code = 'I.1'");
    return st;
}

static void add(xaso_store *st, const char *login, const char *name, xaso_role role,
                const char *unit, const char *pin)
{
    xaso_error err;
    xaso_error_clear(&err);
    account_spec spec = {login, name, role, unit};
    int rc = store_account_add(st, &spec, pin, NULL, &err);
    if (rc)
        print_error("%s\n", err.message);
    assert_int_equal(rc, 0);
}

static void sign_in(xaso_store *st, const char *login, const char *pin)
{
    xaso_error err;
    xaso_error_clear(&err);
    signin_result res;
    int rc = store_account_authenticate(st, login, pin, NULL, &res, &err);
    if (rc)
        print_error("%s\n", err.message);
    assert_int_equal(rc, 0);
    assert_int_equal(res.status, SIGNIN_OK);
}

/* The office of the "done when": an administrator and staff of three units and a viewer. */
static xaso_store *office(const char *name, ids *id)
{
    xaso_store *st = with_plan(name, id);
    add(st, "lan", "Nguyễn Thị Lan", ROLE_ADMIN, NULL, "lan-2026");
    sign_in(st, "lan", "lan-2026");
    add(st, "hoa", "Lê Thị Hoa", ROLE_UNIT, "vhxh", "hoa-2026");
    add(st, "binh", "Trần Văn Bình", ROLE_UNIT, "ca-xa", "binh-2026");
    add(st, "vt", "Phạm Viễn Thông", ROLE_UNIT, "vien-thong", "vt-20261");
    add(st, "chu.tich", "Hoàng Văn Chủ", ROLE_VIEWER, NULL, "ct-2026");
    store_set_account(st, NULL);
    return st;
}

static int task_update(xaso_store *st, long long task, double completion, xaso_error *err)
{
    store_value cols[] = {SV_REAL("completion", completion)};
    xaso_error_clear(err);
    return store_task_update_set(st, task, "2026Q3", cols, 1, NULL, err);
}

static int target_value(xaso_store *st, long long target, double value, xaso_error *err)
{
    store_value cols[] = {SV_REAL("value", value)};
    xaso_error_clear(err);
    return store_target_value_set(st, target, "2026Q3", cols, 1, NULL, err);
}

static void test_single_user_office(void **state)
{
    (void)state;
    ids id;
    xaso_store *st = with_plan("single.db", &id);
    xaso_error err;
    long long n;
    assert_int_equal(store_account_count(st, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_null(store_account_current(st));
    for (int a = 0; a < XASO_PERMISSION_ACTION_COUNT; a++)
        assert_int_equal(store_authorize(st, (permission_action)a, OWNERSHIP_NONE, &err), 0);
    assert_int_equal(task_update(st, id.task2, 30, &err), 0);
    char buf[256], os[256];
    assert_string_equal(db_text(st, "SELECT actor FROM audit ORDER BY id DESC LIMIT 1", buf, sizeof buf),
                        db_text(st, "SELECT os_user FROM audit ORDER BY id DESC LIMIT 1", os, sizeof os));
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit WHERE account_id IS NOT NULL"), 0);
    /* the policy has its defaults */
    signin_policy p;
    assert_int_equal(store_signin_policy_get(st, &p, &err), 0);
    assert_int_equal(p.max_attempts, 5);
    assert_int_equal(p.lock_seconds, 60);
    assert_int_equal(p.idle_minutes, 15);
    store_close(st);
}

/* A database made by the version before accounts upgrades and keeps working single-user. */
static void test_upgrade_from_earlier_schema(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/old.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    size_t k = 0;
    for (; k < store_migration_count; k++) {
        bool accounts = false;
        for (const char *const *s = store_migrations[k]; *s; s++)
            accounts |= strstr(*s, "CREATE TABLE account") != NULL;
        if (accounts)
            break;
        for (const char *const *s = store_migrations[k]; *s; s++)
            assert_int_equal(sqlite3_exec(db, *s, NULL, NULL, NULL), SQLITE_OK);
    }
    assert_true(k < store_migration_count);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %zu", k);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO audit (at, actor, action, tbl) VALUES "
                                      "('2025-01-01T00:00:00Z', 'old', 'x', 'plan')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    xaso_store *st = open_db("old.db");
    xaso_error err;
    long long n = -1;
    assert_int_equal(store_account_count(st, &n, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit WHERE account_id IS NULL"), 1);
    xaso_office o = {.code = "40001", .name = "UBND xã Thử", .level = "xa"};
    assert_int_equal(store_office_save(st, &o, &err), 0);
    store_close(st);
}

static void test_first_account_and_sign_in_required(void **state)
{
    (void)state;
    ids id;
    xaso_store *st = with_plan("first.db", &id);
    xaso_error err;
    xaso_error_clear(&err);
    account_spec unit = {"hoa", "Lê Thị Hoa", ROLE_UNIT, "vhxh"};
    assert_int_equal(store_account_add(st, &unit, "hoa-2026", NULL, &err), XASO_EX_DATAERR);
    assert_non_null(strstr(err.message, "administrator"));
    add(st, "lan", "Nguyễn Thị Lan", ROLE_ADMIN, NULL, "lan-2026");
    /* now nobody signed in may change anything, and a refusal changes nothing */
    long long audit = db_scalar(st, "SELECT count(*) FROM audit");
    assert_int_equal(task_update(st, id.task1, 10, &err), XASO_EX_NOPERM);
    assert_non_null(strstr(err.message, "sign in"));
    assert_int_equal(store_account_add(st, &unit, "hoa-2026", NULL, &err), XASO_EX_NOPERM);
    xaso_office o = {.code = "40001", .name = "UBND xã Thử", .level = "xa"};
    assert_int_equal(store_office_save(st, &o, &err), XASO_EX_NOPERM);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit"), audit);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM task_update"), 0);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM office"), 0);
    sign_in(st, "LAN", "lan-2026"); /* logins are not case-sensitive */
    assert_int_equal(store_account_add(st, &unit, "hoa-2026", NULL, &err), 0);
    assert_int_equal(store_office_save(st, &o, &err), 0);
    store_set_account(st, NULL);
    assert_int_equal(task_update(st, id.task1, 10, &err), XASO_EX_NOPERM);
    /* a login is taken once */
    sign_in(st, "lan", "lan-2026");
    assert_int_equal(store_account_add(st, &unit, "hoa-2026", NULL, &err), XASO_EX_DATAERR);
    store_close(st);
}

static void test_pin_kept_as_pbkdf2(void **state)
{
    (void)state;
    ids id;
    xaso_store *st = office("pin.db", &id);
    char hash[128], salt[128], hash2[128], salt2[128], kdf[32];
    db_text(st, "SELECT pin_hash FROM account WHERE login = 'hoa'", hash, sizeof hash);
    db_text(st, "SELECT pin_salt FROM account WHERE login = 'hoa'", salt, sizeof salt);
    assert_int_equal(strlen(hash), 64);
    assert_int_equal(strlen(salt), 32);
    assert_string_equal(db_text(st, "SELECT kdf FROM account WHERE login = 'hoa'", kdf, sizeof kdf),
                        "pbkdf2-sha256");
    assert_int_equal(db_scalar(st, "SELECT kdf_iterations FROM account WHERE login = 'hoa'"), 1000);
    /* it is PBKDF2-HMAC-SHA256 of the PIN with that salt */
    unsigned char raw_salt[16], out[32];
    for (int i = 0; i < 16; i++) {
        unsigned v;
        sscanf(salt + 2 * i, "%2x", &v);
        raw_salt[i] = (unsigned char)v;
    }
    assert_int_equal(PKCS5_PBKDF2_HMAC("hoa-2026", 8, raw_salt, 16, 1000, EVP_sha256(), 32, out), 1);
    char hex[65];
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", out[i]);
    assert_string_equal(hex, hash);
    /* the same PIN for another account gets another salt and hash */
    sign_in(st, "lan", "lan-2026");
    xaso_error err;
    assert_int_equal(store_account_set_pin(st, "binh", "hoa-2026", &err), 0);
    db_text(st, "SELECT pin_hash FROM account WHERE login = 'binh'", hash2, sizeof hash2);
    db_text(st, "SELECT pin_salt FROM account WHERE login = 'binh'", salt2, sizeof salt2);
    assert_string_not_equal(hash, hash2);
    assert_string_not_equal(salt, salt2);
    /* neither the PIN nor its hash is ever in the audit trail */
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit WHERE coalesce(old, '') || "
                                "coalesce(new, '') LIKE '%hoa-2026%' OR coalesce(old, '') || "
                                "coalesce(new, '') LIKE '%pin_hash%'"),
                     0);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit WHERE action = 'account.add'"), 5);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit WHERE action = 'account.set-pin'"), 1);
    /* rules for new PINs and logins */
    assert_int_equal(account_pin_check("12345", "x", &err), XASO_EX_DATAERR);
    assert_int_equal(account_pin_check("111111", "x", &err), XASO_EX_DATAERR);
    assert_int_equal(account_pin_check("hoa.vh1", "hoa.vh1", &err), XASO_EX_DATAERR);
    assert_int_equal(account_pin_check("12\n3456", "x", &err), XASO_EX_DATAERR);
    assert_int_equal(account_pin_check("mật khẩu", "x", &err), 0);
    assert_int_equal(account_pin_check("120589", "x", &err), 0);
    assert_true(account_login_valid("nguyen.van-a_2"));
    assert_false(account_login_valid("Lan"));
    assert_false(account_login_valid(".lan"));
    assert_false(account_login_valid("lan vh"));
    assert_false(account_login_valid("lân"));
    assert_false(account_login_valid(""));
    assert_false(account_login_valid("a23456789012345678901234567890123"));
    store_close(st);
}

/* The permission gate in the store: role × ownership, end to end; refusals change nothing. */
static void test_unit_staff_and_ownership(void **state)
{
    (void)state;
    ids id;
    xaso_store *st = office("units.db", &id);
    xaso_error err;
    xaso_ownership own;
    /* lead (vhxh): its task, its target */
    sign_in(st, "hoa", "hoa-2026");
    assert_int_equal(store_task_ownership(st, id.task1, &own, &err), 0);
    assert_int_equal(own, OWNERSHIP_LEAD);
    assert_int_equal(task_update(st, id.task1, 10, &err), 0);
    assert_int_equal(target_value(st, id.target_resp, 55, &err), 0);
    assert_int_equal(target_value(st, id.target_none, 55, &err), XASO_EX_NOPERM);
    /* coordinator (ca-xa): task 1 yes; task 2 and the targets of vhxh no */
    sign_in(st, "binh", "binh-2026");
    assert_int_equal(store_task_ownership(st, id.task1, &own, &err), 0);
    assert_int_equal(own, OWNERSHIP_COORDINATOR);
    assert_int_equal(task_update(st, id.task1, 20, &err), 0);
    long long audit = db_scalar(st, "SELECT count(*) FROM audit");
    assert_int_equal(task_update(st, id.task2, 20, &err), XASO_EX_NOPERM);
    assert_non_null(strstr(err.message, "Trần Văn Bình (binh)"));
    assert_non_null(strstr(err.message, "enter task progress"));
    assert_non_null(strstr(err.message, "unit staff"));
    assert_non_null(strstr(err.message, "Công an xã"));
    assert_int_equal(target_value(st, id.target_resp, 60, &err), XASO_EX_NOPERM);
    assert_int_equal(store_target_ownership(st, id.target_resp, &own, &err), 0);
    assert_int_equal(own, OWNERSHIP_NONE);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit"), audit);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM task_update WHERE task_id = (SELECT id FROM "
                                "task WHERE code = '2')"),
                     0);
    assert_int_equal(db_scalar(st, "SELECT value FROM target_value"), 55);
    /* a unit only asked (đề nghị) to help does not own the task */
    sign_in(st, "vt", "vt-20261");
    assert_int_equal(task_update(st, id.task1, 30, &err), XASO_EX_NOPERM);
    /* unit staff import no plans, manage no accounts, set no policy */
    xaso_plan *plan = planio_load("tests/fixtures/small-plan.yaml", &err);
    plan_import_result res;
    assert_int_equal(store_plan_import(st, plan, &res, &err), XASO_EX_NOPERM);
    assert_non_null(strstr(err.message, "import plans"));
    account_spec spec = {"x", "X", ROLE_ADMIN, NULL};
    assert_int_equal(store_account_add(st, &spec, "x-123456", NULL, &err), XASO_EX_NOPERM);
    assert_int_equal(store_account_set_active(st, "hoa", false, &err), XASO_EX_NOPERM);
    assert_int_equal(store_account_set_pin(st, "hoa", "new-pin-1", &err), XASO_EX_NOPERM);
    signin_policy p = {3, 60, 5};
    assert_int_equal(store_signin_policy_set(st, &p, &err), XASO_EX_NOPERM);
    /* the viewer changes nothing at all */
    sign_in(st, "chu.tich", "ct-2026");
    assert_int_equal(task_update(st, id.task1, 40, &err), XASO_EX_NOPERM);
    assert_non_null(strstr(err.message, "read-only"));
    assert_int_equal(target_value(st, id.target_resp, 40, &err), XASO_EX_NOPERM);
    assert_int_equal(store_plan_import(st, plan, &res, &err), XASO_EX_NOPERM);
    /* the administrator may do everything */
    sign_in(st, "lan", "lan-2026");
    assert_int_equal(task_update(st, id.task2, 50, &err), 0);
    assert_int_equal(target_value(st, id.target_none, 50, &err), 0);
    assert_int_equal(store_plan_import(st, plan, &res, &err), 0);
    assert_int_equal(store_signin_policy_set(st, &p, &err), 0);
    plan_free(plan);
    store_close(st);
}

static void test_reports_are_the_administrators(void **state)
{
    (void)state;
    ids id;
    xaso_store *st = office("reports.db", &id);
    xaso_error err;
    long long report;
    report_state rs;
    sign_in(st, "hoa", "hoa-2026");
    assert_int_equal(store_report_get(st, id.plan, "2026Q3", "", &report, &rs, &err), 0);
    assert_int_equal(store_report_transition(st, report, REPORT_FINALISED, NULL, &err),
                     XASO_EX_NOPERM);
    assert_non_null(strstr(err.message, "finalise or reopen reports"));
    sign_in(st, "lan", "lan-2026");
    assert_int_equal(store_report_transition(st, report, REPORT_FINALISED, NULL, &err), 0);
    char buf[128];
    assert_string_equal(db_text(st, "SELECT finalised_by FROM report", buf, sizeof buf),
                        "Nguyễn Thị Lan (lan)");
    /* the lock holds for everyone; reopening is the administrator's */
    sign_in(st, "hoa", "hoa-2026");
    assert_int_equal(task_update(st, id.task1, 90, &err), XASO_EX_NOPERM);
    assert_int_equal(store_report_transition(st, report, REPORT_DRAFT, "sửa", &err),
                     XASO_EX_NOPERM);
    assert_int_equal(store_report_transition(st, report, REPORT_PACKAGED, NULL, &err),
                     XASO_EX_NOPERM);
    sign_in(st, "chu.tich", "ct-2026");
    assert_int_equal(store_report_transition(st, report, REPORT_DRAFT, "sửa", &err),
                     XASO_EX_NOPERM);
    assert_string_equal(db_text(st, "SELECT state FROM report", buf, sizeof buf), "finalised");
    sign_in(st, "lan", "lan-2026");
    assert_int_equal(store_report_transition(st, report, REPORT_DRAFT, "Sửa số liệu", &err), 0);
    assert_string_equal(db_text(st, "SELECT actor FROM report_event ORDER BY id DESC LIMIT 1", buf,
                             sizeof buf),
                        "Nguyễn Thị Lan (lan)");
    sign_in(st, "hoa", "hoa-2026");
    assert_int_equal(task_update(st, id.task1, 90, &err), 0);
    store_close(st);
}

static void test_audit_names_the_account(void **state)
{
    (void)state;
    ids id;
    xaso_store *st = office("audit.db", &id);
    xaso_error err;
    xaso_account a;
    signin_result res;
    assert_int_equal(store_account_authenticate(st, "binh", "binh-2026", &a, &res, &err), 0);
    assert_string_equal(a.full_name, "Trần Văn Bình");
    assert_string_equal(a.unit_code, "ca-xa");
    assert_int_equal(a.role, ROLE_UNIT);
    const xaso_account *cur = store_account_current(st);
    assert_non_null(cur);
    assert_string_equal(cur->login, "binh");
    assert_string_equal(store_actor(st), "Trần Văn Bình (binh)");
    assert_int_equal(task_update(st, id.task1, 25, &err), 0);
    char buf[256];
    assert_string_equal(db_text(st, "SELECT actor FROM audit ORDER BY id DESC LIMIT 1", buf, sizeof buf),
                        "Trần Văn Bình (binh)");
    assert_int_equal(db_scalar(st, "SELECT account_id FROM audit ORDER BY id DESC LIMIT 1"), a.id);
    assert_string_not_equal(db_text(st, "SELECT coalesce(os_user, '') FROM audit ORDER BY id DESC "
                                      "LIMIT 1", buf, sizeof buf),
                            "");
    assert_string_equal(db_text(st, "SELECT updated_by FROM task_update", buf, sizeof buf),
                        "Trần Văn Bình (binh)");
    /* signed out: the OS user again */
    store_set_account(st, NULL);
    assert_null(store_account_current(st));
    char os[256];
    assert_string_equal(store_actor(st), db_text(st, "SELECT os_user FROM audit LIMIT 1", os, sizeof os));
    store_close(st);
}

static signin_result try_pin(xaso_store *st, const char *login, const char *pin, const char *now,
                             int expected_rc)
{
    setenv("XASO_NOW", now, 1);
    xaso_error err;
    xaso_error_clear(&err);
    signin_result res;
    int rc = store_account_authenticate(st, login, pin, NULL, &res, &err);
    if (rc != expected_rc)
        print_error("%s: %s\n", now, err.message);
    assert_int_equal(rc, expected_rc);
    return res;
}

static void test_failed_sign_ins_lock_and_survive_restarts(void **state)
{
    (void)state;
    ids id;
    xaso_store *st = office("lock.db", &id);
    /* failure 1: refused for 1 s, even with the right PIN */
    signin_result r = try_pin(st, "binh", "wrong-pin", "2026-11-23T08:00:00Z", XASO_EX_NOPERM);
    assert_int_equal(r.status, SIGNIN_WRONG);
    assert_int_equal(r.attempts_left, 4);
    assert_int_equal(r.retry_after, 1);
    assert_null(store_account_current(st));
    r = try_pin(st, "binh", "binh-2026", "2026-11-23T08:00:00Z", XASO_EX_NOPERM);
    assert_int_equal(r.status, SIGNIN_LOCKED);
    r = try_pin(st, "binh", "binh-2026", "2026-11-23T08:00:01Z", 0);
    assert_int_equal(r.status, SIGNIN_OK);
    assert_int_equal(db_scalar(st, "SELECT failed_attempts FROM account WHERE login = 'binh'"), 0);
    /* five failures lock the account for a minute; the lock is in the database */
    const char *times[] = {"2026-11-23T09:00:00Z", "2026-11-23T09:00:10Z", "2026-11-23T09:00:20Z",
                           "2026-11-23T09:00:30Z", "2026-11-23T09:00:40Z"};
    for (int i = 0; i < 5; i++)
        r = try_pin(st, "binh", "wrong-pin", times[i], XASO_EX_NOPERM);
    assert_int_equal(r.status, SIGNIN_LOCKED);
    assert_int_equal(r.retry_after, 60);
    store_close(st);
    st = open_db("lock.db"); /* a restart */
    r = try_pin(st, "binh", "binh-2026", "2026-11-23T09:01:00Z", XASO_EX_NOPERM);
    assert_int_equal(r.status, SIGNIN_LOCKED);
    assert_int_equal(r.retry_after, 40);
    /* the sixth failure doubles the lock */
    r = try_pin(st, "binh", "wrong-pin", "2026-11-23T09:01:40Z", XASO_EX_NOPERM);
    assert_int_equal(r.retry_after, 120);
    r = try_pin(st, "binh", "binh-2026", "2026-11-23T09:03:40Z", 0);
    /* every failure is audited; unknown logins too, with the same answer */
    r = try_pin(st, "nobody", "whatever1", "2026-11-23T09:05:00Z", XASO_EX_NOPERM);
    assert_int_equal(r.status, SIGNIN_WRONG);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit WHERE action = "
                                "'account.signin-failed'"),
                     1 + 1 + 5 + 1 + 1 + 1);
    assert_int_equal(db_scalar(st, "SELECT count(*) FROM audit WHERE new LIKE '%\"nobody\"%'"), 1);
    /* an administrator's new PIN clears a lock */
    for (int i = 0; i < 5; i++)
        try_pin(st, "hoa", "wrong-pin", times[i], XASO_EX_NOPERM);
    r = try_pin(st, "hoa", "hoa-2026", "2026-11-23T09:01:00Z", XASO_EX_NOPERM);
    assert_int_equal(r.status, SIGNIN_LOCKED);
    try_pin(st, "lan", "lan-2026", "2026-11-23T10:00:00Z", 0);
    xaso_error err;
    assert_int_equal(store_account_set_pin(st, "hoa", "hoa-2027", &err), 0);
    try_pin(st, "hoa", "hoa-2027", "2026-11-23T10:00:00Z", 0);
    /* …and so does one's own: unit staff may change their own PIN only */
    assert_int_equal(store_account_set_pin(st, "hoa", "hoa-2028", &err), 0);
    assert_int_equal(store_account_set_pin(st, "binh", "hoa-2028", &err), XASO_EX_NOPERM);
    try_pin(st, "hoa", "hoa-2028", "2026-11-23T10:00:00Z", 0);
    unsetenv("XASO_NOW");
    store_close(st);
}

static void test_disable_and_last_administrator(void **state)
{
    (void)state;
    ids id;
    xaso_store *st = office("disable.db", &id);
    char path[128];
    snprintf(path, sizeof path, "%s/disable.db", dir);
    xaso_store *admin;
    xaso_error err;
    assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &admin, &err), 0);
    sign_in(admin, "lan", "lan-2026");
    sign_in(st, "hoa", "hoa-2026");
    assert_int_equal(task_update(st, id.task1, 10, &err), 0);
    /* disabled elsewhere: the next write of the signed-in account is refused */
    assert_int_equal(store_account_set_active(admin, "hoa", false, &err), 0);
    assert_int_equal(task_update(st, id.task1, 20, &err), XASO_EX_NOPERM);
    assert_non_null(strstr(err.message, "disabled"));
    signin_result r;
    assert_int_equal(store_account_authenticate(st, "hoa", "hoa-2026", NULL, &r, &err),
                     XASO_EX_NOPERM);
    assert_int_equal(r.status, SIGNIN_DISABLED);
    assert_int_equal(store_account_set_active(admin, "hoa", true, &err), 0);
    sign_in(st, "hoa", "hoa-2026");
    /* a role change takes effect at once too */
    account_spec viewer = {"hoa", NULL, ROLE_VIEWER, NULL};
    assert_int_equal(store_account_update(admin, &viewer, &err), 0);
    assert_int_equal(task_update(st, id.task1, 20, &err), XASO_EX_NOPERM);
    assert_int_equal(store_account_current(st)->role, ROLE_VIEWER);
    /* the last active administrator stays one */
    assert_int_equal(store_account_set_active(admin, "lan", false, &err), XASO_EX_DATAERR);
    account_spec demote = {"lan", NULL, ROLE_UNIT, "vhxh"};
    assert_int_equal(store_account_update(admin, &demote, &err), XASO_EX_DATAERR);
    account_spec promote = {"binh", NULL, ROLE_ADMIN, NULL};
    assert_int_equal(store_account_update(admin, &promote, &err), 0);
    assert_int_equal(store_account_set_active(admin, "lan", false, &err), 0);
    /* unit staff need a unit */
    account_spec no_unit = {"x.y", "X Y", ROLE_UNIT, NULL};
    sign_in(admin, "binh", "binh-2026");
    assert_int_equal(store_account_add(admin, &no_unit, "xy-123456", NULL, &err), XASO_EX_DATAERR);
    account_spec bad_unit = {"x.y", "X Y", ROLE_UNIT, "no-such-unit"};
    assert_int_equal(store_account_add(admin, &bad_unit, "xy-123456", NULL, &err), XASO_EX_DATAERR);
    assert_int_equal(db_scalar(admin, "SELECT count(*) FROM audit WHERE action IN "
                                   "('account.disable', 'account.enable', 'account.update')"),
                     5);
    store_close(admin);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_user_office),
        cmocka_unit_test(test_upgrade_from_earlier_schema),
        cmocka_unit_test(test_first_account_and_sign_in_required),
        cmocka_unit_test(test_pin_kept_as_pbkdf2),
        cmocka_unit_test(test_unit_staff_and_ownership),
        cmocka_unit_test(test_reports_are_the_administrators),
        cmocka_unit_test(test_audit_names_the_account),
        cmocka_unit_test(test_failed_sign_ins_lock_and_survive_restarts),
        cmocka_unit_test(test_disable_and_last_administrator),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
