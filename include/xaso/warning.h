/* Task warnings: separate from status, several at once (bit flags). Pure functions. */
#ifndef XASO_WARNING_H
#define XASO_WARNING_H

#include <stdbool.h>
#include <stddef.h>
#include "xaso/date.h"
#include "xaso/status.h"
#include "xaso/timeline.h"

typedef enum {
    WARN_OVERDUE = 1u << 0,           /* "overdue"           quá hạn */
    WARN_BEHIND_SCHEDULE = 1u << 1,   /* "behind-schedule"   chậm tiến độ */
    WARN_EVIDENCE_MISSING = 1u << 2,  /* "evidence-missing"  thiếu minh chứng */
    WARN_EVIDENCE_REJECTED = 1u << 3, /* "evidence-rejected" minh chứng bị từ chối */
    WARN_NO_UPDATE = 1u << 4          /* "no-update"         chưa cập nhật kỳ này */
} xaso_warning;

/* A set of warnings: OR of xaso_warning values. */
typedef unsigned xaso_warnings;
#define XASO_WARNING_COUNT 5
#define XASO_WARNINGS_ALL 0x1Fu

const char *warning_code(xaso_warning w);
bool warning_from_code(const char *code, xaso_warning *out);
const char *warning_label_vi(xaso_warning w);
/* The i-th warning (0 … XASO_WARNING_COUNT-1) in display order, for iterating over a set. */
xaso_warning warning_at(size_t i);
size_t warnings_count(xaso_warnings set);
/* Writes the codes of set, comma-separated in display order ("overdue,no-update"; "" for none).
 * Returns buf (cut short if size is too small). */
char *warnings_format(xaso_warnings set, char *buf, size_t size);
/* Inverse of warnings_format ("" is the empty set); false on an unknown code. */
bool warnings_parse(const char *codes, xaso_warnings *out);

/* What is known about a task at a moment. */
typedef struct {
    xaso_timeline timeline;        /* typed timeline: kind, start, due */
    bool has_status;               /* false: nothing ever reported */
    xaso_task_status status;       /* the latest reported status */
    bool has_completion;           /* false: no completion % reported (counts as 0) */
    double completion_percent;     /* 0 … 100 */
    int evidence_unappraised;      /* evidence files by appraisal state (EVIDENCE_NONE) */
    int evidence_pending;
    int evidence_accepted;
    int evidence_rejected;
    bool has_update_this_period;   /* something was reported for the current period */
    xaso_date today;
    xaso_date period_start;        /* start of the current period or of the plan: used as the
                                      task's start when its timeline states none */
} xaso_task_facts;

/* The warnings a task carries:
 * - overdue: the timeline has a deadline (year, quarter, month, by-date with a due date), today
 *   is after it, and the task is not done (done = status done or done-late; needs-fix, not-done
 *   and never-reported are not done). Ongoing, yearly, done, event and on-request never are.
 * - behind-schedule: not done, the timeline has a deadline, and
 *     completion % < 50 × elapsed, elapsed = (today − start) / (due − start + 1), capped to 0 … 1,
 *   where start is the timeline's start, else period_start; without either there is no warning.
 *   On the start day nothing has elapsed; after the due date the whole span has (both overdue and
 *   behind-schedule can then hold).
 * - evidence-missing: status done or done-late and no evidence file at all.
 * - evidence-rejected: status needs-fix, or at least one file and every file rejected.
 * - no-update: nothing reported this period, unless the task is finished and needs no more
 *   reports (status done or done-late on a non-recurring timeline, or a timeline "Đã hoàn thành").
 *   Ongoing and yearly tasks report every period whatever their last status. */
xaso_warnings task_warnings(const xaso_task_facts *facts);

#endif
