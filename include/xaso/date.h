/* Civil dates as day numbers: pure arithmetic, no time zones. */
#ifndef XASO_DATE_H
#define XASO_DATE_H

#include <stdbool.h>
#include <stddef.h>

/* Days since 1970-01-01 (may be negative). XASO_DATE_NONE means "no date". */
typedef long xaso_date;
#define XASO_DATE_NONE (-2147483647L)

/* Years accepted by date_valid_ymd and the parsers: four-digit years only. */
#define XASO_DATE_MIN_YEAR 1000
#define XASO_DATE_MAX_YEAR 9999

xaso_date date_from_ymd(int y, int m, int d);          /* no validation */
void date_to_ymd(xaso_date date, int *y, int *m, int *d);
bool date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);                  /* 0 when m is not 1..12 */
int date_weekday(xaso_date date);                      /* 1 = Monday … 7 = Sunday (ISO) */
/* Parse "YYYY-MM-DD" exactly; false when malformed or not a real date. */
bool date_parse_iso(const char *s, xaso_date *out);
/* Parse "dd/mm/yyyy" or "d/m/yyyy" as Vietnamese users write it. Surrounding spaces are allowed,
 * and "-" or "." may replace both slashes ("30-6-2026", "30.6.2026"); the year has four digits. */
bool date_parse_vn(const char *s, xaso_date *out);
/* Writes "YYYY-MM-DD" (buf >= 11 bytes) or "" for XASO_DATE_NONE. */
char *date_format_iso(xaso_date date, char *buf, size_t size);
/* Writes "dd/mm/yyyy" (buf >= 11 bytes) or "" for XASO_DATE_NONE. */
char *date_format_vn(xaso_date date, char *buf, size_t size);

/* Helpers built on the above. */
bool date_is_leap_year(int y);
int date_year_of(xaso_date date);
int date_month_of(xaso_date date);
int date_day_of(xaso_date date);
xaso_date date_last_of_month(int y, int m);            /* no validation of y; m must be 1..12 */
/* Month arithmetic: (y, m) moved by delta months, written back (m stays 1..12). */
void date_add_months(int *y, int *m, int delta);

/* ISO 8601 weeks: weeks start on Monday; week 1 holds the year's first Thursday. */
int date_iso_weeks_in_year(int iso_year);              /* 52 or 53 */
void date_iso_week(xaso_date date, int *iso_year, int *week);
/* The Monday of ISO week `week` of `iso_year` (no validation). */
xaso_date date_iso_week_monday(int iso_year, int week);

#endif
