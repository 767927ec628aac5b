/* Task timelines as printed ("Quý II năm 2026", "Thường xuyên", "trước ngày 20/11") typed. */
#ifndef XASO_TIMELINE_H
#define XASO_TIMELINE_H

#include <stdbool.h>
#include "xaso/date.h"

typedef enum {
    TL_NONE = 0,   /* nothing printed */
    TL_ONGOING,    /* "Thường xuyên": never finishes; a status per period */
    TL_YEARLY,     /* "Hằng năm": recurs every year */
    TL_YEAR,       /* "Năm 2026", "Trong năm 2026" */
    TL_QUARTER,    /* "Quý II năm 2026", "Quý III/2026" */
    TL_MONTH,      /* "trong tháng 6/2025", "Hoàn thành trong tháng 6/2025" */
    TL_BY_DATE,    /* "trước ngày 20/11", "trước tháng 11 năm 2026", "đến 30/6/2026" */
    TL_DONE,       /* "Đã hoàn thành" */
    TL_EVENT,      /* "Sau khi …": after an event */
    TL_ON_REQUEST, /* "Theo chỉ đạo của Sở", "khi có yêu cầu" */
    TL_TEXT        /* anything else: kept as text, no dates */
} xaso_timeline_kind;

/* Stable codes: "none", "ongoing", "yearly", "year", "quarter", "month", "by-date", "done",
 * "event", "on-request", "text". */
const char *timeline_kind_code(xaso_timeline_kind k);
bool timeline_kind_from_code(const char *code, xaso_timeline_kind *out);

typedef struct {
    xaso_timeline_kind kind;
    xaso_date start; /* XASO_DATE_NONE when not stated */
    xaso_date due;   /* last day the work may finish on (inclusive); XASO_DATE_NONE when none */
} xaso_timeline;

/* Parse printed text. plan_year fills a missing year ("trước ngày 20/11" → 19/11/plan_year:
 * "trước" is exclusive). text may be NULL or "" (→ TL_NONE). Never fails.
 *
 * Case and diacritics are ignored. The earliest recognised phrase decides (so "trước ngày 20/11,
 * sau đó định kỳ …" is a deadline), except that wording of a recurring duty ("thường xuyên",
 * "định kỳ", "hằng tháng", …) anywhere wins over a leading event, on-request or yearly phrase.
 *   "Thường xuyên", "định kỳ …", "hằng tuần/tháng/quý"       → TL_ONGOING, no dates
 *   "Hằng năm", "Hàng năm", "mỗi năm"                        → TL_YEARLY, no dates
 *   "Năm 2026", "trong năm 2026", "2026-2030", "giai đoạn 2026-2030", "trong năm" (plan year)
 *                                                            → TL_YEAR, 1/1 … 31/12
 *   "Quý II năm 2026", "Quý III/2026", "quý 4", "Quý I, II/2026", "Quý I-II năm 2026"
 *                                                            → TL_QUARTER, first day … last day
 *   "Tháng 6/2026", "trong tháng 6 năm 2026", "tháng 6-7/2026" → TL_MONTH, first day … last day
 *   "trước ngày 20/11", "trước 30/6/2026"                    → TL_BY_DATE, due the day before
 *   "trước tháng 11 năm 2026", "trước quý III/2026", "trước năm 2027"
 *                                                            → TL_BY_DATE, due the day before
 *   "đến ngày 30/6/2026", "chậm nhất ngày …", "hạn …", "ngày 30/6/2026", "30/6/2026"
 *                                                            → TL_BY_DATE, due that day
 *   "đến hết tháng 6/2026", "đến quý II/2026", "đến năm 2030" → TL_BY_DATE, due the last day
 *   "từ ngày 1/3/2026 đến ngày 30/6/2026"                    → TL_BY_DATE with a start
 *   "6 tháng đầu năm 2026" (1/1 … 30/6), "6 tháng cuối năm 2025" (1/7 … 31/12),
 *   "9 tháng đầu năm 2026" (1/1 … 30/9), "nửa đầu/cuối năm"   → TL_BY_DATE with a start
 *   "Đã hoàn thành"                                          → TL_DONE
 *   "Sau khi …", "trước khi …", "khi …"                      → TL_EVENT
 *   "Theo chỉ đạo của Sở", "theo yêu cầu …", "khi có yêu cầu", "theo hướng dẫn …"
 *                                                            → TL_ON_REQUEST
 *   anything else, an impossible date, or a missing year with plan_year <= 0 → TL_TEXT. */
void timeline_parse(const char *text, int plan_year, xaso_timeline *out);

/* True for kinds that carry a deadline which can pass (year, quarter, month, by-date) and have
 * a due date. Ongoing, yearly, done, event, on-request, text and none never become overdue. */
bool timeline_has_deadline(const xaso_timeline *t);

#endif
