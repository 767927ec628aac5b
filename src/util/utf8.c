#include "xaso/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "xaso/strbuf.h"

bool utf8_valid(const char *str, size_t len, size_t *bad_offset)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            goto bad;
        }
        if (i + n >= len)
            goto bad;
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
                goto bad;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        i += n + 1;
    }
    return true;
bad:
    if (bad_offset)
        *bad_offset = i;
    return false;
}

size_t utf8_seq_len(const char *str)
{
    unsigned c = (unsigned char)*str;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    if (c >= 0xE0)
        return c <= 0xEF ? 3 : 1;
    if (c >= 0xC2)
        return 2;
    return 1;
}

static char *map(const char *s, utf8proc_option_t options)
{
    if (!utf8_valid(s, strlen(s), NULL))
        return NULL;
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | options);
    if (n < 0)
        return NULL;
    return (char *)out;
}

char *utf8_nfc(const char *s)
{
    return map(s, UTF8PROC_COMPOSE);
}

char *utf8_fold(const char *s)
{
    char *folded = map(s, UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (!folded)
        return NULL;
    strbuf sb = STRBUF_INIT;
    bool space = false;
    for (const char *p = folded; *p;) {
        /* đ is U+0111 (C4 91); case folding already turned Đ into it. */
        if ((unsigned char)p[0] == 0xC4 && (unsigned char)p[1] == 0x91) {
            if (space && sb.len)
                sb_putc(&sb, ' ');
            space = false;
            sb_putc(&sb, 'd');
            p += 2;
            continue;
        }
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') {
            space = true;
            p++;
            continue;
        }
        if (space && sb.len)
            sb_putc(&sb, ' ');
        space = false;
        size_t n = utf8_seq_len(p);
        sb_append_len(&sb, p, n);
        p += n;
    }
    free(folded);
    return sb_detach(&sb);
}

size_t utf8_width(const char *s)
{
    size_t width = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0) {
            p++;
            continue;
        }
        int w = utf8proc_charwidth(cp);
        if (w > 0)
            width += (size_t)w;
        p += n;
    }
    return width;
}

static bool is_control(const unsigned char *p, size_t n)
{
    if (n == 1)
        return (*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F;
    /* C1 controls U+0080..U+009F are C2 80..C2 9F */
    return n == 2 && p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
}

char *utf8_strip_controls(const char *s)
{
    strbuf sb = STRBUF_INIT;
    for (const char *p = s; *p;) {
        size_t n = utf8_seq_len(p);
        size_t avail = strnlen(p, n);
        if (avail < n)
            n = avail;
        if (!is_control((const unsigned char *)p, n))
            sb_append_len(&sb, p, n);
        p += n;
    }
    return sb_detach(&sb);
}
