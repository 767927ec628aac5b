/* Search that ignores case and diacritics (đ/Đ count as d): one SQLite FTS5 index over the names
 * and texts of plans, targets, tasks, projects, units, task updates and evidence.
 *
 * The index (table search_index, migration step 2 in src/store/schema.c) is kept up to date by
 * SQLite triggers on every table it covers, so it changes in the same transaction as the data,
 * whoever writes it (even the sqlite3 shell: the triggers use only built-in SQL). Each row of the
 * index is one field of one record; its rowid is (record id * 8 + kind) * 8 + field.
 * The tokenizer is unicode61 with remove_diacritics 2, which folds case and every Vietnamese tone
 * and vowel mark but not đ (a letter of its own in Unicode), so the indexed text has đ/Đ replaced
 * by d/D and queries are folded with utf8_fold().
 *
 * Matching: every word of the query must appear in the same field; the last word also matches as
 * a prefix ("chuy" finds "chuyển"), so the same call serves search-as-you-type. Ranking: FTS5
 * bm25, names and titles weighted twice, one hit per record (its best field). */
#ifndef XASO_STORE_SEARCH_H
#define XASO_STORE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/error.h"
#include "xaso/store.h"

typedef enum {
    SEARCH_ANY = 0,     /* every kind (a filter value only) */
    SEARCH_PLAN,        /* "plan" */
    SEARCH_TARGET,      /* "target" */
    SEARCH_TASK,        /* "task" */
    SEARCH_PROJECT,     /* "project" */
    SEARCH_UNIT,        /* "unit" */
    SEARCH_UPDATE,      /* "update": a task's progress report for a period */
    SEARCH_EVIDENCE,    /* "evidence": an evidence file's original name */
    SEARCH_KIND_COUNT
} search_kind;

/* Stable code as stored in search_index.kind ("task"), "" for SEARCH_ANY. */
const char *search_kind_code(search_kind k);
/* The name for people, marked N_() (translate with _()): "Task". */
const char *search_kind_label(search_kind k);
/* Accepts the code, its plural ("tasks", "updates") or the kind's table name ("task_update");
 * false when unknown. */
bool search_kind_from_code(const char *code, search_kind *out);
/* A field code stored in search_index.field ("name", "difficulties", …) → its label, marked N_(). */
const char *search_field_label(const char *field);

/* A byte range [start, end) of the original text: one matched word, in its original spelling. */
typedef struct {
    size_t start, end;
} search_span;

typedef struct {
    search_kind kind;
    long long id;        /* row id in the kind's table (task_update.id for SEARCH_UPDATE) */
    long long plan_id;   /* 0 for units (they belong to the office) */
    const char *field;   /* static field code ("name", "expected_result", …) */
    char *text;          /* the field's text, as stored (NFC) */
    search_span *spans;  /* matched words in text, in order */
    size_t n_spans;
    char *code;          /* the record's code: task/target/project/unit code, plan symbol or key;
                            for updates and evidence the task's code */
    char *name;          /* the record's name or title; for updates and evidence the task's */
    char *period;        /* updates and evidence: the period identifier ("2026Q3"); else NULL */
    char *plan;          /* the plan's symbol (or key); NULL for units */
    double score;        /* lower is better (bm25 × weight) */
} search_hit;

typedef struct {
    search_kind kind;       /* SEARCH_ANY or one kind */
    long long plan_id;      /* 0 = every plan; else that plan (and the units it names) */
    bool include_archived;  /* archived items and inactive units too */
    size_t limit;           /* at most this many hits; 0 = 50 */
} search_options;

/* Search. query is what the user typed (any case, with or without marks, NFC or not). Hits are
 * ranked best first; *hits is malloc'd (free with search_hits_free). A query without any letter
 * or digit gives no hits and no error. Invalid UTF-8 is an error (XASO_EX_DATAERR). */
int store_search(xaso_store *st, const char *query, const search_options *opt, search_hit **hits,
                 size_t *n, xaso_error *err);
void search_hits_free(search_hit *hits, size_t n);

/* The ids of one kind (not SEARCH_ANY) that match, ranked best first (malloc'd array, free()).
 * For list screens that filter as the user types. plan_id 0 = every plan. Archived rows are
 * included: the caller's own query decides. */
int store_search_ids(xaso_store *st, const char *query, search_kind kind, long long plan_id,
                     long long **ids, size_t *n, xaso_error *err);

/* The FTS5 MATCH expression for what the user typed ("Chuyển đổi s" → "\"chuyen\" \"doi\" \"s\"*"),
 * malloc'd; NULL when the text has no letter or digit or is not valid UTF-8. For callers that
 * compose their own SQL:
 *   … WHERE t.id IN (SELECT row_id FROM search_index WHERE search_index MATCH ?1 AND kind = 'task') */
char *search_match_expression(const char *query);

/* For list screens that filter and rank in their own SQL, with the same index and ranking as
 * store_search: a query of (row_id, score), one row per record of one kind (not SEARCH_ANY) that
 * matches the MATCH expression (search_match_expression()) bound to the SQL parameter param
 * (":match"), score lower is better. Needs the SQL function xaso_search_score(bm25, text, match)
 * on the connection: sqlite3_create_function(db, "xaso_search_score", 3, SQLITE_UTF8, NULL,
 * search_sql_score, NULL, NULL). malloc'd. */
char *search_ranked_sql(search_kind kind, const char *param);
void search_sql_score(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* The words of text that the query matches (the same rule as the index: folded words equal, the
 * query's last word as a prefix), as byte ranges of text; for highlighting any text on screen.
 * *spans is malloc'd (NULL when none). */
void search_spans(const char *text, const char *query, search_span **spans, size_t *n);

#endif
