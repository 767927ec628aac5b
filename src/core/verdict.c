/* Verdicts: đạt / vượt / chưa đạt / chưa có số liệu. */
#include "xaso/verdict.h"

#include <math.h>
#include <string.h>

static const struct {
    xaso_verdict verdict;
    const char *code;
    const char *label_vi;
} verdicts[] = {
    {VERDICT_NO_DATA, "no-data", "chưa có số liệu"},
    {VERDICT_MET, "met", "đạt"},
    {VERDICT_EXCEEDED, "exceeded", "vượt"},
    {VERDICT_NOT_MET, "not-met", "chưa đạt"},
};

#define VERDICT_COUNT (sizeof verdicts / sizeof verdicts[0])

const char *verdict_code(xaso_verdict v)
{
    for (size_t i = 0; i < VERDICT_COUNT; i++)
        if (verdicts[i].verdict == v)
            return verdicts[i].code;
    return "no-data";
}

bool verdict_from_code(const char *code, xaso_verdict *out)
{
    if (!code)
        return false;
    for (size_t i = 0; i < VERDICT_COUNT; i++) {
        if (strcmp(verdicts[i].code, code) == 0) {
            if (out)
                *out = verdicts[i].verdict;
            return true;
        }
    }
    return false;
}

const char *verdict_label_vi(xaso_verdict v)
{
    for (size_t i = 0; i < VERDICT_COUNT; i++)
        if (verdicts[i].verdict == v)
            return verdicts[i].label_vi;
    return verdicts[0].label_vi;
}

bool verdict_is_met(xaso_verdict v)
{
    return v == VERDICT_MET || v == VERDICT_EXCEEDED;
}

/* -1, 0 or 1 as value is below, equal to (within a relative 1e-9) or above target. */
static int compare_with_tolerance(double value, double target)
{
    double scale = fmax(1.0, fmax(fabs(value), fabs(target)));
    double difference = value - target;
    if (fabs(difference) <= 1e-9 * scale)
        return 0;
    return difference < 0 ? -1 : 1;
}

static xaso_verdict judged(const xaso_observation *obs)
{
    return obs->judged_met ? VERDICT_MET : VERDICT_NOT_MET;
}

xaso_verdict verdict_of(xaso_comparator cmp, bool target_has_value, double target_value,
                        const xaso_observation *obs)
{
    if (!obs || !obs->has_value)
        return VERDICT_NO_DATA;
    if (cmp == CMP_TEXT || cmp == CMP_NONE)
        return judged(obs);
    if (!isfinite(obs->value))
        return VERDICT_NO_DATA;
    if (cmp == CMP_BOOLEAN)
        return obs->value != 0.0 ? VERDICT_MET : VERDICT_NOT_MET;
    if (!target_has_value || !isfinite(target_value))
        return judged(obs);

    int order = compare_with_tolerance(obs->value, target_value);
    switch (cmp) {
    case CMP_GE:
    case CMP_EQ:
        return order > 0 ? VERDICT_EXCEEDED : order == 0 ? VERDICT_MET : VERDICT_NOT_MET;
    case CMP_GT:
        return order > 0 ? VERDICT_MET : VERDICT_NOT_MET;
    case CMP_LE:
        return order < 0 ? VERDICT_EXCEEDED : order == 0 ? VERDICT_MET : VERDICT_NOT_MET;
    case CMP_LT:
        return order < 0 ? VERDICT_MET : VERDICT_NOT_MET;
    case CMP_MAINTAIN:
        return order >= 0 ? VERDICT_MET : VERDICT_NOT_MET;
    case CMP_NONE:
    case CMP_BOOLEAN:
    case CMP_TEXT:
        break;
    }
    return judged(obs);
}

bool ratio_percent(double numerator, double denominator, double *out)
{
    if (!isfinite(numerator) || !isfinite(denominator) || denominator <= 0.0 || numerator < 0.0)
        return false;
    if (out)
        *out = numerator * 100.0 / denominator;
    return true;
}
