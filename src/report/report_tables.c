/* The CSV tables of a bundle: one table of fields (stable code, type, Vietnamese label,
 * constraints) per file, and the function that gives each row. datapackage.json, the CSV writer
 * and the bundle checker all read these tables. */
#include "xaso/report_files.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xaso/status.h"
#include "xaso/value.h"
#include "xaso/verdict.h"
#include "xaso/warning.h"

const char *report_field_type_name(report_field_type t)
{
    static const char *const names[] = {"string", "integer", "number", "boolean", "date",
                                        "datetime"};
    return names[t];
}

#define COUNT(arr) (sizeof(arr) / sizeof(arr)[0])
#define REQ true
#define OPT false

static const char *fmt_num(report_number n, char *buf)
{
    if (!n.set || !isfinite(n.v))
        return NULL;
    snprintf(buf, 48, "%.15g", n.v == 0 ? 0.0 : n.v);
    return buf;
}

static const char *fmt_int(long long v, char *buf)
{
    snprintf(buf, 48, "%lld", v);
    return buf;
}

static const char *fmt_real(double v, char *buf)
{
    return fmt_num((report_number){true, v}, buf);
}

static const char *role_label(const char *role)
{
    if (!strcmp(role, "lead"))
        return "chủ trì";
    if (!strcmp(role, "coordinator"))
        return "phối hợp";
    return "đề nghị phối hợp";
}

/* ---------- report ---------- */

static const report_field report_fields[] = {
    {"office_code", FIELD_STRING, "Mã cơ quan", REQ, NULL, NULL, NULL},
    {"office_name", FIELD_STRING, "Tên cơ quan", REQ, NULL, NULL, NULL},
    {"plan_key", FIELD_STRING, "Mã kế hoạch", REQ, NULL, NULL, NULL},
    {"plan_symbol", FIELD_STRING, "Số ký hiệu kế hoạch", OPT, NULL, NULL, NULL},
    {"plan_title", FIELD_STRING, "Tên kế hoạch", REQ, NULL, NULL, NULL},
    {"period", FIELD_STRING, "Kỳ báo cáo", REQ, NULL, NULL, NULL},
    {"period_title", FIELD_STRING, "Tên kỳ báo cáo", REQ, NULL, NULL, NULL},
    {"sender", FIELD_STRING, "Đơn vị báo cáo (trống = toàn cơ quan)", OPT, NULL, NULL, NULL},
    {"sender_name", FIELD_STRING, "Tên đơn vị báo cáo", REQ, NULL, NULL, NULL},
    {"finalised_at", FIELD_DATETIME, "Thời điểm hoàn thành", OPT, NULL, NULL, NULL},
    {"finalised_by", FIELD_STRING, "Người hoàn thành báo cáo", OPT, NULL, NULL, NULL},
    {"difficulties", FIELD_STRING, "Khó khăn, vướng mắc", OPT, NULL, NULL, NULL},
    {"proposals", FIELD_STRING, "Kiến nghị, đề xuất", OPT, NULL, NULL, NULL},
    {"next_tasks", FIELD_STRING, "Nhiệm vụ kỳ tới", OPT, NULL, NULL, NULL},
};
static size_t report_count(const report_data *d)
{
    (void)d;
    return 1;
}
static void report_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    (void)i;
    (void)s;
    const char *v[] = {d->office_code, d->office_name, d->plan_key, d->plan_symbol,
                       d->plan_title, d->period, d->period_title, d->sender, d->sender_name,
                       d->finalised_at, d->finalised_by, d->difficulties,
                       d->proposals, d->next_tasks};
    memcpy(c, v, sizeof v);
}

/* ---------- units ---------- */

static const report_field unit_fields[] = {
    {"code", FIELD_STRING, "Mã đơn vị", REQ, NULL, NULL, NULL},
    {"name", FIELD_STRING, "Tên đơn vị", REQ, NULL, NULL, NULL},
    {"kind", FIELD_STRING, "Loại đơn vị", REQ, "office|group|external", NULL, NULL},
};
static size_t unit_count(const report_data *d) { return d->n_units; }
static void unit_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    (void)s;
    c[0] = d->units[i].code;
    c[1] = d->units[i].name;
    c[2] = d->units[i].kind;
}

/* ---------- targets ---------- */

static const report_field target_fields[] = {
    {"key", FIELD_STRING, "Khóa chỉ tiêu", REQ, NULL, NULL, NULL},
    {"section", FIELD_STRING, "Phần / phụ lục", OPT, NULL, NULL, NULL},
    {"code", FIELD_STRING, "Mã chỉ tiêu", REQ, NULL, NULL, NULL},
    {"group", FIELD_STRING, "Nhóm", OPT, NULL, NULL, NULL},
    {"name", FIELD_STRING, "Tên chỉ tiêu", REQ, NULL, NULL, NULL},
    {"target_text", FIELD_STRING, "Chỉ tiêu (nguyên văn)", OPT, NULL, NULL, NULL},
    {"comparator", FIELD_STRING, "Phép so sánh", REQ, ">=|>|=|<=|<|maintain|boolean|text",
     NULL, NULL},
    {"comparator_label", FIELD_STRING, "Phép so sánh (nhãn)", OPT, NULL, NULL, NULL},
    {"target_value", FIELD_NUMBER, "Giá trị chỉ tiêu", OPT, NULL, NULL, NULL},
    {"measure_unit", FIELD_STRING, "Đơn vị tính", OPT, NULL, NULL, NULL},
    {"horizon", FIELD_INTEGER, "Năm mốc", OPT, NULL, NULL, NULL},
    {"due", FIELD_DATE, "Thời hạn", OPT, NULL, NULL, NULL},
    {"responsible_unit", FIELD_STRING, "Đơn vị chịu trách nhiệm", OPT, NULL, NULL, NULL},
};
static size_t target_count(const report_data *d) { return d->n_targets; }
static void target_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    const report_target *t = &d->targets[i];
    xaso_comparator cmp = CMP_NONE;
    comparator_from_code(t->comparator, &cmp);
    const char *v[] = {t->key, t->section, t->code, t->group, t->name, t->target_text,
                       t->comparator, comparator_symbol(cmp), fmt_num(t->target, s[0]),
                       t->measure_unit, t->horizon ? fmt_int(t->horizon, s[1]) : NULL, t->due,
                       t->responsible};
    memcpy(c, v, sizeof v);
}

/* ---------- target values ---------- */

static const report_field value_fields[] = {
    {"target_key", FIELD_STRING, "Khóa chỉ tiêu", REQ, NULL, NULL, NULL},
    {"period", FIELD_STRING, "Kỳ báo cáo", REQ, NULL, NULL, NULL},
    {"value", FIELD_NUMBER, "Kết quả kỳ này", OPT, NULL, NULL, NULL},
    {"value_text", FIELD_STRING, "Kết quả (diễn giải)", OPT, NULL, NULL, NULL},
    {"numerator", FIELD_NUMBER, "Tử số", OPT, NULL, "0", NULL},
    {"denominator", FIELD_NUMBER, "Mẫu số", OPT, NULL, "0", NULL},
    {"no_data", FIELD_BOOLEAN, "Chưa có số liệu", REQ, NULL, NULL, NULL},
    {"verdict", FIELD_STRING, "Đánh giá", REQ, "no-data|met|exceeded|not-met", NULL, NULL},
    {"verdict_label", FIELD_STRING, "Đánh giá (nhãn)", REQ, NULL, NULL, NULL},
    {"previous_value", FIELD_NUMBER, "Kết quả kỳ trước", OPT, NULL, NULL, NULL},
    {"as_of", FIELD_DATE, "Số liệu tính đến ngày", OPT, NULL, NULL, NULL},
    {"data_source", FIELD_STRING, "Nguồn số liệu", OPT, NULL, NULL, NULL},
    {"note", FIELD_STRING, "Ghi chú", OPT, NULL, NULL, NULL},
};
static void value_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    const report_target *t = &d->targets[i];
    const char *v[] = {t->key, d->period, t->no_data ? NULL : fmt_num(t->value, s[0]),
                       t->value_text, fmt_num(t->numerator, s[1]), fmt_num(t->denominator, s[2]),
                       t->no_data ? "true" : "false", verdict_code(t->verdict),
                       verdict_label_vi(t->verdict), fmt_num(t->previous, s[3]), t->as_of,
                       t->data_source, t->value_note};
    memcpy(c, v, sizeof v);
}

/* ---------- tasks ---------- */

static const report_field task_fields[] = {
    {"key", FIELD_STRING, "Khóa nhiệm vụ", REQ, NULL, NULL, NULL},
    {"section", FIELD_STRING, "Phần / phụ lục", OPT, NULL, NULL, NULL},
    {"code", FIELD_STRING, "Mã nhiệm vụ", REQ, NULL, NULL, NULL},
    {"kind", FIELD_STRING, "Loại", REQ, "task|solution|duty", NULL, NULL},
    {"group", FIELD_STRING, "Nhóm", OPT, NULL, NULL, NULL},
    {"name", FIELD_STRING, "Tên nhiệm vụ", REQ, NULL, NULL, NULL},
    {"expected_result", FIELD_STRING, "Yêu cầu kết quả đạt được", OPT, NULL, NULL, NULL},
    {"timeline_text", FIELD_STRING, "Thời gian thực hiện (nguyên văn)", OPT, NULL, NULL, NULL},
    {"timeline_kind", FIELD_STRING, "Loại thời hạn", REQ, NULL, NULL, NULL},
    {"start_date", FIELD_DATE, "Ngày bắt đầu", OPT, NULL, NULL, NULL},
    {"due_date", FIELD_DATE, "Hạn hoàn thành", OPT, NULL, NULL, NULL},
    {"leads", FIELD_STRING, "Đơn vị chủ trì", OPT, NULL, NULL, NULL},
    {"warnings", FIELD_STRING, "Cảnh báo kỳ này (mã)", OPT, NULL, NULL, NULL},
    {"warnings_label", FIELD_STRING, "Cảnh báo kỳ này", OPT, NULL, NULL, NULL},
};
static size_t task_count(const report_data *d) { return d->n_tasks; }
static void task_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    const report_task *t = &d->tasks[i];
    /* scratch rows 0-1 hold the warning codes, 2-5 their labels */
    char *codes = s[0], *labels = s[2];
    warnings_format(t->warnings, codes, 96);
    labels[0] = '\0';
    size_t used = 0;
    for (size_t k = 0; k < XASO_WARNING_COUNT; k++) {
        xaso_warning w = warning_at(k);
        if (t->warnings & w) {
            int n = snprintf(labels + used, 192 - used, "%s%s", used ? "; " : "",
                             warning_label_vi(w));
            if (n > 0 && (size_t)n < 192 - used)
                used += (size_t)n;
        }
    }
    const char *v[] = {t->key, t->section, t->code, t->kind, t->group, t->name,
                       t->expected_result, t->timeline_text, t->timeline_kind, t->start_date,
                       t->due_date, *t->leads ? t->leads : NULL, *codes ? codes : NULL,
                       *labels ? labels : NULL};
    memcpy(c, v, sizeof v);
}

/* ---------- assignments ---------- */

static const report_field assignment_fields[] = {
    {"task_key", FIELD_STRING, "Khóa nhiệm vụ", REQ, NULL, NULL, NULL},
    {"unit_code", FIELD_STRING, "Mã đơn vị", REQ, NULL, NULL, NULL},
    {"role", FIELD_STRING, "Vai trò", REQ, "lead|coordinator|requested", NULL, NULL},
    {"role_label", FIELD_STRING, "Vai trò (nhãn)", REQ, NULL, NULL, NULL},
    {"position", FIELD_INTEGER, "Thứ tự", REQ, NULL, "0", NULL},
};
static size_t assignment_count(const report_data *d) { return d->n_assignments; }
static void assignment_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    const report_assignment *a = &d->assignments[i];
    const char *v[] = {a->task_key, a->unit_code, a->role, role_label(a->role),
                       fmt_int(a->pos, s[0])};
    memcpy(c, v, sizeof v);
}

/* ---------- task updates ---------- */

static const report_field update_fields[] = {
    {"task_key", FIELD_STRING, "Khóa nhiệm vụ", REQ, NULL, NULL, NULL},
    {"period", FIELD_STRING, "Kỳ báo cáo", REQ, NULL, NULL, NULL},
    {"status", FIELD_STRING, "Tình trạng", REQ,
     "not-started|in-progress|done|done-late|not-done|needs-fix", NULL, NULL},
    {"status_label", FIELD_STRING, "Tình trạng (nhãn)", REQ, NULL, NULL, NULL},
    {"counted_status", FIELD_STRING, "Tình trạng sau thẩm định", REQ,
     "not-started|in-progress|done|done-late|not-done|needs-fix", NULL, NULL},
    {"completion", FIELD_NUMBER, "Tỷ lệ hoàn thành (%)", OPT, NULL, "0", "100"},
    {"done_text", FIELD_STRING, "Kết quả thực hiện", OPT, NULL, NULL, NULL},
    {"quantity_text", FIELD_STRING, "Khối lượng so với yêu cầu", OPT, NULL, NULL, NULL},
    {"difficulties", FIELD_STRING, "Khó khăn, vướng mắc", OPT, NULL, NULL, NULL},
    {"proposals", FIELD_STRING, "Kiến nghị, đề xuất", OPT, NULL, NULL, NULL},
    {"evidence_count", FIELD_INTEGER, "Số minh chứng", REQ, NULL, "0", NULL},
    {"updated_at", FIELD_DATETIME, "Cập nhật lúc", OPT, NULL, NULL, NULL},
};
static size_t update_count(const report_data *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_tasks; i++)
        n += d->tasks[i].has_update;
    return n;
}
static void update_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    const report_task *t = NULL;
    for (size_t k = 0, seen = 0; k < d->n_tasks; k++)
        if (d->tasks[k].has_update && seen++ == i) {
            t = &d->tasks[k];
            break;
        }
    const char *v[] = {t->key, d->period, task_status_code(t->status),
                       task_status_label_vi(t->status), task_status_code(t->counted),
                       fmt_num(t->completion, s[0]), t->done_text, t->quantity_text,
                       t->difficulties, t->proposals,
                       fmt_int(t->evidence_pending + t->evidence_accepted + t->evidence_rejected,
                               s[1]),
                       t->updated_at};
    memcpy(c, v, sizeof v);
}

/* ---------- projects ---------- */

static const report_field project_fields[] = {
    {"key", FIELD_STRING, "Khóa dự án", REQ, NULL, NULL, NULL},
    {"section", FIELD_STRING, "Phần / nhóm", OPT, NULL, NULL, NULL},
    {"code", FIELD_STRING, "Số thứ tự", REQ, NULL, NULL, NULL},
    {"group", FIELD_STRING, "Nhóm", OPT, NULL, NULL, NULL},
    {"name", FIELD_STRING, "Tên nhiệm vụ, dự án", REQ, NULL, NULL, NULL},
    {"legal_basis", FIELD_STRING, "Căn cứ pháp lý", OPT, NULL, NULL, NULL},
    {"budget_total", FIELD_NUMBER, "Tổng mức đầu tư", OPT, NULL, NULL, NULL},
    {"budget_province", FIELD_NUMBER, "Tổng mức: ngân sách tỉnh", OPT, NULL, NULL, NULL},
    {"budget_commune", FIELD_NUMBER, "Tổng mức: ngân sách xã", OPT, NULL, NULL, NULL},
    {"budget_other", FIELD_NUMBER, "Tổng mức: nguồn khác", OPT, NULL, NULL, NULL},
    {"year_total", FIELD_NUMBER, "Nhu cầu năm", OPT, NULL, NULL, NULL},
    {"year_province", FIELD_NUMBER, "Nhu cầu năm: ngân sách tỉnh", OPT, NULL, NULL, NULL},
    {"year_commune", FIELD_NUMBER, "Nhu cầu năm: ngân sách xã", OPT, NULL, NULL, NULL},
    {"year_other", FIELD_NUMBER, "Nhu cầu năm: nguồn khác", OPT, NULL, NULL, NULL},
    {"disbursed", FIELD_NUMBER, "Đã giải ngân đến cuối kỳ", REQ, NULL, NULL, NULL},
    {"money_unit", FIELD_STRING, "Đơn vị tiền", REQ, NULL, NULL, NULL},
};
static size_t project_count(const report_data *d) { return d->n_projects; }
static void project_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    const report_project *p = &d->projects[i];
    const char *v[] = {p->key, p->section, p->code, p->group, p->name, p->legal_basis,
                       fmt_num(p->budget_total, s[0]), fmt_num(p->budget_province, s[1]),
                       fmt_num(p->budget_commune, s[2]), fmt_num(p->budget_other, s[3]),
                       fmt_num(p->year_total, s[4]), fmt_num(p->year_province, s[5]),
                       fmt_num(p->year_commune, s[6]), fmt_num(p->year_other, s[7]),
                       fmt_real(p->disbursed, s[8]), d->money_unit};
    memcpy(c, v, sizeof v);
}

/* ---------- disbursements ---------- */

static const report_field disbursement_fields[] = {
    {"project_key", FIELD_STRING, "Khóa dự án", REQ, NULL, NULL, NULL},
    {"position", FIELD_INTEGER, "Thứ tự", REQ, NULL, "0", NULL},
    {"period", FIELD_STRING, "Kỳ", OPT, NULL, NULL, NULL},
    {"date", FIELD_DATE, "Ngày giải ngân", OPT, NULL, NULL, NULL},
    {"amount", FIELD_NUMBER, "Số tiền", REQ, NULL, NULL, NULL},
    {"note", FIELD_STRING, "Ghi chú", OPT, NULL, NULL, NULL},
};
static size_t disbursement_count(const report_data *d) { return d->n_disbursements; }
static void disbursement_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    const report_disbursement *x = &d->disbursements[i];
    const char *v[] = {x->project_key, fmt_int(x->pos, s[0]), x->period, x->date,
                       fmt_real(x->amount, s[1]), x->note};
    memcpy(c, v, sizeof v);
}

/* ---------- evidence ---------- */

static const report_field evidence_fields[] = {
    {"task_key", FIELD_STRING, "Khóa nhiệm vụ", REQ, NULL, NULL, NULL},
    {"period", FIELD_STRING, "Kỳ báo cáo", REQ, NULL, NULL, NULL},
    {"sha256", FIELD_STRING, "Mã băm SHA-256", REQ, NULL, NULL, NULL},
    {"file", FIELD_STRING, "Tệp trong gói", REQ, NULL, NULL, NULL},
    {"original_name", FIELD_STRING, "Tên tệp gốc", REQ, NULL, NULL, NULL},
    {"size", FIELD_INTEGER, "Dung lượng (byte)", REQ, NULL, "0", NULL},
    {"mime", FIELD_STRING, "Kiểu tệp", OPT, NULL, NULL, NULL},
    {"appraisal", FIELD_STRING, "Thẩm định", REQ, "pending|accepted|rejected", NULL, NULL},
    {"appraisal_label", FIELD_STRING, "Thẩm định (nhãn)", REQ, NULL, NULL, NULL},
    {"appraisal_reason", FIELD_STRING, "Lý do", OPT, NULL, NULL, NULL},
    {"added_at", FIELD_DATETIME, "Thêm lúc", OPT, NULL, NULL, NULL},
};
static size_t evidence_count(const report_data *d) { return d->n_evidence; }
static void evidence_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    const report_evidence *e = &d->evidence[i];
    xaso_appraisal a = EVIDENCE_PENDING;
    appraisal_from_code(e->appraisal, &a);
    const char *v[] = {e->task_key, d->period, e->sha256, e->bundle_name, e->original_name,
                       fmt_int(e->size, s[0]), e->mime, e->appraisal, appraisal_label_vi(a),
                       e->appraisal_reason, e->added_at};
    memcpy(c, v, sizeof v);
}

/* ---------- unit scorecard ---------- */

/* The fields come from the scorecard's own column list (scorecard_fields()), with the
 * constraints a CSV reader can check: counts are non-negative, the average is a percentage. */
static report_field scorecard_table_fields[REPORT_MAX_FIELDS];
static size_t scorecard_n_fields;

static void scorecard_fields_fill(void)
{
    if (scorecard_n_fields)
        return;
    size_t n;
    const scorecard_field *f = scorecard_fields(&n);
    if (n > REPORT_MAX_FIELDS)
        n = REPORT_MAX_FIELDS;
    for (size_t i = 0; i < n; i++) {
        report_field *r = &scorecard_table_fields[i];
        r->name = f[i].code;
        r->title = f[i].title_vi;
        r->required = true;
        r->type = f[i].type == SC_FIELD_TEXT      ? FIELD_STRING
                  : f[i].type == SC_FIELD_INTEGER ? FIELD_INTEGER
                                                  : FIELD_NUMBER;
        if (f[i].type != SC_FIELD_TEXT)
            r->minimum = "0";
        if (f[i].type == SC_FIELD_NUMBER)
            r->maximum = "100";
    }
    scorecard_n_fields = n;
}

static size_t scorecard_count(const report_data *d) { return report_scorecard_count(d); }
static void scorecard_row(const report_data *d, size_t i, const char **c, char s[][48])
{
    const scorecard_unit *u = report_scorecard_unit(d, i);
    for (size_t f = 0; u && f < scorecard_n_fields; f++)
        c[f] = f == 0 ? u->code : f == 1 ? u->name : scorecard_field_text(u, f, s[f], 48);
}

#define TABLE(nm, title, fields, pk, count, row, ...) \
    {nm, nm ".csv", title, fields, COUNT(fields), pk, {__VA_ARGS__}, count, row}

static report_table tables[] = {
    TABLE("report", "Thông tin báo cáo", report_fields, "plan_key,period", report_count,
          report_row, {0}),
    TABLE("units", "Đơn vị", unit_fields, "code", unit_count, unit_row, {0}),
    TABLE("targets", "Chỉ tiêu", target_fields, "key", target_count, target_row,
          {"responsible_unit", "units", "code"}),
    TABLE("target_values", "Kết quả thực hiện chỉ tiêu", value_fields, "target_key,period",
          target_count, value_row, {"target_key", "targets", "key"}),
    TABLE("tasks", "Nhiệm vụ", task_fields, "key", task_count, task_row, {0}),
    TABLE("assignments", "Phân công nhiệm vụ", assignment_fields, "task_key,unit_code,role",
          assignment_count, assignment_row, {"task_key", "tasks", "key"},
          {"unit_code", "units", "code"}),
    TABLE("task_updates", "Kết quả thực hiện nhiệm vụ", update_fields, "task_key,period",
          update_count, update_row, {"task_key", "tasks", "key"}),
    TABLE("projects", "Nhiệm vụ, dự án có kinh phí", project_fields, "key", project_count,
          project_row, {0}),
    TABLE("disbursements", "Giải ngân", disbursement_fields, "project_key,position",
          disbursement_count, disbursement_row, {"project_key", "projects", "key"}),
    TABLE("evidence", "Danh mục minh chứng", evidence_fields, "task_key,sha256",
          evidence_count, evidence_row, {"task_key", "tasks", "key"}),
    {"scorecard", "scorecard.csv", "Bảng theo dõi kết quả của đơn vị", scorecard_table_fields, 0,
     "unit_code", {{"unit_code", "units", "code"}}, scorecard_count, scorecard_row},
};

const report_table *report_tables(size_t *n)
{
    scorecard_fields_fill();
    tables[COUNT(tables) - 1].n_fields = scorecard_n_fields;
    *n = COUNT(tables);
    return tables;
}
