#include "xaso/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/demo.h"
#include "xaso/error.h"
#include "xaso/i18n.h"
#include "xaso/planio.h"
#include "xaso/store.h"
#include "xaso/store_office.h"
#include "xaso/store_plan.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

typedef struct {
    const char *db; /* --db */
    bool demo;      /* --demo: the demo database instead of the user's */
} cli_globals;

typedef struct {
    const char *name;    /* "plan import" */
    const char *usage;   /* arguments after the name */
    const char *summary; /* one line, marked for translation */
    int (*run)(cli_globals *g, int argc, char **argv);
} cli_command;

static int cmd_init(cli_globals *g, int argc, char **argv);
static int cmd_plan_import(cli_globals *g, int argc, char **argv);
static int cmd_plan_list(cli_globals *g, int argc, char **argv);
static int cmd_plan_export(cli_globals *g, int argc, char **argv);
static int cmd_help(cli_globals *g, int argc, char **argv);

static const cli_command commands[] = {
    {"init", N_("--code CODE --name NAME [--province NAME] [--level xa|phuong|dac-khu|tinh]"),
     N_("set up the office that keeps this database"), cmd_init},
    {"plan import", N_("FILE…"), N_("import plan files (all or nothing per file)"),
     cmd_plan_import},
    {"plan list", "", N_("list the plans with their counts"), cmd_plan_list},
    {"plan export", N_("PLAN -o FILE"), N_("write a plan as a plan file"), cmd_plan_export},
    {"help", N_("[COMMAND]"), N_("show help for a command"), cmd_help},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static int report(const xaso_error *err)
{
    char buf[2048];
    fprintf(stderr, "xaso: %s\n", xaso_error_format(err, buf, sizeof buf));
    return err->code ? err->code : XASO_EX_SOFTWARE;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
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
    fprintf(out, _("Usage: xaso [--db FILE | --demo] [--lang vi|en] COMMAND [ARGUMENTS]\n"));
    fprintf(out, _("Keeps a commune's digital-transformation plans, progress and reports.\n\n"));
    fprintf(out, _("Commands:\n"));
    for (size_t i = 0; i < N_COMMANDS; i++) {
        strbuf line = STRBUF_INIT;
        sb_appendf(&line, "%s %s", commands[i].name, _(commands[i].usage));
        fprintf(out, "  %-26s %s\n", sb_str(&line), _(commands[i].summary));
        sb_free(&line);
    }
    fprintf(out, _("\nOptions:\n"));
    fprintf(out, _("  --db FILE      the database (default: $XASO_DB, else "
                   "$XDG_DATA_HOME/xaso/xaso.db)\n"));
    fprintf(out, _("  --demo         use the demo database (phường Ngọc Sơn 2026), built when "
                   "missing\n"));
    fprintf(out, _("  --lang vi|en   language of messages (default: Vietnamese)\n"));
    fprintf(out, _("  --help         this help; xaso help COMMAND for one command\n"));
    fprintf(out, _("  --version      the program's version\n"));
    fprintf(out, _("\nExit codes: 0 ok, 64 bad usage, 65 invalid data, 66 unreadable input, "
                   "73 cannot create output, 74 I/O error.\n"));
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

static int cmd_help(cli_globals *g, int argc, char **argv)
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
        return any ? 0 : usage_error(_("unknown command \"%s\""), argv[1]);
    }
    return print_command_help(c);
}

/* Parse subcommand options: --help is handled here; returns -1 to continue. */
static int wants_help(const cli_command *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return print_command_help(c);
    return -1;
}

static int open_store(cli_globals *g, store_open_mode mode, xaso_store **st)
{
    xaso_error err;
    xaso_error_clear(&err);
    if (g->demo)
        return demo_open(st, &err) ? report(&err) : 0;
    char *path = store_default_path(g->db);
    int rc = store_open(path, mode, st, &err);
    free(path);
    return rc ? report(&err) : 0;
}

/* ---------- init ---------- */

static int cmd_init(cli_globals *g, int argc, char **argv)
{
    static const struct option opts[] = {{"code", required_argument, 0, 'c'},
                                         {"name", required_argument, 0, 'n'},
                                         {"province", required_argument, 0, 'p'},
                                         {"level", required_argument, 0, 'l'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    xaso_office office = {.level = "xa"};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        char *value = optarg ? utf8_nfc(optarg) : NULL;
        if (optarg && !value)
            return usage_error(_("\"%s\" is not valid UTF-8"), optarg);
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
        case 'h':
            free(value);
            return print_command_help(&commands[0]);
        default:
            free(value);
            return usage_error(_("unknown option \"%s\" for init"), argv[optind - 1]);
        }
        free(value);
    }
    if (optind < argc)
        return usage_error(_("unexpected argument \"%s\""), argv[optind]);
    if (!office.code[0] || !office.name[0])
        return usage_error("%s", _("init needs --code and --name"));
    if (!office_level_valid(office.level))
        return usage_error(_("unknown level \"%s\": use xa, phuong, dac-khu or tinh"),
                           office.level);
    xaso_store *st;
    int rc = open_store(g, STORE_OPEN_CREATE, &st);
    if (rc)
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    if (store_office_save(st, &office, &err)) {
        store_close(st);
        return report(&err);
    }
    printf(_("Office %s (%s) is set up in %s\n"), office.name, office.code, store_path(st));
    store_close(st);
    return 0;
}

/* ---------- plan import / list / export ---------- */

static int cmd_plan_import(cli_globals *g, int argc, char **argv)
{
    int h = wants_help(&commands[1], argc, argv);
    if (h >= 0)
        return h;
    if (argc < 2)
        return usage_error("%s", _("plan import needs at least one FILE"));
    xaso_store *st = NULL; /* opened at the first valid file: a bad file creates nothing */
    int worst = 0;
    for (int i = 1; i < argc; i++) {
        xaso_error err;
        xaso_error_clear(&err);
        xaso_plan *plan = planio_load(argv[i], &err);
        plan_import_result res;
        if (plan && !st) {
            int rc = open_store(g, STORE_OPEN_CREATE, &st);
            if (rc) {
                plan_free(plan);
                return rc;
            }
        }
        if (!plan || store_plan_import(st, plan, &res, &err)) {
            if (plan && !err.file[0])
                snprintf(err.file, sizeof err.file, "%s", argv[i]);
            int code = report(&err);
            if (!worst)
                worst = code;
            plan_free(plan);
            continue;
        }
        const plan_header *hd = &plan->header;
        printf(_("%s: plan %s%s%s%s: %zu targets, %zu tasks, %zu projects, %zu units\n"), argv[i],
               hd->key, hd->symbol ? " (" : "", hd->symbol ? hd->symbol : "",
               hd->symbol ? ")" : "", res.targets, res.tasks, res.projects, res.units);
        if (res.changes.added + res.changes.updated + res.changes.archived == 0)
            printf(_("  nothing changed (already imported)\n"));
        else
            printf(_("  %zu added, %zu updated, %zu unchanged, %zu archived\n"),
                   res.changes.added, res.changes.updated, res.changes.unchanged,
                   res.changes.archived);
        plan_free(plan);
    }
    store_close(st);
    return worst;
}

/* Print s padded with spaces to width columns (display width, not bytes). */
static void print_padded(const char *s, size_t width)
{
    fputs(s, stdout);
    for (size_t w = utf8_width(s); w < width; w++)
        putchar(' ');
}

static int print_plan_row(const plan_summary *p, void *ctx)
{
    (*(int *)ctx)++;
    char years[32] = "";
    if (p->period_from && p->period_to && p->period_from != p->period_to)
        snprintf(years, sizeof years, "%d–%d", p->period_from, p->period_to);
    else if (p->period_from || p->period_to)
        snprintf(years, sizeof years, "%d", p->period_to ? p->period_to : p->period_from);
    print_padded(p->key, 20);
    putchar(' ');
    print_padded(p->symbol ? p->symbol : "—", 14);
    putchar(' ');
    print_padded(years, 10);
    printf(" %7d %7d %7d %6d  %s\n", p->targets, p->tasks, p->projects, p->units, p->title);
    return 0;
}

static int cmd_plan_list(cli_globals *g, int argc, char **argv)
{
    int h = wants_help(&commands[2], argc, argv);
    if (h >= 0)
        return h;
    if (argc > 1)
        return usage_error(_("unexpected argument \"%s\""), argv[1]);
    xaso_store *st;
    int rc = open_store(g, STORE_OPEN_EXISTING, &st);
    if (rc)
        return rc;
    print_padded(_("PLAN"), 20);
    putchar(' ');
    print_padded(_("SYMBOL"), 14);
    putchar(' ');
    print_padded(_("YEARS"), 10);
    printf(" %7s %7s %7s %6s  %s\n", _("TARGETS"), _("TASKS"), _("PROJECTS"), _("UNITS"),
           _("TITLE"));
    int count = 0;
    xaso_error err;
    xaso_error_clear(&err);
    if (store_plan_list(st, print_plan_row, &count, &err)) {
        store_close(st);
        return report(&err);
    }
    if (count == 0)
        printf(_("(no plans yet: xaso plan import FILE)\n"));
    store_close(st);
    return 0;
}

static int cmd_plan_export(cli_globals *g, int argc, char **argv)
{
    int h = wants_help(&commands[3], argc, argv);
    if (h >= 0)
        return h;
    const char *ref = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
            if (++i >= argc)
                return usage_error("%s", _("-o needs a FILE"));
            out = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error(_("unknown option \"%s\" for plan export"), argv[i]);
        } else if (!ref) {
            ref = argv[i];
        } else {
            return usage_error(_("unexpected argument \"%s\""), argv[i]);
        }
    }
    if (!ref || !out)
        return usage_error("%s", _("plan export needs PLAN and -o FILE"));
    xaso_store *st;
    int rc = open_store(g, STORE_OPEN_EXISTING, &st);
    if (rc)
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    long long id;
    xaso_plan *plan = NULL;
    if (store_plan_find(st, ref, &id, &err) || store_plan_load(st, id, &plan, &err)) {
        store_close(st);
        return report(&err);
    }
    store_close(st);
    if (!strcmp(out, "-")) {
        char *text;
        size_t len;
        rc = planio_write_buffer(plan, &text, &len, &err);
        if (!rc) {
            fwrite(text, 1, len, stdout);
            free(text);
        }
    } else {
        rc = planio_save(plan, out, &err);
    }
    plan_free(plan);
    if (rc)
        return report(&err);
    if (strcmp(out, "-"))
        printf(_("Wrote %s\n"), out);
    return 0;
}

/* ---------- entry ---------- */

int cli_main(int argc, char **argv)
{
    cli_globals g = {0};
    const char *lang = NULL;
    int i = 1;
    /* Global options come before the command. */
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--db") || !strcmp(argv[i], "--lang")) {
            if (i + 1 >= argc) {
                i18n_init(lang);
                return usage_error(_("%s needs a value"), argv[i]);
            }
            if (argv[i][2] == 'd')
                g.db = argv[++i];
            else
                lang = argv[++i];
        } else if (!strcmp(argv[i], "--demo")) {
            g.demo = true;
        } else if (!strncmp(argv[i], "--db=", 5)) {
            g.db = argv[i] + 5;
        } else if (!strncmp(argv[i], "--lang=", 7)) {
            lang = argv[i] + 7;
        } else {
            break;
        }
    }
    i18n_init(lang);
    if (lang && !i18n_known(lang))
        return usage_error(_("unknown language \"%s\": use vi or en"), lang);
    if (i < argc && (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))) {
        print_usage(stdout);
        return 0;
    }
    if (i < argc && !strcmp(argv[i], "--version")) {
        printf("xaso %s\n", XASO_VERSION);
        return 0;
    }
    if (i >= argc && g.demo) {
        /* Until the full-screen interface exists, the demo opens on its list of plans. */
        char *list[] = {"list", NULL};
        return cmd_plan_list(&g, 1, list);
    }
    if (i >= argc) {
        print_usage(stdout);
        return 0;
    }
    if (argv[i][0] == '-')
        return usage_error(_("unknown option \"%s\""), argv[i]);
    int consumed;
    const cli_command *c = find_command(argc - i, argv + i, &consumed);
    if (!c) {
        if (!strcmp(argv[i], "plan"))
            return usage_error("%s", _("plan needs a command: import, list or export"));
        return usage_error(_("unknown command \"%s\""), argv[i]);
    }
    /* Handlers see argv[0] = the command, then its arguments. */
    return c->run(&g, argc - i - consumed + 1, argv + i + consumed - 1);
}
