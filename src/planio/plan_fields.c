#include "plan_fields.h"

#include "xaso/i18n.h"
#include "xaso/plan.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define F(T, key, type, member) {key, type, offsetof(T, member), false, NULL, NULL, 0, 0}
#define REQ(T, key, type, member) {key, type, offsetof(T, member), true, NULL, NULL, 0, 0}
#define CODE(T, key, member, codes) {key, PF_CODE, offsetof(T, member), false, codes, NULL, 0, 0}
#define SUB(T, key, member, rec) {key, PF_STRUCT, offsetof(T, member), false, NULL, &rec, 0, 0}
#define LIST(T, key, member, rec, n, cap) \
    {key, PF_LIST, offsetof(T, member), false, NULL, &rec, offsetof(T, n), offsetof(T, cap)}
#define RECORD(T, name, fields, mark) {name, sizeof(T), fields, N(fields), mark}

static const char *const chain_codes[] = {"ubnd", "dang", NULL};
static const char *const level_codes[] = {"xa", "phuong", "dac-khu", "tinh", NULL};
static const char *const horizon_kinds[] = {"target", "orientation", NULL};
static const char *const unit_kinds[] = {"office", "group", "external", NULL};
static const char *const comparator_codes[] = {">=", ">", "=", "<=", "<", "maintain", "boolean",
                                               "text", NULL};
static const char *const task_kinds[] = {"task", "solution", "duty", NULL};
static const char *const timeline_kinds[] = {"none", "ongoing", "yearly", "year", "quarter",
                                             "month", "by-date", "done", "event", "on-request",
                                             "text", NULL};
static const char *const cadences[] = {"weekly", "monthly", "quarterly", "6-month", "9-month",
                                       "yearly", "on-request", "on-event", "once", "unspecified",
                                       NULL};

static const plan_field years_fields[] = {
    F(plan_years, "from", PF_YEAR, from),
    F(plan_years, "to", PF_YEAR, to),
};
static const plan_record years_record = RECORD(plan_years, N_("period"), years_fields, -1);

static const plan_field horizon_fields[] = {
    REQ(plan_horizon, "year", PF_YEAR, year),
    F(plan_horizon, "label", PF_TEXT, label),
    CODE(plan_horizon, "kind", kind, horizon_kinds),
};
static const plan_record horizon_record = RECORD(plan_horizon, N_("horizon"), horizon_fields, -1);

static const plan_field basis_fields[] = {
    F(plan_basis, "symbol", PF_TEXT, symbol),   F(plan_basis, "kind", PF_TEXT, kind),
    F(plan_basis, "name", PF_TEXT, name),       F(plan_basis, "date", PF_DATE, date),
    F(plan_basis, "issuer", PF_TEXT, issuer),   F(plan_basis, "subject", PF_TEXT, subject),
    F(plan_basis, "note", PF_TEXT, note),
};
static const plan_record basis_record = RECORD(plan_basis, N_("basis document"), basis_fields, -1);

static const plan_field recipient_fields[] = {
    REQ(plan_recipient, "name", PF_TEXT, name),
    F(plan_recipient, "purpose", PF_TEXT, purpose),
};
static const plan_record recipient_record =
    RECORD(plan_recipient, N_("recipient"), recipient_fields, -1);

static const plan_field header_fields[] = {
    REQ(plan_header, "key", PF_ID, key),
    F(plan_header, "symbol", PF_TEXT, symbol),
    F(plan_header, "symbol_printed", PF_TEXT, symbol_printed),
    REQ(plan_header, "title", PF_TEXT, title),
    CODE(plan_header, "chain", chain, chain_codes),
    F(plan_header, "issuer", PF_TEXT, issuer),
    CODE(plan_header, "level", level, level_codes),
    F(plan_header, "place", PF_TEXT, place),
    F(plan_header, "date", PF_DATE, date),
    F(plan_header, "date_printed", PF_TEXT, date_printed),
    SUB(plan_header, "period", period, years_record),
    F(plan_header, "money_unit", PF_TEXT, money_unit),
    F(plan_header, "signer", PF_TEXT, signer),
    F(plan_header, "note", PF_TEXT, note),
    LIST(plan_header, "horizons", horizons, horizon_record, n_horizons, cap_horizons),
    LIST(plan_header, "basis", basis, basis_record, n_basis, cap_basis),
    LIST(plan_header, "recipients", recipients, recipient_record, n_recipients, cap_recipients),
};
static const plan_record header_record = RECORD(plan_header, N_("plan"), header_fields, -1);

static const plan_field unit_fields[] = {
    REQ(plan_unit, "code", PF_ID, code),
    REQ(plan_unit, "name", PF_TEXT, name),
    F(plan_unit, "aliases", PF_STRINGS, aliases),
    CODE(plan_unit, "kind", kind, unit_kinds),
    F(plan_unit, "note", PF_TEXT, note),
};
static const plan_record unit_record =
    RECORD(plan_unit, N_("unit"), unit_fields, (long)offsetof(plan_unit, mark));

static const plan_field target_fields[] = {
    REQ(plan_target, "code", PF_TEXT, code),
    F(plan_target, "section", PF_TEXT, section),
    F(plan_target, "group", PF_TEXT, group),
    REQ(plan_target, "name", PF_TEXT, name),
    F(plan_target, "target", PF_TEXT, target),
    CODE(plan_target, "comparator", comparator, comparator_codes),
    F(plan_target, "value", PF_NUMBER, value),
    F(plan_target, "unit", PF_TEXT, unit),
    F(plan_target, "horizon", PF_YEAR, horizon),
    F(plan_target, "due", PF_DATE, due),
    F(plan_target, "responsible", PF_UNIT_REF, responsible),
    F(plan_target, "numerator", PF_TEXT, numerator),
    F(plan_target, "denominator", PF_TEXT, denominator),
    F(plan_target, "source", PF_TEXT, source),
    F(plan_target, "note", PF_TEXT, note),
};
static const plan_record target_record =
    RECORD(plan_target, N_("target"), target_fields, (long)offsetof(plan_target, mark));

static const plan_field task_fields[] = {
    REQ(plan_task, "code", PF_TEXT, code),
    F(plan_task, "section", PF_TEXT, section),
    CODE(plan_task, "kind", kind, task_kinds),
    F(plan_task, "group", PF_TEXT, group),
    REQ(plan_task, "name", PF_TEXT, name),
    F(plan_task, "expected_result", PF_TEXT, expected_result),
    F(plan_task, "timeline", PF_TEXT, timeline),
    CODE(plan_task, "timeline_kind", timeline_kind, timeline_kinds),
    F(plan_task, "start", PF_DATE, start),
    F(plan_task, "due", PF_DATE, due),
    F(plan_task, "lead", PF_UNIT_REFS, lead),
    F(plan_task, "coordinators", PF_UNIT_REFS, coordinators),
    F(plan_task, "requested", PF_UNIT_REFS, requested),
    F(plan_task, "source", PF_TEXT, source),
    F(plan_task, "note", PF_TEXT, note),
};
static const plan_record task_record =
    RECORD(plan_task, N_("task"), task_fields, (long)offsetof(plan_task, mark));

static const plan_field money_fields[] = {
    F(plan_money, "total", PF_NUMBER, total),
    F(plan_money, "province", PF_NUMBER, province),
    F(plan_money, "commune", PF_NUMBER, commune),
    F(plan_money, "other", PF_NUMBER, other),
};
static const plan_record money_record = RECORD(plan_money, N_("budget"), money_fields, -1);

static const plan_field disbursement_fields[] = {
    F(plan_disbursement, "period", PF_TEXT, period),
    F(plan_disbursement, "date", PF_DATE, date),
    REQ(plan_disbursement, "amount", PF_NUMBER, amount),
    F(plan_disbursement, "note", PF_TEXT, note),
};
static const plan_record disbursement_record =
    RECORD(plan_disbursement, N_("disbursement"), disbursement_fields, -1);

static const plan_field project_fields[] = {
    REQ(plan_project, "code", PF_TEXT, code),
    F(plan_project, "section", PF_TEXT, section),
    F(plan_project, "group", PF_TEXT, group),
    REQ(plan_project, "name", PF_TEXT, name),
    F(plan_project, "legal_basis", PF_TEXT, legal_basis),
    SUB(plan_project, "budget", budget, money_record),
    SUB(plan_project, "this_year", this_year, money_record),
    LIST(plan_project, "disbursements", disbursements, disbursement_record, n_disbursements,
         cap_disbursements),
    F(plan_project, "source", PF_TEXT, source),
    F(plan_project, "note", PF_TEXT, note),
};
static const plan_record project_record =
    RECORD(plan_project, N_("project"), project_fields, (long)offsetof(plan_project, mark));

static const plan_field obligation_fields[] = {
    REQ(plan_obligation, "code", PF_TEXT, code),
    CODE(plan_obligation, "cadence", cadence, cadences),
    F(plan_obligation, "deadline_rule", PF_TEXT, deadline_rule),
    F(plan_obligation, "from", PF_TEXT, from),
    F(plan_obligation, "to", PF_TEXT, to),
    F(plan_obligation, "channel", PF_TEXT, channel),
    F(plan_obligation, "content", PF_TEXT, content),
    F(plan_obligation, "source", PF_TEXT, source),
};
static const plan_record obligation_record = RECORD(
    plan_obligation, N_("reporting obligation"), obligation_fields,
    (long)offsetof(plan_obligation, mark));

static const plan_field file_fields[] = {
    {"plan", PF_STRUCT, offsetof(xaso_plan, header), true, NULL, &header_record, 0, 0},
    LIST(xaso_plan, "units", units, unit_record, n_units, cap_units),
    LIST(xaso_plan, "targets", targets, target_record, n_targets, cap_targets),
    LIST(xaso_plan, "tasks", tasks, task_record, n_tasks, cap_tasks),
    LIST(xaso_plan, "projects", projects, project_record, n_projects, cap_projects),
    LIST(xaso_plan, "reporting", reporting, obligation_record, n_reporting, cap_reporting),
};
const plan_record plan_file_record = RECORD(xaso_plan, N_("plan file"), file_fields, -1);
