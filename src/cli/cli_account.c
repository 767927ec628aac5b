/* xaso account add | list | edit | disable | enable | set-pin | policy, and signing in on the
 * command line (--user LOGIN, the PIN from a prompt or $XASO_PIN). */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_common.h"
#include "xaso/i18n.h"
#include "xaso/store_account.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

/* ---------- PINs ---------- */

int cli_read_new_pin(const char *login, char *buf, size_t size)
{
    char prompt[128];
    snprintf(prompt, sizeof prompt, _("New PIN for %s: "), login);
    int rc = cli_read_secret("XASO_NEW_PIN", prompt, _("The same PIN again: "), buf, size, NULL);
    if (rc)
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    if (account_pin_check(buf, login, &err)) {
        cli_wipe(buf, size);
        return cli_report(&err);
    }
    return 0;
}

/* A login as typed: any case ("Binh" is "binh"). */
bool cli_login_valid(const char *login)
{
    char lower[XASO_LOGIN_MAX + 1];
    size_t n = strlen(login);
    if (n == 0 || n > XASO_LOGIN_MAX)
        return false;
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)tolower((unsigned char)login[i]);
    return account_login_valid(lower);
}

/* ---------- signing in ---------- */

int cli_sign_in(cli_globals *g, xaso_store *st)
{
    xaso_error err;
    xaso_error_clear(&err);
    long long accounts;
    if (store_account_count(st, &accounts, &err))
        return cli_report(&err);
    if (accounts == 0) {
        if (g->user) {
            fprintf(stderr, _("xaso: this database has no staff accounts yet: leave out --user "
                              "(an administrator creates them with: xaso account add)\n"));
            return XASO_EX_NOPERM;
        }
        return 0; /* a single-user office */
    }
    if (!g->user || !*g->user) {
        fprintf(stderr, _("xaso: this office has staff accounts: sign in with --user LOGIN (the "
                          "PIN is asked, or read from XASO_PIN)\n"));
        return XASO_EX_NOPERM;
    }
    char pin[XASO_PIN_MAX + 2];
    char prompt[128];
    bool interactive;
    snprintf(prompt, sizeof prompt, _("PIN for %s: "), g->user);
    int rc = cli_read_secret("XASO_PIN", prompt, NULL, pin, sizeof pin, &interactive);
    if (rc)
        return rc;
    signin_result res;
    rc = store_account_authenticate(st, g->user, pin, NULL, &res, &err);
    cli_wipe(pin, sizeof pin);
    if (rc) {
        rc = cli_report(&err);
        /* A person who mistyped waits out the short delay here, so that trying again works. */
        if (interactive && res.status == SIGNIN_WRONG && res.retry_after > 0 &&
            res.retry_after <= 5)
            sleep((unsigned)res.retry_after);
        return rc;
    }
    return 0;
}

/* ---------- account commands ---------- */

typedef struct {
    const char *login, *name, *role, *unit;
    bool no_unit;
    int max_attempts, lock_seconds, idle_minutes; /* -1 = not given */
    const char *arg;                             /* the one positional argument */
} account_args;

static int parse_int_arg(const char *opt, const char *value, int *out)
{
    char *end;
    long v = strtol(value, &end, 10);
    if (!*value || *end || v < 0 || v > 1000000)
        return cli_usage_error(_("%s needs a whole number, not \"%s\""), opt, value);
    *out = (int)v;
    return 0;
}

/* Options of the account commands; `allowed` lists the long names this command takes. */
static int parse_account_args(const char *cmd, int argc, char **argv, const char *allowed,
                              bool want_arg, account_args *a)
{
    static const struct option opts[] = {{"login", required_argument, 0, 'l'},
                                          {"name", required_argument, 0, 'n'},
                                          {"role", required_argument, 0, 'r'},
                                          {"unit", required_argument, 0, 'u'},
                                          {"no-unit", no_argument, 0, 'U'},
                                          {"max-attempts", required_argument, 0, 'm'},
                                          {"lock-seconds", required_argument, 0, 's'},
                                          {"idle-minutes", required_argument, 0, 'i'},
                                          {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    a->max_attempts = a->lock_seconds = a->idle_minutes = -1;
    int c, index = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, &index)) != -1) {
        if (c == '?' || c == ':' ||
            !strstr(allowed, opts[index].name) /* an option of another account command */) {
            return cli_usage_error(_("unknown option \"%s\" for %s"), argv[optind - 1], cmd);
        }
        int rc = 0;
        switch (c) {
        case 'l': a->login = optarg; break;
        case 'n': a->name = optarg; break;
        case 'r': a->role = optarg; break;
        case 'u': a->unit = optarg; break;
        case 'U': a->no_unit = true; break;
        case 'm': rc = parse_int_arg("--max-attempts", optarg, &a->max_attempts); break;
        case 's': rc = parse_int_arg("--lock-seconds", optarg, &a->lock_seconds); break;
        case 'i': rc = parse_int_arg("--idle-minutes", optarg, &a->idle_minutes); break;
        }
        if (rc)
            return rc;
        index = 0;
    }
    if (want_arg) {
        if (optind >= argc)
            return cli_usage_error(_("%s needs the LOGIN"), cmd);
        a->arg = argv[optind++];
    }
    if (optind < argc)
        return cli_usage_error(_("unexpected argument \"%s\""), argv[optind]);
    return 0;
}

static int parse_role(const char *code, xaso_role *out)
{
    if (!role_from_code(code, out))
        return cli_usage_error(_("unknown role \"%s\": use admin, unit or viewer"), code);
    return 0;
}

static int open_signed_in(cli_globals *g, xaso_store **st)
{
    return cli_open_store(g, STORE_OPEN_EXISTING, st);
}

/* The start of an account command: its help, or its options (and LOGIN when need_login), then
 * the database signed in when open_store. false: the command ends with *rc. */
static bool command_start(const char *cmd, const char *allowed, bool need_login, bool open_store,
                          cli_globals *g, int argc, char **argv, account_args *a,
                          xaso_store **st, int *rc)
{
    if ((*rc = cli_wants_help(cmd, argc, argv)) >= 0)
        return false;
    if ((*rc = parse_account_args(cmd, argc, argv, allowed, need_login, a)))
        return false;
    return !open_store || !(*rc = open_signed_in(g, st));
}

/* The account of login, or a clear refusal (its exit code). */
static int find_account(xaso_store *st, const char *login, xaso_account *acc)
{
    xaso_error err;
    xaso_error_clear(&err);
    bool found = false;
    if (store_account_get(st, login, acc, &found, &err))
        return cli_report(&err);
    if (!found) {
        xaso_error_set(&err, XASO_EX_NOINPUT, _("no account with the login \"%s\""), login);
        return cli_report(&err);
    }
    return 0;
}

int cmd_account_add(cli_globals *g, int argc, char **argv)
{
    account_args a;
    int rc;
    if (!command_start("account add", "login name role unit", false, false, g, argc, argv, &a,
                       NULL, &rc))
        return rc;
    if (!a.login || !a.name || !a.role)
        return cli_usage_error("%s", _("account add needs --login, --name and --role"));
    account_spec spec = {a.login, a.name, ROLE_VIEWER, a.unit};
    if ((rc = parse_role(a.role, &spec.role)))
        return rc;
    if (!cli_login_valid(a.login))
        return cli_usage_error(_("\"%s\" is not a valid login: use 1 to %d letters a-z, digits, "
                                 "dots, dashes or underscores"),
                               a.login, XASO_LOGIN_MAX);
    char *name = utf8_nfc(a.name);
    if (!name)
        return cli_usage_error(_("\"%s\" is not valid UTF-8"), a.name);
    spec.full_name = name;
    xaso_store *st;
    if ((rc = open_signed_in(g, &st))) {
        free(name);
        return rc;
    }
    char pin[XASO_PIN_MAX + 2];
    xaso_error err;
    xaso_error_clear(&err);
    long long id;
    rc = cli_read_new_pin(a.login, pin, sizeof pin);
    if (!rc && store_account_add(st, &spec, pin, &id, &err))
        rc = cli_report(&err);
    cli_wipe(pin, sizeof pin);
    if (!rc) {
        xaso_account acc;
        bool found;
        if (!store_account_get(st, a.login, &acc, &found, &err) && found)
            printf(_("Account %s (%s, %s%s%s) is created\n"), acc.login, acc.full_name,
                   _(role_label(acc.role)), acc.unit_code[0] ? ", " : "", acc.unit_code);
    }
    free(name);
    store_close(st);
    return rc;
}

static int print_account(const xaso_account *a, void *ctx)
{
    (*(int *)ctx)++;
    strbuf state = STRBUF_INIT;
    sb_append(&state, a->active ? _("active") : _("disabled"));
    if (a->locked_until[0])
        sb_appendf(&state, _(", %d failures, locked until %s"), a->failed_attempts, a->locked_until);
    else if (a->failed_attempts)
        sb_appendf(&state, _(", %d failures"), a->failed_attempts);
    printf("%-16s %-8s %-12s %s — %s\n", a->login, role_code(a->role),
           a->unit_code[0] ? a->unit_code : "-", a->full_name, sb_str(&state));
    sb_free(&state);
    return 0;
}

int cmd_account_list(cli_globals *g, int argc, char **argv)
{
    account_args a;
    xaso_store *st;
    int rc;
    if (!command_start("account list", "", false, true, g, argc, argv, &a, &st, &rc))
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    int n = 0;
    if (store_account_list(st, print_account, &n, &err))
        rc = cli_report(&err);
    else if (n == 0)
        printf(_("No staff accounts: this is a single-user office. Create the first "
                 "administrator with: xaso account add --login LOGIN --name NAME --role admin\n"));
    store_close(st);
    return rc;
}

int cmd_account_edit(cli_globals *g, int argc, char **argv)
{
    account_args a;
    int rc;
    if (!command_start("account edit", "name role unit no-unit", true, false, g, argc, argv, &a,
                       NULL, &rc))
        return rc;
    if (!a.name && !a.role && !a.unit && !a.no_unit)
        return cli_usage_error("%s", _("account edit needs --name, --role, --unit or --no-unit"));
    xaso_store *st;
    if ((rc = open_signed_in(g, &st)))
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    xaso_account cur;
    bool found = false;
    char *name = a.name ? utf8_nfc(a.name) : NULL;
    account_spec spec = {a.arg, name, ROLE_VIEWER, a.no_unit ? "" : a.unit};
    if (a.name && !name)
        rc = cli_usage_error(_("\"%s\" is not valid UTF-8"), a.name);
    else
        rc = find_account(st, a.arg, &cur);
    if (!rc) {
        spec.role = cur.role;
        if (a.role)
            rc = parse_role(a.role, &spec.role);
    }
    if (!rc && store_account_update(st, &spec, &err))
        rc = cli_report(&err);
    if (!rc && !store_account_get(st, a.arg, &cur, &found, &err) && found)
        printf(_("Account %s (%s, %s%s%s) is changed\n"), cur.login, cur.full_name,
               _(role_label(cur.role)), cur.unit_code[0] ? ", " : "", cur.unit_code);
    free(name);
    store_close(st);
    return rc;
}

static int set_active(cli_globals *g, const char *cmd, int argc, char **argv, bool active)
{
    account_args a;
    xaso_store *st;
    int rc;
    if (!command_start(cmd, "", true, true, g, argc, argv, &a, &st, &rc))
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    if (store_account_set_active(st, a.arg, active, &err))
        rc = cli_report(&err);
    else if (active)
        printf(_("Account %s is enabled\n"), a.arg);
    else
        printf(_("Account %s is disabled: it can no longer sign in\n"), a.arg);
    store_close(st);
    return rc;
}

int cmd_account_disable(cli_globals *g, int argc, char **argv)
{
    return set_active(g, "account disable", argc, argv, false);
}

int cmd_account_enable(cli_globals *g, int argc, char **argv)
{
    return set_active(g, "account enable", argc, argv, true);
}

int cmd_account_set_pin(cli_globals *g, int argc, char **argv)
{
    account_args a;
    xaso_store *st;
    int rc;
    if (!command_start("account set-pin", "", true, true, g, argc, argv, &a, &st, &rc))
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    xaso_account acc;
    rc = find_account(st, a.arg, &acc);
    char pin[XASO_PIN_MAX + 2];
    if (!rc)
        rc = cli_read_new_pin(acc.login, pin, sizeof pin);
    if (!rc && store_account_set_pin(st, acc.login, pin, &err))
        rc = cli_report(&err);
    cli_wipe(pin, sizeof pin);
    if (!rc)
        printf(_("The PIN of %s is changed (failed sign-ins cleared)\n"), acc.login);
    store_close(st);
    return rc;
}

int cmd_account_policy(cli_globals *g, int argc, char **argv)
{
    account_args a;
    xaso_store *st;
    int rc;
    if (!command_start("account policy", "max-attempts lock-seconds idle-minutes", false, true, g,
                       argc, argv, &a, &st, &rc))
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    signin_policy p;
    if (store_signin_policy_get(st, &p, &err)) {
        store_close(st);
        return cli_report(&err);
    }
    if (a.max_attempts >= 0 || a.lock_seconds >= 0 || a.idle_minutes >= 0) {
        if (a.max_attempts >= 0)
            p.max_attempts = a.max_attempts;
        if (a.lock_seconds >= 0)
            p.lock_seconds = a.lock_seconds;
        if (a.idle_minutes >= 0)
            p.idle_minutes = a.idle_minutes;
        if (store_signin_policy_set(st, &p, &err)) {
            store_close(st);
            return cli_report(&err);
        }
    }
    printf(_("Sign-in: %d failed attempts lock an account for %d seconds (doubling after each "
             "further failure)\n"),
           p.max_attempts, p.lock_seconds);
    if (p.idle_minutes)
        printf(_("Idle sign-out: after %d minutes without a key press\n"), p.idle_minutes);
    else
        printf(_("Idle sign-out: never\n"));
    store_close(st);
    return 0;
}
