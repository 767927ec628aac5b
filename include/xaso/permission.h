/* Who may do what: roles, actions and the ownership of the item acted on, decided by one table.
 * Pure functions (no I/O); the store enforces them (store_authorize in xaso/store_account.h). */
#ifndef XASO_PERMISSION_H
#define XASO_PERMISSION_H

#include <stdbool.h>

/* Roles of staff accounts. Codes are stored in the database: never renumber or rename. */
typedef enum {
    ROLE_ADMIN = 0, /* "admin"  quản trị: the VH-XH officer */
    ROLE_UNIT = 1,  /* "unit"   cán bộ đơn vị: enters the data of its own unit's items */
    ROLE_VIEWER = 2 /* "viewer" xem: read-only (leaders) */
} xaso_role;

enum { XASO_ROLE_COUNT = 3 };

/* Actions with stable codes (also used in messages and tests). Append; never renumber. */
typedef enum {
    PERM_READ = 0,              /* "read"              see plans, progress, reports, the audit trail */
    PERM_PLAN_IMPORT = 1,       /* "plan.import"       import or re-import a plan file */
    PERM_PLAN_EDIT = 2,         /* "plan.edit"         edit plans and units */
    PERM_OFFICE_EDIT = 3,       /* "office.edit"       the office set-up (xaso init) */
    PERM_ACCOUNT_MANAGE = 4,    /* "account.manage"    create, change, disable accounts; policy */
    PERM_TASK_PROGRESS = 5,     /* "task.progress"     status, completion, what was done … */
    PERM_TARGET_VALUE = 6,      /* "target.value"      a target's value for a period */
    PERM_EVIDENCE_ADD = 7,      /* "evidence.add"      attach evidence to a task update */
    PERM_EVIDENCE_APPRAISE = 8, /* "evidence.appraise" accept or reject evidence (the office) */
    PERM_REPORT_EDIT = 9,       /* "report.edit"       a report's texts (difficulties, proposals …) */
    PERM_REPORT_FINALISE = 10,  /* "report.finalise"   finalise or reopen a report */
    PERM_REPORT_SUBMIT = 11,    /* "report.submit"     mark a report submitted or returned */
    PERM_BUNDLE_BUILD = 12,     /* "bundle.build"      package a report as a bundle */
    PERM_BUNDLE_IMPORT = 13,    /* "bundle.import"     receive bundles from units or communes */
    PERM_DATABASE_RESTORE = 14  /* "database.restore"  replace the database by a backup */
} permission_action;

enum { XASO_PERMISSION_ACTION_COUNT = 15 };

/* How the item acted on relates to the account's unit. Office-wide actions use OWNERSHIP_NONE. */
typedef enum {
    OWNERSHIP_NONE = 0,        /* another unit's item, or no unit involved */
    OWNERSHIP_COORDINATOR = 1, /* the account's unit coordinates it (đơn vị phối hợp) */
    OWNERSHIP_LEAD = 2         /* the account's unit leads it (đơn vị chủ trì; a target's responsible unit) */
} xaso_ownership;

/* The rule: may an account with role do action on an item with this ownership? Unknown values are
 * refused. */
bool permission_check(xaso_role role, permission_action action, xaso_ownership ownership);
/* True when the answer for ROLE_UNIT depends on ownership (the action is about a unit's item). */
bool permission_depends_on_ownership(permission_action action);

const char *role_code(xaso_role role);                 /* "admin", "unit", "viewer"; "" if unknown */
bool role_from_code(const char *code, xaso_role *out);
/* Labels are English msgids marked with N_(): show them with _(label). */
const char *role_label(xaso_role role);                /* "administrator", "unit staff", "read-only" */
const char *permission_action_code(permission_action action); /* "task.progress", … */
bool permission_action_from_code(const char *code, permission_action *out);
const char *permission_action_label(permission_action action); /* "enter task progress", … */

#endif
