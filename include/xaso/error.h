/* Errors that carry a message: library code never prints or exits, it fills one of these. */
#ifndef XASO_ERROR_H
#define XASO_ERROR_H

#include <stdarg.h>

/* Exit codes follow sysexits.h. */
enum {
    XASO_OK = 0,
    XASO_EX_USAGE = 64,    /* bad command-line usage */
    XASO_EX_DATAERR = 65,  /* invalid input data */
    XASO_EX_NOINPUT = 66,  /* input missing or unreadable */
    XASO_EX_SOFTWARE = 70, /* internal error */
    XASO_EX_CANTCREAT = 73,/* cannot create output */
    XASO_EX_IOERR = 74,    /* I/O error */
    XASO_EX_TEMPFAIL = 75, /* try again (database busy) */
    XASO_EX_NOPERM = 77,   /* not allowed */
    XASO_EX_CONFIG = 78    /* configuration problem */
};

typedef struct xaso_error {
    int code;           /* XASO_OK or an exit code above */
    char file[512];     /* file the error is about, or "" */
    int line, col;      /* 1-based position in file, 0 when unknown */
    char message[1024]; /* already translated, UTF-8 */
} xaso_error;

void xaso_error_clear(xaso_error *e);
/* Set code and message (printf-style). Returns code, so `return xaso_error_set(...)` works. */
int xaso_error_set(xaso_error *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int xaso_error_setv(xaso_error *e, int code, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
/* Same, with a file position (line/col may be 0). */
int xaso_error_set_at(xaso_error *e, int code, const char *file, int line, int col,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Format "FILE:LINE:COL: message" (or the parts present) into buf. */
const char *xaso_error_format(const xaso_error *e, char *buf, unsigned long size);

#endif
