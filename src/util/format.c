#include "xaso/format.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/i18n.h"
#include "xaso/value.h"

static bool is_english(const char *lang)
{
    return !strcmp(lang ? lang : i18n_lang(), "en");
}

char *format_number_lang(const char *lang, double v, int max_decimals, char *buf, size_t size)
{
    if (!size)
        return buf;
    buf[0] = '\0';
    if (!isfinite(v))
        return buf;
    if (max_decimals < 0)
        max_decimals = 0;
    if (max_decimals > 9)
        max_decimals = 9;
    char raw[400];
    snprintf(raw, sizeof raw, "%.*f", max_decimals, v);
    /* drop trailing zeros of the decimals, and the point when nothing is left */
    char *point = strchr(raw, '.');
    if (point) {
        char *end = raw + strlen(raw);
        while (end > point + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == point + 1)
            *point = '\0';
    }
    if (!strcmp(raw, "-0"))
        strcpy(raw, "0");
    bool en = is_english(lang);
    char group = en ? ',' : '.', decimal = en ? '.' : ',';
    const char *digits = raw[0] == '-' ? raw + 1 : raw;
    size_t int_len = strcspn(digits, ".");
    char out[600];
    size_t k = 0;
    if (raw[0] == '-')
        out[k++] = '-';
    for (size_t i = 0; i < int_len; i++) {
        if (i && (int_len - i) % 3 == 0)
            out[k++] = group;
        out[k++] = digits[i];
    }
    if (digits[int_len] == '.') {
        out[k++] = decimal;
        for (const char *p = digits + int_len + 1; *p; p++)
            out[k++] = *p;
    }
    out[k] = '\0';
    snprintf(buf, size, "%s", out);
    return buf;
}

char *format_number(double v, int max_decimals, char *buf, size_t size)
{
    return format_number_lang(NULL, v, max_decimals, buf, size);
}

char *format_percent(double v, int max_decimals, char *buf, size_t size)
{
    char n[64];
    format_number(v, max_decimals, n, sizeof n);
    snprintf(buf, size, "%s%s", n, n[0] ? "%" : "");
    return buf;
}

char *format_money(double v, char *buf, size_t size)
{
    return format_number(v, 3, buf, size);
}

char *format_date(xaso_date d, char *buf, size_t size)
{
    return date_format_vn(d, buf, size);
}

static void format_quarter(int q, int year, char *buf, size_t size)
{
    switch (q) {
    case 1: snprintf(buf, size, _("Q1 %d"), year); break;
    case 2: snprintf(buf, size, _("Q2 %d"), year); break;
    case 3: snprintf(buf, size, _("Q3 %d"), year); break;
    default: snprintf(buf, size, _("Q4 %d"), year); break;
    }
}

static void format_month(int m, int year, char *buf, size_t size)
{
    switch (m) {
    case 1: snprintf(buf, size, _("January %d"), year); break;
    case 2: snprintf(buf, size, _("February %d"), year); break;
    case 3: snprintf(buf, size, _("March %d"), year); break;
    case 4: snprintf(buf, size, _("April %d"), year); break;
    case 5: snprintf(buf, size, _("May %d"), year); break;
    case 6: snprintf(buf, size, _("June %d"), year); break;
    case 7: snprintf(buf, size, _("July %d"), year); break;
    case 8: snprintf(buf, size, _("August %d"), year); break;
    case 9: snprintf(buf, size, _("September %d"), year); break;
    case 10: snprintf(buf, size, _("October %d"), year); break;
    case 11: snprintf(buf, size, _("November %d"), year); break;
    default: snprintf(buf, size, _("December %d"), year); break;
    }
}

char *format_period(const xaso_period *p, char *buf, size_t size)
{
    if (!size)
        return buf;
    buf[0] = '\0';
    if (!p || !period_valid(p))
        return buf;
    switch (p->kind) {
    case PERIOD_YEAR:
        snprintf(buf, size, _("Year %d"), p->year);
        break;
    case PERIOD_HALF:
        if (p->index == 1)
            snprintf(buf, size, _("First half of %d"), p->year);
        else
            snprintf(buf, size, _("Second half of %d"), p->year);
        break;
    case PERIOD_NINE_MONTHS:
        snprintf(buf, size, _("Nine months of %d"), p->year);
        break;
    case PERIOD_QUARTER:
        format_quarter(p->index, p->year, buf, size);
        break;
    case PERIOD_MONTH:
        format_month(p->index, p->year, buf, size);
        break;
    case PERIOD_WEEK:
        /* TRANSLATORS: week number, then its ISO year */
        snprintf(buf, size, _("Week %d, %d"), p->index, p->year);
        break;
    case PERIOD_NONE:
        break;
    }
    return buf;
}

char *format_period_id(const char *id, char *buf, size_t size)
{
    xaso_period p;
    if (id && period_parse(id, &p))
        return format_period(&p, buf, size);
    snprintf(buf, size, "%s", id ? id : "");
    return buf;
}

/* ---------- input ---------- */

/* The ambiguous shape: [sign] 1-3 digits (not starting with 0), one '.' or ',', 3 digits. */
static bool ambiguous_shape(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t start = i;
    while (i < len && isdigit((unsigned char)s[i]))
        i++;
    size_t before = i - start;
    if (before < 1 || before > 3 || s[start] == '0' || i >= len || (s[i] != '.' && s[i] != ','))
        return false;
    i++;
    size_t after = 0;
    while (i < len && isdigit((unsigned char)s[i]))
        i++, after++;
    return after == 3 && i == len;
}

static void set_message(char *message, size_t size, const char *text)
{
    if (message && size)
        snprintf(message, size, "%s", text);
}

format_parse_result format_parse_number(const char *text, format_quantity q, double *out,
                                        char *message, size_t size)
{
    char msg[256];
    if (message && size)
        message[0] = '\0';
    if (!text) {
        set_message(message, size, _("a number is needed"));
        return FORMAT_PARSE_INVALID;
    }
    /* trim; a percentage may end in % */
    while (*text == ' ' || *text == '\t')
        text++;
    size_t len = strlen(text);
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    if (q == FORMAT_PERCENT && len && text[len - 1] == '%') {
        len--;
        while (len && text[len - 1] == ' ')
            len--;
    }
    char buf[64];
    if (len == 0 || len >= sizeof buf) {
        snprintf(msg, sizeof msg, _("\"%.*s\" is not a number"), (int)(len < 40 ? len : 40), text);
        set_message(message, size, msg);
        return FORMAT_PARSE_INVALID;
    }
    memcpy(buf, text, len);
    buf[len] = '\0';
    double v;
    if (!number_parse(buf, NUM_MONEY, &v)) {
        snprintf(msg, sizeof msg, _("\"%s\" is not a number"), buf);
        set_message(message, size, msg);
        return FORMAT_PARSE_INVALID;
    }
    if ((q == FORMAT_VALUE || q == FORMAT_PERCENT) && ambiguous_shape(buf, len)) {
        /* both readings, written so that they cannot be misread */
        char whole[64], decimal[64];
        size_t k = 0;
        for (const char *p = buf; *p; p++)
            if (*p != '.' && *p != ',')
                whole[k++] = *p;
        whole[k] = '\0';
        double d = strtod(whole, NULL);
        d /= 1000.0;
        format_number(d, 3, decimal, sizeof decimal);
        if (ambiguous_shape(decimal, strlen(decimal)))
            strcat(decimal, "0"); /* "1,234" could still be read both ways: "1,2340" cannot */
        snprintf(msg, sizeof msg,
                 _("\"%s\" can be read two ways: type %s for the whole number or %s for the "
                   "decimal"),
                 buf, whole, decimal);
        set_message(message, size, msg);
        return FORMAT_PARSE_AMBIGUOUS;
    }
    if (q == FORMAT_COUNT && v != floor(v)) {
        snprintf(msg, sizeof msg, _("\"%s\" is not a whole number"), buf);
        set_message(message, size, msg);
        return FORMAT_PARSE_INVALID;
    }
    *out = v;
    return FORMAT_PARSE_OK;
}
