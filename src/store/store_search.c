/* Search over the FTS5 index kept by the triggers of migration step 2 (src/store/schema.c). */
#include "xaso/store_search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "xaso/i18n.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

static const struct {
    const char *code, *plural, *table, *label;
} kinds[SEARCH_KIND_COUNT] = {
    [SEARCH_ANY] = {"", "all", "", N_("Anything")},
    [SEARCH_PLAN] = {"plan", "plans", "plan", N_("Plan")},
    [SEARCH_TARGET] = {"target", "targets", "target", N_("Target")},
    [SEARCH_TASK] = {"task", "tasks", "task", N_("Task")},
    [SEARCH_PROJECT] = {"project", "projects", "project", N_("Project")},
    [SEARCH_UNIT] = {"unit", "units", "unit", N_("Unit")},
    [SEARCH_UPDATE] = {"update", "updates", "task_update", N_("Task update")},
    [SEARCH_EVIDENCE] = {"evidence", "evidences", "evidence", N_("Evidence")},
};

static const struct {
    const char *code, *label;
} fields[] = {
    {"title", N_("title")},
    {"symbol", N_("symbol")},
    {"name", N_("name")},
    {"note", N_("note")},
    {"expected_result", N_("expected result")},
    {"legal_basis", N_("legal basis")},
    {"aliases", N_("other names")},
    {"done_text", N_("what was done")},
    {"quantity_text", N_("quantity")},
    {"difficulties", N_("difficulties")},
    {"proposals", N_("proposals")},
    {"original_name", N_("file name")},
};
#define N_FIELDS (sizeof fields / sizeof fields[0])

const char *search_kind_code(search_kind k)
{
    return k < SEARCH_KIND_COUNT ? kinds[k].code : "";
}

const char *search_kind_label(search_kind k)
{
    return k < SEARCH_KIND_COUNT ? kinds[k].label : "";
}

bool search_kind_from_code(const char *code, search_kind *out)
{
    if (!code)
        return false;
    for (int k = 0; k < SEARCH_KIND_COUNT; k++)
        if (!strcmp(code, kinds[k].code) || !strcmp(code, kinds[k].plural) ||
            (*kinds[k].table && !strcmp(code, kinds[k].table))) {
            *out = (search_kind)k;
            return true;
        }
    return false;
}

const char *search_field_label(const char *field)
{
    for (size_t i = 0; i < N_FIELDS; i++)
        if (field && !strcmp(field, fields[i].code))
            return fields[i].label;
    return field ? field : "";
}

static const char *field_static(const char *field)
{
    for (size_t i = 0; i < N_FIELDS; i++)
        if (field && !strcmp(field, fields[i].code))
            return fields[i].code;
    return "";
}

/* ---------- folding a character at a time ---------- */

/* Letters, digits and private-use characters make words, as in FTS5's unicode61 tokenizer. */
static bool is_word_char(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_CO:
        return true;
    default:
        return false;
    }
}

static bool is_mark(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

/* Fold one code point (lower case, marks stripped, đ → d) and append its word characters to sb.
 * Returns true when it added any. */
static bool fold_char(utf8proc_int32_t cp, strbuf *sb)
{
    utf8proc_int32_t buf[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, buf, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
    if (n < 0 || n > 8) {
        n = 1;
        buf[0] = cp;
    }
    bool any = false;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        utf8proc_int32_t c = buf[i];
        if (c == 0x111 || c == 0x110) /* đ Đ */
            c = 'd';
        if (!is_word_char(c))
            continue;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t len = utf8proc_encode_char(c, enc);
        sb_append_len(sb, (const char *)enc, (size_t)len);
        any = true;
    }
    return any;
}

/* A folded word of some text, with where it came from. */
typedef struct {
    char *folded;
    size_t start, end; /* bytes of the original text */
} word;

static void words_free(word *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(w[i].folded);
    free(w);
}

/* Split text (valid UTF-8, any normal form) into folded words: runs of letters and digits;
 * combining marks belong to the word they follow. */
static word *split_words(const char *text, size_t *count)
{
    word *out = NULL;
    size_t n = 0, cap = 0, start = 0, end = 0, len = strlen(text), i = 0;
    strbuf cur = STRBUF_INIT;
    bool in_word = false;
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    for (;;) {
        bool flush = i >= len;
        utf8proc_ssize_t step = 1;
        if (!flush) {
            utf8proc_int32_t cp;
            step = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
            if (step <= 0) {
                step = 1;
                cp = 0xFFFD;
            }
            if (is_mark(cp)) {
                if (in_word)
                    end = i + (size_t)step;
            } else if (fold_char(cp, &cur)) {
                if (!in_word)
                    start = i;
                in_word = true;
                end = i + (size_t)step;
            } else {
                flush = true;
            }
        }
        if (flush && in_word) {
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                out = xrealloc(out, cap * sizeof *out);
            }
            out[n].folded = sb_detach(&cur);
            out[n].start = start;
            out[n].end = end;
            n++;
            in_word = false;
        }
        if (i >= len)
            break;
        i += (size_t)step;
    }
    sb_free(&cur);
    *count = n;
    return out;
}

/* The query's folded words (NULL when none or invalid UTF-8). */
static word *query_words(const char *query, size_t *n)
{
    *n = 0;
    if (!query || !utf8_valid(query, strlen(query), NULL))
        return NULL;
    char *nfc = utf8_nfc(query);
    if (!nfc)
        return NULL;
    word *w = split_words(nfc, n);
    free(nfc);
    if (*n == 0) {
        free(w);
        return NULL;
    }
    return w;
}

char *search_match_expression(const char *query)
{
    size_t n;
    word *w = query_words(query, &n);
    if (!w)
        return NULL;
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        /* words hold only letters and digits: quoting is enough */
        sb_appendf(&sb, "%s\"%s\"%s", i ? " " : "", w[i].folded, i + 1 == n ? "*" : "");
    }
    words_free(w, n);
    return sb_detach(&sb);
}

static bool word_matches(const word *w, const word *q, size_t k, size_t nq)
{
    if (k + 1 == nq) /* the last word of the query is also a prefix */
        return !strncmp(w->folded, q[k].folded, strlen(q[k].folded));
    return !strcmp(w->folded, q[k].folded);
}

/* Matched words of text as spans; *coverage gets the share of the text's words that match and
 * *phrase whether the query's words appear together, in order. */
static void spans_for(const char *text, const word *q, size_t nq, search_span **spans, size_t *n,
                      double *coverage, bool *phrase)
{
    *spans = NULL;
    *n = 0;
    if (coverage)
        *coverage = 0;
    if (phrase)
        *phrase = false;
    if (!text || !nq || !utf8_valid(text, strlen(text), NULL))
        return;
    size_t nw, cap = 0;
    word *w = split_words(text, &nw);
    for (size_t i = 0; i < nw; i++) {
        bool hit = false;
        for (size_t k = 0; k < nq && !hit; k++)
            hit = word_matches(&w[i], q, k, nq);
        if (!hit)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *spans = xrealloc(*spans, cap * sizeof **spans);
        }
        (*spans)[*n].start = w[i].start;
        (*spans)[*n].end = w[i].end;
        (*n)++;
    }
    if (coverage && nw)
        *coverage = (double)*n / (double)nw;
    for (size_t i = 0; phrase && !*phrase && i + nq <= nw; i++) {
        size_t k = 0;
        while (k < nq && word_matches(&w[i + k], q, k, nq))
            k++;
        *phrase = k == nq;
    }
    words_free(w, nw);
}

void search_spans(const char *text, const char *query, search_span **spans, size_t *n)
{
    size_t nq;
    word *q = query_words(query, &nq);
    spans_for(text, q, nq, spans, n, NULL, NULL);
    words_free(q, nq);
}

/* ---------- queries ---------- */

static char *column_dup(sqlite3_stmt *stmt, int col)
{
    const unsigned char *t = sqlite3_column_text(stmt, col);
    return t ? xstrdup((const char *)t) : NULL;
}

/* The record's code, name, period and plan for display. */
static int describe(sqlite3 *db, search_hit *h)
{
    static const char *const sql[SEARCH_KIND_COUNT] = {
        [SEARCH_PLAN] = "SELECT coalesce(symbol, key), title, NULL, coalesce(symbol, key)"
                        " FROM plan WHERE id = ?1",
        [SEARCH_TARGET] = "SELECT g.code, g.name, NULL, coalesce(p.symbol, p.key)"
                          " FROM target g JOIN plan p ON p.id = g.plan_id WHERE g.id = ?1",
        [SEARCH_TASK] = "SELECT t.code, t.name, NULL, coalesce(p.symbol, p.key)"
                        " FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = ?1",
        [SEARCH_PROJECT] = "SELECT j.code, j.name, NULL, coalesce(p.symbol, p.key)"
                           " FROM project j JOIN plan p ON p.id = j.plan_id WHERE j.id = ?1",
        [SEARCH_UNIT] = "SELECT code, name, NULL, NULL FROM unit WHERE id = ?1",
        [SEARCH_UPDATE] = "SELECT t.code, t.name, u.period, coalesce(p.symbol, p.key)"
                          " FROM task_update u JOIN task t ON t.id = u.task_id"
                          " JOIN plan p ON p.id = t.plan_id WHERE u.id = ?1",
        [SEARCH_EVIDENCE] = "SELECT t.code, t.name, u.period, coalesce(p.symbol, p.key)"
                            " FROM evidence e JOIN task_update u ON u.id = e.task_update_id"
                            " JOIN task t ON t.id = u.task_id JOIN plan p ON p.id = t.plan_id"
                            " WHERE e.id = ?1",
    };
    if (h->kind <= SEARCH_ANY || h->kind >= SEARCH_KIND_COUNT)
        return 0;
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, sql[h->kind], -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(stmt, 1, h->id);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        h->code = column_dup(stmt, 0);
        h->name = column_dup(stmt, 1);
        h->period = column_dup(stmt, 2);
        h->plan = column_dup(stmt, 3);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static void search_hits_free_one(search_hit *h)
{
    free(h->text);
    free(h->spans);
    free(h->code);
    free(h->name);
    free(h->period);
    free(h->plan);
}

void search_hits_free(search_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++)
        search_hits_free_one(&hits[i]);
    free(hits);
}

static int compare_hits(const void *pa, const void *pb)
{
    const search_hit *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score < b->score ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* The first ranking, by FTS5: bm25, names and titles weighted twice (lower is better). */
#define BM25_SCORE                                                                                \
    "bm25(search_index) * (CASE WHEN field IN ('name', 'title') THEN 2.0 ELSE 1.0 END)"

/* The final ranking: bm25 alone favours long texts that repeat a word, so a field scores better
 * the more of its words the query covers and when the query's words come together, in order. */
static double rerank(double bm25, double coverage, bool phrase)
{
    return bm25 * (1.0 + coverage) * (phrase ? 1.5 : 1.0);
}

/* The query words of one statement, kept as SQLite auxiliary data of the query argument. */
typedef struct {
    word *w;
    size_t n;
} query_cache;

static void query_cache_free(void *p)
{
    query_cache *qc = p;
    words_free(qc->w, qc->n);
    free(qc);
}

void search_sql_score(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    query_cache *qc = sqlite3_get_auxdata(ctx, 2);
    if (!qc) {
        qc = xcalloc(1, sizeof *qc);
        qc->w = query_words((const char *)sqlite3_value_text(argv[2]), &qc->n);
        sqlite3_set_auxdata(ctx, 2, qc, query_cache_free);
        if (!(qc = sqlite3_get_auxdata(ctx, 2))) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
    }
    search_span *spans;
    size_t n;
    double coverage;
    bool phrase;
    spans_for((const char *)sqlite3_value_text(argv[1]), qc->w, qc->n, &spans, &n, &coverage,
              &phrase);
    free(spans);
    sqlite3_result_double(ctx, rerank(sqlite3_value_double(argv[0]), coverage, phrase));
}

/* As in store_search: the best candidates by bm25 (RERANK_CANDIDATES fields) are re-ranked;
 * re-ranking only makes a score lower, so min() keeps it, and every other match keeps its bm25. */
#define RERANK_CANDIDATES 200

char *search_ranked_sql(search_kind kind, const char *param)
{
    strbuf sql = STRBUF_INIT;
    sb_appendf(&sql,
               "WITH h AS MATERIALIZED (SELECT row_id, " BM25_SCORE " AS s, original"
               " FROM search_index WHERE search_index MATCH %s AND kind = '%s')"
               " SELECT row_id, min(score) AS score FROM ("
               "SELECT row_id, s AS score FROM h UNION ALL"
               " SELECT row_id, xaso_search_score(s, original, %s) FROM"
               " (SELECT row_id, s, original FROM h ORDER BY s LIMIT %d))"
               " GROUP BY row_id",
               param, search_kind_code(kind), param, RERANK_CANDIDATES);
    return sb_detach(&sql);
}

static int prepare_search(xaso_store *st, const char *match, search_kind kind, long long plan_id,
                          bool include_archived, sqlite3_stmt **stmt, xaso_error *err)
{
    strbuf sql = STRBUF_INIT;
    sb_append(&sql, "SELECT kind, row_id, plan_id, field, original, " BM25_SCORE
                    " AS score FROM search_index WHERE search_index MATCH ?1");
    if (kind != SEARCH_ANY)
        sb_append(&sql, " AND kind = ?2");
    if (plan_id)
        sb_append(&sql, " AND (plan_id = ?3 OR (kind = 'unit' AND row_id IN"
                        " (SELECT unit_id FROM plan_unit WHERE plan_id = ?3)))");
    if (!include_archived)
        sb_append(&sql, " AND archived = 0");
    sb_append(&sql, " ORDER BY score, rowid");
    int rc = sqlite3_prepare_v2(store_db(st), sb_str(&sql), -1, stmt, NULL);
    sb_free(&sql);
    if (rc != SQLITE_OK)
        return store_fail(st, err, _("cannot search"));
    sqlite3_bind_text(*stmt, 1, match, -1, SQLITE_STATIC);
    if (kind != SEARCH_ANY)
        sqlite3_bind_text(*stmt, 2, kinds[kind].code, -1, SQLITE_STATIC);
    if (plan_id)
        sqlite3_bind_int64(*stmt, 3, plan_id);
    return 0;
}

static search_kind kind_of(const char *code)
{
    search_kind k;
    return code && search_kind_from_code(code, &k) ? k : SEARCH_ANY;
}

int store_search(xaso_store *st, const char *query, const search_options *opt, search_hit **hits,
                 size_t *n, xaso_error *err)
{
    search_options defaults = {0};
    if (!opt)
        opt = &defaults;
    *hits = NULL;
    *n = 0;
    if (!query || !utf8_valid(query, strlen(query), NULL))
        return xaso_error_set(err, XASO_EX_DATAERR, "%s", _("the search text is not valid UTF-8"));
    size_t nq;
    word *q = query_words(query, &nq);
    char *match = search_match_expression(query);
    if (!match) {
        words_free(q, nq);
        return 0;
    }
    sqlite3_stmt *stmt;
    int rc = prepare_search(st, match, opt->kind, opt->plan_id, opt->include_archived, &stmt, err);
    if (rc) {
        free(match);
        words_free(q, nq);
        return rc;
    }
    /* the best candidates by bm25 are re-ranked (rerank()) */
    size_t limit = opt->limit ? opt->limit : 50, cap = 0, candidates = limit * 4;
    if (candidates < RERANK_CANDIDATES)
        candidates = RERANK_CANDIDATES;
    search_hit *out = NULL;
    int step = SQLITE_DONE;
    size_t rows = 0;
    while (rows < candidates && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
        rows++;
        search_kind k = kind_of((const char *)sqlite3_column_text(stmt, 0));
        if (k == SEARCH_ANY)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            out = xrealloc(out, cap * sizeof *out);
        }
        search_hit *h = &out[(*n)++];
        memset(h, 0, sizeof *h);
        h->kind = k;
        h->id = sqlite3_column_int64(stmt, 1);
        h->plan_id = sqlite3_column_int64(stmt, 2);
        h->field = field_static((const char *)sqlite3_column_text(stmt, 3));
        h->text = column_dup(stmt, 4);
        double coverage;
        bool phrase;
        spans_for(h->text, q, nq, &h->spans, &h->n_spans, &coverage, &phrase);
        h->score = rerank(sqlite3_column_double(stmt, 5), coverage, phrase);
    }
    if (rows < candidates && step != SQLITE_DONE)
        rc = store_fail(st, err, _("cannot search"));
    sqlite3_finalize(stmt);
    free(match);
    words_free(q, nq);
    /* best first; one hit per record (its best field) */
    if (*n)
        qsort(out, *n, sizeof *out, compare_hits);
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        bool seen = false;
        for (size_t j = 0; j < kept && !seen; j++)
            seen = out[j].kind == out[i].kind && out[j].id == out[i].id;
        if (seen || kept >= limit) {
            search_hits_free_one(&out[i]);
            continue;
        }
        out[kept++] = out[i];
    }
    *n = kept;
    for (size_t i = 0; !rc && i < *n; i++)
        if (describe(store_db(st), &out[i]))
            rc = store_fail(st, err, _("cannot search"));
    if (rc) {
        search_hits_free(out, *n);
        *n = 0;
        return rc;
    }
    *hits = out;
    return 0;
}

int store_search_ids(xaso_store *st, const char *query, search_kind kind, long long plan_id,
                     long long **ids, size_t *n, xaso_error *err)
{
    *ids = NULL;
    *n = 0;
    if (kind <= SEARCH_ANY || kind >= SEARCH_KIND_COUNT)
        return xaso_error_set(err, XASO_EX_SOFTWARE, "store_search_ids: one kind, not %d", kind);
    char *match = search_match_expression(query);
    if (!match)
        return 0;
    sqlite3_stmt *stmt;
    int rc = prepare_search(st, match, kind, plan_id, true, &stmt, err);
    if (rc) {
        free(match);
        return rc;
    }
    size_t cap = 0;
    int step = SQLITE_DONE;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(stmt, 1);
        bool seen = false;
        for (size_t i = 0; i < *n && !seen; i++)
            seen = (*ids)[i] == id;
        if (seen)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *ids = xrealloc(*ids, cap * sizeof **ids);
        }
        (*ids)[(*n)++] = id;
    }
    if (step != SQLITE_DONE) {
        rc = store_fail(st, err, _("cannot search"));
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    sqlite3_finalize(stmt);
    free(match);
    return rc;
}
