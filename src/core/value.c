/* Comparators, numbers as people write them, and printed target values. */
#include "xaso/value.h"

#include <stdlib.h>
#include <string.h>

#include "xaso/utf8.h"

static const struct {
    xaso_comparator comparator;
    const char *code;
    const char *symbol;
} comparators[] = {
    {CMP_NONE, "", ""},
    {CMP_GE, ">=", "≥"},
    {CMP_GT, ">", ">"},
    {CMP_EQ, "=", "="},
    {CMP_LE, "<=", "≤"},
    {CMP_LT, "<", "<"},
    {CMP_MAINTAIN, "maintain", "duy trì"},
    {CMP_BOOLEAN, "boolean", "có/không"},
    {CMP_TEXT, "text", "định tính"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *comparator_code(xaso_comparator c)
{
    for (size_t i = 0; i < COUNT(comparators); i++)
        if (comparators[i].comparator == c)
            return comparators[i].code;
    return "";
}

bool comparator_from_code(const char *code, xaso_comparator *out)
{
    if (!code)
        return false;
    for (size_t i = 0; i < COUNT(comparators); i++) {
        if (strcmp(comparators[i].code, code) == 0) {
            if (out)
                *out = comparators[i].comparator;
            return true;
        }
    }
    return false;
}

const char *comparator_symbol(xaso_comparator c)
{
    for (size_t i = 0; i < COUNT(comparators); i++)
        if (comparators[i].comparator == c)
            return comparators[i].symbol;
    return "";
}

/* ---- numbers ---------------------------------------------------------------------------- */

#define NUMBER_MAX_DIGITS 15
#define NUMBER_MAX_RUNS 8

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* A run of digits inside the number and the mark that follows it ('\0' after the last run). */
typedef struct {
    const char *digits;
    size_t len;
    char mark_after;
} digit_run;

bool number_parse(const char *text, xaso_number_style style, double *out)
{
    if (!text)
        return false;
    const char *p = text;
    while (is_space(*p))
        p++;
    bool negative = false;
    if (*p == '+' || *p == '-') {
        negative = *p == '-';
        p++;
    }

    digit_run runs[NUMBER_MAX_RUNS];
    size_t run_count = 0, digit_count = 0;
    for (;;) {
        if (!is_digit(*p) || run_count == NUMBER_MAX_RUNS)
            return false;
        digit_run *run = &runs[run_count++];
        run->digits = p;
        while (is_digit(*p))
            p++;
        run->len = (size_t)(p - run->digits);
        digit_count += run->len;
        run->mark_after = '\0';
        if (*p == '.' || *p == ',') {
            run->mark_after = *p++;
            continue;
        }
        break;
    }
    while (is_space(*p))
        p++;
    if (*p != '\0' || digit_count > NUMBER_MAX_DIGITS)
        return false;

    /* Decide which mark groups thousands and which (if any) is the decimal mark. */
    size_t marks = run_count - 1, dots = 0, commas = 0;
    for (size_t i = 0; i < marks; i++) {
        if (runs[i].mark_after == '.')
            dots++;
        else
            commas++;
    }
    size_t grouped_runs = run_count; /* runs that form the integer part */
    if (marks == 0) {
        grouped_runs = 1;
    } else if (dots > 0 && commas > 0) {
        char decimal = runs[marks - 1].mark_after;
        size_t decimal_count = decimal == '.' ? dots : commas;
        if (decimal_count != 1)
            return false;
        grouped_runs = run_count - 1;
    } else if (marks == 1) {
        char mark = runs[0].mark_after;
        bool could_group = runs[1].len == 3 && runs[0].len <= 3 && runs[0].digits[0] != '0';
        bool groups;
        if (style == NUM_MONEY)
            groups = could_group;
        else
            groups = could_group && mark == '.';
        grouped_runs = groups ? 2 : 1;
    }
    /* else: one kind of mark used several times: all of them group thousands. */

    if (grouped_runs > 1) {
        if (runs[0].len > 3 || runs[0].digits[0] == '0')
            return false;
        for (size_t i = 1; i < grouped_runs; i++)
            if (runs[i].len != 3)
                return false;
    }

    double integer = 0.0;
    for (size_t i = 0; i < grouped_runs; i++)
        for (size_t k = 0; k < runs[i].len; k++)
            integer = integer * 10.0 + (runs[i].digits[k] - '0');
    double value = integer;
    if (grouped_runs < run_count) {
        /* The fraction: all digits as one integer divided by a power of ten. Both are exact in a
         * double (at most 15 digits), so the quotient is the correctly rounded decimal. */
        const digit_run *fraction = &runs[run_count - 1];
        double scaled = integer, scale = 1.0;
        for (size_t k = 0; k < fraction->len; k++) {
            scaled = scaled * 10.0 + (fraction->digits[k] - '0');
            scale *= 10.0;
        }
        value = scaled / scale;
    }
    if (out)
        *out = negative ? -value : value;
    return true;
}

/* ---- printed target values ---------------------------------------------------------------- */

static bool is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* True when folded text contains phrase as whole words. */
static bool has_phrase(const char *folded, const char *phrase)
{
    size_t n = strlen(phrase);
    for (const char *hit = strstr(folded, phrase); hit; hit = strstr(hit + 1, phrase)) {
        bool starts = hit == folded || !is_ascii_alnum((unsigned char)hit[-1]);
        bool ends = !is_ascii_alnum((unsigned char)hit[n]);
        if (starts && ends)
            return true;
    }
    return false;
}

static bool has_any_phrase(const char *folded, const char *const *phrases)
{
    for (size_t i = 0; phrases[i]; i++)
        if (has_phrase(folded, phrases[i]))
            return true;
    return false;
}

/* Comparator from the (folded) words before the number. Order matters: "không dưới" must win
 * over "dưới", "ít hơn" over "hơn", "duy trì trên" is maintain. */
static xaso_comparator comparator_from_words(const char *folded)
{
    static const char *const at_least[] = {"khong duoi", "khong it hon", "khong thap hon",
                                           "toi thieu", "it nhat", "tro len", NULL};
    static const char *const at_most[] = {"khong qua", "khong vuot qua", "khong lon hon",
                                          "khong cao hon", "khong nhieu hon", "toi da",
                                          "tro xuong", NULL};
    static const char *const maintain[] = {"duy tri", NULL};
    static const char *const below[] = {"duoi", "it hon", "thap hon", "nho hon", NULL};
    static const char *const above[] = {"tren", "hon", "vuot", "cao hon", "lon hon", NULL};
    static const char *const from[] = {"tu", NULL};
    if (has_any_phrase(folded, maintain))
        return CMP_MAINTAIN;
    if (has_any_phrase(folded, at_least))
        return CMP_GE;
    if (has_any_phrase(folded, at_most))
        return CMP_LE;
    if (has_any_phrase(folded, below))
        return CMP_LT;
    if (has_any_phrase(folded, above))
        return CMP_GT;
    if (has_any_phrase(folded, from))
        return CMP_GE;
    return CMP_GE; /* bare value, "đạt", "phấn đấu": reach at least */
}

/* A comparison sign ending text[0..len) (spaces before the number skipped). Returns its length
 * (0 when none) and sets *cmp. */
static size_t trailing_sign(const char *text, size_t len, xaso_comparator *cmp)
{
    static const struct {
        const char *sign;
        xaso_comparator comparator;
    } signs[] = {
        {">=", CMP_GE}, {"≥", CMP_GE}, {"<=", CMP_LE}, {"≤", CMP_LE},
        {">", CMP_GT},  {"<", CMP_LT}, {"=", CMP_EQ},
    };
    for (size_t i = 0; i < COUNT(signs); i++) {
        size_t n = strlen(signs[i].sign);
        if (n <= len && memcmp(text + len - n, signs[i].sign, n) == 0) {
            *cmp = signs[i].comparator;
            return n;
        }
    }
    return 0;
}

static void trim_range(const char *text, size_t *start, size_t *end)
{
    while (*start < *end && is_space(text[*start]))
        (*start)++;
    while (*end > *start && is_space(text[*end - 1]))
        (*end)--;
}

/* Trims spaces around text[start..*end) (moving only the end) and a full stop or separator
 * that ends the cell: it is not part of the unit. */
static void trim_trailing_punctuation(const char *text, size_t start, size_t *end)
{
    trim_range(text, &start, end);
    while (*end > start && strchr(".,;:", text[*end - 1]))
        (*end)--;
    trim_range(text, &start, end);
}

/* A folded copy of text[start..end) (malloc'd), or NULL. */
static char *fold_range(const char *text, size_t start, size_t end)
{
    size_t n = end - start;
    char *copy = malloc(n + 1);
    if (!copy)
        return NULL;
    memcpy(copy, text + start, n);
    copy[n] = '\0';
    char *folded = utf8_fold(copy);
    free(copy);
    return folded;
}

/* Drops a trailing two-word phrase (folded form given) from text[start..*end). */
static bool strip_trailing_words(const char *text, size_t start, size_t *end,
                                 const char *folded_phrase)
{
    /* Find the start of the last two words. */
    size_t pos = *end;
    for (int words = 0; words < 2; words++) {
        while (pos > start && !is_space(text[pos - 1]))
            pos--;
        if (words == 0)
            while (pos > start && is_space(text[pos - 1]))
                pos--;
    }
    char *folded = fold_range(text, pos, *end);
    bool match = folded && strcmp(folded, folded_phrase) == 0;
    free(folded);
    if (match) {
        *end = pos;
        trim_range(text, &start, end);
    }
    return match;
}

/* Copies text[start..end) into unit, cut at a character boundary when too long. */
static void copy_unit(char *unit, size_t size, const char *text, size_t start, size_t end)
{
    size_t n = end - start;
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)text[start + n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(unit, text + start, n);
    unit[n] = '\0';
}

static void set_text(xaso_target_value *out, xaso_comparator comparator)
{
    out->comparator = comparator;
    out->has_value = false;
    out->value = 0.0;
    out->unit[0] = '\0';
}

void target_value_parse(const char *printed, xaso_target_value *out)
{
    if (!out)
        return;
    set_text(out, CMP_NONE);
    if (!printed)
        return;
    char *text = utf8_nfc(printed);
    if (!text) {
        set_text(out, CMP_TEXT); /* invalid UTF-8 (or no memory): keep it as text */
        return;
    }
    size_t start = 0, end = strlen(text);
    trim_range(text, &start, &end);
    if (start == end) {
        free(text);
        return; /* CMP_NONE */
    }

    size_t digit = start;
    while (digit < end && !is_digit(text[digit]))
        digit++;
    if (digit == end) {
        /* No number: a yes/no target or a text target. */
        char *folded = fold_range(text, start, end);
        bool yes = folded && (strcmp(folded, "co") == 0 || strcmp(folded, "hoan thanh") == 0 ||
                              strcmp(folded, "dat") == 0);
        free(folded);
        if (yes) {
            out->comparator = CMP_BOOLEAN;
            out->has_value = true;
            out->value = 1.0;
        } else {
            out->comparator = CMP_TEXT;
        }
        free(text);
        return;
    }

    /* The number: digits and marks, without a mark that ends a sentence. */
    size_t number_end = digit;
    while (number_end < end &&
           (is_digit(text[number_end]) || text[number_end] == '.' || text[number_end] == ','))
        number_end++;
    while (text[number_end - 1] == '.' || text[number_end - 1] == ',')
        number_end--;
    size_t number_start = digit;
    if (number_start > start && text[number_start - 1] == '-' &&
        (number_start - 1 == start || is_space(text[number_start - 2])))
        number_start--; /* a minus sign directly before the digits */
    char number[32];
    double value;
    size_t number_len = number_end - number_start;
    if (number_len >= sizeof number) {
        set_text(out, CMP_TEXT);
        free(text);
        return;
    }
    memcpy(number, text + number_start, number_len);
    number[number_len] = '\0';
    if (!number_parse(number, NUM_DECIMAL, &value)) {
        set_text(out, CMP_TEXT);
        free(text);
        return;
    }

    /* The words before the number. A sign right before it wins over the words. */
    size_t words_end = number_start;
    while (words_end > start && is_space(text[words_end - 1]))
        words_end--;
    xaso_comparator comparator = CMP_GE;
    size_t sign_len = trailing_sign(text + start, words_end - start, &comparator);
    if (sign_len == 0) {
        char *folded = fold_range(text, start, words_end);
        comparator = folded ? comparator_from_words(folded) : CMP_GE;
        free(folded);
    }

    /* The unit after the number, without "trở lên" / "trở xuống". */
    size_t unit_start = number_end, unit_end = end;
    trim_range(text, &unit_start, &unit_end);
    trim_trailing_punctuation(text, unit_start, &unit_end);
    if (strip_trailing_words(text, unit_start, &unit_end, "tro len")) {
        if (sign_len == 0 && comparator != CMP_MAINTAIN)
            comparator = CMP_GE;
    } else if (strip_trailing_words(text, unit_start, &unit_end, "tro xuong")) {
        if (sign_len == 0 && comparator != CMP_MAINTAIN)
            comparator = CMP_LE;
    }

    trim_trailing_punctuation(text, unit_start, &unit_end);

    out->comparator = comparator;
    out->has_value = true;
    out->value = value;
    copy_unit(out->unit, sizeof out->unit, text, unit_start, unit_end);
    free(text);
}
