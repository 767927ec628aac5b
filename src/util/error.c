#include "xaso/error.h"

#include <stdio.h>
#include <string.h>

void xaso_error_clear(xaso_error *e)
{
    if (!e)
        return;
    e->code = XASO_OK;
    e->file[0] = '\0';
    e->line = e->col = 0;
    e->message[0] = '\0';
}

int xaso_error_setv(xaso_error *e, int code, const char *fmt, va_list ap)
{
    if (!e)
        return code;
    e->code = code;
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    return code;
}

int xaso_error_set(xaso_error *e, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (e) {
        e->file[0] = '\0';
        e->line = e->col = 0;
    }
    xaso_error_setv(e, code, fmt, ap);
    va_end(ap);
    return code;
}

int xaso_error_set_at(xaso_error *e, int code, const char *file, int line, int col,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (e) {
        snprintf(e->file, sizeof e->file, "%s", file ? file : "");
        e->line = line;
        e->col = col;
    }
    xaso_error_setv(e, code, fmt, ap);
    va_end(ap);
    return code;
}

const char *xaso_error_format(const xaso_error *e, char *buf, unsigned long size)
{
    if (e->file[0] && e->line > 0 && e->col > 0)
        snprintf(buf, size, "%s:%d:%d: %s", e->file, e->line, e->col, e->message);
    else if (e->file[0] && e->line > 0)
        snprintf(buf, size, "%s:%d: %s", e->file, e->line, e->message);
    else if (e->file[0])
        snprintf(buf, size, "%s: %s", e->file, e->message);
    else
        snprintf(buf, size, "%s", e->message);
    return buf;
}
