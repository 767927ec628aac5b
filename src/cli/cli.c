#include "xaso/cli.h"

#include "cli_common.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xaso/demo.h"
#include "xaso/error.h"
#include "xaso/i18n.h"
#include "xaso/planio.h"
#include "xaso/store.h"
#include "xaso/store_account.h"
#include "xaso/store_backup.h"
#include "xaso/store_office.h"
#include "xaso/store_plan.h"
#include "xaso/strbuf.h"
#include "xaso/tui.h"
#include "xaso/utf8.h"


/* Every command, in the order --help lists them. Add a line here and a handler in its own file. */
static const cli_command commands[] = {
    {"init", N_("--code CODE --name NAME [--province NAME] [--level xa|phuong|dac-khu|tinh] "
                "[--admin LOGIN --admin-name NAME]"),
     N_("set up the office that keeps this database (and its first administrator)"), cmd_init},
    {"plan import", N_("FILE…"), N_("import plan files (all or nothing per file)"),
     cmd_plan_import},
    {"plan list", "", N_("list the plans with their counts"), cmd_plan_list},
    {"plan export", N_("PLAN -o FILE"), N_("write a plan as a plan file"), cmd_plan_export},
    {"backup", N_("[-o FILE]"), N_("copy the database (automatic copies are made daily)"),
     cmd_backup},
    {"restore", N_("FILE"), N_("replace the database by a backup (checked first; the replaced "
                                "one is kept)"),
     cmd_restore},
    {"search", N_("TEXT… [--in KIND] [--plan PLAN] [--all] [--limit N]"),
     N_("find plans, targets, tasks, projects, units, updates and evidence (diacritics ignored)"),
     cmd_search},
    {"evidence add", N_("--plan PLAN --task TASK --period PERIOD FILE…"),
     N_("attach evidence files to a task's update (copied once, by SHA-256)"), cmd_evidence_add},
    {"evidence list", N_("--plan PLAN [--period PERIOD] [--task TASK]"),
     N_("list the evidence of a plan"), cmd_evidence_list},
    {"evidence appraise", N_("ID accepted|rejected [--reason TEXT]"),
     N_("record the appraisal of one evidence file"), cmd_evidence_appraise},
    {"report check", N_("--plan PLAN --period PERIOD [--unit UNIT]"),
     N_("list every problem of a report (errors block finalising)"), cmd_report_check},
    {"report finalise", N_("--plan PLAN --period PERIOD [--unit UNIT]"),
     N_("check a report and finalise it, locking the period's data"), cmd_report_finalise},
    {"report reopen", N_("--plan PLAN --period PERIOD [--unit UNIT] --reason TEXT"),
     N_("reopen a finalised report (recorded)"), cmd_report_reopen},
    {"report build", N_("--plan PLAN --period PERIOD [--unit UNIT] -o PATH [--encrypt]"),
     N_("write the report's bundle (zip), read it back and verify it"), cmd_report_build},
    {"bundle verify", N_("FILE"), N_("check a bundle: exit 0 when valid, one line per problem"),
     cmd_bundle_verify},
    {"bundle import", N_("FILE|FOLDER…"),
     N_("verify bundles from other offices and take them in, with a receipt for each"),
     cmd_bundle_import},
    {"bundle receipts", N_("[--period PERIOD]"), N_("list the import receipts"),
     cmd_bundle_receipts},
    {"bundle return", N_("SENDER PLAN PERIOD --reason TEXT [-o PATH]"),
     N_("return a received report to its sender and write a receipt file for it"),
     cmd_bundle_return},
    {"bundle accept", N_("SENDER PLAN PERIOD [-o PATH]"),
     N_("write an acceptance receipt file for a received report"), cmd_bundle_accept},
    {"report receipt", N_("FILE"),
     N_("load a receiver's receipt file: the report becomes returned or submitted"),
     cmd_report_receipt},
    {"sender add", N_("CODE NAME"), N_("add an office or unit that must report to this one"),
     cmd_sender_add},
    {"sender list", "", N_("list the senders"), cmd_sender_list},
    {"received matrix", N_("[--plan PLAN] [--from PERIOD --to PERIOD]"),
     N_("senders × periods: submitted, late, missing or returned"), cmd_received_matrix},
    {"received missing", N_("--period PERIOD [--plan PLAN]"),
     N_("who has not reported for a period"), cmd_received_missing},
    {"received targets", N_("--plan PLAN --period PERIOD"),
     N_("the senders' target values side by side, and combined"), cmd_received_targets},
    {"received tasks", N_("--period PERIOD [--sender SENDER] [--warning WARNING]"),
     N_("lagging and overdue tasks across senders"), cmd_received_tasks},
    {"received bundle", N_("--plan PLAN --period PERIOD -o PATH"),
     N_("build this office's own bundle from what it consolidated, to pass upward"),
     cmd_received_bundle},
    {"progress set", N_("--plan PLAN --task TASK --period PERIOD [--status S] [--completion N] "
                        "[--done TEXT] [--quantity TEXT] [--difficulties TEXT] [--proposals TEXT]"),
     N_("record a task's progress for a period"), cmd_progress_set},
    {"value set", N_("--plan PLAN --target TARGET --period PERIOD (--value N | --numerator N "
                     "--denominator N | --no-data) [--text T] [--as-of DATE] [--source T] "
                     "[--note T]"),
     N_("record a target's value for a period"), cmd_value_set},
    {"account add", N_("--login LOGIN --name NAME --role admin|unit|viewer [--unit UNIT]"),
     N_("create a staff account (new PIN: asked, or XASO_NEW_PIN)"), cmd_account_add},
    {"account list", "", N_("list the staff accounts"), cmd_account_list},
    {"account edit", N_("LOGIN [--name NAME] [--role ROLE] [--unit UNIT | --no-unit]"),
     N_("change an account's name, role or unit"), cmd_account_edit},
    {"account disable", N_("LOGIN"), N_("stop an account from signing in (kept in history)"),
     cmd_account_disable},
    {"account enable", N_("LOGIN"), N_("let a disabled account sign in again"),
     cmd_account_enable},
    {"account set-pin", N_("LOGIN"), N_("set a new PIN (asked, or XASO_NEW_PIN); clears a lock"),
     cmd_account_set_pin},
    {"account policy", N_("[--max-attempts N] [--lock-seconds N] [--idle-minutes N]"),
     N_("show or change the sign-in limits and the idle sign-out time"), cmd_account_policy},
    {"help", N_("[COMMAND]"), N_("show help for a command"), cmd_help},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

enum { BACKUPS_KEPT = 10 }; /* automatic daily backups kept */

int cli_report(const xaso_error *err)
{
    char buf[2048];
    fprintf(stderr, "xaso: %s\n", xaso_error_format(err, buf, sizeof buf));
    return err->code ? err->code : XASO_EX_SOFTWARE;
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("xaso: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fputs(_("Try: xaso --help"), stderr);
    fputc('\n', stderr);
    return XASO_EX_USAGE;
}

static void print_usage(FILE *out)
{
    fprintf(out, _("Usage: xaso [--db FILE | --demo] [--lang vi|en] [--user LOGIN] COMMAND "
                   "[ARGUMENTS]\n"));
    fprintf(out, _("Keeps a commune's digital-transformation plans, progress and reports.\n\n"));
    fprintf(out, _("Commands:\n"));
    for (size_t i = 0; i < N_COMMANDS; i++) {
        strbuf line = STRBUF_INIT;
        sb_appendf(&line, "%s %s", commands[i].name, _(commands[i].usage));
        /* pad by display width (Vietnamese letters take several bytes); a long line puts the
         * summary under it */
        size_t width = utf8_width(sb_str(&line));
        fprintf(out, "  %s", sb_str(&line));
        if (width > 26)
            fprintf(out, "\n  %26s", "");
        else
            fprintf(out, "%*s", (int)(26 - width), "");
        fprintf(out, " %s\n", _(commands[i].summary));
        sb_free(&line);
    }
    fprintf(out, _("\nOptions:\n"));
    fprintf(out, _("  --db FILE      the database (default: $XASO_DB, else "
                   "$XDG_DATA_HOME/xaso/xaso.db)\n"));
    fprintf(out, _("  --demo         use the demo database (phường Ngọc Sơn 2026), built when "
                   "missing\n"));
    fprintf(out, _("  --lang vi|en   language of messages (default: Vietnamese)\n"));
    fprintf(out, _("  --user LOGIN   sign in as this staff account (the PIN is asked, or read from "
                   "XASO_PIN); needed once the office has accounts\n"));
    fprintf(out, _("  --help         this help; xaso help COMMAND for one command\n"));
    fprintf(out, _("  --version      the program's version\n"));
    fprintf(out, _("\nExit codes: 0 ok, 64 bad usage, 65 invalid data, 66 unreadable input, "
                   "70 internal error, 73 cannot create output, 74 I/O error, 75 database busy "
                   "(another xaso is saving: try again), 77 not permitted (or wrong PIN), "
                   "78 configuration problem.\n"));
    fprintf(out, _("Every command, option, environment variable and file is described in "
                   "man xaso.\n"));
}

static const cli_command *find_command(int argc, char **argv, int *consumed)
{
    for (size_t i = 0; i < N_COMMANDS; i++) {
        const char *name = commands[i].name;
        const char *space = strchr(name, ' ');
        if (space) {
            size_t n = (size_t)(space - name);
            if (argc >= 2 && strlen(argv[0]) == n && !strncmp(argv[0], name, n) &&
                !strcmp(argv[1], space + 1)) {
                *consumed = 2;
                return &commands[i];
            }
        } else if (argc >= 1 && !strcmp(argv[0], name)) {
            *consumed = 1;
            return &commands[i];
        }
    }
    return NULL;
}

static int print_command_help(const cli_command *c)
{
    printf(_("Usage: xaso %s %s\n"), c->name, _(c->usage));
    printf("%s\n", _(c->summary));
    return 0;
}

/* After the help of one command (or of a group: "plan"): where the rest is. */
static int print_help_footer(const char *name)
{
    printf(_("Options for every command: [--db FILE | --demo] [--lang vi|en] [--user LOGIN]. "
             "Exit codes: xaso --help. Details and examples: man xaso, section %s.\n"),
           name);
    return 0;
}

int cmd_help(cli_globals *g, int argc, char **argv)
{
    (void)g;
    if (argc <= 1) {
        print_usage(stdout);
        return 0;
    }
    int consumed;
    const cli_command *c = find_command(argc - 1, argv + 1, &consumed);
    if (!c) {
        /* "xaso help plan" lists the plan commands */
        bool any = false;
        for (size_t i = 0; i < N_COMMANDS; i++)
            if (!strncmp(commands[i].name, argv[1], strlen(argv[1])) &&
                commands[i].name[strlen(argv[1])] == ' ') {
                print_command_help(&commands[i]);
                any = true;
            }
        return any ? print_help_footer(argv[1])
                   : cli_usage_error(_("unknown command \"%s\""), argv[1]);
    }
    print_command_help(c);
    return print_help_footer(c->name);
}

int cli_wants_help(const char *name, int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            for (size_t k = 0; k < N_COMMANDS; k++)
                if (!strcmp(commands[k].name, name)) {
                    print_command_help(&commands[k]);
                    return print_help_footer(name);
                }
    return -1;
}

static void say_waiting(void *ctx)
{
    (void)ctx;
    fprintf(stderr, _("xaso: another xaso is saving to this database; waiting…\n"));
}

int cli_open_store(cli_globals *g, store_open_mode mode, xaso_store **st)
{
    xaso_error err;
    xaso_error_clear(&err);
    if (g->demo) {
        if (demo_open(st, &err))
            return cli_report(&err);
    } else {
        char *path = store_default_path(g->db);
        int rc = store_open(path, mode, st, &err);
        free(path);
        if (rc)
            return cli_report(&err);
    }
    /* With staff accounts, nothing is read or changed before signing in. */
    int signed_in = cli_sign_in(g, *st);
    if (signed_in) {
        store_close(*st);
        *st = NULL;
        return signed_in;
    }
    if (g->demo)
        return 0;
    store_set_wait_notice(*st, say_waiting, NULL);
    store_remove_stale_temps(*st); /* what a killed run left half-written */
    /* A copy a day of the user's own database; a failure is said, and work goes on. */
    bool made;
    if (store_backup_daily(*st, BACKUPS_KEPT, &made, &err))
        fprintf(stderr, _("xaso: warning: no daily backup: %s\n"), err.message);
    return 0;
}

/* ---------- init ---------- */

int cmd_init(cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {{"code", required_argument, 0, 'c'},
                                         {"name", required_argument, 0, 'n'},
                                         {"province", required_argument, 0, 'p'},
                                         {"level", required_argument, 0, 'l'},
                                         {"admin", required_argument, 0, 'a'},
                                         {"admin-name", required_argument, 0, 'A'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    xaso_office office = {.level = "xa"};
    char admin[XASO_LOGIN_MAX + 2] = "", admin_name[256] = ""; /* the first administrator */
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *value = optarg ? utf8_nfc(optarg) : NULL;
        if (optarg && !value)
            return cli_usage_error(_("\"%s\" is not valid UTF-8"), optarg);
        switch (c) {
        case 'c':
            snprintf(office.code, sizeof office.code, "%s", value);
            break;
        case 'n':
            snprintf(office.name, sizeof office.name, "%s", value);
            break;
        case 'p':
            snprintf(office.province, sizeof office.province, "%s", value);
            break;
        case 'l':
            snprintf(office.level, sizeof office.level, "%s", value);
            break;
        case 'a':
            snprintf(admin, sizeof admin, "%s", value);
            break;
        case 'A':
            snprintf(admin_name, sizeof admin_name, "%s", value);
            break;
        case 'h':
            free(value);
            return cli_wants_help("init", 2, (char *[]){"init", "--help"});
        default:
            free(value);
            return cli_usage_error(_("unknown option \"%s\" for init"), argv[optind - 1]);
        }
        free(value);
    }
    if (optind < argc)
        return cli_usage_error(_("unexpected argument \"%s\""), argv[optind]);
    if (!office.code[0] || !office.name[0])
        return cli_usage_error("%s", _("init needs --code and --name"));
    if (!office_level_valid(office.level))
        return cli_usage_error(_("unknown level \"%s\": use xa, phuong, dac-khu or tinh"),
                           office.level);
    if (!admin[0] != !admin_name[0])
        return cli_usage_error("%s", _("--admin and --admin-name go together"));
    if (admin[0] && !cli_login_valid(admin))
        return cli_usage_error(_("\"%s\" is not a valid login: use 1 to %d letters a-z, digits, "
                                 "dots, dashes or underscores"),
                               admin, XASO_LOGIN_MAX);
    char pin[XASO_PIN_MAX + 2] = "";
    int rc = admin[0] ? cli_read_new_pin(admin, pin, sizeof pin) : 0; /* before any change */
    xaso_store *st = NULL;
    if (!rc)
        rc = cli_open_store(g, STORE_OPEN_CREATE, &st);
    if (rc) {
        explicit_bzero(pin, sizeof pin);
        return rc;
    }
    xaso_error err;
    xaso_error_clear(&err);
    if (store_office_save(st, &office, &err)) {
        explicit_bzero(pin, sizeof pin);
        store_close(st);
        return cli_report(&err);
    }
    printf(_("Office %s (%s) is set up in %s\n"), office.name, office.code, store_path(st));
    if (admin[0]) {
        account_spec spec = {admin, admin_name, ROLE_ADMIN, NULL};
        if (store_account_add(st, &spec, pin, NULL, &err))
            rc = cli_report(&err);
        else
            printf(_("Administrator %s (%s) is created: from now on, sign in with --user %s\n"),
                   admin_name, admin, admin);
    }
    explicit_bzero(pin, sizeof pin);
    store_close(st);
    return rc;
}

/* ---------- entry ---------- */

int cli_main(int argc, char **argv)
{
    cli_globals g = {0};
    const char *lang = NULL;
    int i = 1;
    /* Global options come before the command. */
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--db") || !strcmp(argv[i], "--lang") || !strcmp(argv[i], "--user")) {
            if (i + 1 >= argc) {
                i18n_init(lang);
                return cli_usage_error(_("%s needs a value"), argv[i]);
            }
            if (argv[i][2] == 'd')
                g.db = argv[++i];
            else if (argv[i][2] == 'u')
                g.user = argv[++i];
            else
                lang = argv[++i];
        } else if (!strcmp(argv[i], "--demo")) {
            g.demo = true;
        } else if (!strncmp(argv[i], "--db=", 5)) {
            g.db = argv[i] + 5;
        } else if (!strncmp(argv[i], "--lang=", 7)) {
            lang = argv[i] + 7;
        } else if (!strncmp(argv[i], "--user=", 7)) {
            g.user = argv[i] + 7;
        } else {
            break;
        }
    }
    i18n_init(lang);
    if (lang && !i18n_known(lang))
        return cli_usage_error(_("unknown language \"%s\": use vi or en"), lang);
    if (i < argc && (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))) {
        print_usage(stdout);
        return 0;
    }
    if (i < argc && !strcmp(argv[i], "--version")) {
        printf("xaso %s\n", XASO_VERSION);
        return 0;
    }
    if (i >= argc) {
        /* No command: the full-screen interface on a terminal (or headless with XASO_SCRIPT);
         * without a terminal (CI, pipes) the list of plans as before. */
        const char *script = getenv("XASO_SCRIPT");
        if ((script && *script) || (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO)))
            return tui_run(g.db, g.demo);
        char *list[] = {"list", NULL};
        return cmd_plan_list(&g, 1, list);
    }
    if (argv[i][0] == '-')
        return cli_usage_error(_("unknown option \"%s\""), argv[i]);
    int consumed;
    const cli_command *c = find_command(argc - i, argv + i, &consumed);
    if (!c) {
        if (!strcmp(argv[i], "plan"))
            return cli_usage_error("%s", _("plan needs a command: import, list or export"));
        return cli_usage_error(_("unknown command \"%s\""), argv[i]);
    }
    /* Handlers see argv[0] = the command, then its arguments. */
    return c->run(&g, argc - i - consumed + 1, argv + i + consumed - 1);
}
