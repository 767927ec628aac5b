/* Vietnamese collation. Source of the order: Unicode CLDR, common/collation/vi.xml, standard
 * tailoring:
 *     [normalization on]
 *     &̀<<̉<<̃<<́<<̣                 tones at the secondary level: huyền < hỏi < ngã < sắc < nặng
 *     &a<ă<<<Ă<â<<<Â  &d<đ<<<Đ  &e<ê<<<Ê  &o<ô<<<Ô<ơ<<<Ơ  &u<ư<<<Ư     letters at the primary level
 * which is the order of Vietnamese dictionaries (Hoàng Phê, Từ điển tiếng Việt, Viện Ngôn ngữ học:
 * a à ả ã á ạ ă ằ ẳ ẵ ắ ặ â …). Note that this differs from the order in which schools recite the
 * tones (ngang, huyền, sắc, hỏi, ngã, nặng): sorted lists follow the dictionary.
 * Implemented directly (three levels, one pass, no allocation) rather than through ICU, which the
 * project does not depend on. */
#include "xaso/collate.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

/* One collation element: a base character with its marks. */
typedef struct {
    uint32_t primary;
    uint8_t tone;  /* 0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng, 6 any other mark */
    uint8_t upper; /* 1 when upper case */
} element;

enum {
    W_SPACE = 1,
    W_PUNCT = 0x10,      /* + code point */
    W_DIGIT = 0x200000,  /* + digit value */
    W_LETTER = 0x300000, /* + place in the alphabet */
    W_OTHER = 0x400000   /* + lower-case code point */
};

enum { MARK_NONE, MARK_BREVE, MARK_CIRCUMFLEX, MARK_HORN };

/* The extended alphabet: Vietnamese letters with f, j, w, z in their Latin places. */
static uint32_t letter_weight(utf8proc_int32_t base, int vowel_mark, bool *used_mark)
{
    /* place of each base letter; a vowel mark adds 1 (ă, ê, ô, ư) or 2 (â, ơ) */
    static const uint8_t place[26] = {
        /* a */ 0,  /* b */ 3,  /* c */ 4,  /* d */ 5,  /* e */ 7,  /* f */ 9,  /* g */ 10,
        /* h */ 11, /* i */ 12, /* j */ 13, /* k */ 14, /* l */ 15, /* m */ 16, /* n */ 17,
        /* o */ 18, /* p */ 21, /* q */ 22, /* r */ 23, /* s */ 24, /* t */ 25, /* u */ 26,
        /* v */ 28, /* w */ 29, /* x */ 30, /* y */ 31, /* z */ 32};
    *used_mark = false;
    if (base == 0x111) /* đ */
        return W_LETTER + 6;
    uint32_t w = W_LETTER + place[base - 'a'];
    switch (base) {
    case 'a':
        if (vowel_mark == MARK_BREVE)
            w += 1, *used_mark = true;
        else if (vowel_mark == MARK_CIRCUMFLEX)
            w += 2, *used_mark = true;
        break;
    case 'e':
        if (vowel_mark == MARK_CIRCUMFLEX)
            w += 1, *used_mark = true;
        break;
    case 'o':
        if (vowel_mark == MARK_CIRCUMFLEX)
            w += 1, *used_mark = true;
        else if (vowel_mark == MARK_HORN)
            w += 2, *used_mark = true;
        break;
    case 'u':
        if (vowel_mark == MARK_HORN)
            w += 1, *used_mark = true;
        break;
    default:
        break;
    }
    return w;
}

static bool is_mark(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

static utf8proc_int32_t read_cp(const char *s, size_t len, size_t *pos)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s + *pos, (utf8proc_ssize_t)(len - *pos), &cp);
    if (n <= 0) {
        *pos += 1;
        return 0xFFFD;
    }
    *pos += (size_t)n;
    return cp;
}

/* Record one combining mark on the element being built. */
static void add_mark(utf8proc_int32_t m, int *vowel_mark, int *tone, int *other)
{
    switch (m) {
    case 0x300: *tone = 1; break; /* huyền */
    case 0x309: *tone = 2; break; /* hỏi */
    case 0x303: *tone = 3; break; /* ngã */
    case 0x301: *tone = 4; break; /* sắc */
    case 0x323: *tone = 5; break; /* nặng */
    case 0x306: *vowel_mark = MARK_BREVE; break;
    case 0x302: *vowel_mark = MARK_CIRCUMFLEX; break;
    case 0x31B: *vowel_mark = MARK_HORN; break;
    default: *other = 1; break;
    }
}

/* The next element of s from *pos; false at the end. */
static bool next_element(const char *s, size_t len, size_t *pos, element *e)
{
    if (*pos >= len)
        return false;
    utf8proc_int32_t cp = read_cp(s, len, pos);
    utf8proc_int32_t buf[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, 8, UTF8PROC_DECOMPOSE, &last);
    if (n <= 0 || n > 8) {
        buf[0] = cp;
        n = 1;
    }
    int vowel_mark = MARK_NONE, tone = 0, other = 0;
    for (utf8proc_ssize_t i = 1; i < n; i++)
        add_mark(buf[i], &vowel_mark, &tone, &other);
    /* decomposed text: the marks that follow belong to this element */
    while (*pos < len) {
        size_t save = *pos;
        utf8proc_int32_t m = read_cp(s, len, pos);
        if (!is_mark(m)) {
            *pos = save;
            break;
        }
        utf8proc_ssize_t k = utf8proc_decompose_char(m, buf + 1, 7, UTF8PROC_DECOMPOSE, &last);
        if (k <= 0 || k > 7)
            add_mark(m, &vowel_mark, &tone, &other);
        else
            for (utf8proc_ssize_t i = 0; i < k; i++)
                add_mark(buf[1 + i], &vowel_mark, &tone, &other);
    }
    utf8proc_int32_t base = buf[0];
    utf8proc_int32_t lower = utf8proc_tolower(base);
    e->upper = lower != base;
    e->tone = (uint8_t)tone;
    bool used_mark = false;
    utf8proc_category_t cat = utf8proc_category(lower);
    if ((lower >= 'a' && lower <= 'z') || lower == 0x111)
        e->primary = letter_weight(lower, vowel_mark, &used_mark);
    else if (lower >= '0' && lower <= '9')
        e->primary = W_DIGIT + (uint32_t)(lower - '0');
    else if (cat == UTF8PROC_CATEGORY_ZS || lower == '\t' || lower == '\n' || lower == '\r')
        e->primary = W_SPACE;
    else if (lower < 0x80 || (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_SO))
        e->primary = W_PUNCT + (uint32_t)lower;
    else
        e->primary = W_OTHER + (uint32_t)lower;
    if (other || (vowel_mark != MARK_NONE && !used_mark))
        e->tone = (uint8_t)(e->tone ? e->tone : 6);
    return true;
}

int collate_vi_compare(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t pa = 0, pb = 0;
    int tone_diff = 0, case_diff = 0;
    for (;;) {
        element ea, eb;
        bool ha = next_element(a, alen, &pa, &ea), hb = next_element(b, blen, &pb, &eb);
        if (!ha || !hb) {
            if (ha != hb)
                return ha ? 1 : -1;
            break;
        }
        if (ea.primary != eb.primary)
            return ea.primary < eb.primary ? -1 : 1;
        if (!tone_diff && ea.tone != eb.tone)
            tone_diff = ea.tone < eb.tone ? -1 : 1;
        if (!case_diff && ea.upper != eb.upper)
            case_diff = ea.upper ? 1 : -1;
    }
    if (tone_diff)
        return tone_diff;
    if (case_diff)
        return case_diff;
    int c = memcmp(a, b, alen < blen ? alen : blen);
    if (c)
        return c < 0 ? -1 : 1;
    return alen < blen ? -1 : alen > blen;
}

int collate_vi_strcmp(const char *a, const char *b)
{
    if (!a || !b)
        return a ? 1 : b ? -1 : 0;
    return collate_vi_compare(a, strlen(a), b, strlen(b));
}

int collate_vi_qsort(const void *a, const void *b)
{
    return collate_vi_strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int sql_collate(void *ctx, int alen, const void *a, int blen, const void *b)
{
    (void)ctx;
    return collate_vi_compare(a, (size_t)alen, b, (size_t)blen);
}

int collate_register(sqlite3 *db)
{
    return sqlite3_create_collation_v2(db, "VI", SQLITE_UTF8, NULL, sql_collate, NULL);
}
