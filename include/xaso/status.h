/* Task status and evidence appraisal: the vocabulary of the commune offices, with stable codes. */
#ifndef XASO_STATUS_H
#define XASO_STATUS_H

#include <stdbool.h>
#include "xaso/date.h"

typedef enum {
    TASK_NOT_STARTED = 0, /* "not-started"  chưa triển khai */
    TASK_IN_PROGRESS,     /* "in-progress"  đang thực hiện */
    TASK_DONE,            /* "done"         hoàn thành (on time) */
    TASK_DONE_LATE,       /* "done-late"    hoàn thành chậm (after the due date) */
    TASK_NOT_DONE,        /* "not-done"     không hoàn thành (closed without finishing) */
    TASK_NEEDS_FIX        /* "needs-fix"    chờ hoàn thiện: reported done, but the appraiser
                                            rejected the evidence; not counted until fixed */
} xaso_task_status;

const char *task_status_code(xaso_task_status s);
bool task_status_from_code(const char *code, xaso_task_status *out);
/* The Vietnamese words above ("chưa triển khai", …), for CSV labels and reports. */
const char *task_status_label_vi(xaso_task_status s);
/* The same in the language in use ("in progress", "đang thực hiện"), for messages. */
const char *task_status_label(xaso_task_status s);
/* Counted as done: TASK_DONE and TASK_DONE_LATE (not TASK_NEEDS_FIX). */
bool task_status_is_done(xaso_task_status s);
/* DONE when finished_on is on or before due (or there is no due date), else DONE_LATE. */
xaso_task_status task_status_done_on(xaso_date finished_on, xaso_date due);

typedef enum {
    EVIDENCE_NONE = 0, /* "none"      not appraised (no appraisal in this plan, or not sent yet) */
    EVIDENCE_PENDING,  /* "pending"   chờ thẩm định */
    EVIDENCE_ACCEPTED, /* "accepted"  được chấp nhận */
    EVIDENCE_REJECTED  /* "rejected"  bị từ chối (the reason is recorded with it) */
} xaso_appraisal;

const char *appraisal_code(xaso_appraisal a);
bool appraisal_from_code(const char *code, xaso_appraisal *out);
const char *appraisal_label_vi(xaso_appraisal a);
/* The same in the language in use ("accepted", "được chấp nhận"), for messages. */
const char *appraisal_label(xaso_appraisal a);

/* The status to count once the evidence of a reported completion has been appraised: a done or
 * done-late task whose evidence is rejected becomes TASK_NEEDS_FIX; anything else is unchanged. */
xaso_task_status task_status_after_appraisal(xaso_task_status reported, xaso_appraisal appraisal);

#endif
