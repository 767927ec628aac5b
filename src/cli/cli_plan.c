/* xaso plan import | list | export */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "xaso/i18n.h"
#include "xaso/planio.h"
#include "xaso/store_plan.h"
#include "xaso/utf8.h"

int cmd_plan_import(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("plan import", argc, argv);
    if (h >= 0)
        return h;
    if (argc < 2)
        return cli_usage_error("%s", _("plan import needs at least one FILE"));
    xaso_store *st = NULL; /* opened at the first valid file: a bad file creates nothing */
    int worst = 0;
    for (int i = 1; i < argc; i++) {
        xaso_error err;
        xaso_error_clear(&err);
        xaso_plan *plan = planio_load(argv[i], &err);
        plan_import_result res;
        if (plan && !st) {
            int rc = cli_open_store(g, STORE_OPEN_CREATE, &st);
            if (rc) {
                plan_free(plan);
                return rc;
            }
        }
        if (!plan || store_plan_import(st, plan, &res, &err)) {
            if (plan && !err.file[0])
                snprintf(err.file, sizeof err.file, "%s", argv[i]);
            int code = cli_report(&err);
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
    char *safe = utf8_strip_controls(s); /* text from the database never drives the terminal */
    fputs(safe ? safe : "", stdout);
    for (size_t w = safe ? utf8_width(safe) : 0; w < width; w++)
        putchar(' ');
    free(safe);
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
    char *title = utf8_strip_controls(p->title);
    printf(" %7d %7d %7d %6d  %s\n", p->targets, p->tasks, p->projects, p->units,
           title ? title : "");
    free(title);
    return 0;
}

int cmd_plan_list(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("plan list", argc, argv);
    if (h >= 0)
        return h;
    if (argc > 1)
        return cli_usage_error(_("unexpected argument \"%s\""), argv[1]);
    xaso_store *st;
    int rc = cli_open_store(g, STORE_OPEN_EXISTING, &st);
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
        return cli_report(&err);
    }
    if (count == 0)
        printf(_("(no plans yet: xaso plan import FILE)\n"));
    store_close(st);
    return 0;
}

int cmd_plan_export(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("plan export", argc, argv);
    if (h >= 0)
        return h;
    const char *ref = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
            if (++i >= argc)
                return cli_usage_error("%s", _("-o needs a FILE"));
            out = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error(_("unknown option \"%s\" for plan export"), argv[i]);
        } else if (!ref) {
            ref = argv[i];
        } else {
            return cli_usage_error(_("unexpected argument \"%s\""), argv[i]);
        }
    }
    if (!ref || !out)
        return cli_usage_error("%s", _("plan export needs PLAN and -o FILE"));
    xaso_store *st;
    int rc = cli_open_store(g, STORE_OPEN_EXISTING, &st);
    if (rc)
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    long long id;
    xaso_plan *plan = NULL;
    if (store_plan_find(st, ref, &id, &err) || store_plan_load(st, id, &plan, &err)) {
        store_close(st);
        return cli_report(&err);
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
        return cli_report(&err);
    if (strcmp(out, "-"))
        printf(_("Wrote %s\n"), out);
    return 0;
}

