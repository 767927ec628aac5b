/* Task warnings. */
#include "xaso/warning.h"

#include <string.h>

static const struct {
    xaso_warning warning;
    const char *code;
    const char *label_vi;
} warnings[XASO_WARNING_COUNT] = {
    {WARN_OVERDUE, "overdue", "quá hạn"},
    {WARN_BEHIND_SCHEDULE, "behind-schedule", "chậm tiến độ"},
    {WARN_EVIDENCE_MISSING, "evidence-missing", "thiếu minh chứng"},
    {WARN_EVIDENCE_REJECTED, "evidence-rejected", "minh chứng bị từ chối"},
    {WARN_NO_UPDATE, "no-update", "chưa cập nhật kỳ này"},
};

const char *warning_code(xaso_warning w)
{
    for (size_t i = 0; i < XASO_WARNING_COUNT; i++)
        if (warnings[i].warning == w)
            return warnings[i].code;
    return "";
}

bool warning_from_code(const char *code, xaso_warning *out)
{
    if (!code)
        return false;
    for (size_t i = 0; i < XASO_WARNING_COUNT; i++) {
        if (strcmp(warnings[i].code, code) == 0) {
            if (out)
                *out = warnings[i].warning;
            return true;
        }
    }
    return false;
}

const char *warning_label_vi(xaso_warning w)
{
    for (size_t i = 0; i < XASO_WARNING_COUNT; i++)
        if (warnings[i].warning == w)
            return warnings[i].label_vi;
    return "";
}

xaso_warning warning_at(size_t i)
{
    return i < XASO_WARNING_COUNT ? warnings[i].warning : (xaso_warning)0;
}

size_t warnings_count(xaso_warnings set)
{
    size_t n = 0;
    for (size_t i = 0; i < XASO_WARNING_COUNT; i++)
        if (set & warnings[i].warning)
            n++;
    return n;
}

char *warnings_format(xaso_warnings set, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < XASO_WARNING_COUNT; i++) {
        if (!(set & warnings[i].warning))
            continue;
        const char *code = warnings[i].code;
        size_t need = strlen(code) + (len ? 1 : 0);
        if (len + need >= size)
            break; /* cut short at a whole code */
        if (len)
            buf[len++] = ',';
        memcpy(buf + len, code, strlen(code) + 1);
        len += strlen(code);
    }
    return buf;
}

bool warnings_parse(const char *codes, xaso_warnings *out)
{
    if (!codes)
        return false;
    xaso_warnings set = 0;
    const char *p = codes;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char code[32];
        xaso_warning w;
        if (n == 0 || n >= sizeof code)
            return false;
        memcpy(code, p, n);
        code[n] = '\0';
        if (!warning_from_code(code, &w))
            return false;
        set |= w;
        p += n;
        if (*p == ',') {
            p++;
            if (!*p)
                return false; /* trailing comma */
        }
    }
    if (out)
        *out = set;
    return true;
}

static bool is_recurring(xaso_timeline_kind kind)
{
    return kind == TL_ONGOING || kind == TL_YEARLY;
}

xaso_warnings task_warnings(const xaso_task_facts *facts)
{
    if (!facts)
        return 0;
    xaso_warnings set = 0;
    const xaso_timeline *timeline = &facts->timeline;
    bool done = facts->has_status && task_status_is_done(facts->status);
    bool has_deadline = timeline_has_deadline(timeline);
    bool today_known = facts->today != XASO_DATE_NONE;

    if (has_deadline && today_known && !done && facts->today > timeline->due)
        set |= WARN_OVERDUE;

    if (has_deadline && today_known && !done) {
        xaso_date start = timeline->start != XASO_DATE_NONE ? timeline->start : facts->period_start;
        if (start != XASO_DATE_NONE && start <= timeline->due) {
            double span = (double)(timeline->due - start + 1);
            double elapsed = (double)(facts->today - start) / span;
            if (elapsed < 0.0)
                elapsed = 0.0;
            if (elapsed > 1.0)
                elapsed = 1.0;
            double completion = facts->has_completion ? facts->completion_percent : 0.0;
            if (completion < 50.0 * elapsed)
                set |= WARN_BEHIND_SCHEDULE;
        }
    }

    int evidence_total = facts->evidence_unappraised + facts->evidence_pending +
                         facts->evidence_accepted + facts->evidence_rejected;
    if (done && evidence_total <= 0)
        set |= WARN_EVIDENCE_MISSING;
    if ((facts->has_status && facts->status == TASK_NEEDS_FIX) ||
        (facts->evidence_rejected > 0 && facts->evidence_rejected == evidence_total))
        set |= WARN_EVIDENCE_REJECTED;

    bool finished = timeline->kind == TL_DONE || (done && !is_recurring(timeline->kind));
    if (!facts->has_update_this_period && !finished)
        set |= WARN_NO_UPDATE;
    return set;
}
