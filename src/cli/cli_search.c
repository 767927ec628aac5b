/* xaso search TEXT… [--in KIND] [--plan PLAN] [--all] [--limit N] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "xaso/i18n.h"
#include "xaso/store_plan.h"
#include "xaso/store_search.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

enum { SNIPPET_BEFORE = 30, SNIPPET_WIDTH = 110 };

/* Byte offset of the start of the character `chars` characters before `pos` (not before 0). */
static size_t back_chars(const char *text, size_t pos, size_t chars)
{
    while (pos > 0 && chars > 0) {
        pos--;
        while (pos > 0 && ((unsigned char)text[pos] & 0xC0) == 0x80)
            pos--;
        chars--;
    }
    return pos;
}

/* Print text (or a window of it around the first match) with every matched word in [brackets];
 * matches separated only by spaces share one pair ("[chuyển đổi số]"). */
static void print_marked(const search_hit *h)
{
    const char *t = h->text ? h->text : "";
    size_t len = strlen(t), from = 0, to = len;
    if (utf8_width(t) > SNIPPET_WIDTH && h->n_spans) {
        from = back_chars(t, h->spans[0].start, SNIPPET_BEFORE);
        while (from > 0 && from < h->spans[0].start && t[from] != ' ')
            from++;
        size_t width = 0;
        to = from;
        while (to < len && width < SNIPPET_WIDTH) {
            size_t n = utf8_seq_len(t + to);
            width++;
            to += n;
        }
        if (to > len)
            to = len;
    }
    strbuf sb = STRBUF_INIT;
    if (from > 0)
        sb_append(&sb, "…");
    size_t pos = from;
    bool printed = false; /* the previous span was printed and its bracket closed */
    for (size_t i = 0; i < h->n_spans; i++) {
        const search_span *s = &h->spans[i];
        if (s->start < from || s->end > to || s->start < pos)
            continue;
        if (printed && strspn(t + pos, " ") >= s->start - pos) {
            sb.len--; /* reopen the previous bracket: "[chuyển đổi]" */
            sb.data[sb.len] = '\0';
            sb_append_len(&sb, t + pos, s->start - pos);
        } else {
            sb_append_len(&sb, t + pos, s->start - pos);
            sb_putc(&sb, '[');
        }
        sb_append_len(&sb, t + s->start, s->end - s->start);
        sb_putc(&sb, ']');
        pos = s->end;
        printed = true;
    }
    sb_append_len(&sb, t + pos, to - pos);
    if (to < len)
        sb_append(&sb, "…");
    /* Text from the database is data: no control characters reach the terminal. */
    char *clean = utf8_strip_controls(sb_str(&sb));
    for (char *p = clean; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    fputs(clean, stdout);
    free(clean);
    sb_free(&sb);
}

static void print_hit(const search_hit *h)
{
    char *name = utf8_strip_controls(h->name ? h->name : "");
    printf("%s", _(search_kind_label(h->kind)));
    if (h->code && h->kind != SEARCH_PLAN)
        printf(" %s", h->code);
    if (h->period)
        printf(" · %s", h->period);
    if (h->plan)
        printf(" · %s", h->plan);
    putchar('\n');
    printf("  ");
    bool in_name = !strcmp(h->field, "name") || !strcmp(h->field, "title");
    if (in_name && (h->kind != SEARCH_UPDATE && h->kind != SEARCH_EVIDENCE)) {
        print_marked(h);
        putchar('\n');
    } else {
        printf("%s\n  %s: ", name, _(search_field_label(h->field)));
        print_marked(h);
        putchar('\n');
    }
    free(name);
}

int cmd_search(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("search", argc, argv);
    if (h >= 0)
        return h;
    search_options opt = {.kind = SEARCH_ANY};
    const char *plan_ref = NULL;
    strbuf query = STRBUF_INIT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--in") || !strcmp(a, "--plan") || !strcmp(a, "--limit")) {
            if (i + 1 >= argc) {
                sb_free(&query);
                return cli_usage_error(_("%s needs a value"), a);
            }
            const char *v = argv[++i];
            if (a[2] == 'i' && !search_kind_from_code(v, &opt.kind)) {
                sb_free(&query);
                return cli_usage_error(_("unknown kind \"%s\": use plans, targets, tasks, "
                                         "projects, units, updates or evidence"),
                                       v);
            } else if (a[2] == 'p') {
                plan_ref = v;
            } else if (a[2] == 'l') {
                char *end;
                long n = strtol(v, &end, 10);
                if (*end || n <= 0 || n > 100000) {
                    sb_free(&query);
                    return cli_usage_error(_("--limit needs a positive number, not \"%s\""), v);
                }
                opt.limit = (size_t)n;
            }
        } else if (!strcmp(a, "--all")) {
            opt.include_archived = true;
        } else if (a[0] == '-' && a[1] && strcmp(a, "--")) {
            sb_free(&query);
            return cli_usage_error(_("unknown option \"%s\" for search"), a);
        } else if (strcmp(a, "--")) {
            if (query.len)
                sb_putc(&query, ' ');
            sb_append(&query, a);
        }
    }
    if (!utf8_valid(sb_str(&query), query.len, NULL)) {
        sb_free(&query);
        return cli_usage_error("%s", _("the search text is not valid UTF-8"));
    }
    char *match = search_match_expression(sb_str(&query));
    if (!match) {
        sb_free(&query);
        return cli_usage_error("%s", _("search needs TEXT with at least one letter or digit"));
    }
    free(match);
    xaso_store *st;
    int rc = cli_open_store(g, STORE_OPEN_EXISTING, &st);
    if (rc) {
        sb_free(&query);
        return rc;
    }
    xaso_error err;
    xaso_error_clear(&err);
    search_hit *hits = NULL;
    size_t n = 0;
    if ((plan_ref && store_plan_find(st, plan_ref, &opt.plan_id, &err)) ||
        store_search(st, sb_str(&query), &opt, &hits, &n, &err)) {
        store_close(st);
        sb_free(&query);
        return cli_report(&err);
    }
    for (size_t i = 0; i < n; i++)
        print_hit(&hits[i]);
    if (n == 0)
        printf(_("Nothing found for \"%s\".\n"), sb_str(&query));
    else
        printf(P_("%zu result\n", "%zu results\n", n), n);
    search_hits_free(hits, n);
    store_close(st);
    sb_free(&query);
    return 0;
}
