/* The whole-report check ("Kiểm tra lỗi"): every problem of a report, with the item it is about.
 * Each rule is one function; the table below gives every problem code its severity. */
#include "xaso/report.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/i18n.h"
#include "xaso/strbuf.h"
#include "xaso/value.h"

static const struct {
    const char *code;
    report_severity severity;
    const char *description;
} rules[] = {
    {"done-incomplete", PROBLEM_ERROR, N_("a task reported done with completion under 100%")},
    {"not-started-with-progress", PROBLEM_ERROR,
     N_("a task reported not started that has progress")},
    {"evidence-rejected", PROBLEM_ERROR,
     N_("a task reported done whose evidence was all rejected")},
    {"value-out-of-range", PROBLEM_ERROR, N_("a value impossible for its unit")},
    {"value-empty", PROBLEM_ERROR, N_("a value row with nothing in it")},
    {"no-update", PROBLEM_WARNING, N_("a task without an update this period")},
    {"evidence-missing", PROBLEM_WARNING, N_("a completion reported without evidence")},
    {"evidence-pending", PROBLEM_WARNING, N_("evidence not yet appraised")},
    {"value-missing", PROBLEM_WARNING, N_("a target without a value this period")},
    {"value-far-from-target", PROBLEM_WARNING, N_("a value far from its target")},
    {"completion-decreased", PROBLEM_WARNING, N_("completion lower than last period")},
};
#define N_RULES (sizeof rules / sizeof rules[0])

const char *report_problem_description(const char *code)
{
    for (size_t i = 0; i < N_RULES; i++)
        if (!strcmp(rules[i].code, code))
            return rules[i].description;
    return NULL;
}

static void add(report_problems *out, const char *code, report_item_kind item, long long id,
                const char *key, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void add(report_problems *out, const char *code, report_item_kind item, long long id,
                const char *key, const char *fmt, ...)
{
    report_severity sev = PROBLEM_WARNING;
    for (size_t i = 0; i < N_RULES; i++)
        if (!strcmp(rules[i].code, code))
            sev = rules[i].severity;
    if (out->count == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 32;
        out->items = xrealloc(out->items, out->cap * sizeof *out->items);
    }
    report_problem *p = &out->items[out->count++];
    memset(p, 0, sizeof *p);
    p->severity = sev;
    p->code = code;
    p->item = item;
    p->item_id = id;
    p->item_key = key;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->message, sizeof p->message, fmt, ap);
    va_end(ap);
    if (sev == PROBLEM_ERROR)
        out->errors++;
    else
        out->warnings++;
}

static bool is_percent(const report_target *t)
{
    return t->measure_unit && !strcmp(t->measure_unit, "%");
}

static void check_target(const report_data *d, const report_target *t, report_problems *out)
{
    xaso_comparator cmp = CMP_NONE;
    comparator_from_code(t->comparator, &cmp);
    bool numeric = t->target.set && cmp != CMP_TEXT && cmp != CMP_NONE && cmp != CMP_BOOLEAN;
    if (!t->has_row) {
        if (numeric || cmp == CMP_BOOLEAN)
            add(out, "value-missing", ITEM_TARGET, t->id, t->key,
                _("target %s: no value for %s; it will be reported as \"no data\""), t->code,
                d->period);
        return;
    }
    if (!t->no_data && !t->value.set && !t->value_text && t->judged_met < 0 &&
        !t->numerator.set && !t->denominator.set) {
        add(out, "value-empty", ITEM_TARGET, t->id, t->key,
            _("target %s: the value for %s is empty; enter it or mark it \"no data\""), t->code,
            d->period);
        return;
    }
    if (t->no_data)
        return;
    if (t->numerator.set && t->numerator.v < 0)
        add(out, "value-out-of-range", ITEM_TARGET, t->id, t->key,
            _("target %s: the count %g cannot be negative"), t->code, t->numerator.v);
    if (t->denominator.set && t->denominator.v <= 0)
        add(out, "value-out-of-range", ITEM_TARGET, t->id, t->key,
            _("target %s: the denominator %g must be greater than zero"), t->code,
            t->denominator.v);
    if (is_percent(t) && t->numerator.set && t->denominator.set &&
        t->numerator.v > t->denominator.v)
        add(out, "value-out-of-range", ITEM_TARGET, t->id, t->key,
            _("target %s: %g out of %g is more than all of them"), t->code, t->numerator.v,
            t->denominator.v);
    else if (t->value.set && is_percent(t) && (t->value.v < 0 || t->value.v > 100))
        add(out, "value-out-of-range", ITEM_TARGET, t->id, t->key,
            _("target %s: %g%% is not a percentage between 0 and 100"), t->code, t->value.v);
    else if (t->value.set && t->value.v < 0 && !is_percent(t))
        add(out, "value-out-of-range", ITEM_TARGET, t->id, t->key,
            _("target %s: the value %g cannot be negative"), t->code, t->value.v);
    else if (t->value.set && numeric && t->target.v > 0 && !is_percent(t) &&
             (t->value.v > 10 * t->target.v || t->value.v < t->target.v / 100))
        add(out, "value-far-from-target", ITEM_TARGET, t->id, t->key,
            _("target %s: %g is far from the target %g %s; check the number and its unit"),
            t->code, t->value.v, t->target.v, t->measure_unit ? t->measure_unit : "");
}

static void check_task(const report_data *d, const report_task *t, report_problems *out)
{
    if (!t->has_update) {
        if (t->needs_update)
            add(out, "no-update", ITEM_TASK, t->id, t->key, _("task %s: no update for %s"),
                t->code, d->period);
        return;
    }
    bool done = task_status_is_done(t->status);
    if (done && t->completion.set && t->completion.v < 100)
        add(out, "done-incomplete", ITEM_TASK, t->id, t->key,
            _("task %s: reported %s but completion is %g%%"), t->code,
            task_status_label(t->status), t->completion.v);
    if (t->status == TASK_NOT_STARTED && t->completion.set && t->completion.v > 0)
        add(out, "not-started-with-progress", ITEM_TASK, t->id, t->key,
            _("task %s: reported not started but completion is %g%%"), t->code, t->completion.v);
    int files = t->evidence_pending + t->evidence_accepted + t->evidence_rejected;
    if (done && files > 0 && t->evidence_rejected == files)
        add(out, "evidence-rejected", ITEM_TASK, t->id, t->key,
            _("task %s: reported done but its evidence was rejected; attach new evidence or "
              "change the status to \"needs fixing\""),
            t->code);
    else if (done && files == 0)
        add(out, "evidence-missing", ITEM_TASK, t->id, t->key,
            _("task %s: reported done without evidence"), t->code);
    else if (done && t->evidence_pending > 0)
        add(out, "evidence-pending", ITEM_TASK, t->id, t->key,
            _("task %s: %d evidence file(s) not yet appraised"), t->code, t->evidence_pending);
    if (t->completion.set && t->previous_completion.set &&
        t->completion.v + 1e-9 < t->previous_completion.v)
        add(out, "completion-decreased", ITEM_TASK, t->id, t->key,
            _("task %s: completion fell from %g%% to %g%%"), t->code, t->previous_completion.v,
            t->completion.v);
}

static int by_severity(const void *a, const void *b)
{
    const report_problem *x = a, *y = b;
    if (x->severity != y->severity)
        return x->severity == PROBLEM_ERROR ? -1 : 1;
    return 0;
}

void report_check(const report_data *d, report_problems *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < d->n_targets; i++)
        check_target(d, &d->targets[i], out);
    for (size_t i = 0; i < d->n_tasks; i++)
        check_task(d, &d->tasks[i], out);
    /* errors first; qsort is not stable, so order by severity with a stable insertion sort */
    for (size_t i = 1; i < out->count; i++) {
        report_problem p = out->items[i];
        size_t j = i;
        while (j > 0 && by_severity(&out->items[j - 1], &p) > 0) {
            out->items[j] = out->items[j - 1];
            j--;
        }
        out->items[j] = p;
    }
}

void report_problems_free(report_problems *p)
{
    free(p->items);
    memset(p, 0, sizeof *p);
}
