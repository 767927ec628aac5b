/* Printed timelines typed: the text is folded (no case, no diacritics, đ → d), cut into words,
 * numbers and punctuation, and matched phrase by phrase from the left. */
#include "xaso/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "xaso/utf8.h"

static const char *const kind_codes[] = {
    [TL_NONE] = "none",     [TL_ONGOING] = "ongoing", [TL_YEARLY] = "yearly",
    [TL_YEAR] = "year",     [TL_QUARTER] = "quarter", [TL_MONTH] = "month",
    [TL_BY_DATE] = "by-date", [TL_DONE] = "done",     [TL_EVENT] = "event",
    [TL_ON_REQUEST] = "on-request", [TL_TEXT] = "text",
};

#define KIND_COUNT (sizeof kind_codes / sizeof kind_codes[0])

const char *timeline_kind_code(xaso_timeline_kind k)
{
    if ((size_t)k < KIND_COUNT)
        return kind_codes[k];
    return "text";
}

bool timeline_kind_from_code(const char *code, xaso_timeline_kind *out)
{
    if (!code)
        return false;
    for (size_t i = 0; i < KIND_COUNT; i++) {
        if (strcmp(kind_codes[i], code) == 0) {
            if (out)
                *out = (xaso_timeline_kind)i;
            return true;
        }
    }
    return false;
}

bool timeline_has_deadline(const xaso_timeline *t)
{
    if (!t || t->due == XASO_DATE_NONE)
        return false;
    return t->kind == TL_YEAR || t->kind == TL_QUARTER || t->kind == TL_MONTH ||
           t->kind == TL_BY_DATE;
}

/* ---- tokens ------------------------------------------------------------------------------- */

typedef enum { TOKEN_WORD, TOKEN_NUMBER, TOKEN_PUNCT } token_type;

typedef struct {
    token_type type;
    const char *text;
    size_t len;
    int number; /* TOKEN_NUMBER: value (capped), TOKEN_PUNCT: the character */
} token;

#define MAX_TOKENS 256
#define YEAR_MIN 1900
#define YEAR_MAX 2200

typedef struct {
    token items[MAX_TOKENS];
    size_t count;
    int plan_year;
} token_list;

static bool is_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void tokenize(const char *folded, token_list *list)
{
    const unsigned char *p = (const unsigned char *)folded;
    list->count = 0;
    while (*p && list->count < MAX_TOKENS) {
        token *t = &list->items[list->count];
        if (*p == ' ') {
            p++;
            continue;
        }
        t->text = (const char *)p;
        if (*p >= '0' && *p <= '9') {
            long value = 0;
            while (*p >= '0' && *p <= '9') {
                if (value < 100000)
                    value = value * 10 + (*p - '0');
                p++;
            }
            t->type = TOKEN_NUMBER;
            t->number = (int)value;
        } else if (is_letter(*p)) {
            while (is_letter(*p))
                p++;
            t->type = TOKEN_WORD;
        } else if (*p >= 0x80) {
            /* En and em dashes are hyphens; other symbols are just punctuation. */
            size_t n = utf8_seq_len((const char *)p);
            bool dash = n == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94);
            for (size_t k = 0; k < n && *p; k++)
                p++;
            t->type = TOKEN_PUNCT;
            t->number = dash ? '-' : '?';
        } else {
            t->type = TOKEN_PUNCT;
            t->number = *p++;
        }
        t->len = (size_t)((const char *)p - t->text);
        list->count++;
    }
}

static bool word_at(const token_list *l, size_t i, const char *word)
{
    if (i >= l->count || l->items[i].type != TOKEN_WORD)
        return false;
    size_t n = strlen(word);
    return l->items[i].len == n && memcmp(l->items[i].text, word, n) == 0;
}

/* Number of tokens the space-separated words of phrase take at i, or 0 when they do not match. */
static size_t phrase_at(const token_list *l, size_t i, const char *phrase)
{
    size_t used = 0;
    const char *p = phrase;
    while (*p) {
        const char *end = strchr(p, ' ');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const token *t = i + used < l->count ? &l->items[i + used] : NULL;
        if (!t || t->type != TOKEN_WORD || t->len != n || memcmp(t->text, p, n) != 0)
            return 0;
        used++;
        p += n;
        while (*p == ' ')
            p++;
    }
    return used;
}

static size_t any_phrase_at(const token_list *l, size_t i, const char *const *phrases)
{
    for (size_t k = 0; phrases[k]; k++) {
        size_t n = phrase_at(l, i, phrases[k]);
        if (n)
            return n;
    }
    return 0;
}

static bool punct_at(const token_list *l, size_t i, char c)
{
    return i < l->count && l->items[i].type == TOKEN_PUNCT && l->items[i].number == c;
}

/* A number token of 1..max_digits digits. */
static bool number_at(const token_list *l, size_t i, size_t max_digits, int *value)
{
    if (i >= l->count || l->items[i].type != TOKEN_NUMBER || l->items[i].len > max_digits)
        return false;
    *value = l->items[i].number;
    return true;
}

static bool year_at(const token_list *l, size_t i, int *year)
{
    int y;
    if (i >= l->count || l->items[i].type != TOKEN_NUMBER || l->items[i].len != 4)
        return false;
    y = l->items[i].number;
    if (y < YEAR_MIN || y > YEAR_MAX)
        return false;
    *year = y;
    return true;
}

/* ---- results ------------------------------------------------------------------------------ */

/* A pattern's outcome: no match, a match, or a phrase that looks like a date but cannot give
 * one — a missing year and no plan year, or an impossible day, month or quarter ("31/2/2026",
 * "Quý V/2026"). The whole timeline is then text rather than a made-up date. */
typedef enum { NO_MATCH = 0, MATCHED, MATCHED_AS_TEXT } match;

static void set(xaso_timeline *out, xaso_timeline_kind kind, xaso_date start, xaso_date due)
{
    out->kind = kind;
    out->start = start;
    out->due = due;
}

/* The year printed after a month or quarter list: "/2026", "-2026", "năm 2026", or none (the plan
 * year). Advances *i past it. False when there is no year and no plan year. */
static bool trailing_year(const token_list *l, size_t *i, int *year)
{
    if ((punct_at(l, *i, '/') || punct_at(l, *i, '-')) && year_at(l, *i + 1, year)) {
        *i += 2;
        return true;
    }
    if (word_at(l, *i, "nam") && year_at(l, *i + 1, year)) {
        *i += 2;
        return true;
    }
    if (l->plan_year >= YEAR_MIN && l->plan_year <= YEAR_MAX) {
        *year = l->plan_year;
        return true;
    }
    return false;
}

/* A day and month with an optional year: "20/11", "30/6/2026", "30-6-2026", "30.6.2026",
 * "20 thang 11 [nam 2026]". */
static match date_at(const token_list *l, size_t *i, xaso_date *out)
{
    int d, m, y = 0;
    size_t k = *i;
    if (!number_at(l, k, 2, &d))
        return NO_MATCH;
    k++;
    bool has_year = false;
    if (word_at(l, k, "thang") && number_at(l, k + 1, 2, &m)) {
        k += 2;
        if (word_at(l, k, "nam") && year_at(l, k + 1, &y)) {
            k += 2;
            has_year = true;
        }
    } else {
        char separator = '\0';
        if (punct_at(l, k, '/'))
            separator = '/';
        else if (punct_at(l, k, '-'))
            separator = '-';
        else if (punct_at(l, k, '.'))
            separator = '.';
        if (!separator || !number_at(l, k + 1, 2, &m))
            return NO_MATCH;
        k += 2;
        if (punct_at(l, k, separator) && year_at(l, k + 1, &y)) {
            k += 2;
            has_year = true;
        } else if (separator != '/') {
            return NO_MATCH; /* "6-7" or "1.5" without a year is not a date */
        }
    }
    if (!has_year) {
        if (l->plan_year < YEAR_MIN || l->plan_year > YEAR_MAX) {
            *i = k;
            return MATCHED_AS_TEXT;
        }
        y = l->plan_year;
    }
    if (!date_valid_ymd(y, m, d)) {
        *i = k;
        return MATCHED_AS_TEXT;
    }
    *out = date_from_ymd(y, m, d);
    *i = k;
    return MATCHED;
}

/* A number or roman numeral (I … XII) at i: its value, which may be out of 1 … max. */
static bool roman_or_number(const token_list *l, size_t i, int *value)
{
    static const char *const roman[] = {"i", "ii", "iii", "iv", "v", "vi",
                                        "vii", "viii", "ix", "x", "xi", "xii"};
    if (number_at(l, i, 2, value))
        return true;
    for (int r = 0; r < 12; r++) {
        if (word_at(l, i, roman[r])) {
            *value = r + 1;
            return true;
        }
    }
    return false;
}

/* A list of quarters or months: "II", "I, II", "I-II", "6 và 7", "6-7". Advances *i. The list
 * separator '-' must not be followed by a four-digit number (that is the year: "6-2026").
 * MATCHED_AS_TEXT when a number is out of 1 … max. */
static match index_list_at(const token_list *l, size_t *i, int max, int *first, int *last)
{
    int v;
    if (!roman_or_number(l, *i, &v))
        return NO_MATCH;
    bool in_range = v >= 1 && v <= max;
    *first = *last = v;
    size_t k = *i + 1;
    for (;;) {
        bool separator = punct_at(l, k, ',') || punct_at(l, k, '-') || punct_at(l, k, ';') ||
                         word_at(l, k, "va") || word_at(l, k, "den");
        if (!separator || !roman_or_number(l, k + 1, &v))
            break;
        in_range = in_range && v >= 1 && v <= max;
        if (v < *first)
            *first = v;
        if (v > *last)
            *last = v;
        k += 2;
    }
    *i = k;
    return in_range ? MATCHED : MATCHED_AS_TEXT;
}

/* "quý I, II/2026" after the word "quý": the first day of the first quarter and the last day of
 * the last one. */
static match quarters_at(const token_list *l, size_t *i, xaso_date *start, xaso_date *due)
{
    int first, last, year;
    size_t k = *i;
    match list = index_list_at(l, &k, 4, &first, &last);
    if (list != MATCHED) {
        *i = k;
        return list;
    }
    if (!trailing_year(l, &k, &year)) {
        *i = k;
        return MATCHED_AS_TEXT;
    }
    *start = date_from_ymd(year, first * 3 - 2, 1);
    *due = date_last_of_month(year, last * 3);
    *i = k;
    return MATCHED;
}

static match months_at(const token_list *l, size_t *i, xaso_date *start, xaso_date *due)
{
    int first, last, year;
    size_t k = *i;
    match list = index_list_at(l, &k, 12, &first, &last);
    if (list != MATCHED) {
        *i = k;
        return list;
    }
    if (!trailing_year(l, &k, &year)) {
        *i = k;
        return MATCHED_AS_TEXT;
    }
    *start = date_from_ymd(year, first, 1);
    *due = date_last_of_month(year, last);
    *i = k;
    return MATCHED;
}

/* "2026" or "2026-2030" (also "2026 - 2030", "2026 đến 2030"). */
static bool years_at(const token_list *l, size_t i, int *first, int *last)
{
    if (!year_at(l, i, first))
        return false;
    *last = *first;
    int y;
    if ((punct_at(l, i + 1, '-') || word_at(l, i + 1, "den")) && year_at(l, i + 2, &y) &&
        y >= *first)
        *last = y;
    return true;
}

/* ---- patterns ----------------------------------------------------------------------------- */

static const char *const done_phrases[] = {"da hoan thanh", "da xong", NULL};
static const char *const on_request_phrases[] = {
    "theo chi dao", "theo yeu cau", "khi co yeu cau", "khi duoc yeu cau", "theo huong dan",
    "khi co chi dao", "khi co huong dan", "theo de nghi", NULL};
static const char *const event_phrases[] = {"sau khi", "truoc khi", "khi", NULL};
static const char *const ongoing_phrases[] = {
    "thuong xuyen", "dinh ky", "lien tuc", "hang ngay", "hang tuan", "hang thang", "hang quy",
    "moi ngay", "moi tuan", "moi thang", "moi quy", NULL};
static const char *const yearly_phrases[] = {"hang nam", "moi nam", NULL};

/* "trước …": the day before a date, a month, a quarter or a year. */
static match before_at(const token_list *l, size_t i, xaso_timeline *out)
{
    if (!word_at(l, i, "truoc"))
        return NO_MATCH;
    size_t k = i + 1;
    xaso_date date, start, due;
    int first, last;
    if (word_at(l, k, "thang")) {
        k++;
        match m = months_at(l, &k, &start, &due);
        if (m == MATCHED)
            set(out, TL_BY_DATE, XASO_DATE_NONE, start - 1);
        return m;
    }
    if (word_at(l, k, "quy")) {
        k++;
        match m = quarters_at(l, &k, &start, &due);
        if (m == MATCHED)
            set(out, TL_BY_DATE, XASO_DATE_NONE, start - 1);
        return m;
    }
    if (word_at(l, k, "nam") && years_at(l, k + 1, &first, &last)) {
        set(out, TL_BY_DATE, XASO_DATE_NONE, date_from_ymd(first, 1, 1) - 1);
        return MATCHED;
    }
    if (word_at(l, k, "ngay"))
        k++;
    match m = date_at(l, &k, &date);
    if (m == MATCHED)
        set(out, TL_BY_DATE, XASO_DATE_NONE, date - 1);
    return m;
}

/* What follows "đến", "hạn", "chậm nhất": a date, or the end of a month, quarter or year. */
static match until_target_at(const token_list *l, size_t *i, xaso_date *due)
{
    size_t k = *i;
    xaso_date start;
    int first, last;
    if (word_at(l, k, "het"))
        k++;
    if (word_at(l, k, "thang")) {
        k++;
        match m = months_at(l, &k, &start, due);
        *i = k;
        return m;
    }
    if (word_at(l, k, "quy")) {
        k++;
        match m = quarters_at(l, &k, &start, due);
        *i = k;
        return m;
    }
    if (word_at(l, k, "nam") && years_at(l, k + 1, &first, &last)) {
        *due = date_from_ymd(last, 12, 31);
        *i = k + 2;
        return MATCHED;
    }
    if (word_at(l, k, "ngay"))
        k++;
    match m = date_at(l, &k, due);
    if (m != NO_MATCH)
        *i = k;
    return m;
}

static match until_at(const token_list *l, size_t i, xaso_timeline *out)
{
    static const char *const until_phrases[] = {"den", "cham nhat", "han chot", "han", NULL};
    size_t n = any_phrase_at(l, i, until_phrases);
    if (!n)
        return NO_MATCH;
    size_t k = i + n;
    xaso_date due;
    match m = until_target_at(l, &k, &due);
    if (m == MATCHED)
        set(out, TL_BY_DATE, XASO_DATE_NONE, due);
    return m;
}

/* "từ [ngày] 1/3/2026 đến [hết] [ngày] 30/6/2026". */
static match from_until_at(const token_list *l, size_t i, xaso_timeline *out)
{
    if (!word_at(l, i, "tu"))
        return NO_MATCH;
    size_t k = i + 1;
    if (word_at(l, k, "ngay"))
        k++;
    xaso_date start, due;
    match m = date_at(l, &k, &start);
    if (m == MATCHED_AS_TEXT)
        return m;
    if (m == NO_MATCH || !word_at(l, k, "den"))
        return NO_MATCH;
    k++;
    match m2 = until_target_at(l, &k, &due);
    if (m2 == NO_MATCH)
        return NO_MATCH;
    if (m2 == MATCHED_AS_TEXT)
        return m2;
    if (due < start)
        return MATCHED_AS_TEXT; /* a range that ends before it starts */
    set(out, TL_BY_DATE, start, due);
    return MATCHED;
}

/* "6 tháng đầu năm 2026", "6 tháng cuối năm", "9 tháng đầu năm", "nửa đầu năm 2026". */
static match part_of_year_at(const token_list *l, size_t i, xaso_timeline *out)
{
    int months = 0;
    size_t k = i;
    if (number_at(l, k, 1, &months) && (months == 6 || months == 9) &&
        word_at(l, k + 1, "thang")) {
        k += 2;
    } else if (word_at(l, k, "nua")) {
        k++;
        months = 6;
    } else {
        return NO_MATCH;
    }
    bool first_part;
    if (word_at(l, k, "dau"))
        first_part = true;
    else if (word_at(l, k, "cuoi"))
        first_part = false;
    else
        return NO_MATCH;
    if (!first_part && months == 9)
        return NO_MATCH;
    k++;
    if (!word_at(l, k, "nam"))
        return NO_MATCH;
    k++;
    int year;
    if (!year_at(l, k, &year)) {
        if (l->plan_year < YEAR_MIN || l->plan_year > YEAR_MAX)
            return MATCHED_AS_TEXT;
        year = l->plan_year;
    }
    if (first_part)
        set(out, TL_BY_DATE, date_from_ymd(year, 1, 1), date_last_of_month(year, months));
    else
        set(out, TL_BY_DATE, date_from_ymd(year, 13 - months, 1), date_from_ymd(year, 12, 31));
    return MATCHED;
}

static match month_at(const token_list *l, size_t i, xaso_timeline *out)
{
    if (!word_at(l, i, "thang"))
        return NO_MATCH;
    size_t k = i + 1;
    xaso_date start, due;
    match m = months_at(l, &k, &start, &due);
    if (m == MATCHED)
        set(out, TL_MONTH, start, due);
    return m;
}

static match quarter_at(const token_list *l, size_t i, xaso_timeline *out)
{
    if (!word_at(l, i, "quy"))
        return NO_MATCH;
    size_t k = i + 1;
    xaso_date start, due;
    match m = quarters_at(l, &k, &start, &due);
    if (m == MATCHED)
        set(out, TL_QUARTER, start, due);
    return m;
}

/* "năm 2026", "giai đoạn 2026-2030", "2026", "trong năm" / "cả năm" (the plan year). */
static match year_pattern_at(const token_list *l, size_t i, xaso_timeline *out)
{
    int first, last;
    size_t k = i;
    if (word_at(l, k, "nam") || phrase_at(l, k, "giai doan"))
        k += word_at(l, k, "nam") ? 1 : 2;
    if (years_at(l, k, &first, &last)) {
        set(out, TL_YEAR, date_from_ymd(first, 1, 1), date_from_ymd(last, 12, 31));
        return MATCHED;
    }
    if (phrase_at(l, i, "trong nam") || phrase_at(l, i, "ca nam")) {
        if (years_at(l, i + 2, &first, &last)) {
            set(out, TL_YEAR, date_from_ymd(first, 1, 1), date_from_ymd(last, 12, 31));
            return MATCHED;
        }
        if (l->plan_year < YEAR_MIN || l->plan_year > YEAR_MAX)
            return MATCHED_AS_TEXT;
        set(out, TL_YEAR, date_from_ymd(l->plan_year, 1, 1), date_from_ymd(l->plan_year, 12, 31));
        return MATCHED;
    }
    return NO_MATCH;
}

/* "ngày 30/6/2026" or a bare date: due that day. A bare "6/2025" is a month. */
static match date_pattern_at(const token_list *l, size_t i, xaso_timeline *out)
{
    size_t k = i;
    int month, year;
    if (number_at(l, k, 2, &month) && punct_at(l, k + 1, '/') && year_at(l, k + 2, &year)) {
        if (month < 1 || month > 12)
            return MATCHED_AS_TEXT;
        set(out, TL_MONTH, date_from_ymd(year, month, 1), date_last_of_month(year, month));
        return MATCHED;
    }
    if (word_at(l, k, "ngay"))
        k++;
    xaso_date date;
    match m = date_at(l, &k, &date);
    if (m == MATCHED)
        set(out, TL_BY_DATE, XASO_DATE_NONE, date);
    return m;
}

/* Every pattern tried at position i, most specific first. */
static match pattern_at(const token_list *l, size_t i, xaso_timeline *out)
{
    match m;
    if (any_phrase_at(l, i, done_phrases)) {
        set(out, TL_DONE, XASO_DATE_NONE, XASO_DATE_NONE);
        return MATCHED;
    }
    if (any_phrase_at(l, i, on_request_phrases)) {
        set(out, TL_ON_REQUEST, XASO_DATE_NONE, XASO_DATE_NONE);
        return MATCHED;
    }
    if (any_phrase_at(l, i, event_phrases)) {
        set(out, TL_EVENT, XASO_DATE_NONE, XASO_DATE_NONE);
        return MATCHED;
    }
    if (any_phrase_at(l, i, ongoing_phrases)) {
        set(out, TL_ONGOING, XASO_DATE_NONE, XASO_DATE_NONE);
        return MATCHED;
    }
    if (any_phrase_at(l, i, yearly_phrases)) {
        set(out, TL_YEARLY, XASO_DATE_NONE, XASO_DATE_NONE);
        return MATCHED;
    }
    if ((m = before_at(l, i, out)) != NO_MATCH)
        return m;
    if ((m = from_until_at(l, i, out)) != NO_MATCH)
        return m;
    if ((m = until_at(l, i, out)) != NO_MATCH)
        return m;
    if ((m = part_of_year_at(l, i, out)) != NO_MATCH)
        return m;
    if ((m = month_at(l, i, out)) != NO_MATCH)
        return m;
    if ((m = quarter_at(l, i, out)) != NO_MATCH)
        return m;
    if ((m = year_pattern_at(l, i, out)) != NO_MATCH)
        return m;
    return date_pattern_at(l, i, out);
}

static bool has_ongoing_phrase_from(const token_list *l, size_t from)
{
    for (size_t i = from; i < l->count; i++)
        if (any_phrase_at(l, i, ongoing_phrases))
            return true;
    return false;
}

void timeline_parse(const char *text, int plan_year, xaso_timeline *out)
{
    if (!out)
        return;
    set(out, TL_NONE, XASO_DATE_NONE, XASO_DATE_NONE);
    if (!text)
        return;
    char *folded = utf8_fold(text);
    if (!folded) {
        set(out, TL_TEXT, XASO_DATE_NONE, XASO_DATE_NONE); /* invalid UTF-8 */
        return;
    }
    token_list *list = malloc(sizeof *list);
    if (!list) {
        free(folded);
        set(out, TL_TEXT, XASO_DATE_NONE, XASO_DATE_NONE);
        return;
    }
    list->plan_year = plan_year;
    tokenize(folded, list);

    bool only_punctuation = true;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].type != TOKEN_PUNCT)
            only_punctuation = false;
    if (list->count == 0 || only_punctuation) {
        if (list->count > 0)
            set(out, TL_TEXT, XASO_DATE_NONE, XASO_DATE_NONE);
        free(list);
        free(folded);
        return;
    }

    set(out, TL_TEXT, XASO_DATE_NONE, XASO_DATE_NONE);
    for (size_t i = 0; i < list->count; i++) {
        xaso_timeline found;
        match m = pattern_at(list, i, &found);
        if (m == NO_MATCH)
            continue;
        if (m == MATCHED_AS_TEXT)
            break; /* a date without a year and no plan year: keep it as text */
        *out = found;
        if ((found.kind == TL_EVENT || found.kind == TL_ON_REQUEST || found.kind == TL_YEARLY) &&
            has_ongoing_phrase_from(list, i + 1))
            set(out, TL_ONGOING, XASO_DATE_NONE, XASO_DATE_NONE);
        break;
    }
    free(list);
    free(folded);
}
