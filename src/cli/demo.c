#include "xaso/demo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/planio.h"
#include "xaso/store_office.h"
#include "xaso/store_plan.h"
#include "xaso/store_progress.h"

char *demo_path(void)
{
    char *dir = fs_xdg_data_dir();
    char *path = fs_join(dir, "demo.db");
    free(dir);
    return path;
}

/* Believable progress for 2026Q1–Q3, the same on every machine: each item's fate comes from a
 * hash of its key. */
static unsigned hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static const char *const periods[] = {"2026Q1", "2026Q2", "2026Q3"};
static const char *const period_ends[] = {"2026-03-31", "2026-06-30", "2026-09-30"};

static const char *const done_texts[] = {
    "Đã ban hành văn bản hướng dẫn và triển khai đến các tổ dân phố.",
    "Đã tổ chức thực hiện theo kế hoạch, có biên bản kèm theo.",
    "Đang phối hợp với các đơn vị liên quan triển khai.",
    "Đã tổ chức 01 buổi tập huấn cho cán bộ, công chức phường.",
    "Đã cập nhật số liệu lên hệ thống thông tin báo cáo của tỉnh.",
};
static const char *const difficulties[] = {
    "Thiếu kinh phí triển khai; trang thiết bị còn hạn chế.",
    "Nhân lực chuyên trách về công nghệ thông tin còn thiếu.",
    "Người dân lớn tuổi còn ngại sử dụng dịch vụ công trực tuyến.",
};

static int add_task_updates(xaso_store *st, long long task_id, const char *key, const char *due,
                            xaso_error *err)
{
    unsigned h = hash(key);
    unsigned fate = h % 100;
    for (size_t p = 0; p < 3; p++) {
        bool past_due = due && strcmp(due, period_ends[p]) <= 0;
        const char *status;
        double completion;
        if (fate < 10)
            return 0; /* never reported: "no update" */
        if (fate < 55) { /* on track */
            completion = past_due ? 100 : 30.0 * (double)(p + 1);
            status = completion >= 100 ? "done" : "in-progress";
        } else if (fate < 70) { /* finished late */
            completion = p == 2 ? 100 : 20.0 * (double)(p + 1);
            status = p == 2 ? (due && strcmp(due, "2026-09-30") < 0 ? "done-late" : "done")
                            : "in-progress";
        } else if (fate < 88) { /* lagging: behind schedule, overdue once the deadline passes */
            completion = 5.0 * (double)(p + 1);
            status = p == 0 ? "not-started" : "in-progress";
        } else { /* started late: nothing in Q1 */
            if (p == 0)
                continue;
            completion = 25.0 * (double)p;
            status = "in-progress";
        }
        store_value cols[] = {
            SV_TEXT("status", status),
            SV_REAL("completion", completion),
            SV_TEXT("done_text", completion > 0 ? done_texts[(h >> 8) % 5] : NULL),
            SV_TEXT("difficulties", fate >= 70 && fate < 88 ? difficulties[(h >> 12) % 3] : NULL),
        };
        if (store_task_update_set(st, task_id, periods[p], cols, 4, NULL, err))
            return err->code;
    }
    return 0;
}

static int add_target_values(xaso_store *st, long long target_id, const char *key,
                             const char *comparator, bool has_target, double target,
                             const char *unit, xaso_error *err)
{
    unsigned h = hash(key);
    if (h % 100 < 30 || !has_target || !strcmp(comparator, "text"))
        return 0; /* no data: a legitimate state */
    bool percent = unit && !strcmp(unit, "%");
    bool counts = percent && h % 3 == 0;
    double reach = 0.55 + (double)(h % 50) / 100.0; /* where it ends in Q3: 55 %–104 % of target */
    for (size_t p = 0; p < 3; p++) {
        double v = target * reach * (0.6 + 0.2 * (double)p);
        if (percent && v > 100)
            v = 100;
        v = round(v * 10) / 10;
        if (counts) {
            double denominator = 200 + (double)(h % 400);
            double numerator = round(denominator * v / 100);
            store_value cols[] = {SV_REAL("numerator", numerator),
                                  SV_REAL("denominator", denominator),
                                  SV_TEXT("data_source", "Hệ thống thông tin giải quyết TTHC")};
            if (store_target_value_set(st, target_id, periods[p], cols, 3, NULL, err))
                return err->code;
        } else {
            store_value cols[] = {SV_REAL("value", v),
                                  SV_TEXT("data_source", "Báo cáo của đơn vị")};
            if (store_target_value_set(st, target_id, periods[p], cols, 2, NULL, err))
                return err->code;
        }
    }
    return 0;
}

static int add_progress(xaso_store *st, long long plan_id, xaso_error *err)
{
    sqlite3_stmt *s;
    int rc = 0;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT id, key, due_date FROM task WHERE plan_id = ?1 ORDER BY pos",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, "task");
    sqlite3_bind_int64(s, 1, plan_id);
    while (!rc && sqlite3_step(s) == SQLITE_ROW)
        rc = add_task_updates(st, sqlite3_column_int64(s, 0),
                              (const char *)sqlite3_column_text(s, 1),
                              (const char *)sqlite3_column_text(s, 2), err);
    sqlite3_finalize(s);
    if (rc)
        return rc;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT id, key, comparator, value IS NOT NULL, value, measure_unit "
                           "FROM target WHERE plan_id = ?1 ORDER BY pos",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, "target");
    sqlite3_bind_int64(s, 1, plan_id);
    while (!rc && sqlite3_step(s) == SQLITE_ROW)
        rc = add_target_values(st, sqlite3_column_int64(s, 0),
                               (const char *)sqlite3_column_text(s, 1),
                               (const char *)sqlite3_column_text(s, 2),
                               sqlite3_column_int(s, 3), sqlite3_column_double(s, 4),
                               (const char *)sqlite3_column_text(s, 5), err);
    sqlite3_finalize(s);
    return rc;
}

/* One report in each state of its lifecycle. */
static int add_reports(xaso_store *st, long long plan_id, xaso_error *err)
{
    static const struct {
        const char *period;
        report_state path[4];
        size_t steps;
        const char *note;
    } reports[] = {
        {"2026Q1", {REPORT_FINALISED, REPORT_PACKAGED, REPORT_SUBMITTED}, 3, NULL},
        {"2026S1", {REPORT_FINALISED, REPORT_PACKAGED, REPORT_SUBMITTED, REPORT_RETURNED}, 4,
         "Thiếu minh chứng cho các nhiệm vụ đã hoàn thành"},
        {"2026Q2", {REPORT_FINALISED, REPORT_PACKAGED}, 2, NULL},
        {"202609", {REPORT_FINALISED}, 1, NULL},
        {"2026Q3", {REPORT_DRAFT}, 0, NULL},
    };
    for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++) {
        long long id;
        report_state state;
        if (store_report_get(st, plan_id, reports[i].period, "", &id, &state, err))
            return err->code;
        for (size_t k = 0; k < reports[i].steps; k++)
            if (store_report_transition(st, id, reports[i].path[k], reports[i].note, err))
                return err->code;
    }
    return 0;
}

static int build(xaso_store *st, xaso_error *err)
{
    xaso_office office = {.code = "ngoc-son", .name = "UBND phường Ngọc Sơn", .level = "phuong",
                          .province = "Thanh Hóa"};
    if (store_office_save(st, &office, err))
        return err->code;
    char *data = fs_data_dir();
    char *file = fs_join(data, "forms/plans/ngoc-son-2026.yaml");
    free(data);
    xaso_plan *plan = planio_load(file, err);
    free(file);
    if (!plan)
        return err->code;
    plan_import_result res;
    int rc = store_plan_import(st, plan, &res, err);
    plan_free(plan);
    if (!rc)
        rc = add_progress(st, res.plan_id, err);
    if (!rc)
        rc = add_reports(st, res.plan_id, err);
    return rc;
}

int demo_open(xaso_store **out, xaso_error *err)
{
    char *path = demo_path();
    bool fresh = !fs_exists(path);
    int rc = store_open(path, STORE_OPEN_CREATE, out, err);
    if (!rc && fresh) {
        store_set_actor(*out, "demo");
        rc = build(*out, err);
        if (rc) {
            store_close(*out);
            *out = NULL;
            /* a half-built demo would be worse than none */
            unlink(path);
        }
    }
    free(path);
    return rc;
}
