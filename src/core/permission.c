#include "xaso/permission.h"

#include <string.h>

#include "xaso/i18n.h" /* N_() only: labels are msgids, translated by the caller */

/* Who may do what. One row per action: the administrator, unit staff whose unit leads the item,
 * unit staff whose unit coordinates it, unit staff of another unit (or of no unit involved), and
 * the read-only viewer. This table is the whole rule; tests/unit/test_permission.c walks it. */
typedef struct {
    const char *code;
    const char *label; /* marked for translation: "may not …" */
    bool admin, unit_lead, unit_coordinator, unit_other, viewer;
} permission_rule;

#define Y true
#define n false
static const permission_rule rules[XASO_PERMISSION_ACTION_COUNT] = {
    /*                       code                 label                             adm lead coor oth view */
    [PERM_READ]              = {"read",              N_("read data"),                   Y, Y, Y, Y, Y},
    [PERM_PLAN_IMPORT]       = {"plan.import",       N_("import plans"),                Y, n, n, n, n},
    [PERM_PLAN_EDIT]         = {"plan.edit",         N_("edit plans and units"),        Y, n, n, n, n},
    [PERM_OFFICE_EDIT]       = {"office.edit",       N_("change the office set-up"),    Y, n, n, n, n},
    [PERM_ACCOUNT_MANAGE]    = {"account.manage",    N_("manage staff accounts"),       Y, n, n, n, n},
    [PERM_TASK_PROGRESS]     = {"task.progress",     N_("enter task progress"),         Y, Y, Y, n, n},
    [PERM_TARGET_VALUE]      = {"target.value",      N_("enter target values"),         Y, Y, Y, n, n},
    [PERM_EVIDENCE_ADD]      = {"evidence.add",      N_("add evidence"),                Y, Y, Y, n, n},
    [PERM_EVIDENCE_APPRAISE] = {"evidence.appraise", N_("appraise evidence"),           Y, n, n, n, n},
    [PERM_REPORT_EDIT]       = {"report.edit",       N_("edit reports"),                Y, n, n, n, n},
    [PERM_REPORT_FINALISE]   = {"report.finalise",   N_("finalise or reopen reports"),  Y, n, n, n, n},
    [PERM_REPORT_SUBMIT]     = {"report.submit",     N_("mark reports submitted or returned"), Y, n, n, n, n},
    [PERM_BUNDLE_BUILD]      = {"bundle.build",      N_("build bundles"),               Y, n, n, n, n},
    [PERM_BUNDLE_IMPORT]     = {"bundle.import",     N_("receive bundles"),             Y, n, n, n, n},
    [PERM_DATABASE_RESTORE]  = {"database.restore",  N_("restore the database"),        Y, n, n, n, n},
};
#undef Y
#undef n

static const permission_rule *rule_of(permission_action action)
{
    if ((unsigned)action >= XASO_PERMISSION_ACTION_COUNT || !rules[action].code)
        return NULL;
    return &rules[action];
}

bool permission_check(xaso_role role, permission_action action, xaso_ownership ownership)
{
    const permission_rule *r = rule_of(action);
    if (!r)
        return false;
    switch (role) {
    case ROLE_ADMIN:
        return r->admin;
    case ROLE_VIEWER:
        return r->viewer;
    case ROLE_UNIT:
        switch (ownership) {
        case OWNERSHIP_LEAD:
            return r->unit_lead;
        case OWNERSHIP_COORDINATOR:
            return r->unit_coordinator;
        case OWNERSHIP_NONE:
            return r->unit_other;
        }
        return false;
    }
    return false;
}

bool permission_depends_on_ownership(permission_action action)
{
    const permission_rule *r = rule_of(action);
    return r && (r->unit_lead != r->unit_other || r->unit_coordinator != r->unit_other);
}

static const char *const role_codes[XASO_ROLE_COUNT] = {"admin", "unit", "viewer"};
static const char *const role_labels[XASO_ROLE_COUNT] = {
    /* TRANSLATORS: role of a staff account (quản trị) */
    N_("administrator"),
    /* TRANSLATORS: role of a staff account (cán bộ đơn vị) */
    N_("unit staff"),
    /* TRANSLATORS: role of a staff account (xem): may only read */
    N_("read-only"),
};

const char *role_code(xaso_role role)
{
    return (unsigned)role < XASO_ROLE_COUNT ? role_codes[role] : "";
}

bool role_from_code(const char *code, xaso_role *out)
{
    for (unsigned i = 0; code && i < XASO_ROLE_COUNT; i++)
        if (!strcmp(code, role_codes[i])) {
            *out = (xaso_role)i;
            return true;
        }
    return false;
}

const char *role_label(xaso_role role)
{
    return (unsigned)role < XASO_ROLE_COUNT ? role_labels[role] : "?";
}

const char *permission_action_code(permission_action action)
{
    const permission_rule *r = rule_of(action);
    return r ? r->code : "";
}

bool permission_action_from_code(const char *code, permission_action *out)
{
    for (unsigned i = 0; code && i < XASO_PERMISSION_ACTION_COUNT; i++)
        if (rules[i].code && !strcmp(code, rules[i].code)) {
            *out = (permission_action)i;
            return true;
        }
    return false;
}

const char *permission_action_label(permission_action action)
{
    const permission_rule *r = rule_of(action);
    return r ? r->label : "?";
}
