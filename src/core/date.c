/* Civil dates as day numbers (proleptic Gregorian calendar, days since 1970-01-01).
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days algorithms. */
#include "xaso/date.h"

#include <stdio.h>

/* Floor division for the era computation (C division truncates toward zero). */
static long floor_div(long a, long b)
{
    long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

xaso_date date_from_ymd(int y, int m, int d)
{
    long year = (long)y - (m <= 2);
    long era = floor_div(year, 400);
    long year_of_era = year - era * 400;                                /* [0, 399] */
    long month_from_march = (m + 9) % 12;                               /* March = 0 */
    long day_of_year = (153 * month_from_march + 2) / 5 + d - 1;        /* [0, 365] */
    long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

void date_to_ymd(xaso_date date, int *y, int *m, int *d)
{
    long z = date + 719468;
    long era = floor_div(z, 146097);
    long day_of_era = z - era * 146097;                                  /* [0, 146096] */
    long year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    long year = year_of_era + era * 400;
    long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    long month_from_march = (5 * day_of_year + 2) / 153;
    long day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    long month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
    if (y)
        *y = (int)(year + (month <= 2));
    if (m)
        *m = (int)month;
    if (d)
        *d = (int)day;
}

bool date_is_leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && date_is_leap_year(y))
        return 29;
    return days[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
    return y >= XASO_DATE_MIN_YEAR && y <= XASO_DATE_MAX_YEAR && m >= 1 && m <= 12 && d >= 1 &&
           d <= date_days_in_month(y, m);
}

int date_weekday(xaso_date date)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    long r = (date + 3) % 7;
    if (r < 0)
        r += 7;
    return (int)r + 1;
}

int date_year_of(xaso_date date)
{
    int y;
    date_to_ymd(date, &y, NULL, NULL);
    return y;
}

int date_month_of(xaso_date date)
{
    int m;
    date_to_ymd(date, NULL, &m, NULL);
    return m;
}

int date_day_of(xaso_date date)
{
    int d;
    date_to_ymd(date, NULL, NULL, &d);
    return d;
}

xaso_date date_last_of_month(int y, int m)
{
    return date_from_ymd(y, m, date_days_in_month(y, m));
}

void date_add_months(int *y, int *m, int delta)
{
    long index = (long)*y * 12 + (*m - 1) + delta;
    long year = floor_div(index, 12);
    *y = (int)year;
    *m = (int)(index - year * 12) + 1;
}

/* ISO weeks. The Monday of week 1 is the Monday on or before 4 January. */
static xaso_date iso_week1_monday(int iso_year)
{
    xaso_date jan4 = date_from_ymd(iso_year, 1, 4);
    return jan4 - (date_weekday(jan4) - 1);
}

int date_iso_weeks_in_year(int iso_year)
{
    /* 53 weeks when 1 January is a Thursday, or a Wednesday in a leap year. */
    int jan1 = date_weekday(date_from_ymd(iso_year, 1, 1));
    if (jan1 == 4 || (jan1 == 3 && date_is_leap_year(iso_year)))
        return 53;
    return 52;
}

void date_iso_week(xaso_date date, int *iso_year, int *week)
{
    /* The Thursday of date's week decides the ISO year. */
    xaso_date thursday = date + (4 - date_weekday(date));
    int year = date_year_of(thursday);
    int number = (int)((thursday - iso_week1_monday(year)) / 7) + 1;
    if (iso_year)
        *iso_year = year;
    if (week)
        *week = number;
}

xaso_date date_iso_week_monday(int iso_year, int week)
{
    return iso_week1_monday(iso_year) + (xaso_date)(week - 1) * 7;
}

/* Reads min_digits..max_digits ASCII digits at *p; fails when fewer, or when more digits follow. */
static bool read_digits(const char **p, int min_digits, int max_digits, int *out)
{
    const char *s = *p;
    int value = 0, n = 0;
    while (*s >= '0' && *s <= '9' && n < max_digits) {
        value = value * 10 + (*s - '0');
        s++;
        n++;
    }
    if (n < min_digits || (*s >= '0' && *s <= '9'))
        return false;
    *p = s;
    *out = value;
    return true;
}

bool date_parse_iso(const char *s, xaso_date *out)
{
    int y, m, d;
    if (!s)
        return false;
    const char *p = s;
    if (!read_digits(&p, 4, 4, &y) || *p++ != '-' || !read_digits(&p, 2, 2, &m) || *p++ != '-' ||
        !read_digits(&p, 2, 2, &d) || *p != '\0')
        return false;
    if (!date_valid_ymd(y, m, d))
        return false;
    if (out)
        *out = date_from_ymd(y, m, d);
    return true;
}

bool date_parse_vn(const char *s, xaso_date *out)
{
    int y, m, d;
    if (!s)
        return false;
    const char *p = s;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!read_digits(&p, 1, 2, &d))
        return false;
    char separator = *p;
    if (separator != '/' && separator != '-' && separator != '.')
        return false;
    p++;
    if (!read_digits(&p, 1, 2, &m) || *p++ != separator || !read_digits(&p, 4, 4, &y))
        return false;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '\0' || !date_valid_ymd(y, m, d))
        return false;
    if (out)
        *out = date_from_ymd(y, m, d);
    return true;
}

char *date_format_iso(xaso_date date, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    if (date == XASO_DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    return buf;
}

char *date_format_vn(xaso_date date, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    if (date == XASO_DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    snprintf(buf, size, "%02d/%02d/%04d", d, m, y);
    return buf;
}
