/* xaso progress set | value set: a task's progress and a target's value for a period, from the
 * command line (the signed-in account must be allowed: its unit leads or coordinates the item). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "xaso/date.h"
#include "xaso/format.h"
#include "xaso/i18n.h"
#include "xaso/period.h"
#include "xaso/status.h"
#include "xaso/store_plan.h"
#include "xaso/store_progress.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"
#include "xaso/value.h"

enum { MAX_TEXTS = 8 };

typedef struct {
    const char *plan, *item, *period;
    const char *status, *completion, *done, *quantity, *difficulties, *proposals;
    const char *value, *numerator, *denominator, *text, *as_of, *source, *note;
    bool no_data;
    char *owned[MAX_TEXTS * 2]; /* NFC copies to free */
    int n_owned;
} progress_args;

static void free_args(progress_args *a)
{
    for (int i = 0; i < a->n_owned; i++)
        free(a->owned[i]);
}

/* Text from the command line: valid UTF-8, NFC, without control characters. */
static int text_arg(progress_args *a, const char *value, const char **slot)
{
    char *nfc = utf8_nfc(value);
    if (!nfc)
        return cli_usage_error(_("\"%s\" is not valid UTF-8"), value);
    char *clean = utf8_strip_controls(nfc);
    free(nfc);
    if (!clean || a->n_owned >= (int)(sizeof a->owned / sizeof a->owned[0])) {
        free(clean);
        return cli_usage_error("%s", _("too many options"));
    }
    a->owned[a->n_owned++] = clean;
    *slot = clean;
    return 0;
}

static int parse_progress_args(const char *cmd, int argc, char **argv, bool target,
                               progress_args *a)
{
    static const struct option task_opts[] = {
        {"plan", required_argument, 0, 'P'},       {"task", required_argument, 0, 'T'},
        {"period", required_argument, 0, 'p'},     {"status", required_argument, 0, 's'},
        {"completion", required_argument, 0, 'c'}, {"done", required_argument, 0, 'd'},
        {"quantity", required_argument, 0, 'q'},   {"difficulties", required_argument, 0, 'D'},
        {"proposals", required_argument, 0, 'R'},  {0, 0, 0, 0}};
    static const struct option target_opts[] = {
        {"plan", required_argument, 0, 'P'},        {"target", required_argument, 0, 'T'},
        {"period", required_argument, 0, 'p'},      {"value", required_argument, 0, 'v'},
        {"numerator", required_argument, 0, 'n'},   {"denominator", required_argument, 0, 'm'},
        {"no-data", no_argument, 0, 'x'},           {"text", required_argument, 0, 't'},
        {"as-of", required_argument, 0, 'a'},       {"source", required_argument, 0, 'S'},
        {"note", required_argument, 0, 'N'},        {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", target ? target_opts : task_opts, NULL)) != -1) {
        int rc = 0;
        switch (c) {
        case 'P': a->plan = optarg; break;
        case 'T': a->item = optarg; break;
        case 'p': a->period = optarg; break;
        case 's': a->status = optarg; break;
        case 'c': a->completion = optarg; break;
        case 'v': a->value = optarg; break;
        case 'n': a->numerator = optarg; break;
        case 'm': a->denominator = optarg; break;
        case 'x': a->no_data = true; break;
        case 'a': a->as_of = optarg; break;
        case 'd': rc = text_arg(a, optarg, &a->done); break;
        case 'q': rc = text_arg(a, optarg, &a->quantity); break;
        case 'D': rc = text_arg(a, optarg, &a->difficulties); break;
        case 'R': rc = text_arg(a, optarg, &a->proposals); break;
        case 't': rc = text_arg(a, optarg, &a->text); break;
        case 'S': rc = text_arg(a, optarg, &a->source); break;
        case 'N': rc = text_arg(a, optarg, &a->note); break;
        default:
            return cli_usage_error(_("unknown option \"%s\" for %s"), argv[optind - 1], cmd);
        }
        if (rc)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error(_("unexpected argument \"%s\""), argv[optind]);
    if (!a->plan || !a->item || !a->period)
        return cli_usage_error(target ? _("%s needs --plan, --target and --period")
                                      : _("%s needs --plan, --task and --period"),
                               cmd);
    xaso_period p;
    if (!period_parse(a->period, &p))
        return cli_usage_error(_("\"%s\" is not a period (examples: 2026Q3, 202603, 2026S1, "
                                 "2026)"),
                               a->period);
    return 0;
}

/* A typed number in either language's marks (format_parse_number); q says how "7.100" reads. */
static int parse_number(const char *opt, const char *text, format_quantity q, double *out)
{
    char why[256];
    format_parse_result r = format_parse_number(text, q, out, why, sizeof why);
    if (r == FORMAT_PARSE_AMBIGUOUS)
        return cli_usage_error("%s: %s", opt, why);
    if (r != FORMAT_PARSE_OK)
        return cli_usage_error(_("%s needs a number (such as 18,7 or 1.250), not \"%s\""), opt,
                               text);
    return 0;
}

/* An item (table "task" or "target") of the plan by key ("PL2/2.1") or by its code when that is
 * unique in the plan. */
static int find_item(xaso_store *st, const char *table, long long plan_id, const char *ref,
                     long long *id)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT id, key FROM %s WHERE plan_id = ?1 AND archived = 0 AND "
             "(key = ?2 OR code = ?2) ORDER BY key = ?2 DESC, pos",
             table);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK) {
        xaso_error err;
        xaso_error_clear(&err);
        store_fail(st, &err, table);
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
    bool task = !strcmp(table, "task");
    int rc = 0;
    if (!found) {
        fputs("xaso: ", stderr);
        fprintf(stderr, task ? _("no task \"%s\" in this plan") : _("no target \"%s\" in this plan"),
                ref);
        fputc('\n', stderr);
        rc = XASO_EX_NOINPUT;
    } else if (found > 1 && !exact) {
        fputs("xaso: ", stderr);
        fprintf(stderr,
                task ? _("the code \"%s\" names several tasks (%s): give the key")
                     : _("the code \"%s\" names several targets (%s): give the key"),
                ref, sb_str(&keys));
        fputc('\n', stderr);
        rc = XASO_EX_USAGE;
    }
    sb_free(&keys);
    return rc;
}

static int open_item(cli_globals *g, const char *table, const progress_args *a, xaso_store **st,
                     long long *item_id)
{
    int rc = cli_open_store(g, STORE_OPEN_EXISTING, st);
    if (rc)
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    long long plan_id;
    if (store_plan_find(*st, a->plan, &plan_id, &err))
        rc = cli_report(&err);
    else
        rc = find_item(*st, table, plan_id, a->item, item_id);
    if (rc) {
        store_close(*st);
        *st = NULL;
    }
    return rc;
}

int cmd_progress_set(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("progress set", argc, argv);
    if (h >= 0)
        return h;
    progress_args a;
    store_value cols[8];
    size_t n = 0;
    double completion = 0;
    xaso_task_status status = TASK_NOT_STARTED;
    int rc = parse_progress_args("progress set", argc, argv, false, &a);
    if (!rc && a.status && !task_status_from_code(a.status, &status))
        rc = cli_usage_error(_("unknown status \"%s\": use not-started, in-progress, done, "
                               "done-late, not-done or needs-fix"),
                             a.status);
    if (!rc && a.completion &&
        !(rc = parse_number("--completion", a.completion, FORMAT_PERCENT, &completion)) &&
        (completion < 0 || completion > 100))
        rc = cli_usage_error("%s", _("--completion is a percentage from 0 to 100"));
    if (!rc && !a.status && !a.completion && !a.done && !a.quantity && !a.difficulties &&
        !a.proposals)
        rc = cli_usage_error("%s", _("progress set needs something to set: --status, "
                                     "--completion, --done, --quantity, --difficulties or "
                                     "--proposals"));
    if (rc) {
        free_args(&a);
        return rc;
    }
    if (a.status)
        cols[n++] = SV_TEXT("status", task_status_code(status));
    if (a.completion)
        cols[n++] = SV_REAL("completion", completion);
    if (a.done)
        cols[n++] = SV_TEXT("done_text", *a.done ? a.done : NULL);
    if (a.quantity)
        cols[n++] = SV_TEXT("quantity_text", *a.quantity ? a.quantity : NULL);
    if (a.difficulties)
        cols[n++] = SV_TEXT("difficulties", *a.difficulties ? a.difficulties : NULL);
    if (a.proposals)
        cols[n++] = SV_TEXT("proposals", *a.proposals ? a.proposals : NULL);
    xaso_store *st;
    long long task_id;
    if ((rc = open_item(g, "task", &a, &st, &task_id))) {
        free_args(&a);
        return rc;
    }
    xaso_error err;
    xaso_error_clear(&err);
    if (store_task_update_set(st, task_id, a.period, cols, n, NULL, &err))
        rc = cli_report(&err);
    else
        printf(_("Task %s, %s: progress saved\n"), a.item, a.period);
    store_close(st);
    free_args(&a);
    return rc;
}

int cmd_value_set(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("value set", argc, argv);
    if (h >= 0)
        return h;
    progress_args a;
    store_value cols[10];
    size_t n = 0;
    double value = 0, num = 0, den = 0;
    xaso_date as_of;
    int rc = parse_progress_args("value set", argc, argv, true, &a);
    if (!rc && a.value && a.numerator)
        rc = cli_usage_error("%s", _("give --value or --numerator and --denominator, not both"));
    if (!rc && !a.numerator != !a.denominator)
        rc = cli_usage_error("%s", _("--numerator and --denominator go together"));
    if (!rc && a.no_data && (a.value || a.numerator))
        rc = cli_usage_error("%s", _("--no-data means there is no value: leave out --value"));
    if (!rc && a.value)
        rc = parse_number("--value", a.value, FORMAT_VALUE, &value);
    if (!rc && a.numerator &&
        !(rc = parse_number("--numerator", a.numerator, FORMAT_COUNT, &num)))
        rc = parse_number("--denominator", a.denominator, FORMAT_COUNT, &den);
    if (!rc && a.as_of && !date_parse_iso(a.as_of, &as_of))
        rc = cli_usage_error(_("\"%s\" is not a date (YYYY-MM-DD)"), a.as_of);
    if (!rc && !a.value && !a.numerator && !a.no_data && !a.text && !a.as_of && !a.source &&
        !a.note)
        rc = cli_usage_error("%s", _("value set needs something to set: --value, --numerator and "
                                     "--denominator, --no-data, --text, --as-of, --source or "
                                     "--note"));
    if (rc) {
        free_args(&a);
        return rc;
    }
    if (a.value) {
        cols[n++] = SV_REAL("value", value);
        cols[n++] = SV_NULL("numerator");
        cols[n++] = SV_NULL("denominator");
    }
    if (a.numerator) {
        cols[n++] = SV_REAL("numerator", num);
        cols[n++] = SV_REAL("denominator", den);
    }
    if (a.value || a.numerator || a.no_data)
        cols[n++] = SV_INT("no_data", a.no_data ? 1 : 0);
    if (a.no_data) {
        cols[n++] = SV_NULL("value");
        cols[n++] = SV_NULL("numerator");
        cols[n++] = SV_NULL("denominator");
    }
    if (a.text)
        cols[n++] = SV_TEXT("value_text", *a.text ? a.text : NULL);
    if (a.as_of)
        cols[n++] = SV_TEXT("as_of", a.as_of);
    if (a.source)
        cols[n++] = SV_TEXT("data_source", *a.source ? a.source : NULL);
    if (a.note)
        cols[n++] = SV_TEXT("note", *a.note ? a.note : NULL);
    xaso_store *st;
    long long target_id;
    if ((rc = open_item(g, "target", &a, &st, &target_id))) {
        free_args(&a);
        return rc;
    }
    xaso_error err;
    xaso_error_clear(&err);
    if (store_target_value_set(st, target_id, a.period, cols, n, NULL, &err))
        rc = cli_report(&err);
    else
        printf(_("Target %s, %s: value saved\n"), a.item, a.period);
    store_close(st);
    free_args(&a);
    return rc;
}
