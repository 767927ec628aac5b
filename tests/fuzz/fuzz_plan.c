/* libFuzzer target: the plan-file loader (and, when a plan loads, the writer and a reload). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/planio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xaso_error err;
    xaso_plan *plan = planio_load_buffer("fuzz.yaml", (const char *)data, size, &err);
    if (plan) {
        char *text;
        size_t len;
        if (planio_write_buffer(plan, &text, &len, &err) == 0) {
            xaso_plan *again = planio_load_buffer("again.yaml", text, len, &err);
            if (!again)
                abort(); /* what we write, we must read */
            plan_free(again);
            free(text);
        }
        plan_free(plan);
    }
    return 0;
}
