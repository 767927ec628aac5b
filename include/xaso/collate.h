/* Vietnamese alphabetical order for names, in C and as the SQL collation VI.
 *
 * Order (Unicode CLDR's Vietnamese tailoring, which follows the dictionaries): letters first,
 * compared over the whole string, in the alphabet
 *     a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z)
 * ignoring tones and case; then tones, compared left to right, in the order
 *     none, huyền (à), hỏi (ả), ngã (ã), sắc (á), nặng (ạ)
 * ("ba, bà, bả, bã, bá, bạ" as in Hoàng Phê's Từ điển tiếng Việt); then case, lower before
 * upper; then bytes, so that only identical strings compare equal. Space sorts before
 * punctuation, punctuation before digits, digits before letters, other scripts after Latin.
 * Text may be NFC or NFD. */
#ifndef XASO_COLLATE_H
#define XASO_COLLATE_H

#include <sqlite3.h>
#include <stddef.h>

/* <0, 0, >0 like strcmp; a and b are UTF-8 of the given byte lengths (no NUL needed). Invalid
 * bytes sort as U+FFFD. */
int collate_vi_compare(const char *a, size_t alen, const char *b, size_t blen);
/* The same for NUL-terminated strings; NULL sorts first. */
int collate_vi_strcmp(const char *a, const char *b);
/* For qsort over an array of const char *. */
int collate_vi_qsort(const void *a, const void *b);
/* Register the collation "VI" on a connection: ORDER BY name COLLATE VI. SQLITE_OK or an error. */
int collate_register(sqlite3 *db);

#endif
