#include "xaso/plan.h"

#include <stdio.h>
#include <stdlib.h>

#include "xaso/strbuf.h"

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
