/* Staff accounts on a shared PC: who is signed in, what they may change, and the sign-in policy.
 *
 * A database without accounts is a single-user office: everything is allowed and audit rows name
 * the operating-system user, as before. Once an administrator has created accounts, every write
 * needs a signed-in account whose role allows it (xaso/permission.h); audit rows then name the
 * account ("Full Name (login)" in actor, the id in audit.account_id) and the OS user (os_user).
 *
 * PINs are kept only as PBKDF2-HMAC-SHA256 (OpenSSL libcrypto) with a 16-byte random salt and a
 * stored iteration count; they are compared in constant time. Failed sign-ins are counted in the
 * database (so a restart does not reset them), delayed, locked after a limit, and audited. */
#ifndef XASO_STORE_ACCOUNT_H
#define XASO_STORE_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/permission.h"
#include "xaso/store.h"

#define XASO_LOGIN_MAX 32        /* bytes: a-z 0-9 . _ - (lower case), first a letter or digit */
#define XASO_PIN_MIN 6           /* characters */
#define XASO_PIN_MAX 128         /* bytes */
#define XASO_KDF_ITERATIONS 300000 /* PBKDF2-HMAC-SHA256 rounds for new PINs */

typedef struct xaso_account {
    long long id;
    char login[XASO_LOGIN_MAX + 1];
    char full_name[256];
    xaso_role role;
    long long unit_id;    /* 0 = none (admin and viewer may have one; unit staff must) */
    char unit_code[64];   /* "" when none */
    char unit_name[256];
    bool active;
    int failed_attempts;  /* failed sign-ins since the last success */
    char locked_until[32]; /* ISO 8601 UTC; "" = not locked */
    char created_at[32];
} xaso_account;

/* ---------- the signed-in account ---------- */

/* How many accounts the database has (active or not). 0 = single-user office. */
int store_account_count(xaso_store *st, long long *count, xaso_error *err);

/* Sign in as account (copied), or sign out with NULL. Audit rows and the *_by columns then name it
 * (store_actor() = "Full Name (login)"); signed out, they name the operating-system user.
 * Normally called by store_account_authenticate; tests and the interface may call it. */
void store_set_account(xaso_store *st, const xaso_account *account);
/* The signed-in account, or NULL (nobody, or a single-user office). */
const xaso_account *store_account_current(const xaso_store *st);

/* The gate every write passes: 0 when the signed-in account may do action on an item with this
 * ownership (or the database has no accounts), else XASO_EX_NOPERM with a translated message that
 * names the account, its role and the action. The account is re-read from the database, so a role
 * change or a disabled account takes effect at once. Changes nothing. */
int store_authorize(xaso_store *st, permission_action action, xaso_ownership ownership,
                     xaso_error *err);
/* The same for an item of a unit: a task (its lead / coordinator assignments), a target (its
 * responsible unit), or a unit itself (unit_id: the account's unit = OWNERSHIP_LEAD). */
int store_authorize_task(xaso_store *st, permission_action action, long long task_id,
                         xaso_error *err);
int store_authorize_target(xaso_store *st, permission_action action, long long target_id,
                           xaso_error *err);
int store_authorize_unit(xaso_store *st, permission_action action, long long unit_id,
                         xaso_error *err);
/* How the signed-in account's unit relates to a task / target (OWNERSHIP_NONE when nobody is
 * signed in or the account has no unit). For screens that show other units' items read-only. */
int store_task_ownership(xaso_store *st, long long task_id, xaso_ownership *out, xaso_error *err);
int store_target_ownership(xaso_store *st, long long target_id, xaso_ownership *out,
                           xaso_error *err);

/* ---------- signing in ---------- */

typedef enum {
    SIGNIN_OK = 0,
    SIGNIN_WRONG,    /* unknown login or wrong PIN (the message does not say which) */
    SIGNIN_LOCKED,   /* too many failures, or too soon after the last one: wait retry_after s */
    SIGNIN_DISABLED  /* right PIN, but the account is disabled */
} signin_status;

typedef struct {
    signin_status status;
    int retry_after;   /* seconds before the next attempt is accepted (0 = now) */
    int attempts_left; /* failures left before the account locks (SIGNIN_WRONG on a known login) */
} signin_result;

/* Check login and pin; on success sign in (store_set_account) and fill *out (may be NULL).
 * A failure is counted and audited in its own transaction (the counter survives restarts): after
 * failure n the account refuses attempts for n seconds; from max_attempts failures on it is locked
 * for lock_seconds, doubling with each further failure (at most a day). While locked the PIN is not
 * even checked. Returns 0, or XASO_EX_NOPERM with a translated message (and *res filled). */
int store_account_authenticate(xaso_store *st, const char *login, const char *pin,
                               xaso_account *out, signin_result *res, xaso_error *err);

/* Audit the start or the end of a session in the interface, naming the signed-in account (event:
 * "signin", "signout" or "idle-signout"; action "account.<event>"). Nothing else changes; a
 * single-user office or nobody signed in records nothing. Sign out afterwards with
 * store_set_account(st, NULL). */
int store_account_audit_session(xaso_store *st, const char *event, xaso_error *err);

/* ---------- managing accounts (PERM_ACCOUNT_MANAGE) ---------- */

typedef struct {
    const char *login;     /* checked: see XASO_LOGIN_MAX; stored in lower case */
    const char *full_name; /* required, NFC */
    xaso_role role;
    const char *unit;      /* unit code (or name / alias); required for ROLE_UNIT, NULL = none */
} account_spec;

/* Is s a valid login? (lower case a-z 0-9 . _ -, 1..XASO_LOGIN_MAX bytes, starts with a letter or
 * digit.) Logins are compared in lower case. */
bool account_login_valid(const char *s);
/* Is pin acceptable as a new PIN? 0 or XASO_EX_DATAERR with the reason. */
int account_pin_check(const char *pin, const char *login, xaso_error *err);

/* Create an account with this PIN. In a database without accounts anyone may create the first
 * one, and it must be an administrator (then sign-in is required). Audited (never the PIN or its
 * hash). *id may be NULL. */
int store_account_add(xaso_store *st, const account_spec *spec, const char *pin, long long *id,
                      xaso_error *err);
/* Change name, role and unit of login (spec->login selects it; NULL fields are kept, spec->unit ""
 * clears the unit). The last active administrator cannot lose the role. */
int store_account_update(xaso_store *st, const account_spec *spec, xaso_error *err);
/* Enable or disable an account. The last active administrator cannot be disabled. */
int store_account_set_active(xaso_store *st, const char *login, bool active, xaso_error *err);
/* Set a new PIN (an administrator for anyone; anyone for their own account) and clear the failure
 * counter and any lock. */
int store_account_set_pin(xaso_store *st, const char *login, const char *pin, xaso_error *err);

/* One account by login; *found false when there is none. */
int store_account_get(xaso_store *st, const char *login, xaso_account *out, bool *found,
                      xaso_error *err);
/* Every account in login order; cb returning non-zero stops the walk. */
int store_account_list(xaso_store *st, int (*cb)(const xaso_account *, void *), void *ctx,
                       xaso_error *err);

/* ---------- policy (stored in the database) ---------- */

typedef struct {
    int max_attempts; /* failures before the account locks (default 5) */
    int lock_seconds; /* first lock, doubled with each further failure (default 60) */
    int idle_minutes; /* the interface signs out after this idle time; 0 = never (default 15) */
} signin_policy;

int store_signin_policy_get(xaso_store *st, signin_policy *out, xaso_error *err);
/* Values are checked (max_attempts 1..100, lock_seconds 1..86400, idle_minutes 0..1440). */
int store_signin_policy_set(xaso_store *st, const signin_policy *policy, xaso_error *err);

/* PBKDF2 rounds for new PINs: XASO_KDF_ITERATIONS, or $XASO_TEST_KDF_ITERATIONS (1..) — for the
 * test suite only, so that a sanitizer build stays fast: honoured only by a program run from its
 * source tree, never by an installed one. A weaker hash is renewed at the next sign-in without. */
int account_kdf_iterations(void);

#endif
