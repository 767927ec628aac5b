/* libFuzzer target: every parser of what people type: numbers, target values, timelines,
 * periods, dates and numbers in either language (format_parse_number). The input is one NUL-terminated string. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/date.h"
#include "xaso/format.h"
#include "xaso/period.h"
#include "xaso/timeline.h"
#include "xaso/utf8.h"
#include "xaso/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    if (utf8_valid(s, strlen(s), NULL)) {
        double v;
        number_parse(s, NUM_DECIMAL, &v);
        number_parse(s, NUM_MONEY, &v);
        xaso_target_value tv;
        target_value_parse(s, &tv);
        xaso_timeline tl;
        timeline_parse(s, 2026, &tl);
        if (tl.start != XASO_DATE_NONE && tl.due != XASO_DATE_NONE && tl.start > tl.due)
            abort(); /* a timeline never ends before it starts */
        xaso_period p;
        if (period_parse(s, &p)) {
            char buf[XASO_PERIOD_ID_SIZE];
            if (strcmp(period_format(&p, buf, sizeof buf), s) != 0)
                abort(); /* identifiers round-trip */
        }
        char msg[256];
        static const format_quantity qs[] = {FORMAT_VALUE, FORMAT_PERCENT, FORMAT_COUNT,
                                             FORMAT_MONEY};
        for (size_t q = 0; q < sizeof qs / sizeof *qs; q++) {
            msg[0] = '\0';
            if (format_parse_number(s, qs[q], &v, msg, sizeof msg) != FORMAT_PARSE_OK &&
                !msg[0])
                abort(); /* a refusal always says why */
        }
        xaso_date d;
        date_parse_iso(s, &d);
        date_parse_vn(s, &d);
        free(utf8_fold(s));
        free(utf8_nfc(s));
    }
    free(s);
    return 0;
}
