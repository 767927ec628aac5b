/* Finalising (after the whole-report check) and reopening a report. */
#include "xaso/report.h"

#include <stdio.h>

#include "xaso/i18n.h"
#include "xaso/store_account.h"

int report_finalise(xaso_store *st, long long plan_id, const char *period, const char *sender,
                    report_problems *problems, xaso_error *err)
{
    if (problems)
        *problems = (report_problems){0};
    /* refused before anything is read or written (report_load may create a draft row) */
    if (store_authorize(st, PERM_REPORT_FINALISE, OWNERSHIP_NONE, err))
        return err->code;
    report_data *d;
    if (report_load(st, plan_id, period, sender, &d, err))
        return err->code;
    report_problems local;
    report_problems *p = problems ? problems : &local;
    report_check(d, p);
    int rc = 0;
    if (d->state != REPORT_DRAFT && d->state != REPORT_RETURNED) {
        rc = xaso_error_set(err, XASO_EX_DATAERR, _("the report for %s is already %s"), d->period,
                            report_state_label(d->state));
    } else if (p->errors > 0) {
        rc = xaso_error_set(err, XASO_EX_DATAERR,
                            P_("the report for %s has %zu error: correct it, then finalise again",
                               "the report for %s has %zu errors: correct them, then finalise "
                               "again",
                               p->errors),
                            d->period, p->errors);
    } else {
        if (d->state == REPORT_RETURNED)
            rc = store_report_transition(st, d->report_id, REPORT_DRAFT, NULL, err);
        if (!rc)
            rc = store_report_transition(st, d->report_id, REPORT_FINALISED, NULL, err);
    }
    if (!problems)
        report_problems_free(&local);
    report_free(d);
    return rc;
}

int report_reopen(xaso_store *st, long long plan_id, const char *period, const char *sender,
                  const char *reason, xaso_error *err)
{
    if (store_authorize(st, PERM_REPORT_FINALISE, OWNERSHIP_NONE, err))
        return err->code;
    long long id;
    report_state state;
    if (store_report_get(st, plan_id, period, sender ? sender : "", &id, &state, err))
        return err->code;
    if (state != REPORT_FINALISED && state != REPORT_PACKAGED)
        return xaso_error_set(err, XASO_EX_DATAERR,
                              _("only a finalised or packaged report can be reopened; this one "
                                "is %s"),
                              report_state_code(state));
    return store_report_transition(st, id, REPORT_DRAFT, reason, err);
}
