/* Strict JSON (RFC 8259) into a tree: for reading datapackage.json from untrusted bundles. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#include "xaso/strbuf.h"
#include "xaso/utf8.h"

typedef struct {
    xaso_arena *arena;
    const char *s, *end, *p;
    int depth;
} parser;

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static json_value *parse_value(parser *ps);

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    return v;
}

static void put_utf8(strbuf *sb, unsigned cp)
{
    char b[4];
    if (cp < 0x80) {
        sb_putc(sb, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        sb_append_len(sb, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        sb_append_len(sb, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        sb_append_len(sb, b, 4);
    }
}

static char *parse_string(parser *ps)
{
    if (ps->p >= ps->end || *ps->p != '"')
        return NULL;
    ps->p++;
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    while (ps->p < ps->end && *ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p;
        if (c < 0x20)
            goto fail;
        if (c != '\\') {
            sb_putc(&sb, (char)c);
            ps->p++;
            continue;
        }
        if (ps->end - ps->p < 2)
            goto fail;
        char e = ps->p[1];
        ps->p += 2;
        switch (e) {
        case '"': sb_putc(&sb, '"'); break;
        case '\\': sb_putc(&sb, '\\'); break;
        case '/': sb_putc(&sb, '/'); break;
        case 'b': sb_putc(&sb, '\b'); break;
        case 'f': sb_putc(&sb, '\f'); break;
        case 'n': sb_putc(&sb, '\n'); break;
        case 'r': sb_putc(&sb, '\r'); break;
        case 't': sb_putc(&sb, '\t'); break;
        case 'u': {
            if (ps->end - ps->p < 4)
                goto fail;
            int cp = hex4(ps->p);
            ps->p += 4;
            if (cp < 0)
                goto fail;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u')
                    goto fail;
                int lo = hex4(ps->p + 2);
                if (lo < 0xDC00 || lo > 0xDFFF)
                    goto fail;
                ps->p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp == 0) {
                goto fail;
            }
            put_utf8(&sb, (unsigned)cp);
            break;
        }
        default:
            goto fail;
        }
    }
    if (ps->p >= ps->end)
        goto fail;
    ps->p++;
    if (!utf8_valid(sb.data, sb.len, NULL))
        goto fail;
    char *out = arena_strndup(ps->arena, sb.data, sb.len);
    sb_free(&sb);
    return out;
fail:
    sb_free(&sb);
    return NULL;
}

static json_value *new_value(parser *ps, json_type t)
{
    json_value *v = arena_alloc(ps->arena, sizeof *v);
    v->type = t;
    return v;
}

static bool push(parser *ps, json_value *v, json_value *item, char *key, size_t *cap)
{
    if (v->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        json_value **items = arena_alloc(ps->arena, ncap * sizeof *items);
        if (v->count)
            memcpy(items, v->items, v->count * sizeof *items);
        v->items = items;
        if (v->type == JSON_OBJECT) {
            char **keys = arena_alloc(ps->arena, ncap * sizeof *keys);
            if (v->count)
                memcpy(keys, v->keys, v->count * sizeof *keys);
            v->keys = keys;
        }
        *cap = ncap;
    }
    if (key)
        v->keys[v->count] = key;
    v->items[v->count++] = item;
    return true;
}

static json_value *parse_number(parser *ps)
{
    const char *start = ps->p;
    if (ps->p < ps->end && *ps->p == '-')
        ps->p++;
    if (ps->p >= ps->end)
        return NULL;
    if (*ps->p == '0')
        ps->p++;
    else if (*ps->p >= '1' && *ps->p <= '9')
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
            ps->p++;
    else
        return NULL;
    if (ps->p < ps->end && *ps->p == '.') {
        ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
            return NULL;
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
            ps->p++;
    }
    if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
        ps->p++;
        if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
            ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
            return NULL;
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
            ps->p++;
    }
    char buf[64];
    size_t n = (size_t)(ps->p - start);
    if (n >= sizeof buf)
        return NULL;
    memcpy(buf, start, n);
    buf[n] = '\0';
    json_value *v = new_value(ps, JSON_NUMBER);
    v->number = strtod(buf, NULL);
    return v;
}

static json_value *parse_value(parser *ps)
{
    skip_ws(ps);
    if (ps->p >= ps->end || ++ps->depth > 64)
        return NULL;
    json_value *v = NULL;
    char c = *ps->p;
    if (c == '{' || c == '[') {
        bool obj = c == '{';
        v = new_value(ps, obj ? JSON_OBJECT : JSON_ARRAY);
        size_t cap = 0;
        ps->p++;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) {
            ps->p++;
        } else {
            for (;;) {
                char *key = NULL;
                if (obj) {
                    skip_ws(ps);
                    if (!(key = parse_string(ps)))
                        return NULL;
                    for (size_t i = 0; i < v->count; i++)
                        if (!strcmp(v->keys[i], key))
                            return NULL; /* duplicate member */
                    skip_ws(ps);
                    if (ps->p >= ps->end || *ps->p != ':')
                        return NULL;
                    ps->p++;
                }
                json_value *item = parse_value(ps);
                if (!item)
                    return NULL;
                push(ps, v, item, key, &cap);
                skip_ws(ps);
                if (ps->p < ps->end && *ps->p == ',') {
                    ps->p++;
                    continue;
                }
                if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) {
                    ps->p++;
                    break;
                }
                return NULL;
            }
        }
    } else if (c == '"') {
        char *s = parse_string(ps);
        if (!s)
            return NULL;
        v = new_value(ps, JSON_STRING);
        v->string = s;
    } else if (ps->end - ps->p >= 4 && !memcmp(ps->p, "true", 4)) {
        v = new_value(ps, JSON_BOOL);
        v->boolean = true;
        ps->p += 4;
    } else if (ps->end - ps->p >= 5 && !memcmp(ps->p, "false", 5)) {
        v = new_value(ps, JSON_BOOL);
        ps->p += 5;
    } else if (ps->end - ps->p >= 4 && !memcmp(ps->p, "null", 4)) {
        v = new_value(ps, JSON_NULL);
        ps->p += 4;
    } else {
        v = parse_number(ps);
    }
    ps->depth--;
    return v;
}

json_value *json_parse(xaso_arena *arena, const char *text, size_t len, size_t *error_offset)
{
    parser ps = {arena, text, text + len, text, 0};
    json_value *v = parse_value(&ps);
    if (v) {
        skip_ws(&ps);
        if (ps.p != ps.end)
            v = NULL;
    }
    if (!v && error_offset)
        *error_offset = (size_t)(ps.p - text);
    return v;
}

const json_value *json_get(const json_value *obj, const char *key)
{
    if (!obj || obj->type != JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->count; i++)
        if (!strcmp(obj->keys[i], key))
            return obj->items[i];
    return NULL;
}

const char *json_string(const json_value *v)
{
    return v && v->type == JSON_STRING ? v->string : NULL;
}
