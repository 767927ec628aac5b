/* The receiving side: xaso bundle import | receipts | return | accept, xaso report receipt,
 * xaso sender add | list, xaso received matrix | missing | targets | tasks */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
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

/* Columns sized by display width; newlines in cells shown as spaces. */
static void print_table(const receive_table *t)
{
    if (!t->n_cols)
        return;
    size_t n = (t->n_rows + 1) * t->n_cols;
    char **cells = xcalloc(n, sizeof *cells);
    size_t *width = xcalloc(t->n_cols, sizeof *width);
    for (size_t r = 0; r <= t->n_rows; r++)
        for (size_t c = 0; c < t->n_cols; c++) {
            char *s = xstrdup(receive_table_cell(t, r, c));
            for (char *p = s; *p; p++)
                if (*p == '\n' || *p == '\r' || *p == '\t')
                    *p = ' ';
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

/* XASO_PASSPHRASE, else asked once on the terminal. malloc'd, or NULL. */
static char *ask_passphrase(const char *file)
{
    const char *env = getenv("XASO_PASSPHRASE");
    if (env && *env)
        return xstrdup(env);
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty)
        return NULL;
    char buf[256] = "";
    struct termios old, quiet;
    int fd = fileno(tty);
    bool ok = tcgetattr(fd, &old) == 0;
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    fprintf(tty, _("Passphrase for %s: "), file);
    fflush(tty);
    if (ok)
        tcsetattr(fd, TCSAFLUSH, &quiet);
    if (!fgets(buf, sizeof buf, tty))
        buf[0] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
    if (ok)
        tcsetattr(fd, TCSAFLUSH, &old);
    fputc('\n', tty);
    fclose(tty);
    return buf[0] ? xstrdup(buf) : NULL;
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
        char *pass = bundle_is_encrypted(files[i]) ? ask_passphrase(files[i]) : NULL;
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
        free(pass);
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

int cmd_bundle_receipts(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("bundle receipts", argc, argv);
    if (h >= 0)
        return h;
    recv_args a;
    int rc = parse("bundle receipts", argc, argv, "period", 0, 0, &a);
    if (rc || (rc = check_period(a.period)))
        return rc;
    xaso_store *st;
    if ((rc = open_store(g, &st)))
        return rc;
    receive_table t;
    xaso_error err;
    xaso_error_clear(&err);
    rc = show(receive_receipts(st, a.period, &t, &err), &err, &t);
    store_close(st);
    return rc;
}

static int answer(cli_globals *g, int argc, char **argv, bool returned)
{
    const char *cmd = returned ? "bundle return" : "bundle accept";
    int h = cli_wants_help(cmd, argc, argv);
    if (h >= 0)
        return h;
    recv_args a;
    int rc = parse(cmd, argc, argv, returned ? "reason output" : "output", 3, 3, &a);
    if (rc || (rc = check_period(a.args[2])))
        return rc;
    if (returned && (!a.reason || !*a.reason))
        return cli_usage_error("%s", _("bundle return needs --reason TEXT"));
    xaso_store *st;
    if ((rc = open_store(g, &st)))
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
    int h = cli_wants_help("report receipt", argc, argv);
    if (h >= 0)
        return h;
    recv_args a;
    int rc = parse("report receipt", argc, argv, "", 1, 1, &a);
    if (rc)
        return rc;
    xaso_store *st;
    if ((rc = open_store(g, &st)))
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
    int h = cli_wants_help("sender add", argc, argv);
    if (h >= 0)
        return h;
    recv_args a;
    int rc = parse("sender add", argc, argv, "", 2, 2, &a);
    if (rc)
        return rc;
    xaso_store *st;
    if ((rc = open_store(g, &st)))
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    if (receive_sender_add(st, a.args[0], a.args[1], &err))
        rc = cli_report(&err);
    store_close(st);
    return rc;
}

int cmd_sender_list(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("sender list", argc, argv);
    if (h >= 0)
        return h;
    recv_args a;
    int rc = parse("sender list", argc, argv, "", 0, 0, &a);
    if (rc)
        return rc;
    xaso_store *st;
    if ((rc = open_store(g, &st)))
        return rc;
    receive_table t;
    xaso_error err;
    xaso_error_clear(&err);
    rc = show(receive_senders(st, &t, &err), &err, &t);
    store_close(st);
    return rc;
}

int cmd_received_matrix(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("received matrix", argc, argv);
    if (h >= 0)
        return h;
    recv_args a;
    int rc = parse("received matrix", argc, argv, "plan from to", 0, 0, &a);
    if (rc || (rc = check_period(a.from)) || (rc = check_period(a.to)))
        return rc;
    xaso_store *st;
    if ((rc = open_store(g, &st)))
        return rc;
    receive_table t;
    xaso_error err;
    xaso_error_clear(&err);
    rc = show(receive_matrix(st, a.plan, a.from, a.to, &t, &err), &err, &t);
    store_close(st);
    return rc;
}

int cmd_received_missing(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("received missing", argc, argv);
    if (h >= 0)
        return h;
    recv_args a;
    int rc = parse("received missing", argc, argv, "period plan", 0, 0, &a);
    if (rc)
        return rc;
    if (!a.period)
        return cli_usage_error("%s", _("received missing needs --period PERIOD"));
    if ((rc = check_period(a.period)))
        return rc;
    xaso_store *st;
    if ((rc = open_store(g, &st)))
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

int cmd_received_targets(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("received targets", argc, argv);
    if (h >= 0)
        return h;
    recv_args a;
    int rc = parse("received targets", argc, argv, "plan period", 0, 0, &a);
    if (rc)
        return rc;
    if (!a.plan || !a.period)
        return cli_usage_error("%s", _("received targets needs --plan PLAN --period PERIOD"));
    if ((rc = check_period(a.period)))
        return rc;
    xaso_store *st;
    if ((rc = open_store(g, &st)))
        return rc;
    receive_table t;
    xaso_error err;
    xaso_error_clear(&err);
    rc = show(receive_targets(st, a.plan, a.period, &t, &err), &err, &t);
    store_close(st);
    return rc;
}

int cmd_received_tasks(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("received tasks", argc, argv);
    if (h >= 0)
        return h;
    recv_args a;
    int rc = parse("received tasks", argc, argv, "period sender warning", 0, 0, &a);
    if (rc)
        return rc;
    if (!a.period)
        return cli_usage_error("%s", _("received tasks needs --period PERIOD"));
    if ((rc = check_period(a.period)))
        return rc;
    xaso_store *st;
    if ((rc = open_store(g, &st)))
        return rc;
    receive_table t;
    xaso_error err;
    xaso_error_clear(&err);
    rc = show(receive_tasks(st, a.period, a.sender, a.warning, &t, &err), &err, &t);
    store_close(st);
    return rc;
}

int cmd_received_bundle(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("received bundle", argc, argv);
    if (h >= 0)
        return h;
    recv_args a;
    int rc = parse("received bundle", argc, argv, "plan period output", 0, 0, &a);
    if (rc)
        return rc;
    if (!a.plan || !a.period || !a.output)
        return cli_usage_error("%s",
                               _("received bundle needs --plan PLAN --period PERIOD -o PATH"));
    if ((rc = check_period(a.period)))
        return rc;
    xaso_store *st;
    if ((rc = open_store(g, &st)))
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
