/* Task status and evidence appraisal vocabulary. */
#include "xaso/status.h"

#include <string.h>

#include "xaso/i18n.h"

static const struct {
    xaso_task_status status;
    const char *code;
    const char *label_vi;
    const char *label; /* msgid, for sentences in the language in use */
} statuses[] = {
    {TASK_NOT_STARTED, "not-started", "chưa triển khai", N_("not started")},
    {TASK_IN_PROGRESS, "in-progress", "đang thực hiện", N_("in progress")},
    {TASK_DONE, "done", "hoàn thành", N_("done on time")},
    {TASK_DONE_LATE, "done-late", "hoàn thành chậm", N_("done late")},
    {TASK_NOT_DONE, "not-done", "không hoàn thành", N_("not done")},
    {TASK_NEEDS_FIX, "needs-fix", "chờ hoàn thiện", N_("needs fixing")},
};

static const struct {
    xaso_appraisal appraisal;
    const char *code;
    const char *label_vi;
    const char *label; /* msgid, for sentences in the language in use */
} appraisals[] = {
    {EVIDENCE_NONE, "none", "chưa thẩm định", N_("not appraised")},
    {EVIDENCE_PENDING, "pending", "chờ thẩm định", N_("waiting for appraisal")},
    {EVIDENCE_ACCEPTED, "accepted", "được chấp nhận", N_("accepted")},
    {EVIDENCE_REJECTED, "rejected", "bị từ chối", N_("rejected")},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *task_status_code(xaso_task_status s)
{
    for (size_t i = 0; i < COUNT(statuses); i++)
        if (statuses[i].status == s)
            return statuses[i].code;
    return "";
}

bool task_status_from_code(const char *code, xaso_task_status *out)
{
    if (!code)
        return false;
    for (size_t i = 0; i < COUNT(statuses); i++) {
        if (strcmp(statuses[i].code, code) == 0) {
            if (out)
                *out = statuses[i].status;
            return true;
        }
    }
    return false;
}

const char *task_status_label_vi(xaso_task_status s)
{
    for (size_t i = 0; i < COUNT(statuses); i++)
        if (statuses[i].status == s)
            return statuses[i].label_vi;
    return "";
}

bool task_status_is_done(xaso_task_status s)
{
    return s == TASK_DONE || s == TASK_DONE_LATE;
}

xaso_task_status task_status_done_on(xaso_date finished_on, xaso_date due)
{
    if (due == XASO_DATE_NONE || finished_on == XASO_DATE_NONE || finished_on <= due)
        return TASK_DONE;
    return TASK_DONE_LATE;
}

const char *appraisal_code(xaso_appraisal a)
{
    for (size_t i = 0; i < COUNT(appraisals); i++)
        if (appraisals[i].appraisal == a)
            return appraisals[i].code;
    return "";
}

bool appraisal_from_code(const char *code, xaso_appraisal *out)
{
    if (!code)
        return false;
    for (size_t i = 0; i < COUNT(appraisals); i++) {
        if (strcmp(appraisals[i].code, code) == 0) {
            if (out)
                *out = appraisals[i].appraisal;
            return true;
        }
    }
    return false;
}

const char *appraisal_label_vi(xaso_appraisal a)
{
    for (size_t i = 0; i < COUNT(appraisals); i++)
        if (appraisals[i].appraisal == a)
            return appraisals[i].label_vi;
    return "";
}

const char *task_status_label(xaso_task_status s)
{
    for (size_t i = 0; i < COUNT(statuses); i++)
        if (statuses[i].status == s)
            return _(statuses[i].label);
    return "";
}

const char *appraisal_label(xaso_appraisal a)
{
    for (size_t i = 0; i < COUNT(appraisals); i++)
        if (appraisals[i].appraisal == a)
            return _(appraisals[i].label);
    return "";
}

xaso_task_status task_status_after_appraisal(xaso_task_status reported, xaso_appraisal appraisal)
{
    if (task_status_is_done(reported) && appraisal == EVIDENCE_REJECTED)
        return TASK_NEEDS_FIX;
    return reported;
}
