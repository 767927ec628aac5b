/* Numbers and target values as people and documents write them. Pure functions. */
#ifndef XASO_VALUE_H
#define XASO_VALUE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    CMP_NONE = 0,  /* nothing to compare against (qualitative target with no value) */
    CMP_GE,        /* ≥ : "tối thiểu", "ít nhất", "từ … trở lên", "Từ 100%", bare value, "đạt" */
    CMP_GT,        /* > : "trên" */
    CMP_EQ,        /* = : exact (rare in practice; "đạt" is treated as ≥) */
    CMP_LE,        /* ≤ : "tối đa", "không quá" */
    CMP_LT,        /* < : "dưới" */
    CMP_MAINTAIN,  /* "duy trì": keep at least the value */
    CMP_BOOLEAN,   /* done / not done */
    CMP_TEXT       /* a text target ("Cơ bản hoàn thành"): judged by people */
} xaso_comparator;

/* Stable codes used in plan files, CSV and the database: ">=", ">", "=", "<=", "<",
 * "maintain", "boolean", "text", "" for CMP_NONE. */
const char *comparator_code(xaso_comparator c);
/* Inverse of comparator_code; false when unknown (NULL is unknown, "" is CMP_NONE). */
bool comparator_from_code(const char *code, xaso_comparator *out);
/* A symbol for display: "≥", ">", "=", "≤", "<", "duy trì", "có/không", "định tính", "" for
 * CMP_NONE (untranslated: the words are the documents' own). */
const char *comparator_symbol(xaso_comparator c);

/* How a number is written. */
typedef enum {
    NUM_DECIMAL, /* a measured value: "18,7" = 18.7, "1.5" = 1.5, "7.100" = 7100 (3 digits after a
                    single dot in Vietnamese usage means thousands) */
    NUM_MONEY    /* an amount: "7,100" = 7100, "7.100" = 7100, "2.500,5" = 2500.5 */
} xaso_number_style;

/* Parse a whole string as a number (surrounding spaces allowed). Returns false for anything else,
 * including "" and trailing garbage.
 *
 * Grammar: optional sign (+ or -), then digit runs separated by single '.' or ',' characters; the
 * text starts and ends with a digit. No exponents, no spaces inside, at most 15 digits in all
 * (so the result is exact to the last printed digit).
 * - Two kinds of mark: the one that appears last, once, is the decimal mark and the other groups
 *   thousands ("2.500,5" = 2500.5, "2,500.5" = 2500.5). Anything else ("1.2,3,4") is rejected.
 * - One kind, several times: thousands grouping ("1.234.567", "1,234,567").
 * - One mark, once — the ambiguous case. It can only be a thousands mark when exactly three digits
 *   follow and one to three digits, not starting with 0, precede it ("7.100", "7,100"; never
 *   "0.100" or "1.5"). Then:
 *     NUM_DECIMAL: '.' groups thousands ("7.100" = 7100, the Vietnamese way of writing counts),
 *                  ',' is always the decimal mark ("7,100" = 7.1, "18,7" = 18.7). We chose this
 *                  because the comma is the Vietnamese decimal mark and a measured value is far
 *                  more often a decimal such as "0,125" than an English-style thousand; plan
 *                  documents that print money as "7,100" are read with NUM_MONEY.
 *                  A dot with other than three digits after it is a decimal point ("1.5").
 *     NUM_MONEY:   either mark groups thousands ("7,100" = "7.100" = 7100): amounts in million
 *                  đồng are printed both ways and rarely carry three decimals. Otherwise the mark
 *                  is decimal ("2,5" = "2.5" = 2.5).
 * - Every group after the first thousands group has exactly three digits; the first has 1-3. */
bool number_parse(const char *text, xaso_number_style style, double *out);

/* A target value as printed, split into its typed parts. */
typedef struct {
    xaso_comparator comparator;
    bool has_value;
    double value;
    char unit[64];      /* "%", "Mbit/s", "DN/1.000 dân", "lớp", "" when none (NFC, trimmed) */
} xaso_target_value;

/* Parse a printed target value: "60%", ">92%", "trên 100%", "Từ 100%", "tối thiểu 40 Mbit/s",
 * "0,2 DN/1.000 dân", "≥ 02 lớp", "Duy trì 100%", "Cơ bản hoàn thành" (→ CMP_TEXT, no value).
 * Always succeeds on valid UTF-8 (unparseable text gives CMP_TEXT).
 *
 * The first number in the text is the value (read with NUM_DECIMAL); the words before it give the
 * comparator, ignoring case and diacritics; the text after it is the unit, without a trailing
 * "trở lên" / "trở xuống". Wording → comparator:
 *   "≥" ">=" "tối thiểu" "ít nhất" "không dưới" "không ít hơn" "từ" "… trở lên"      → CMP_GE
 *   ">" "trên" "hơn" "vượt"                                                          → CMP_GT
 *   "≤" "<=" "tối đa" "không quá" "không vượt quá" "… trở xuống"                    → CMP_LE
 *   "<" "dưới" "ít hơn" "thấp hơn" "nhỏ hơn"                                         → CMP_LT
 *   "=" (the sign only)                                                              → CMP_EQ
 *   "duy trì"                                                                        → CMP_MAINTAIN
 *   bare value, "đạt", "phấn đấu", anything else before the number                   → CMP_GE
 *   no number: "Có" / "Hoàn thành" / "Đạt" alone → CMP_BOOLEAN (value 1); otherwise CMP_TEXT;
 *   NULL, "" or only spaces → CMP_NONE. Invalid UTF-8 → CMP_TEXT. */
void target_value_parse(const char *printed, xaso_target_value *out);

#endif
