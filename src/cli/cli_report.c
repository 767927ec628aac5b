/* xaso evidence add | list | appraise, xaso report check | finalise | reopen | build,
 * xaso bundle verify */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_common.h"
#include "xaso/bundle.h"
#include "xaso/i18n.h"
#include "xaso/period.h"
#include "xaso/report.h"
#include "xaso/store_evidence.h"
#include "xaso/store_plan.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

typedef struct {
    const char *plan, *period, *unit, *task, *reason, *output;
    bool encrypt;
    const char *args[4];
    int n_args;
} report_args;

/* Options shared by these commands; `allowed` lists the long names the command takes. */
static int parse_args(const char *cmd, int argc, char **argv, const char *allowed,
                      report_args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char **slot = NULL;
        const char *name = NULL;
        if (!strcmp(o, "--plan"))
            slot = &a->plan, name = "plan";
        else if (!strcmp(o, "--period"))
            slot = &a->period, name = "period";
        else if (!strcmp(o, "--unit"))
            slot = &a->unit, name = "unit";
        else if (!strcmp(o, "--task"))
            slot = &a->task, name = "task";
        else if (!strcmp(o, "--reason"))
            slot = &a->reason, name = "reason";
        else if (!strcmp(o, "-o") || !strcmp(o, "--output"))
            slot = &a->output, name = "output";
        else if (!strcmp(o, "--encrypt") && strstr(allowed, "encrypt")) {
            a->encrypt = true;
            continue;
        } else if (o[0] == '-' && o[1]) {
            return cli_usage_error(_("unknown option \"%s\" for %s"), o, cmd);
        } else {
            if (a->n_args >= 4)
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
    return 0;
}

static int need(const char *value, const char *cmd, const char *what)
{
    if (value && *value)
        return 0;
    return cli_usage_error(_("%s needs %s"), cmd, what);
}

static int find_plan(xaso_store *st, const char *ref, long long *id)
{
    xaso_error err;
    xaso_error_clear(&err);
    return store_plan_find(st, ref, id, &err) ? cli_report(&err) : 0;
}

/* A task of the plan by key ("PL2/2.1") or by code when that is unique in the plan. */
static int find_task(xaso_store *st, long long plan_id, const char *ref, long long *id)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT id, key FROM task WHERE plan_id = ?1 AND archived = 0 AND "
                           "(key = ?2 OR code = ?2) ORDER BY key = ?2 DESC, pos",
                           -1, &s, NULL) != SQLITE_OK) {
        xaso_error err;
        xaso_error_clear(&err);
        store_fail(st, &err, "task");
        return cli_report(&err);
    }
    sqlite3_bind_int64(s, 1, plan_id);
    sqlite3_bind_text(s, 2, ref, -1, SQLITE_STATIC);
    int found = 0;
    bool exact = false;
    strbuf keys = STRBUF_INIT;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(s, 1);
        if (!found) {
            *id = sqlite3_column_int64(s, 0);
            exact = !strcmp(key, ref);
        }
        sb_appendf(&keys, "%s%s", found ? ", " : "", key);
        found++;
    }
    sqlite3_finalize(s);
    int rc = 0;
    if (!found) {
        fprintf(stderr, "xaso: ");
        fprintf(stderr, _("no task \"%s\" in this plan"), ref);
        fputc('\n', stderr);
        rc = XASO_EX_NOINPUT;
    } else if (found > 1 && !exact) {
        fprintf(stderr, "xaso: ");
        fprintf(stderr, _("the code \"%s\" names several tasks (%s): give the key"), ref,
                sb_str(&keys));
        fputc('\n', stderr);
        rc = XASO_EX_USAGE;
    }
    sb_free(&keys);
    return rc;
}

static int check_period_arg(const char *period)
{
    xaso_period p;
    if (!period_parse(period, &p))
        return cli_usage_error(_("\"%s\" is not a period (examples: 2026Q3, 202603, 2026S1, "
                                 "2026)"),
                               period);
    return 0;
}

/* ---------- evidence ---------- */

int cmd_evidence_add(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("evidence add", argc, argv);
    if (h >= 0)
        return h;
    report_args a;
    int rc = parse_args("evidence add", argc, argv, "plan task period", &a);
    if (rc || (rc = need(a.plan, "evidence add", "--plan")) ||
        (rc = need(a.task, "evidence add", "--task")) ||
        (rc = need(a.period, "evidence add", "--period")) || (rc = check_period_arg(a.period)))
        return rc;
    if (a.n_args < 1)
        return cli_usage_error("%s", _("evidence add needs a FILE"));
    xaso_store *st;
    if ((rc = cli_open_store(g, STORE_OPEN_EXISTING, &st)))
        return rc;
    long long plan_id, task_id;
    if ((rc = find_plan(st, a.plan, &plan_id)) || (rc = find_task(st, plan_id, a.task, &task_id))) {
        store_close(st);
        return rc;
    }
    for (int i = 0; i < a.n_args && !rc; i++) {
        xaso_error err;
        xaso_error_clear(&err);
        evidence_add_result res;
        if (store_evidence_add(st, task_id, a.period, a.args[i], NULL, &res, &err)) {
            rc = cli_report(&err);
            break;
        }
        if (res.already_attached)
            printf(_("%s: already attached to task %s for %s (evidence %lld)\n"), a.args[i],
                   a.task, a.period, res.evidence_id);
        else
            printf(_("%s: attached to task %s for %s as evidence %lld (%lld bytes, SHA-256 "
                     "%s)\n"),
                   a.args[i], a.task, a.period, res.evidence_id, res.size, res.sha256);
    }
    store_close(st);
    return rc;
}

static int print_evidence(const evidence_info *e, void *ctx)
{
    (*(int *)ctx)++;
    printf("%-5lld %-12s %-8s %-9s %.12s  %s", e->id, e->task_key, e->period,
           appraisal_code(e->appraisal), e->sha256, e->original_name);
    if (e->appraisal_reason)
        printf("  (%s)", e->appraisal_reason);
    putchar('\n');
    return 0;
}

int cmd_evidence_list(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("evidence list", argc, argv);
    if (h >= 0)
        return h;
    report_args a;
    int rc = parse_args("evidence list", argc, argv, "plan task period", &a);
    if (rc || (rc = need(a.plan, "evidence list", "--plan")))
        return rc;
    xaso_store *st;
    if ((rc = cli_open_store(g, STORE_OPEN_EXISTING, &st)))
        return rc;
    long long plan_id, task_id = 0;
    if ((rc = find_plan(st, a.plan, &plan_id)) ||
        (a.task && (rc = find_task(st, plan_id, a.task, &task_id)))) {
        store_close(st);
        return rc;
    }
    int count = 0;
    xaso_error err;
    xaso_error_clear(&err);
    if (store_evidence_list(st, plan_id, a.period, task_id, print_evidence, &count, &err))
        rc = cli_report(&err);
    else if (!count)
        printf(_("(no evidence yet: xaso evidence add)\n"));
    store_close(st);
    return rc;
}

int cmd_evidence_appraise(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("evidence appraise", argc, argv);
    if (h >= 0)
        return h;
    report_args a;
    int rc = parse_args("evidence appraise", argc, argv, "reason", &a);
    if (rc)
        return rc;
    xaso_appraisal ap;
    char *end = NULL;
    long long id = a.n_args == 2 ? strtoll(a.args[0], &end, 10) : 0;
    if (a.n_args != 2 || !end || *end || id <= 0 || !appraisal_from_code(a.args[1], &ap) ||
        (ap != EVIDENCE_ACCEPTED && ap != EVIDENCE_REJECTED))
        return cli_usage_error("%s", _("evidence appraise needs ID and accepted or rejected"));
    xaso_store *st;
    if ((rc = cli_open_store(g, STORE_OPEN_EXISTING, &st)))
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    char *reason = a.reason ? utf8_nfc(a.reason) : NULL;
    if (store_evidence_appraise(st, id, ap, reason, &err))
        rc = cli_report(&err);
    else
        printf(_("Evidence %lld is %s\n"), id, appraisal_label(ap));
    free(reason);
    store_close(st);
    return rc;
}

/* ---------- report ---------- */

static void print_problems(const report_problems *p)
{
    for (size_t i = 0; i < p->count; i++) {
        const report_problem *x = &p->items[i];
        printf("%s [%s] %s\n", x->severity == PROBLEM_ERROR ? _("error:  ") : _("warning:"),
               x->code, x->message);
    }
    printf(P_("%zu error, ", "%zu errors, ", p->errors), p->errors);
    printf(P_("%zu warning\n", "%zu warnings\n", p->warnings), p->warnings);
}

static int open_report(cli_globals *g, const char *cmd, int argc, char **argv,
                       const char *allowed, report_args *a, xaso_store **st, long long *plan_id)
{
    int rc = parse_args(cmd, argc, argv, allowed, a);
    if (rc || (rc = need(a->plan, cmd, "--plan")) || (rc = need(a->period, cmd, "--period")) ||
        (rc = check_period_arg(a->period)))
        return rc;
    if (a->n_args)
        return cli_usage_error(_("unexpected argument \"%s\""), a->args[0]);
    if ((rc = cli_open_store(g, STORE_OPEN_EXISTING, st)))
        return rc;
    if ((rc = find_plan(*st, a->plan, plan_id)))
        store_close(*st);
    return rc;
}

int cmd_report_check(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("report check", argc, argv);
    if (h >= 0)
        return h;
    report_args a;
    xaso_store *st;
    long long plan_id;
    int rc = open_report(g, "report check", argc, argv, "plan period unit", &a, &st, &plan_id);
    if (rc)
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    report_data *d;
    if (report_load(st, plan_id, a.period, a.unit, &d, &err)) {
        store_close(st);
        return cli_report(&err);
    }
    report_problems p;
    report_check(d, &p);
    printf(_("Report %s, %s (%s): %zu targets, %zu tasks\n"), d->plan_symbol ? d->plan_symbol
                                                                             : d->plan_key,
           d->period, report_state_label(d->state), d->n_targets, d->n_tasks);
    print_problems(&p);
    rc = p.errors ? XASO_EX_DATAERR : 0;
    report_problems_free(&p);
    report_free(d);
    store_close(st);
    return rc;
}

int cmd_report_finalise(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("report finalise", argc, argv);
    if (h >= 0)
        return h;
    report_args a;
    xaso_store *st;
    long long plan_id;
    int rc = open_report(g, "report finalise", argc, argv, "plan period unit", &a, &st,
                         &plan_id);
    if (rc)
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    report_problems p = {0};
    if (report_finalise(st, plan_id, a.period, a.unit, &p, &err)) {
        if (p.errors)
            print_problems(&p);
        rc = cli_report(&err);
    } else {
        if (p.count)
            print_problems(&p);
        printf(_("The report for %s is finalised: its data is locked until it is reopened\n"),
               a.period);
    }
    report_problems_free(&p);
    store_close(st);
    return rc;
}

int cmd_report_reopen(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("report reopen", argc, argv);
    if (h >= 0)
        return h;
    report_args a;
    xaso_store *st;
    long long plan_id;
    int rc = open_report(g, "report reopen", argc, argv, "plan period unit reason", &a, &st,
                         &plan_id);
    if (rc)
        return rc;
    if (!a.reason || !*a.reason) {
        store_close(st);
        return cli_usage_error("%s", _("report reopen needs --reason: it is recorded"));
    }
    xaso_error err;
    xaso_error_clear(&err);
    char *reason = utf8_nfc(a.reason);
    if (report_reopen(st, plan_id, a.period, a.unit, reason ? reason : a.reason, &err))
        rc = cli_report(&err);
    else
        printf(_("The report for %s is a draft again; the reopening is recorded\n"), a.period);
    free(reason);
    store_close(st);
    return rc;
}

/* The passphrase: $XASO_PASSPHRASE, else asked on the terminal (twice when confirm). Release it
 * with cli_secret_free. */
static char *read_passphrase(bool confirm)
{
    return cli_read_secret_dup("XASO_PASSPHRASE", _("Passphrase: "),
                               confirm ? _("Passphrase again: ") : NULL);
}

int cmd_report_build(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("report build", argc, argv);
    if (h >= 0)
        return h;
    report_args a;
    xaso_store *st;
    long long plan_id;
    int rc = parse_args("report build", argc, argv, "plan period unit output encrypt", &a);
    if (rc || (rc = need(a.output, "report build", "-o PATH")))
        return rc;
    char *pass = NULL;
    if (a.encrypt && !(pass = read_passphrase(true)))
        return cli_usage_error("%s", _("--encrypt needs a passphrase: set XASO_PASSPHRASE or "
                                       "type the same one twice at the prompt"));
    if ((rc = open_report(g, "report build", argc, argv, "plan period unit output encrypt", &a,
                          &st, &plan_id))) {
        cli_secret_free(pass);
        return rc;
    }
    bundle_options opt = {.output = a.output, .sender = a.unit, .passphrase = pass};
    bundle_result res;
    xaso_error err;
    xaso_error_clear(&err);
    if (bundle_build(st, plan_id, a.period, &opt, &res, &err)) {
        rc = cli_report(&err);
    } else {
        printf("%s\n", res.path);
        printf("SHA-256 %s\n", res.sha256);
        printf(_("%zu files, %llu bytes of payload; the copy was read back and verified%s\n"),
               res.payload_files, res.payload_bytes, pass ? _(", encrypted with AES-256") : "");
        printf(_("Safe to unplug.\n"));
    }
    cli_secret_free(pass);
    store_close(st);
    return rc;
}

/* ---------- bundle verify ---------- */

int cmd_bundle_verify(cli_globals *g, int argc, char **argv)
{
    (void)g;
    int h = cli_wants_help("bundle verify", argc, argv);
    if (h >= 0)
        return h;
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage_error("%s", _("bundle verify needs one FILE"));
    char *pass = NULL;
    if (bundle_is_encrypted(argv[1]))
        pass = read_passphrase(false);
    bundle_report rep;
    xaso_error err;
    xaso_error_clear(&err);
    int rc = bundle_verify(argv[1], pass, NULL, &rep, &err);
    cli_secret_free(pass);
    if (rc)
        return cli_report(&err);
    for (size_t i = 0; i < rep.count; i++)
        fprintf(stderr, "%s: %s\n", argv[1], rep.lines[i]);
    if (rep.count == 0)
        printf(_("%s: a valid bundle (%s): %zu payload files, %llu bytes%s; SHA-256 %s\n"),
               argv[1], rep.top, rep.payload_files, rep.payload_bytes,
               rep.encrypted ? _(", encrypted") : "", rep.sha256);
    rc = rep.count ? XASO_EX_DATAERR : 0;
    bundle_report_free(&rep);
    return rc;
}
