/* A whole plan in memory: what a plan file carries and what the store saves and loads.
 * Every string is UTF-8 NFC, owned by the plan's arena; NULL means absent. */
#ifndef XASO_PLAN_H
#define XASO_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/arena.h"
#include "xaso/date.h"

#define XASO_PLAN_FORMAT 1

/* An optional number. */
typedef struct {
    bool set;
    double v;
} plan_number;


/* Where an item was read from (0 when it did not come from a file). */
typedef struct {
    int line, col;
} plan_mark;

typedef struct {
    char **items;
    plan_mark *marks; /* where each item was read (NULL when not from a file) */
    size_t count, cap, marks_cap;
} plan_strings;

typedef struct {
    char *symbol, *kind, *name, *issuer, *subject, *note;
    xaso_date date;
} plan_basis;

typedef struct {
    int year;
    char *label, *kind; /* kind: "target" | "orientation" */
} plan_horizon;

typedef struct {
    char *name, *purpose;
} plan_recipient;

typedef struct {
    int from, to; /* 0 = not stated */
} plan_years;

typedef struct {
    char *code, *name, *kind, *note; /* kind: "office" | "group" | "external" */
    plan_strings aliases;
    plan_mark mark;
} plan_unit;

typedef struct {
    char *code, *section, *group, *name, *target, *comparator, *unit, *responsible, *numerator,
        *denominator, *source, *note;
    plan_number value;
    int horizon;
    xaso_date due;
    plan_mark mark;
} plan_target;

typedef struct {
    char *code, *section, *kind, *group, *name, *expected_result, *timeline, *timeline_kind,
        *source, *note;
    xaso_date start, due;
    plan_strings lead, coordinators, requested; /* unit codes once resolved */
    plan_mark mark;
} plan_task;

typedef struct {
    plan_number total, province, commune, other;
} plan_money;

typedef struct {
    char *period, *note;
    xaso_date date;
    plan_number amount;
} plan_disbursement;

typedef struct {
    char *code, *section, *group, *name, *legal_basis, *source, *note;
    plan_money budget, this_year;
    plan_disbursement *disbursements;
    size_t n_disbursements, cap_disbursements;
    plan_mark mark;
} plan_project;

typedef struct {
    char *code, *cadence, *deadline_rule, *from, *to, *channel, *content, *source;
    plan_mark mark;
} plan_obligation;

typedef struct {
    char *key, *symbol, *symbol_printed, *title, *chain, *issuer, *level, *place, *date_printed,
        *money_unit, *signer, *note;
    xaso_date date;
    plan_years period;
    plan_horizon *horizons;
    size_t n_horizons, cap_horizons;
    plan_basis *basis;
    size_t n_basis, cap_basis;
    plan_recipient *recipients;
    size_t n_recipients, cap_recipients;
} plan_header;

typedef struct xaso_plan {
    xaso_arena *arena;
    int format;
    plan_header header;
    plan_unit *units;
    size_t n_units, cap_units;
    plan_target *targets;
    size_t n_targets, cap_targets;
    plan_task *tasks;
    size_t n_tasks, cap_tasks;
    plan_project *projects;
    size_t n_projects, cap_projects;
    plan_obligation *reporting;
    size_t n_reporting, cap_reporting;
} xaso_plan;

xaso_plan *plan_new(void);
void plan_free(xaso_plan *plan);

/* Identity of an item inside its list: "section/code", or "code" when there is no section.
 * Writes into buf and returns it. */
const char *plan_item_key(const char *section, const char *code, char *buf, size_t size);

/* The year the plan's dates default to (period.from, else the plan date's year, else period.to). */
int plan_base_year(const xaso_plan *plan);

/* The typed parts of a target that its printed text gives, as plan import fills them in:
 * comparator, value and unit from target_value_parse when the comparator is missing (or the value
 * and unit both are); then a comparator still missing is ">=" with a value, "text" without. Plan
 * files and the interface's target form share this rule. New strings go in arena. */
void plan_target_derive(xaso_arena *arena, plan_target *t);

#endif
