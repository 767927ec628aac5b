#include "xaso/plan.h"

#include <stdio.h>
#include <stdlib.h>

#include "xaso/strbuf.h"
#include "xaso/value.h"

xaso_plan *plan_new(void)
{
    xaso_plan *plan = xcalloc(1, sizeof *plan);
    plan->arena = arena_new();
    plan->format = XASO_PLAN_FORMAT;
    plan->header.date = XASO_DATE_NONE;
    return plan;
}

void plan_free(xaso_plan *plan)
{
    if (!plan)
        return;
    arena_free(plan->arena);
    free(plan);
}

const char *plan_item_key(const char *section, const char *code, char *buf, size_t size)
{
    if (section && *section)
        snprintf(buf, size, "%s/%s", section, code ? code : "");
    else
        snprintf(buf, size, "%s", code ? code : "");
    return buf;
}

int plan_base_year(const xaso_plan *plan)
{
    if (plan->header.period.from)
        return plan->header.period.from;
    if (plan->header.date != XASO_DATE_NONE) {
        int y, m, d;
        date_to_ymd(plan->header.date, &y, &m, &d);
        return y;
    }
    return plan->header.period.to;
}

void plan_target_derive(xaso_arena *arena, plan_target *t)
{
    if (t->target && (!t->comparator || (!t->value.set && !t->unit))) {
        xaso_target_value tv;
        target_value_parse(t->target, &tv);
        if (!t->comparator)
            t->comparator = arena_strdup(arena, comparator_code(tv.comparator));
        if (!t->value.set && tv.has_value)
            t->value = (plan_number){true, tv.value};
        if (!t->unit && tv.unit[0])
            t->unit = arena_strdup(arena, tv.unit);
    }
    if (!t->comparator || !*t->comparator)
        t->comparator = arena_strdup(arena, t->value.set ? ">=" : "text");
}
