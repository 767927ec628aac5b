/* Shared by the files of src/receive. Internal. */
#ifndef XASO_RECEIVE_INTERNAL_H
#define XASO_RECEIVE_INTERNAL_H

#include "xaso/receive.h"
#include "xaso/verdict.h"

/* Text from a bundle: NFC, control characters dropped (line breaks and tabs kept), the writer's
 * formula-guarding apostrophe taken off. malloc'd, never NULL. */
char *receive_clean_text(const char *s);

/* sqlite3_prepare_v2 on the store's database; err says what failed, translated. */
int receive_prepare(xaso_store *st, const char *sql, sqlite3_stmt **s, xaso_error *err);

/* Append a row of n cells (copied; NULL = "") to t; the first call sets the header. */
void receive_table_add(receive_table *t, const char *const *cells, size_t n);

/* ---------- combining one target's values across senders (one rule for views and bundles) ---------- */

typedef struct {
    char key[160], name[512], unit[64], comparator[16];
    bool has_target;
    double target;
    size_t senders, with_data, with_counts, met;
    double sum_value, sum_num, sum_den;
} receive_combine;

/* Add one sender's value: data = it gave one (verdict not "no-data"); counts = numerator and
 * denominator both given; verdict = its verdict code. */
void receive_combine_add(receive_combine *c, bool data, double value, bool counts, double num,
                         double den, const char *verdict);

typedef enum {
    COMBINED_NO_DATA,    /* no sender gave a value */
    COMBINED_RATIO,      /* Σ numerators / Σ denominators × 100, judged against the target */
    COMBINED_NO_COUNTS,  /* a ratio where some senders gave only a percentage: not combined */
    COMBINED_MET_COUNT,  /* yes/no or text targets: k of n met */
    COMBINED_PERCENT,    /* percentages without counts: not combined */
    COMBINED_SUM         /* counts: the sum */
} receive_combined_kind;

typedef struct {
    receive_combined_kind kind;
    double value;         /* the percentage (RATIO) or the sum (SUM) */
    xaso_verdict verdict; /* RATIO: against the target; others: met when every sender with
                             data met it, no-data when nobody gave data or not combined */
} receive_combined;

void receive_combine_result(const receive_combine *c, receive_combined *out);

/* ---------- who sent what for one period ---------- */

typedef enum { CELL_SUBMITTED, CELL_LATE, CELL_RETURNED, CELL_MISSING, CELL_PENDING } receive_cell;
/* "submitted", "late", "returned", "missing", "not-due". */
const char *receive_cell_code(receive_cell c);
/* Translated word. */
const char *receive_cell_label(receive_cell c);

typedef struct {
    char code[200], name[256];
    bool expected;
    receive_cell cell;
} receive_sender_state;

/* Every expected sender and every sender with a bundle of plan (key or symbol) for period, by
 * code, with its submission state. *out malloc'd. */
int receive_sender_states(xaso_store *st, const char *plan, const char *period,
                          receive_sender_state **out, size_t *n, xaso_error *err);

#endif
