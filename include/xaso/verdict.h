/* Verdicts of a measured value against a target. Pure functions. */
#ifndef XASO_VERDICT_H
#define XASO_VERDICT_H

#include <stdbool.h>
#include "xaso/value.h"

typedef enum {
    VERDICT_NO_DATA = 0, /* chưa có số liệu */
    VERDICT_MET,         /* đạt */
    VERDICT_EXCEEDED,    /* vượt */
    VERDICT_NOT_MET      /* chưa đạt */
} xaso_verdict;

/* Stable codes: "no-data", "met", "exceeded", "not-met". */
const char *verdict_code(xaso_verdict v);
bool verdict_from_code(const char *code, xaso_verdict *out);
/* The Vietnamese words used in reports: "chưa có số liệu", "đạt", "vượt", "chưa đạt". */
const char *verdict_label_vi(xaso_verdict v);
/* True for VERDICT_MET and VERDICT_EXCEEDED. */
bool verdict_is_met(xaso_verdict v);

/* A measured observation for a period. */
typedef struct {
    bool has_value;      /* false = no data (distinct from zero); for CMP_TEXT: no judgement yet */
    double value;        /* the number (for boolean targets: 1 done, 0 not done) */
    bool judged_met;     /* for CMP_TEXT targets: a person's judgement */
} xaso_observation;

/* The verdict of obs against a target (comparator, value).
 *
 * - obs NULL, !obs->has_value, or a value that is not finite → VERDICT_NO_DATA, always.
 * - Numbers are compared with a relative tolerance of 1e-9 (so 18.7 entered and 187/1000 computed
 *   are equal); "equal" below means within it.
 * - CMP_GE and CMP_EQ: above → EXCEEDED, equal → MET, below → NOT_MET. A "100%" target can be
 *   met but not exceeded, because a percentage cannot go above 100.
 * - CMP_GT: strictly above → MET, otherwise NOT_MET. Never EXCEEDED: the target already asks for
 *   "more than", and no threshold says how far above would count as exceeding it.
 * - CMP_LE mirrors CMP_GE: below → EXCEEDED (better than the limit), equal → MET, above → NOT_MET.
 * - CMP_LT mirrors CMP_GT: strictly below → MET, otherwise NOT_MET.
 * - CMP_MAINTAIN: at least the value → MET, otherwise NOT_MET; never EXCEEDED.
 * - CMP_BOOLEAN: value != 0 → MET, otherwise NOT_MET (the target value is ignored).
 * - CMP_TEXT and CMP_NONE, and any numeric comparator whose target has no value: the person's
 *   judgement (judged_met → MET, else NOT_MET). */
xaso_verdict verdict_of(xaso_comparator cmp, bool target_has_value, double target_value,
                        const xaso_observation *obs);

/* Percentage from counts: numerator * 100 / denominator. False when the denominator is zero or
 * negative, the numerator is negative, or either is not finite. The result may exceed 100. */
bool ratio_percent(double numerator, double denominator, double *out);

#endif
