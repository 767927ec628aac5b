/* Numbers, dates and periods as people write them in the language in use (i18n_lang()), and
 * numbers as people type them.
 *
 *                     vi              en
 *   decimal           18,7            18.7
 *   thousands         7.100           7,100
 *   percent           18,7%           18.7%
 *   date              30/06/2026      30/06/2026   (dd/mm/yyyy in both: the documents' own way)
 *   period            Quý III/2026    Q3 2026      (translated through gettext)
 */
#ifndef XASO_FORMAT_H
#define XASO_FORMAT_H

#include <stddef.h>

#include "xaso/date.h"
#include "xaso/period.h"

/* v rounded to at most max_decimals (0..9) decimals, trailing zeros dropped, thousands grouped,
 * in the language lang ("vi" or "en"; NULL = the language in use). "" for NaN or infinity.
 * Returns buf. A buffer of 48 bytes holds any value. */
char *format_number_lang(const char *lang, double v, int max_decimals, char *buf, size_t size);
char *format_number(double v, int max_decimals, char *buf, size_t size);
/* "18,7%" / "18.7%" (v is already a percentage: 18.7, not 0.187). */
char *format_percent(double v, int max_decimals, char *buf, size_t size);
/* An amount (the plan's money unit, usually million đồng): at most 3 decimals. */
char *format_money(double v, char *buf, size_t size);
/* "dd/mm/yyyy"; "" for XASO_DATE_NONE. buf >= 11 bytes. */
char *format_date(xaso_date d, char *buf, size_t size);
/* A period for people: "Năm 2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026",
 * "9 tháng năm 2026", "Quý III/2026", "Tháng 3/2026", "Tuần 5/2026" — or in English "Year 2026",
 * "First half of 2026", "Second half of 2026", "Nine months of 2026", "Q3 2026", "March 2026",
 * "Week 5, 2026". "" when p is not valid. */
char *format_period(const xaso_period *p, char *buf, size_t size);
/* The same from an identifier ("2026Q3"); the identifier itself when it does not parse. */
char *format_period_id(const char *id, char *buf, size_t size);

/* What is being typed decides how "7.100" and "7,100" are read. */
typedef enum {
    FORMAT_VALUE,   /* a measured value: a decimal may have three decimals, so "7.100" and
                       "7,100" are ambiguous and refused with an explanation */
    FORMAT_PERCENT, /* a measured value, optionally followed by "%" */
    FORMAT_COUNT,   /* a whole number: "7.100" = "7,100" = 7100; decimals are refused */
    FORMAT_MONEY    /* an amount: "7.100" = "7,100" = 7100 (number_parse's NUM_MONEY rule) */
} format_quantity;

typedef enum { FORMAT_PARSE_OK, FORMAT_PARSE_INVALID, FORMAT_PARSE_AMBIGUOUS } format_parse_result;

/* Parse what a user typed, in either language's convention: "18,7" and "18.7" are both 18.7,
 * "1.234.567" and "1,234,567" both 1234567, "2.500,5" and "2,500.5" both 2500.5 (see
 * number_parse in xaso/value.h for the grammar). The one ambiguous shape is a single mark followed
 * by exactly three digits after one to three digits not starting with 0 ("7.100", "7,100"): a
 * thousands separator for Vietnamese, a decimal point for English, or the reverse. For
 * FORMAT_VALUE and FORMAT_PERCENT it gives FORMAT_PARSE_AMBIGUOUS and a message saying what to
 * type instead ("7100" or "7,1"); for FORMAT_COUNT and FORMAT_MONEY it is a thousands separator.
 * On anything but FORMAT_PARSE_OK, message (if not NULL) gets a translated explanation. */
format_parse_result format_parse_number(const char *text, format_quantity q, double *out,
                                        char *message, size_t size);

#endif
