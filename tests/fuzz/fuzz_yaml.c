/* libFuzzer target: the strict YAML reader under tight limits. */
#include <stdint.h>

#include "xaso/yamldoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xaso_error err;
    ydoc_limits limits = {1 << 20, 32, 100000};
    ydoc *doc = ydoc_load_buffer("fuzz.yaml", (const char *)data, size, &limits, &err);
    ydoc_free(doc);
    return 0;
}
