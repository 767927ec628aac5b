/* The receiving side: xaso bundle import | receipts | return | accept, xaso report receipt,
 * xaso sender add | list, xaso received matrix | missing | targets | tasks */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_common.h"
#include "xaso/store_account.h"
#include "xaso/bundle.h"
#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/period.h"
#include "xaso/receive.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

enum { MAX_CELL_COLUMNS = 48 };

typedef struct {
    const char *plan, *period, *from, *to, *sender, *warning, *reason, *output;
    const char *args[8];
    int n_args;
} recv_args;

static int parse(const char *cmd, int argc, char **argv, const char *allowed, int min_args,
                 int max_args, recv_args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char **slot = NULL, *name = NULL;
        if (!strcmp(o, "--plan"))
            slot = &a->plan, name = "plan";
        else if (!strcmp(o, "--period"))
            slot = &a->period, name = "period";
        else if (!strcmp(o, "--from"))
            slot = &a->from, name = "from";
        else if (!strcmp(o, "--to"))
            slot = &a->to, name = "to";
        else if (!strcmp(o, "--sender"))
            slot = &a->sender, name = "sender";
        else if (!strcmp(o, "--warning"))
            slot = &a->warning, name = "warning";
        else if (!strcmp(o, "--reason"))
            slot = &a->reason, name = "reason";
        else if (!strcmp(o, "-o") || !strcmp(o, "--output"))
            slot = &a->output, name = "output";
        else if (o[0] == '-' && o[1])
            return cli_usage_error(_("unknown option \"%s\" for %s"), o, cmd);
        else {
            if (a->n_args >= max_args || a->n_args >= 8)
                return cli_usage_error(_("unexpected argument \"%s\""), o);
            a->args[a->n_args++] = o;
            continue;
        }
        if (!strstr(allowed, name))
            return cli_usage_error(_("unknown option \"%s\" for %s"), o, cmd);
        if (++i >= argc)
            return cli_usage_error(_("%s needs a value"), o);
        *slot = argv[i];
    }
    if (a->n_args < min_args)
        return cli_usage_error(_("%s needs more arguments (see xaso help %s)"), cmd, cmd);
    return 0;
}

/* The first `cols` display columns of s ("…" when cut). malloc'd. */
static char *cut(const char *s, size_t cols)
{
    if (utf8_width(s) <= cols)
        return xstrdup(s);
    strbuf sb = STRBUF_INIT;
    size_t w = 0;
    for (const char *p = s; *p;) {
        size_t n = utf8_seq_len(p);
        if (!n)
            n = 1;
        char ch[8] = "";
        memcpy(ch, p, n < 7 ? n : 7);
        size_t cw = utf8_width(ch);
        if (w + cw > cols - 1)
            break;
        sb_append_len(&sb, p, n);
        w += cw;
        p += n;
    }
    sb_append(&sb, "…");
    return sb_detach(&sb);
}

/* Columns sized by display width; newlines in cells shown as spaces, control characters
 * dropped. */
static void print_table(const receive_table *t)
{
    if (!t->n_cols)
        return;
    size_t n = (t->n_rows + 1) * t->n_cols;
    char **cells = xcalloc(n, sizeof *cells);
    size_t *width = xcalloc(t->n_cols, sizeof *width);
    for (size_t r = 0; r <= t->n_rows; r++)
        for (size_t c = 0; c < t->n_cols; c++) {
            /* stored names may hold anything a file name or a bundle held */
            char *s = receive_safe_text(receive_table_cell(t, r, c), true);
            char *v = cut(s, MAX_CELL_COLUMNS);
            free(s);
            cells[r * t->n_cols + c] = v;
            size_t w = utf8_width(v);
            if (w > width[c])
                width[c] = w;
        }
    for (size_t r = 0; r <= t->n_rows; r++) {
        strbuf line = STRBUF_INIT;
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *v = cells[r * t->n_cols + c];
            sb_append(&line, v);
            if (c + 1 < t->n_cols)
                for (size_t k = utf8_width(v); k < width[c] + 2; k++)
                    sb_putc(&line, ' ');
        }
        /* no trailing blanks */
        while (line.len && sb_str(&line)[line.len - 1] == ' ')
            line.len--;
        printf("%.*s\n", (int)line.len, sb_str(&line));
        sb_free(&line);
    }
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
    free(cells);
    free(width);
}

static int show(int rc, xaso_error *err, receive_table *t)
{
    if (rc) {
        receive_table_free(t);
        return cli_report(err);
    }
    print_table(t);
    receive_table_free(t);
    return 0;
}

static int open_store(cli_globals *g, xaso_store **st)
{
    return cli_open_store(g, STORE_OPEN_EXISTING, st);
}

static int check_period(const char *period)
{
    xaso_period p;
    if (period && !period_parse(period, &p))
        return cli_usage_error(_("\"%s\" is not a period (examples: 2026Q3, 202603, 2026S1, "
                                 "2026)"),
                               period);
    return 0;
}

/* The body shared by the commands that show one table: help, options, checks, open the store,
 * fetch the table, print it, close. check (may be NULL) refuses bad options before the store is
 * opened; fetch fills the table. */
typedef struct {
    const char *cmd, *allowed;
    int (*check)(const recv_args *a);
    int (*fetch)(xaso_store *st, const recv_args *a, receive_table *t, xaso_error *err);
} table_command;

/* Help, options, checks (check may be NULL) and the store: true when the command goes on with
 * *st open; else *rc is its exit code. */
static bool command_start(const char *cmd, const char *allowed, int min_args, int max_args,
                          int (*check)(const recv_args *a), cli_globals *g, int argc,
                          char **argv, recv_args *a, xaso_store **st, int *rc)
{
    if ((*rc = cli_wants_help(cmd, argc, argv)) >= 0)
        return false;
    if ((*rc = parse(cmd, argc, argv, allowed, min_args, max_args, a)) ||
        (check && (*rc = check(a))))
        return false;
    return !(*rc = open_store(g, st));
}

static int run_table_command(const table_command *c, cli_globals *g, int argc, char **argv)
{
    recv_args a;
    xaso_store *st;
    int rc;
    if (!command_start(c->cmd, c->allowed, 0, 0, c->check, g, argc, argv, &a, &st, &rc))
        return rc;
    receive_table t;
    xaso_error err;
    xaso_error_clear(&err);
    rc = show(c->fetch(st, &a, &t, &err), &err, &t);
    store_close(st);
    return rc;
}

/* XASO_PASSPHRASE, else asked once on the terminal. NULL when none; release with
 * cli_secret_free. */
static char *ask_passphrase(const char *file)
{
    strbuf prompt = STRBUF_INIT;
    sb_appendf(&prompt, _("Passphrase for %s: "), file);
    char *pass = cli_read_secret_dup("XASO_PASSPHRASE", sb_str(&prompt), NULL);
    sb_free(&prompt);
    return pass;
}

int cmd_bundle_import(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("bundle import", argc, argv);
    if (h >= 0)
        return h;
    char **files = NULL;
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error(_("unknown option \"%s\" for %s"), argv[i], "bundle import");
        receive_collect_files(argv[i], &files, &n);
    }
    if (!n) {
        free(files);
        return cli_usage_error("%s", _("bundle import needs FILE… (bundles or folders of them)"));
    }
    xaso_store *st;
    int rc = open_store(g, &st);
    if (rc) {
        for (size_t i = 0; i < n; i++)
            free(files[i]);
        free(files);
        return rc;
    }
    receive_tally tally = {0};
    xaso_error aerr;
    xaso_error_clear(&aerr);
    bool refused = store_authorize(st, PERM_BUNDLE_IMPORT, OWNERSHIP_NONE, &aerr) != 0;
    if (refused) /* before any passphrase is asked */
        rc = cli_report(&aerr);
    for (size_t i = 0; i < n && !rc; i++) {
        char *shown = receive_safe_text(files[i], true);
        char *pass = bundle_is_encrypted(files[i]) ? ask_passphrase(shown) : NULL;
        free(shown);
        receive_receipt r;
        xaso_error err;
        xaso_error_clear(&err);
        if (receive_bundle(st, files[i], pass, &r, &err)) {
            rc = cli_report(&err);
        } else {
            strbuf sb = STRBUF_INIT;
            receive_receipt_format(&r, &sb);
            fputs(sb_str(&sb), stdout);
            sb_free(&sb);
            receive_tally_add(&tally, &r);
        }
        receive_receipt_free(&r);
        cli_secret_free(pass);
    }
    if (!refused) {
        strbuf sb = STRBUF_INIT;
        receive_tally_format(&tally, &sb);
        fputs(sb_str(&sb), stdout);
        sb_free(&sb);
    }
    store_close(st);
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
    if (!rc && tally.count[RECEIVE_REJECTED])
        rc = XASO_EX_DATAERR;
    return rc;
}

static int check_receipts(const recv_args *a)
{
    return check_period(a->period);
}

static int fetch_receipts(xaso_store *st, const recv_args *a, receive_table *t, xaso_error *err)
{
    return receive_receipts(st, a->period, t, err);
}

int cmd_bundle_receipts(cli_globals *g, int argc, char **argv)
{
    static const table_command c = {"bundle receipts", "period", check_receipts, fetch_receipts};
    return run_table_command(&c, g, argc, argv);
}

static int check_accept(const recv_args *a)
{
    return check_period(a->args[2]);
}

static int check_return(const recv_args *a)
{
    int rc = check_period(a->args[2]);
    if (!rc && (!a->reason || !*a->reason))
        rc = cli_usage_error("%s", _("bundle return needs --reason TEXT"));
    return rc;
}

static int answer(cli_globals *g, int argc, char **argv, bool returned)
{
    recv_args a;
    xaso_store *st;
    int rc;
    if (!command_start(returned ? "bundle return" : "bundle accept",
                       returned ? "reason output" : "output", 3, 3,
                       returned ? check_return : check_accept, g, argc, argv, &a, &st, &rc))
        return rc;
    char path[4096];
    xaso_error err;
    xaso_error_clear(&err);
    rc = returned ? receive_return(st, a.args[0], a.args[1], a.args[2], a.reason, a.output,
                                   path, sizeof path, &err)
                  : receive_accept(st, a.args[0], a.args[1], a.args[2], a.output, path,
                                   sizeof path, &err);
    if (rc)
        rc = cli_report(&err);
    else
        printf(returned ? _("returned; give the sender this receipt file: %s\n")
                        : _("accepted; give the sender this receipt file: %s\n"),
               path);
    store_close(st);
    return rc;
}

int cmd_bundle_return(cli_globals *g, int argc, char **argv)
{
    return answer(g, argc, argv, true);
}

int cmd_bundle_accept(cli_globals *g, int argc, char **argv)
{
    return answer(g, argc, argv, false);
}

int cmd_report_receipt(cli_globals *g, int argc, char **argv)
{
    recv_args a;
    xaso_store *st;
    int rc;
    if (!command_start("report receipt", "", 1, 1, NULL, g, argc, argv, &a, &st, &rc))
        return rc;
    strbuf sb = STRBUF_INIT;
    xaso_error err;
    xaso_error_clear(&err);
    if (receive_apply_receipt(st, a.args[0], &sb, &err))
        rc = cli_report(&err);
    else
        printf("%s\n", sb_str(&sb));
    sb_free(&sb);
    store_close(st);
    return rc;
}

int cmd_sender_add(cli_globals *g, int argc, char **argv)
{
    recv_args a;
    xaso_store *st;
    int rc;
    if (!command_start("sender add", "", 2, 2, NULL, g, argc, argv, &a, &st, &rc))
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    if (receive_sender_add(st, a.args[0], a.args[1], &err))
        rc = cli_report(&err);
    store_close(st);
    return rc;
}

static int fetch_senders(xaso_store *st, const recv_args *a, receive_table *t, xaso_error *err)
{
    (void)a;
    return receive_senders(st, t, err);
}

int cmd_sender_list(cli_globals *g, int argc, char **argv)
{
    static const table_command c = {"sender list", "", NULL, fetch_senders};
    return run_table_command(&c, g, argc, argv);
}

static int check_matrix(const recv_args *a)
{
    int rc = check_period(a->from);
    return rc ? rc : check_period(a->to);
}

static int fetch_matrix(xaso_store *st, const recv_args *a, receive_table *t, xaso_error *err)
{
    return receive_matrix(st, a->plan, a->from, a->to, t, err);
}

int cmd_received_matrix(cli_globals *g, int argc, char **argv)
{
    static const table_command c = {"received matrix", "plan from to", check_matrix,
                                    fetch_matrix};
    return run_table_command(&c, g, argc, argv);
}

static int check_missing(const recv_args *a)
{
    if (!a->period)
        return cli_usage_error("%s", _("received missing needs --period PERIOD"));
    return check_period(a->period);
}

int cmd_received_missing(cli_globals *g, int argc, char **argv)
{
    recv_args a;
    xaso_store *st;
    int rc;
    if (!command_start("received missing", "period plan", 0, 0, check_missing, g, argc, argv,
                       &a, &st, &rc))
        return rc;
    receive_table t;
    xaso_error err;
    xaso_error_clear(&err);
    rc = receive_missing(st, a.period, a.plan, &t, &err);
    if (!rc && t.n_rows == 0) {
        printf(_("everyone has reported for %s\n"), a.period);
        receive_table_free(&t);
    } else {
        if (!rc)
            printf(_("%zu not reported for %s:\n"), t.n_rows, a.period);
        rc = show(rc, &err, &t);
    }
    store_close(st);
    return rc;
}

static int check_targets(const recv_args *a)
{
    if (!a->plan || !a->period)
        return cli_usage_error("%s", _("received targets needs --plan PLAN --period PERIOD"));
    return check_period(a->period);
}

static int fetch_targets(xaso_store *st, const recv_args *a, receive_table *t, xaso_error *err)
{
    return receive_targets(st, a->plan, a->period, t, err);
}

int cmd_received_targets(cli_globals *g, int argc, char **argv)
{
    static const table_command c = {"received targets", "plan period", check_targets,
                                    fetch_targets};
    return run_table_command(&c, g, argc, argv);
}

static int check_tasks(const recv_args *a)
{
    if (!a->period)
        return cli_usage_error("%s", _("received tasks needs --period PERIOD"));
    return check_period(a->period);
}

static int fetch_tasks(xaso_store *st, const recv_args *a, receive_table *t, xaso_error *err)
{
    return receive_tasks(st, a->period, a->sender, a->warning, t, err);
}

int cmd_received_tasks(cli_globals *g, int argc, char **argv)
{
    static const table_command c = {"received tasks", "period sender warning", check_tasks,
                                    fetch_tasks};
    return run_table_command(&c, g, argc, argv);
}

static int check_upward(const recv_args *a)
{
    if (!a->plan || !a->period || !a->output)
        return cli_usage_error("%s",
                               _("received bundle needs --plan PLAN --period PERIOD -o PATH"));
    return check_period(a->period);
}

int cmd_received_bundle(cli_globals *g, int argc, char **argv)
{
    recv_args a;
    xaso_store *st;
    int rc;
    if (!command_start("received bundle", "plan period output", 0, 0, check_upward, g, argc,
                       argv, &a, &st, &rc))
        return rc;
    receive_bundle_result res;
    xaso_error err;
    xaso_error_clear(&err);
    if (receive_build_bundle(st, a.plan, a.period, a.output, &res, &err)) {
        rc = cli_report(&err);
    } else {
        printf("%s\n", res.bundle.path);
        printf(_("senders included: %zu, expected senders left out: %zu (%zu targets, %zu "
                 "tasks); %llu bytes, SHA-256 %s\n"),
               res.included, res.missing, res.targets, res.tasks, res.bundle.size,
               res.bundle.sha256);
    }
    store_close(st);
    return rc;
}
