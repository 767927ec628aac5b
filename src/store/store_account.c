#include "xaso/store_account.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "store_session.h"
#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

enum {
    SALT_BYTES = 16,
    HASH_BYTES = 32,
    FULL_NAME_MAX = 200, /* bytes */
    MAX_LOCK_SECONDS = 86400
};

/* ---------- small helpers ---------- */

/* Is this program a development build run from its source tree (BUILD/xaso, or a unit test in
 * BUILD/tests/)? Test hooks that weaken a policy are honoured only there, never in an installed
 * program, whatever its environment. */
static bool run_from_source_tree(void)
{
    char *dir = fs_exe_dir();
    if (!dir)
        return false;
    bool found = false;
    const char *up[] = {"../src/store/store_account.c", "../../src/store/store_account.c"};
    for (size_t i = 0; i < sizeof up / sizeof *up && !found; i++) {
        char *marker = fs_join(dir, up[i]);
        found = fs_exists(marker);
        free(marker);
    }
    free(dir);
    return found;
}

int account_kdf_iterations(void)
{
    const char *env = getenv("XASO_TEST_KDF_ITERATIONS");
    if (env && *env && run_from_source_tree()) {
        char *end;
        long v = strtol(env, &end, 10);
        if (!*end && v > 0 && v <= XASO_KDF_ITERATIONS)
            return (int)v;
    }
    return XASO_KDF_ITERATIONS;
}

/* Seconds since the epoch of an ISO 8601 UTC time "YYYY-MM-DDTHH:MM:SSZ" (store_now's format);
 * -1 when it is not one. */
static long long iso_to_epoch(const char *iso)
{
    int y, mo, d, h, mi, s;
    if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6)
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return (long long)timegm(&tm);
}

static const char *epoch_to_iso(long long t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

static long long now_epoch(void)
{
    char now[40];
    long long t = iso_to_epoch(store_now(now, sizeof now));
    return t >= 0 ? t : (long long)time(NULL);
}

static void to_hex(const unsigned char *bytes, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    out[2 * n] = '\0';
}

static bool from_hex(const char *hex, unsigned char *out, size_t n)
{
    if (!hex || strlen(hex) != 2 * n)
        return false;
    for (size_t i = 0; i < n; i++) {
        int v = 0;
        for (int k = 0; k < 2; k++) {
            char c = hex[2 * i + (size_t)k];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0)
                return false;
            v = v * 16 + d;
        }
        out[i] = (unsigned char)v;
    }
    return true;
}

/* PBKDF2-HMAC-SHA256 of the NFC form of pin. */
static int derive(const char *pin, const unsigned char *salt, int iterations,
                  unsigned char out[HASH_BYTES], xaso_error *err)
{
    char *nfc = utf8_nfc(pin);
    if (!nfc)
        return xaso_error_set(err, XASO_EX_DATAERR, _("the PIN is not valid UTF-8"));
    int ok = PKCS5_PBKDF2_HMAC(nfc, (int)strlen(nfc), salt, SALT_BYTES, iterations, EVP_sha256(),
                               HASH_BYTES, out);
    OPENSSL_cleanse(nfc, strlen(nfc));
    free(nfc);
    if (ok != 1)
        return xaso_error_set(err, XASO_EX_SOFTWARE, _("cannot compute the PIN hash (OpenSSL)"));
    return 0;
}

typedef struct {
    char hash[2 * HASH_BYTES + 1];
    char salt[2 * SALT_BYTES + 1];
    int iterations;
} pin_record;

static int pin_record_new(const char *pin, pin_record *rec, xaso_error *err)
{
    unsigned char salt[SALT_BYTES], hash[HASH_BYTES];
    if (RAND_bytes(salt, SALT_BYTES) != 1)
        return xaso_error_set(err, XASO_EX_SOFTWARE,
                              _("cannot get random bytes for the PIN (OpenSSL)"));
    rec->iterations = account_kdf_iterations();
    if (derive(pin, salt, rec->iterations, hash, err))
        return err->code;
    to_hex(salt, SALT_BYTES, rec->salt);
    to_hex(hash, HASH_BYTES, rec->hash);
    OPENSSL_cleanse(hash, sizeof hash);
    return 0;
}

/* Does pin match the stored record? Constant-time comparison. */
static int pin_matches(const char *pin, const pin_record *rec, bool *match, xaso_error *err)
{
    unsigned char salt[SALT_BYTES], stored[HASH_BYTES], hash[HASH_BYTES];
    *match = false;
    if (!from_hex(rec->salt, salt, SALT_BYTES) || !from_hex(rec->hash, stored, HASH_BYTES) ||
        rec->iterations <= 0)
        return xaso_error_set(err, XASO_EX_DATAERR, _("the stored PIN of this account is damaged: "
                                                      "an administrator must set a new one"));
    if (derive(pin, salt, rec->iterations, hash, err))
        return err->code;
    *match = CRYPTO_memcmp(hash, stored, HASH_BYTES) == 0;
    OPENSSL_cleanse(hash, sizeof hash);
    return 0;
}

bool account_login_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > XASO_LOGIN_MAX || !(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0])))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* login in lower case into buf; false when it cannot be a login. */
static bool normalise_login(const char *login, char *buf, size_t size)
{
    size_t n = login ? strlen(login) : 0;
    if (n == 0 || n >= size)
        return false;
    for (size_t i = 0; i <= n; i++)
        buf[i] = (char)tolower((unsigned char)login[i]);
    return account_login_valid(buf);
}

int account_pin_check(const char *pin, const char *login, xaso_error *err)
{
    size_t bytes = pin ? strlen(pin) : 0;
    if (bytes > XASO_PIN_MAX)
        return xaso_error_set(err, XASO_EX_DATAERR, _("the PIN is too long (at most %d bytes)"),
                              XASO_PIN_MAX);
    if (!pin || !utf8_valid(pin, bytes, NULL))
        return xaso_error_set(err, XASO_EX_DATAERR, _("the PIN is not valid UTF-8"));
    size_t chars = 0;
    bool all_same = true;
    for (const char *p = pin; *p; p += utf8_seq_len(p)) {
        chars++;
        if (utf8_seq_len(p) != utf8_seq_len(pin) || memcmp(p, pin, utf8_seq_len(p)))
            all_same = false;
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return xaso_error_set(err, XASO_EX_DATAERR,
                                  _("the PIN must not contain control characters"));
    }
    if (chars < XASO_PIN_MIN)
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("the PIN is too short: at least %d characters"), XASO_PIN_MIN);
    if (all_same)
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("the PIN must not repeat one character"));
    if (login && !strcasecmp(pin, login))
        return xaso_error_set(err, XASO_EX_DATAERR, _("the PIN must not be the login"));
    return 0;
}

/* ---------- reading accounts ---------- */

#define ACCOUNT_COLUMNS                                                                            \
    "SELECT a.id, a.login, a.full_name, a.role, coalesce(a.unit_id, 0), coalesce(u.code, ''), "   \
    "coalesce(u.name, ''), a.active, a.failed_attempts, coalesce(a.locked_until, ''), "           \
    "a.created_at, a.pin_hash, a.pin_salt, a.kdf_iterations "                                      \
    "FROM account a LEFT JOIN unit u ON u.id = a.unit_id "

static void copy_col(char *dst, size_t size, sqlite3_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

static void read_account(sqlite3_stmt *s, xaso_account *a, pin_record *pin)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(s, 0);
    copy_col(a->login, sizeof a->login, s, 1);
    copy_col(a->full_name, sizeof a->full_name, s, 2);
    if (!role_from_code((const char *)sqlite3_column_text(s, 3), &a->role))
        a->role = ROLE_VIEWER;
    a->unit_id = sqlite3_column_int64(s, 4);
    copy_col(a->unit_code, sizeof a->unit_code, s, 5);
    copy_col(a->unit_name, sizeof a->unit_name, s, 6);
    a->active = sqlite3_column_int(s, 7) != 0;
    a->failed_attempts = sqlite3_column_int(s, 8);
    copy_col(a->locked_until, sizeof a->locked_until, s, 9);
    copy_col(a->created_at, sizeof a->created_at, s, 10);
    if (pin) {
        copy_col(pin->hash, sizeof pin->hash, s, 11);
        copy_col(pin->salt, sizeof pin->salt, s, 12);
        pin->iterations = sqlite3_column_int(s, 13);
    }
}

/* One account WHERE where (one parameter: text or id). */
static int load_account(xaso_store *st, const char *where, const char *text, long long id,
                        xaso_account *out, pin_record *pin, bool *found, xaso_error *err)
{
    sqlite3_stmt *s;
    char sql[1024];
    snprintf(sql, sizeof sql, "%s WHERE %s", ACCOUNT_COLUMNS, where);
    *found = false;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the accounts"));
    if (text)
        sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        read_account(s, out, pin);
        *found = true;
        rc = 0;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot read the accounts"));
    }
    sqlite3_finalize(s);
    return rc;
}

int store_account_get(xaso_store *st, const char *login, xaso_account *out, bool *found,
                      xaso_error *err)
{
    char norm[XASO_LOGIN_MAX + 1];
    memset(out, 0, sizeof *out);
    *found = false;
    if (!normalise_login(login, norm, sizeof norm))
        return 0;
    return load_account(st, "a.login = ?1", norm, 0, out, NULL, found, err);
}

int store_account_list(xaso_store *st, int (*cb)(const xaso_account *, void *), void *ctx,
                       xaso_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), ACCOUNT_COLUMNS "ORDER BY a.login", -1, &s, NULL) !=
        SQLITE_OK)
        return store_fail(st, err, _("cannot read the accounts"));
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        xaso_account a;
        read_account(s, &a, NULL);
        if (cb(&a, ctx))
            break;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot read the accounts"));
}

static int scalar(xaso_store *st, const char *sql, long long param, long long *out,
                  xaso_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the accounts"));
    if (sqlite3_bind_parameter_count(s) > 0)
        sqlite3_bind_int64(s, 1, param);
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot read the accounts"));
}

int store_account_count(xaso_store *st, long long *count, xaso_error *err)
{
    return scalar(st, "SELECT count(*) FROM account", 0, count, err);
}

/* ---------- the signed-in account ---------- */

/* How an account is named to people and in the audit trail: "Full Name (login)". */
static void who(const xaso_account *a, char *buf, size_t size)
{
    snprintf(buf, size, "%s (%s)", a->full_name, a->login);
}

void store_set_account(xaso_store *st, const xaso_account *account)
{
    xaso_account **slot = store_session_account(st);
    free(*slot);
    *slot = NULL;
    if (!account) {
        store_set_actor(st, NULL); /* the operating-system user */
        return;
    }
    *slot = xcalloc(1, sizeof **slot);
    **slot = *account;
    char actor[sizeof account->full_name + sizeof account->login + 4];
    who(account, actor, sizeof actor);
    store_set_actor(st, actor);
}

const xaso_account *store_account_current(const xaso_store *st)
{
    return *store_session_account((xaso_store *)st);
}

/* The signed-in account, re-read from the database: *acct NULL and 0 returned in a single-user
 * office (no accounts); XASO_EX_NOPERM when accounts exist and nobody usable is signed in. */
static int fresh_account(xaso_store *st, permission_action action, const xaso_account **acct,
                         xaso_error *err)
{
    *acct = NULL;
    long long n;
    if (store_account_count(st, &n, err))
        return err->code;
    if (n == 0)
        return 0;
    const xaso_account *cur = store_account_current(st);
    if (!cur)
        return xaso_error_set(err, XASO_EX_NOPERM,
                              _("this office has staff accounts: sign in to %s"),
                              _(permission_action_label(action)));
    xaso_account now;
    bool found;
    if (load_account(st, "a.id = ?1", NULL, cur->id, &now, NULL, &found, err))
        return err->code;
    if (!found || !now.active) {
        char name[320];
        who(cur, name, sizeof name);
        return xaso_error_set(err, XASO_EX_NOPERM,
                              _("not allowed: the account %s is disabled or removed"), name);
    }
    if (now.role != cur->role || now.unit_id != cur->unit_id ||
        strcmp(now.full_name, cur->full_name))
        store_set_account(st, &now); /* changed meanwhile (by an administrator) */
    *acct = store_account_current(st);
    return 0;
}

static int refuse(const xaso_account *a, permission_action action, const char *item,
                  xaso_error *err)
{
    char name[320];
    who(a, name, sizeof name);
    if (item && a->role == ROLE_UNIT && permission_check(ROLE_UNIT, action, OWNERSHIP_LEAD))
        return xaso_error_set(err, XASO_EX_NOPERM,
                              _("not allowed: %s may not %s for %s, which %s neither leads nor "
                                "coordinates (role: %s)"),
                              name, _(permission_action_label(action)), item,
                              a->unit_name[0] ? a->unit_name : a->unit_code,
                              _(role_label(a->role)));
    return xaso_error_set(err, XASO_EX_NOPERM, _("not allowed: %s may not %s (role: %s)"), name,
                          _(permission_action_label(action)), _(role_label(a->role)));
}

int store_authorize(xaso_store *st, permission_action action, xaso_ownership ownership,
                    xaso_error *err)
{
    const xaso_account *a;
    if (fresh_account(st, action, &a, err))
        return err->code;
    if (!a || permission_check(a->role, action, ownership))
        return 0;
    return refuse(a, action, NULL, err);
}

/* The ownership of an item for unit_id; sql takes ?1 = item id, ?2 = unit id and returns 2 (lead),
 * 1 (coordinator) or 0 / no row. */
static int ownership_of(xaso_store *st, const char *sql, long long item_id, long long unit_id,
                        xaso_ownership *out, xaso_error *err)
{
    *out = OWNERSHIP_NONE;
    if (!unit_id)
        return 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the accounts"));
    sqlite3_bind_int64(s, 1, item_id);
    sqlite3_bind_int64(s, 2, unit_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        int v = sqlite3_column_int(s, 0);
        *out = v == 2 ? OWNERSHIP_LEAD : v == 1 ? OWNERSHIP_COORDINATOR : OWNERSHIP_NONE;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot read the accounts"));
}

static const char task_ownership_sql[] =
    "SELECT max(CASE role WHEN 'lead' THEN 2 WHEN 'coordinator' THEN 1 ELSE 0 END) "
    "FROM task_assignment WHERE task_id = ?1 AND unit_id = ?2";
static const char target_ownership_sql[] =
    "SELECT 2 FROM target WHERE id = ?1 AND responsible_unit_id = ?2";
static const char unit_ownership_sql[] = "SELECT 2 WHERE ?1 = ?2";

/* Authorize action on one item, named in a refusal as "kind CODE" (code_sql ?1 = item id). */
static int authorize_item(xaso_store *st, permission_action action, long long item_id,
                          const char *ownership_sql, const char *code_sql, const char *kind,
                          xaso_error *err)
{
    const xaso_account *a;
    if (fresh_account(st, action, &a, err))
        return err->code;
    if (!a)
        return 0;
    xaso_ownership own;
    if (ownership_of(st, ownership_sql, item_id, a->unit_id, &own, err))
        return err->code;
    if (permission_check(a->role, action, own))
        return 0;
    char item[160] = "";
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), code_sql, -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, item_id);
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
            snprintf(item, sizeof item, "%s %s", kind, (const char *)sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
    }
    if (!item[0])
        snprintf(item, sizeof item, "%s ?", kind);
    return refuse(a, action, item, err);
}

int store_authorize_task(xaso_store *st, permission_action action, long long task_id,
                         xaso_error *err)
{
    return authorize_item(st, action, task_id, task_ownership_sql,
                          "SELECT coalesce(section || ' ', '') || code FROM task WHERE id = ?1",
                          /* TRANSLATORS: "… for task PL2 3" */ _("task"), err);
}

int store_authorize_target(xaso_store *st, permission_action action, long long target_id,
                           xaso_error *err)
{
    return authorize_item(st, action, target_id, target_ownership_sql,
                          "SELECT coalesce(section || ' ', '') || code FROM target WHERE id = ?1",
                          /* TRANSLATORS: "… for target PL1 I.2" */ _("target"), err);
}

int store_authorize_unit(xaso_store *st, permission_action action, long long unit_id,
                         xaso_error *err)
{
    return authorize_item(st, action, unit_id, unit_ownership_sql,
                          "SELECT name FROM unit WHERE id = ?1", _("unit"), err);
}

int store_task_ownership(xaso_store *st, long long task_id, xaso_ownership *out, xaso_error *err)
{
    const xaso_account *a = store_account_current(st);
    return ownership_of(st, task_ownership_sql, task_id, a ? a->unit_id : 0, out, err);
}

int store_target_ownership(xaso_store *st, long long target_id, xaso_ownership *out,
                           xaso_error *err)
{
    const xaso_account *a = store_account_current(st);
    return ownership_of(st, target_ownership_sql, target_id, a ? a->unit_id : 0, out, err);
}

/* ---------- policy ---------- */

int store_signin_policy_get(xaso_store *st, signin_policy *out, xaso_error *err)
{
    *out = (signin_policy){5, 60, 15};
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT max_attempts, lock_seconds, idle_minutes FROM signin_policy "
                           "WHERE id = 1",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the sign-in policy"));
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->max_attempts = sqlite3_column_int(s, 0);
        out->lock_seconds = sqlite3_column_int(s, 1);
        out->idle_minutes = sqlite3_column_int(s, 2);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
                                                 : store_fail(st, err, _("cannot read the sign-in policy"));
}

int store_signin_policy_set(xaso_store *st, const signin_policy *p, xaso_error *err)
{
    if (p->max_attempts < 1 || p->max_attempts > 100)
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("the number of attempts must be from 1 to 100"));
    if (p->lock_seconds < 1 || p->lock_seconds > MAX_LOCK_SECONDS)
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("the lock time must be from 1 to 86400 seconds"));
    if (p->idle_minutes < 0 || p->idle_minutes > 1440)
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("the idle time must be from 0 (never) to 1440 minutes"));
    if (store_authorize(st, PERM_ACCOUNT_MANAGE, OWNERSHIP_NONE, err))
        return err->code;
    if (store_begin(st, "account.policy", err))
        return err->code;
    store_value key[] = {SV_INT("id", 1)};
    store_value cols[] = {SV_INT("max_attempts", p->max_attempts),
                          SV_INT("lock_seconds", p->lock_seconds),
                          SV_INT("idle_minutes", p->idle_minutes)};
    long long id;
    store_sync_result r;
    if (store_sync_row(st, "signin_policy", key, 1, cols, 3, &id, &r, err)) {
        store_rollback(st);
        return err->code;
    }
    return store_commit(st, err);
}

/* ---------- signing in ---------- */

/* Seconds to refuse attempts after failure number n (1-based). */
static long long failure_delay(const signin_policy *p, int n)
{
    if (n < p->max_attempts)
        return n;
    long long d = p->lock_seconds;
    for (int k = p->max_attempts; k < n && d < MAX_LOCK_SECONDS; k++)
        d *= 2;
    return d < MAX_LOCK_SECONDS ? d : MAX_LOCK_SECONDS;
}

/* One audit row in a transaction of its own: an event that changes no other row. */
static int audit_event(xaso_store *st, const char *action, long long account_id,
                       const char *json, xaso_error *err)
{
    if (store_begin(st, action, err))
        return err->code;
    if (store_audit(st, "account", account_id, NULL, json, err) || store_commit(st, err)) {
        store_rollback(st);
        return err->code ? err->code : XASO_EX_SOFTWARE;
    }
    return 0;
}

/* {"login": login, key: value} */
static void login_json(strbuf *json, const char *login, const char *key, const char *value)
{
    sb_append(json, "{\"login\": ");
    sb_append_json(json, login);
    sb_appendf(json, ", \"%s\": ", key);
    sb_append_json(json, value);
    sb_append(json, "}");
}

/* Audit a refused sign-in that changes no row (unknown login, locked, disabled). */
static void audit_refusal(xaso_store *st, long long account_id, const char *login,
                          const char *reason)
{
    xaso_error ignored;
    xaso_error_clear(&ignored);
    strbuf json = STRBUF_INIT;
    login_json(&json, login, "result", reason);
    audit_event(st, "account.signin-failed", account_id, sb_str(&json), &ignored);
    sb_free(&json);
}

static int minutes(int seconds)
{
    return (seconds + 59) / 60;
}

static int say_wrong(signin_result *res, xaso_error *err)
{
    if (res->status == SIGNIN_LOCKED) {
        int m = minutes(res->retry_after);
        return xaso_error_set(err, XASO_EX_NOPERM,
                              P_("wrong login or PIN; too many failures: the account is locked "
                                 "for %d minute",
                                 "wrong login or PIN; too many failures: the account is locked "
                                 "for %d minutes",
                                 (unsigned long)m),
                              m);
    }
    return xaso_error_set(err, XASO_EX_NOPERM, _("wrong login or PIN"));
}

static int say_locked(const xaso_account *a, const signin_policy *policy, signin_result *res,
                      xaso_error *err)
{
    if (a->failed_attempts >= policy->max_attempts) {
        int m = minutes(res->retry_after);
        return xaso_error_set(err, XASO_EX_NOPERM,
                              P_("too many failed sign-ins: the account %s is locked; try "
                                 "again in %d minute or ask the administrator",
                                 "too many failed sign-ins: the account %s is locked; try "
                                 "again in %d minutes or ask the administrator",
                                 (unsigned long)m),
                              a->login, m);
    }
    return xaso_error_set(err, XASO_EX_NOPERM,
                          P_("too soon after a failed sign-in: try again in %d second",
                             "too soon after a failed sign-in: try again in %d seconds",
                             (unsigned long)res->retry_after),
                          res->retry_after);
}

/* Reserve one attempt before the PIN is checked, in one write transaction, so that parallel
 * attempts cannot all read the same counter: a locked account is refused (and the refusal
 * audited, *refused set, res says how long); otherwise the attempt is counted as a failure in
 * advance with the delay that failure earns (res says what a wrong PIN means) and *a holds the
 * counter as it was before. */
static int reserve_attempt(xaso_store *st, const signin_policy *policy, xaso_account *a,
                           bool *refused, signin_result *res, xaso_error *err)
{
    *refused = false;
    if (store_begin(st, "account.signin-failed", err))
        return err->code;
    xaso_account now_a;
    bool found;
    int rc = load_account(st, "a.id = ?1", NULL, a->id, &now_a, NULL, &found, err);
    if (!rc && !found)
        rc = xaso_error_set(err, XASO_EX_NOPERM, _("wrong login or PIN"));
    if (rc) {
        store_rollback(st);
        return rc;
    }
    a->failed_attempts = now_a.failed_attempts;
    snprintf(a->locked_until, sizeof a->locked_until, "%s", now_a.locked_until);
    long long now = now_epoch();
    long long locked = a->locked_until[0] ? iso_to_epoch(a->locked_until) : -1;
    if (locked > now) {
        *refused = true;
        res->status = SIGNIN_LOCKED;
        res->retry_after = (int)(locked - now);
        strbuf json = STRBUF_INIT;
        login_json(&json, a->login, "result", "locked");
        rc = store_audit(st, "account", a->id, NULL, sb_str(&json), err);
        sb_free(&json);
        if (rc || store_commit(st, err)) {
            store_rollback(st);
            return err->code;
        }
        return 0;
    }
    int n = a->failed_attempts + 1;
    long long delay = failure_delay(policy, n);
    char until[40];
    epoch_to_iso(now + delay, until, sizeof until);
    store_value p[] = {SV_INT("n", n), SV_TEXT("until", until), SV_INT("id", a->id)};
    rc = store_exec(st, "UPDATE account SET failed_attempts = ?1, locked_until = ?2 WHERE id = ?3",
                    p, 3, NULL, err);
    if (rc || store_commit(st, err)) {
        store_rollback(st);
        return err->code;
    }
    res->retry_after = (int)delay;
    res->attempts_left = n < policy->max_attempts ? policy->max_attempts - n : 0;
    res->status = n >= policy->max_attempts ? SIGNIN_LOCKED : SIGNIN_WRONG;
    return 0;
}

/* The reserved attempt failed: audit it with the counter it left. */
static void audit_failure(xaso_store *st, const xaso_account *a, const signin_result *res)
{
    char until[40];
    epoch_to_iso(now_epoch() + res->retry_after, until, sizeof until);
    strbuf old = STRBUF_INIT, json = STRBUF_INIT;
    sb_appendf(&old, "{\"failed_attempts\": %d}", a->failed_attempts);
    sb_appendf(&json, "{\"failed_attempts\": %d, \"locked_until\": ", a->failed_attempts + 1);
    sb_append_json(&json, until);
    sb_append(&json, "}");
    xaso_error ignored;
    xaso_error_clear(&ignored);
    if (!store_begin(st, "account.signin-failed", &ignored)) {
        if (store_audit(st, "account", a->id, sb_str(&old), sb_str(&json), &ignored) ||
            store_commit(st, &ignored))
            store_rollback(st);
    }
    sb_free(&old);
    sb_free(&json);
}

/* The right PIN: release the reserved attempt (counter and lock cleared, audited when there were
 * earlier failures) and renew a PIN hash made with fewer rounds than now. */
static int release_attempt(xaso_store *st, const xaso_account *a, const pin_record *rec,
                           const char *pin, xaso_error *err)
{
    bool rehash = rec->iterations < account_kdf_iterations();
    pin_record fresh;
    if (rehash && pin_record_new(pin, &fresh, err))
        return err->code;
    if (store_begin(st, "account.signin", err))
        return err->code;
    store_value p[] = {SV_INT("id", a->id)};
    int rc = store_exec(st, "UPDATE account SET failed_attempts = 0, locked_until = NULL "
                            "WHERE id = ?1",
                        p, 1, NULL, err);
    if (!rc && (a->failed_attempts || a->locked_until[0])) {
        strbuf old = STRBUF_INIT;
        sb_appendf(&old, "{\"failed_attempts\": %d, \"locked_until\": ", a->failed_attempts);
        if (a->locked_until[0])
            sb_append_json(&old, a->locked_until);
        else
            sb_append(&old, "null");
        sb_append(&old, "}");
        rc = store_audit(st, "account", a->id, sb_str(&old),
                         "{\"failed_attempts\": 0, \"locked_until\": null}", err);
        sb_free(&old);
    }
    if (!rc && rehash) {
        store_value h[] = {SV_TEXT("h", fresh.hash), SV_TEXT("s", fresh.salt),
                           SV_INT("i", fresh.iterations), SV_INT("id", a->id)};
        rc = store_exec(st,
                        "UPDATE account SET pin_hash = ?1, pin_salt = ?2, kdf_iterations = ?3 "
                        "WHERE id = ?4",
                        h, 4, NULL, err);
        if (!rc)
            rc = store_audit(st, "account", a->id, NULL, "{\"pin\": \"rehashed\"}", err);
    }
    if (rc || store_commit(st, err)) {
        store_rollback(st);
        return err->code;
    }
    return 0;
}

int store_account_authenticate(xaso_store *st, const char *login, const char *pin,
                               xaso_account *out, signin_result *res, xaso_error *err)
{
    signin_result scratch;
    if (!res)
        res = &scratch;
    *res = (signin_result){SIGNIN_WRONG, 0, 0};
    store_set_account(st, NULL); /* a failed switch leaves nobody signed in */
    signin_policy policy;
    if (store_signin_policy_get(st, &policy, err))
        return err->code;
    char norm[XASO_LOGIN_MAX + 1];
    xaso_account a;
    pin_record rec = {{0}, {0}, 0};
    bool found = false;
    if (normalise_login(login, norm, sizeof norm) &&
        load_account(st, "a.login = ?1", norm, 0, &a, &rec, &found, err))
        return err->code;
    if (!found) {
        /* Same work as for a real account, so that timing does not tell logins apart. */
        unsigned char salt[SALT_BYTES] = {0}, hash[HASH_BYTES];
        xaso_error ignored;
        derive(pin ? pin : "", salt, account_kdf_iterations(), hash, &ignored);
        audit_refusal(st, 0, login ? login : "", "unknown login");
        return say_wrong(res, err);
    }
    bool refused;
    if (reserve_attempt(st, &policy, &a, &refused, res, err))
        return err->code; /* not counted: refuse rather than check the PIN uncounted */
    if (refused)
        return say_locked(&a, &policy, res, err);
    bool match = false;
    if (pin_matches(pin ? pin : "", &rec, &match, err))
        return err->code; /* the reserved attempt stays counted */
    if (!match) {
        audit_failure(st, &a, res);
        return say_wrong(res, err);
    }
    if (release_attempt(st, &a, &rec, pin, err))
        return err->code;
    if (!a.active) {
        res->status = SIGNIN_DISABLED;
        audit_refusal(st, a.id, a.login, "disabled");
        return xaso_error_set(err, XASO_EX_NOPERM,
                              _("the account %s is disabled: ask the administrator"), a.login);
    }
    a.failed_attempts = 0;
    a.locked_until[0] = '\0';
    *res = (signin_result){SIGNIN_OK, 0, policy.max_attempts};
    store_set_account(st, &a);
    if (out)
        *out = a;
    return 0;
}

int store_account_audit_session(xaso_store *st, const char *event, xaso_error *err)
{
    const xaso_account *a = store_account_current(st);
    if (!a)
        return 0;
    char action[64];
    snprintf(action, sizeof action, "account.%s", event);
    strbuf json = STRBUF_INIT;
    login_json(&json, a->login, "event", event);
    int rc = audit_event(st, action, a->id, sb_str(&json), err);
    sb_free(&json);
    return rc;
}

/* ---------- managing accounts ---------- */

static int find_unit(xaso_store *st, const char *ref, long long *unit_id, xaso_error *err)
{
    *unit_id = 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT id FROM unit WHERE code = ?1 UNION ALL "
                           "SELECT unit_id FROM unit_alias WHERE alias = ?1 UNION ALL "
                           "SELECT id FROM unit WHERE name = ?1 LIMIT 1",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the units"));
    sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *unit_id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, err, _("cannot read the units"));
    if (!*unit_id)
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("unknown unit \"%s\": give its code, name or alias (units come "
                                "with the plans)"),
                              ref);
    return 0;
}

/* full_name checked and NFC-normalised into buf. */
static int check_full_name(const char *name, char *buf, size_t size, xaso_error *err)
{
    char *nfc = name ? utf8_nfc(name) : NULL;
    if (name && !nfc)
        return xaso_error_set(err, XASO_EX_DATAERR, _("the name is not valid UTF-8"));
    char *clean = nfc ? utf8_strip_controls(nfc) : NULL;
    free(nfc);
    const char *p = clean ? clean : "";
    while (*p == ' ')
        p++;
    size_t n = strlen(p);
    while (n && p[n - 1] == ' ')
        n--;
    int rc = 0;
    if (n == 0)
        rc = xaso_error_set(err, XASO_EX_DATAERR, _("an account needs the person's full name"));
    else if (n > FULL_NAME_MAX || n >= size)
        rc = xaso_error_set(err, XASO_EX_DATAERR, _("the name is too long (at most %d bytes)"),
                            FULL_NAME_MAX);
    else
        snprintf(buf, size, "%.*s", (int)n, p);
    free(clean);
    return rc;
}

/* May the signed-in account add login now? The first account needs no authorisation but must be
 * an administrator. Called inside the transaction that adds it. */
static int add_allowed(xaso_store *st, const char *login, xaso_role role, xaso_error *err)
{
    long long count;
    if (store_account_count(st, &count, err))
        return err->code;
    if (count == 0 && role != ROLE_ADMIN)
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("the first account must be an administrator (once accounts "
                                "exist, sign-in is required)"));
    if (count > 0 && store_authorize(st, PERM_ACCOUNT_MANAGE, OWNERSHIP_NONE, err))
        return err->code;
    xaso_account existing;
    bool found;
    if (load_account(st, "a.login = ?1", login, 0, &existing, NULL, &found, err))
        return err->code;
    if (found)
        return xaso_error_set(err, XASO_EX_DATAERR, _("the login %s is already taken"), login);
    return 0;
}

int store_account_add(xaso_store *st, const account_spec *spec, const char *pin, long long *id,
                      xaso_error *err)
{
    char login[XASO_LOGIN_MAX + 1], name[FULL_NAME_MAX + 1];
    if (!normalise_login(spec->login, login, sizeof login))
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("\"%s\" is not a valid login: use 1 to %d letters a-z, digits, "
                                "dots, dashes or underscores"),
                              spec->login ? spec->login : "", XASO_LOGIN_MAX);
    if (check_full_name(spec->full_name, name, sizeof name, err))
        return err->code;
    if (!*role_code(spec->role))
        return xaso_error_set(err, XASO_EX_DATAERR, _("unknown role"));
    if (account_pin_check(pin, login, err))
        return err->code;
    long long unit_id = 0;
    if (spec->unit && *spec->unit && find_unit(st, spec->unit, &unit_id, err))
        return err->code;
    if (spec->role == ROLE_UNIT && !unit_id)
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("a unit staff account needs its unit (--unit CODE)"));
    pin_record rec; /* derived before the transaction, which stays short */
    if (pin_record_new(pin, &rec, err))
        return err->code;
    char now[40];
    store_now(now, sizeof now);
    if (store_begin(st, "account.add", err))
        return err->code;
    /* Decided inside the transaction: two first accounts added at once cannot both skip the
     * authorisation. */
    int rc = add_allowed(st, login, spec->role, err);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    store_value p[] = {SV_TEXT("login", login),
                       SV_TEXT("full_name", name),
                       unit_id ? SV_INT("unit_id", unit_id) : SV_NULL("unit_id"),
                       SV_TEXT("role", role_code(spec->role)),
                       SV_TEXT("pin_hash", rec.hash),
                       SV_TEXT("pin_salt", rec.salt),
                       SV_INT("kdf_iterations", rec.iterations),
                       SV_TEXT("created_at", now)};
    rc = store_exec(st,
                    "INSERT INTO account (login, full_name, unit_id, role, pin_hash, pin_salt, "
                    "kdf_iterations, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    p, 8, NULL, err);
    long long new_id = sqlite3_last_insert_rowid(store_db(st));
    if (!rc) {
        /* The audit row names what was set, never the PIN or its hash. */
        strbuf json = STRBUF_INIT;
        sb_append(&json, "{\"login\": ");
        sb_append_json(&json, login);
        sb_append(&json, ", \"full_name\": ");
        sb_append_json(&json, name);
        sb_append(&json, ", \"role\": ");
        sb_append_json(&json, role_code(spec->role));
        if (unit_id)
            sb_appendf(&json, ", \"unit_id\": %lld", unit_id);
        sb_append(&json, ", \"active\": 1, \"pin\": \"set\"}");
        rc = store_audit(st, "account", new_id, NULL, sb_str(&json), err);
        sb_free(&json);
    }
    if (rc || store_commit(st, err)) {
        store_rollback(st);
        return err->code;
    }
    if (id)
        *id = new_id;
    return 0;
}

/* Load login for a change by an administrator. */
static int load_for_change(xaso_store *st, const char *login, xaso_account *a, xaso_error *err)
{
    long long count;
    if (store_account_count(st, &count, err))
        return err->code;
    if (count > 0 && store_authorize(st, PERM_ACCOUNT_MANAGE, OWNERSHIP_NONE, err))
        return err->code;
    bool found = false;
    if (store_account_get(st, login, a, &found, err))
        return err->code;
    if (!found)
        return xaso_error_set(err, XASO_EX_NOINPUT, _("no account with the login \"%s\""),
                              login ? login : "");
    return 0;
}

/* When the changed account is the signed-in one, refresh the session. */
static void refresh_session(xaso_store *st, long long id)
{
    const xaso_account *cur = store_account_current(st);
    if (!cur || cur->id != id)
        return;
    xaso_account a;
    bool found;
    xaso_error ignored;
    xaso_error_clear(&ignored);
    if (!load_account(st, "a.id = ?1", NULL, id, &a, NULL, &found, &ignored) && found)
        store_set_account(st, &a);
}

/* Is account id the only active administrator? */
static int last_admin(xaso_store *st, long long id, bool *last, xaso_error *err)
{
    long long v;
    int rc = scalar(st,
                    "SELECT EXISTS (SELECT 1 FROM account WHERE id = ?1 AND role = 'admin' AND "
                    "active = 1) AND NOT EXISTS (SELECT 1 FROM account WHERE id <> ?1 AND "
                    "role = 'admin' AND active = 1)",
                    id, &v, err);
    *last = v != 0;
    return rc;
}

/* Change the row of account a in one transaction. When the change leaves a no longer an active
 * administrator (drops_admin), the check that another one remains is made in that same
 * transaction, so that two administrators cannot demote each other at once. */
static int sync_account(xaso_store *st, const char *action, const xaso_account *a,
                        bool drops_admin, const store_value *cols, size_t n, xaso_error *err)
{
    if (store_begin(st, action, err))
        return err->code;
    bool last = false;
    int rc = drops_admin ? last_admin(st, a->id, &last, err) : 0;
    if (!rc && last)
        rc = xaso_error_set(err, XASO_EX_DATAERR,
                            _("%s is the last active administrator: make another "
                              "administrator first"),
                            a->login);
    store_value key[] = {SV_INT("id", a->id)};
    long long row;
    store_sync_result r;
    if (rc || store_sync_row(st, "account", key, 1, cols, n, &row, &r, err) ||
        store_commit(st, err)) {
        store_rollback(st);
        return err->code;
    }
    refresh_session(st, a->id);
    return 0;
}

int store_account_update(xaso_store *st, const account_spec *spec, xaso_error *err)
{
    xaso_account a;
    if (load_for_change(st, spec->login, &a, err))
        return err->code;
    char name[sizeof a.full_name];
    snprintf(name, sizeof name, "%s", a.full_name);
    if (spec->full_name && check_full_name(spec->full_name, name, sizeof name, err))
        return err->code;
    long long unit_id = a.unit_id;
    if (spec->unit) {
        unit_id = 0;
        if (*spec->unit && find_unit(st, spec->unit, &unit_id, err))
            return err->code;
    }
    if (!*role_code(spec->role))
        return xaso_error_set(err, XASO_EX_DATAERR, _("unknown role"));
    if (spec->role == ROLE_UNIT && !unit_id)
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("a unit staff account needs its unit (--unit CODE)"));
    store_value cols[] = {SV_TEXT("full_name", name), SV_TEXT("role", role_code(spec->role)),
                          unit_id ? SV_INT("unit_id", unit_id) : SV_NULL("unit_id")};
    return sync_account(st, "account.update", &a, spec->role != ROLE_ADMIN, cols, 3, err);
}

int store_account_set_active(xaso_store *st, const char *login, bool active, xaso_error *err)
{
    xaso_account a;
    if (load_for_change(st, login, &a, err))
        return err->code;
    store_value cols[] = {SV_INT("active", active ? 1 : 0)};
    return sync_account(st, active ? "account.enable" : "account.disable", &a, !active, cols, 1,
                        err);
}

int store_account_set_pin(xaso_store *st, const char *login, const char *pin, xaso_error *err)
{
    xaso_account a;
    bool found = false;
    const xaso_account *cur = store_account_current(st);
    bool own = cur && login && !strcasecmp(cur->login, login);
    if (own) {
        const xaso_account *fresh;
        if (fresh_account(st, PERM_READ, &fresh, err))
            return err->code;
        if (store_account_get(st, login, &a, &found, err))
            return err->code;
    } else if (load_for_change(st, login, &a, err)) {
        return err->code;
    }
    if (own && !found)
        return xaso_error_set(err, XASO_EX_NOINPUT, _("no account with the login \"%s\""), login);
    if (account_pin_check(pin, a.login, err))
        return err->code;
    pin_record rec;
    if (pin_record_new(pin, &rec, err))
        return err->code;
    if (store_begin(st, "account.set-pin", err))
        return err->code;
    store_value p[] = {SV_TEXT("h", rec.hash), SV_TEXT("s", rec.salt),
                       SV_INT("i", rec.iterations), SV_INT("id", a.id)};
    int rc = store_exec(st,
                        "UPDATE account SET pin_hash = ?1, pin_salt = ?2, kdf_iterations = ?3, "
                        "failed_attempts = 0, locked_until = NULL WHERE id = ?4",
                        p, 4, NULL, err);
    if (!rc) {
        strbuf old = STRBUF_INIT;
        sb_appendf(&old, "{\"failed_attempts\": %d, \"locked_until\": ", a.failed_attempts);
        if (a.locked_until[0])
            sb_append_json(&old, a.locked_until);
        else
            sb_append(&old, "null");
        sb_append(&old, "}");
        rc = store_audit(st, "account", a.id, sb_str(&old),
                         "{\"pin\": \"changed\", \"failed_attempts\": 0, \"locked_until\": null}",
                         err);
        sb_free(&old);
    }
    if (rc || store_commit(st, err)) {
        store_rollback(st);
        return err->code;
    }
    return 0;
}
