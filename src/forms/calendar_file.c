#include "xaso/calendar_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/yamldoc.h"

typedef struct {
    const ydoc *doc;
    xaso_error *err;
} reader;

static int fail(reader *r, const ynode *n, const char *what, const char *text)
{
    return ydoc_error(r->doc, n, r->err, _("%s: \"%s\" is not valid here"), what, text);
}

static int need_scalar(reader *r, const ynode *n, const char *key)
{
    if (n && n->type == YNODE_SCALAR && !ynode_is_null(n))
        return 0;
    return ydoc_error(r->doc, n, r->err, _("\"%s\" must be given as text or a number"), key);
}

static int read_int(reader *r, const ynode *n, const char *key, int lo, int hi, int *out)
{
    if (need_scalar(r, n, key))
        return XASO_EX_DATAERR;
    char *end;
    long v = strtol(n->scalar, &end, 10);
    if (n->quoted || *end || end == n->scalar || v < lo || v > hi)
        return ydoc_error(r->doc, n, r->err, _("\"%s\" must be a whole number from %d to %d"), key,
                          lo, hi);
    *out = (int)v;
    return 0;
}

static int read_date(reader *r, const ynode *n, const char *key, xaso_date *out)
{
    if (need_scalar(r, n, key))
        return XASO_EX_DATAERR;
    if (!date_parse_iso(n->scalar, out))
        return ydoc_error(r->doc, n, r->err,
                          _("\"%s\" must be a date written YYYY-MM-DD, not \"%s\""), key,
                          n->scalar);
    return 0;
}

static int read_day_month(reader *r, const ynode *n, const char *key, int *day, int *month)
{
    if (need_scalar(r, n, key))
        return XASO_EX_DATAERR;
    if (!calendar_parse_day_month(n->scalar, day, month))
        return ydoc_error(r->doc, n, r->err, _("\"%s\" must be a day and month written DD/MM"),
                          key);
    return 0;
}

static const char *text_or(const ynode *n, const char *fallback)
{
    return n && n->type == YNODE_SCALAR && !ynode_is_null(n) ? n->scalar : fallback;
}

static const ynode *list_of(reader *r, const ynode *root, const char *key, int *rc)
{
    const ynode *n = ynode_get(root, key);
    if (!n || ynode_is_null(n))
        return NULL;
    if (n->type != YNODE_SEQUENCE)
        *rc = ydoc_error(r->doc, n, r->err, _("\"%s\" must be a list"), key);
    return *rc ? NULL : n;
}

static int read_windows(reader *r, const ynode *w, xaso_calendar *cal)
{
    static const char *const keys[] = {"nine_months", "week_start", NULL};
    static const char *const nine_keys[] = {"start", "start_in_previous_year", "end", NULL};
    if (ynode_check_keys(r->doc, w, keys, "windows", r->err))
        return XASO_EX_DATAERR;
    const ynode *nine = ynode_get(w, "nine_months");
    if (nine) {
        xaso_window_settings *s = &cal->windows;
        if (ynode_check_keys(r->doc, nine, nine_keys, "nine_months", r->err) ||
            read_day_month(r, ynode_get(nine, "start"), "start", &s->nine_months_start_day,
                           &s->nine_months_start_month) ||
            read_day_month(r, ynode_get(nine, "end"), "end", &s->nine_months_end_day,
                           &s->nine_months_end_month))
            return XASO_EX_DATAERR;
        const ynode *prev = ynode_get(nine, "start_in_previous_year");
        if (prev) {
            if (need_scalar(r, prev, "start_in_previous_year"))
                return XASO_EX_DATAERR;
            if (strcmp(prev->scalar, "true") && strcmp(prev->scalar, "false"))
                return fail(r, prev, "start_in_previous_year", prev->scalar);
            s->nine_months_start_in_previous_year = !strcmp(prev->scalar, "true");
        }
    }
    const ynode *week = ynode_get(w, "week_start");
    if (week && read_int(r, week, "week_start", 1, 7, &cal->windows.week_start_weekday))
        return XASO_EX_DATAERR;
    return 0;
}

static int read_holidays(reader *r, const ynode *root, xaso_calendar *cal)
{
    static const char *const rec_keys[] = {"date", "name", NULL};
    static const char *const hol_keys[] = {"date", "from", "to", "name", NULL};
    int rc = 0;
    const ynode *list = list_of(r, root, "recurring_holidays", &rc);
    for (size_t i = 0; list && !rc && i < list->count; i++) {
        const ynode *h = list->items[i];
        int day, month;
        if (ynode_check_keys(r->doc, h, rec_keys, "recurring holiday", r->err) ||
            read_day_month(r, ynode_get(h, "date"), "date", &day, &month))
            return XASO_EX_DATAERR;
        if (!calendar_add_recurring_holiday(cal, month, day, text_or(ynode_get(h, "name"), "")))
            return ydoc_error(r->doc, h, r->err, _("too many recurring holidays"));
    }
    list = list_of(r, root, "holidays", &rc);
    for (size_t i = 0; list && !rc && i < list->count; i++) {
        const ynode *h = list->items[i];
        xaso_date first, last;
        if (ynode_check_keys(r->doc, h, hol_keys, "holiday", r->err))
            return XASO_EX_DATAERR;
        if (ynode_get(h, "date")) {
            if (read_date(r, ynode_get(h, "date"), "date", &first))
                return XASO_EX_DATAERR;
            last = first;
        } else if (read_date(r, ynode_get(h, "from"), "from", &first) ||
                   read_date(r, ynode_get(h, "to"), "to", &last)) {
            return XASO_EX_DATAERR;
        }
        if (!calendar_add_holiday(cal, first, last, text_or(ynode_get(h, "name"), "")))
            return ydoc_error(r->doc, h, r->err,
                              _("this holiday ends before it starts, or there are too many"));
    }
    list = list_of(r, root, "working_days", &rc);
    for (size_t i = 0; list && !rc && i < list->count; i++) {
        const ynode *h = list->items[i];
        xaso_date d;
        if (ynode_check_keys(r->doc, h, rec_keys, "working day", r->err) ||
            read_date(r, ynode_get(h, "date"), "date", &d))
            return XASO_EX_DATAERR;
        if (!calendar_add_working_day(cal, d, text_or(ynode_get(h, "name"), "")))
            return ydoc_error(r->doc, h, r->err, _("too many working days"));
    }
    return rc;
}

static int read_rules(reader *r, const ynode *root, xaso_calendar *cal)
{
    static const char *const keys[] = {"cadence", "rule", "days", "window", "shift", "text", NULL};
    int rc = 0;
    const ynode *list = list_of(r, root, "deadlines", &rc);
    for (size_t i = 0; list && !rc && i < list->count; i++) {
        const ynode *d = list->items[i];
        xaso_deadline_rule rule = {0};
        if (ynode_check_keys(r->doc, d, keys, "deadline rule", r->err))
            return XASO_EX_DATAERR;
        const ynode *cadence = ynode_get(d, "cadence"), *kind = ynode_get(d, "rule");
        const ynode *window = ynode_get(d, "window"), *shift = ynode_get(d, "shift");
        if (need_scalar(r, cadence, "cadence") ||
            !period_kind_from_cadence_code(cadence->scalar, &rule.period_kind))
            return fail(r, cadence ? cadence : d, "cadence", text_or(cadence, ""));
        if (need_scalar(r, kind, "rule") || !deadline_kind_from_code(kind->scalar, &rule.kind))
            return fail(r, kind ? kind : d, "rule", text_or(kind, ""));
        if (ynode_get(d, "days") && read_int(r, ynode_get(d, "days"), "days", 0, 366, &rule.days))
            return XASO_EX_DATAERR;
        rule.window = WINDOW_CUTOFF;
        if (window && !window_kind_from_code(text_or(window, ""), &rule.window))
            return fail(r, window, "window", text_or(window, ""));
        if (shift && !deadline_shift_from_code(text_or(shift, ""), &rule.shift))
            return fail(r, shift, "shift", text_or(shift, ""));
        snprintf(rule.text, sizeof rule.text, "%s", text_or(ynode_get(d, "text"), ""));
        if (!calendar_add_rule(cal, &rule))
            return ydoc_error(r->doc, d, r->err, _("this deadline rule is not valid"));
    }
    return rc;
}

static int read_calendar(reader *r, const ynode *root, xaso_calendar *cal)
{
    static const char *const keys[] = {"xaso-calendar", "weekend", "windows", "recurring_holidays",
                                       "holidays", "working_days", "deadlines", NULL};
    if (ynode_check_keys(r->doc, root, keys, "calendar", r->err))
        return XASO_EX_DATAERR;
    const ynode *version = ynode_get(root, "xaso-calendar");
    if (!version || version->type != YNODE_SCALAR || strcmp(version->scalar, "1"))
        return ydoc_error(r->doc, version ? version : root, r->err,
                          _("this is not a xaso calendar file of version 1 (\"xaso-calendar: 1\")"));
    calendar_init(cal);
    const ynode *weekend = ynode_get(root, "weekend");
    if (weekend) {
        if (weekend->type != YNODE_SEQUENCE)
            return ydoc_error(r->doc, weekend, r->err, _("\"%s\" must be a list"), "weekend");
        cal->weekend_mask = 0;
        for (size_t i = 0; i < weekend->count; i++) {
            int day;
            if (read_int(r, weekend->items[i], "weekend", 1, 7, &day))
                return XASO_EX_DATAERR;
            cal->weekend_mask |= 1u << day;
        }
    }
    const ynode *windows = ynode_get(root, "windows");
    if (windows && read_windows(r, windows, cal))
        return XASO_EX_DATAERR;
    if (read_holidays(r, root, cal) || read_rules(r, root, cal))
        return XASO_EX_DATAERR;
    const char *problem = calendar_problem(cal);
    if (problem)
        return ydoc_error(r->doc, root, r->err, _("the calendar is not consistent: %s"), problem);
    return 0;
}

int calendar_load(const char *path, xaso_calendar *cal, xaso_error *err)
{
    xaso_error_clear(err);
    ydoc_limits limits = {1u << 20, 16, 100000};
    ydoc *doc = ydoc_load_file(path, &limits, err);
    xaso_calendar loaded;
    int rc = doc ? 0 : err->code;
    if (doc) {
        reader r = {doc, err};
        rc = read_calendar(&r, ydoc_root(doc), &loaded);
        ydoc_free(doc);
    }
    if (rc)
        calendar_default(cal);
    else
        *cal = loaded;
    return rc;
}

int calendar_load_default(xaso_calendar *cal, xaso_error *err)
{
    char *config = fs_xdg_config_dir();
    char *path = fs_join(config, "calendar.yaml");
    free(config);
    if (!fs_exists(path)) {
        free(path);
        char *data = fs_data_dir();
        path = fs_join(data, "forms/calendar.yaml");
        free(data);
    }
    int rc = calendar_load(path, cal, err);
    free(path);
    return rc;
}
