/* The receiving side: bundles from other offices (units → Phòng VH-XH, communes → the province)
 * taken into this database, kept apart from its own plan data and keyed by (sender, plan,
 * period); receipts like a DHIS2 import summary; returning a report; the consolidated views.
 *
 * Importing verifies first (everything `bundle verify` checks, nothing extracted to disk), reads
 * the CSV tables from memory with the data package's stable column codes, and writes all of a
 * bundle's rows in one transaction: a rejected bundle changes nothing but its stored receipt.
 *
 * "Newer" for the same (sender, plan, period) means a later finalisation time (report.csv
 * finalised_at, the moment the sender locked its data), then a later Bagging-Date. A rebuild of
 * the same finalised report carries the same payload (manifest-sha256.txt): it is "unchanged". */
#ifndef XASO_RECEIVE_H
#define XASO_RECEIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/bundle.h"
#include "xaso/error.h"
#include "xaso/store.h"
#include "xaso/strbuf.h"

typedef enum {
    RECEIVE_IMPORTED,  /* first bundle for its key */
    RECEIVE_UPDATED,   /* newer than the current one: supersedes it (kept in history) */
    RECEIVE_UNCHANGED, /* this bundle (or the same payload) was taken in before */
    RECEIVE_IGNORED,   /* older than the current one: recorded, its data not used */
    RECEIVE_REJECTED   /* not acceptable: nothing changed */
} receive_status;

/* "imported", "updated", "unchanged", "ignored", "rejected". */
const char *receive_status_code(receive_status s);
/* Translated word for the status. */
const char *receive_status_label(receive_status s);

typedef enum {
    RECEIVE_NOTE,     /* for information: superseded, learned sender, … */
    RECEIVE_CONFLICT, /* a row left out or a fact worth a look; the bundle is taken in */
    RECEIVE_ERROR     /* the bundle is not acceptable */
} receive_severity;

typedef struct {
    char *where;   /* "data/target_values.csv:4", "bag-info.txt" or "" */
    char *message; /* translated */
    receive_severity severity;
} receive_problem;

/* What happened to one bundle. */
typedef struct {
    char file[1024];
    char sha256[65];
    char sender[200];      /* office code, or "OFFICE:UNIT" when a unit sent it */
    char sender_name[256];
    char plan_key[160], plan_symbol[160], period[16];
    receive_status status;
    size_t rows_imported, rows_updated, rows_ignored; /* table rows (targets, tasks, projects) */
    size_t conflicts;                                 /* problems that are not errors */
    receive_problem *problems;
    size_t n_problems, cap_problems;
    long long bundle_id;  /* received_bundle row (0 when rejected) */
    long long receipt_id; /* receipt row */
} receive_receipt;

void receive_receipt_free(receive_receipt *r);
/* The receipt as JSON (what is stored). */
void receive_receipt_json(const receive_receipt *r, strbuf *out);
/* Text from outside (a file name, a bundle's field) made safe to show: valid UTF-8 (a bad byte,
 * e.g. of a name from a FAT stick, becomes U+FFFD) without control characters (C0, DEL, C1), so
 * no terminal escape sequence gets through; one_line turns line breaks and tabs into spaces,
 * else they are kept. malloc'd. */
char *receive_safe_text(const char *s, bool one_line);
/* One summary line, then one line per problem: "  data/targets.csv:3: …" (safe text). */
void receive_receipt_format(const receive_receipt *r, strbuf *out);

/* Verify and import one bundle file (passphrase may be NULL). Returns 0 when a receipt was
 * produced (whatever its status) — it is stored too — or an error when the database failed. */
int receive_bundle(xaso_store *st, const char *path, const char *passphrase, receive_receipt *r,
                   xaso_error *err);

/* The bundles a path stands for: the file itself, or the *.zip files of a folder (sorted by
 * name, not recursive). Appended to *files (malloc'd strings, caller frees each and the array). */
void receive_collect_files(const char *path, char ***files, size_t *n);

/* Counting receipts for the closing line of an import ("imported 5, updated 0, …"). */
typedef struct {
    size_t count[RECEIVE_REJECTED + 1]; /* by receive_status */
    size_t conflicts;
} receive_tally;
void receive_tally_add(receive_tally *t, const receive_receipt *r);
/* The translated closing line, with a newline. */
void receive_tally_format(const receive_tally *t, strbuf *out);

/* The plan (key) of sender's current or returned bundle for period; with sender NULL, the plan
 * most current bundles of period are for. plan is "" when there is none. */
int receive_plan_of(xaso_store *st, const char *sender, const char *period, char *plan,
                    size_t size, xaso_error *err);

/* ---------- senders: who must report to this office ---------- */

/* Add or rename a sender (expected to report); audited. */
int receive_sender_add(xaso_store *st, const char *code, const char *name, xaso_error *err);

/* ---------- tables for the views: header row + rows, all cells UTF-8 text ---------- */

typedef struct {
    size_t n_cols, n_rows; /* rows without the header */
    char **cells;          /* (n_rows + 1) * n_cols, row-major; row 0 is the header */
    size_t cap;
} receive_table;

void receive_table_free(receive_table *t);
/* The cell of row r (0 = header), column c. */
const char *receive_table_cell(const receive_table *t, size_t r, size_t c);

/* Senders: code, name, expected, learned, bundles. */
int receive_senders(xaso_store *st, receive_table *out, xaso_error *err);
/* Receipts (newest first), optionally of one period. */
int receive_receipts(xaso_store *st, const char *period, receive_table *out, xaso_error *err);

/* The submission matrix: senders × periods. plan NULL = any plan (key or symbol). Periods from
 * `from` to `to` (same kind); NULL = the periods of the bundles taken in. Cells: "submitted",
 * "late" (Bagging-Date after the deadline of the calendar's rule), "returned", "missing" (past
 * the deadline), "pending" (not due yet). Labels are translated. */
int receive_matrix(xaso_store *st, const char *plan, const char *from, const char *to,
                   receive_table *out, xaso_error *err);
/* The stable code ("submitted", "late", "returned", "missing", "not-due") of a matrix cell's
 * translated word, or NULL. */
const char *receive_cell_code_of_label(const char *label);
/* Expected senders with no current or returned bundle for period (and plan, may be NULL). */
int receive_missing(xaso_store *st, const char *period, const char *plan, receive_table *out,
                    xaso_error *err);
/* Consolidated targets of plan and period: one row per target and sender, then a combined row
 * per target: for ratios the sum of numerators over the sum of denominators (× 100), never an
 * average of percentages; for counts the sum; for yes/no targets how many met. */
int receive_targets(xaso_store *st, const char *plan, const char *period, receive_table *out,
                    xaso_error *err);
/* Lagging and overdue tasks (those with warnings) across senders; sender and warning (a
 * warning code) filter, NULL = all. */
int receive_tasks(xaso_store *st, const char *period, const char *sender, const char *warning,
                  receive_table *out, xaso_error *err);

/* ---------- the receiver's own report, passed upward ---------- */

typedef struct {
    bundle_result bundle;
    size_t included, missing; /* senders taken into it; expected senders left out */
    size_t targets, tasks;
} receive_bundle_result;

/* Build this office's bundle for plan (key or symbol) and period from what it consolidated: the
 * combined value of every target (ratios: Σ numerators / Σ denominators, judged against the
 * target; counts summed; others "k/n đạt"), every current sender's tasks keyed "SENDER/TASK" and
 * led by the sender (the senders are the units), and data/senders.csv saying who is included,
 * late, returned or missing. Its finalisation time is the latest import or return for the key,
 * so the same consolidated data gives the same payload. A normal valid bundle: the next level
 * up takes it in with receive_bundle. Needs PERM_BUNDLE_BUILD and this office's copy of the
 * plan. output: a folder or a file name. */
int receive_build_bundle(xaso_store *st, const char *plan, const char *period,
                         const char *output, receive_bundle_result *out, xaso_error *err);

/* ---------- returning a report, and the sender's side of it ---------- */

/* Mark the current bundle of (sender, plan, period) returned ("bị trả lại") with reason and
 * write a receipt file (JSON, carrying the SHA-256 of the bundle it answers and a check over its
 * content) into output (a folder or a file name); its path in path_out. */
int receive_return(xaso_store *st, const char *sender, const char *plan, const char *period,
                   const char *reason, const char *output, char *path_out, size_t path_size,
                   xaso_error *err);
/* Write an acceptance receipt for the current bundle (the sender then marks it submitted). */
int receive_accept(xaso_store *st, const char *sender, const char *plan, const char *period,
                   const char *output, char *path_out, size_t path_size, xaso_error *err);

/* On the sender: load a receipt file and set the own report's state — returned (with the
 * reason) or submitted — through store_report_transition. summary gets one translated line. */
int receive_apply_receipt(xaso_store *st, const char *path, strbuf *summary, xaso_error *err);

#endif
