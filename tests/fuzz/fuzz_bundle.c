/* libFuzzer target: the bundle reader and verifier. The input is written to a temporary file and
 * checked with bundle_verify (tight limits, so that a zip bomb is cut short quickly); it must
 * never crash, and a refusal always says why. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "xaso/bundle.h"
#include "xaso/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/xaso-fuzz-bundle-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    bundle_limits lim;
    bundle_limits_default(&lim);
    lim.max_entries = 2000;
    lim.max_entry_bytes = lim.max_total_bytes = lim.max_text_bytes = 8u << 20;
    bundle_report rep = {0};
    xaso_error err;
    xaso_error_clear(&err);
    int rc = bundle_verify(path, size % 2 ? "fuzz" : NULL, &lim, &rep, &err);
    if (rc && !err.message[0])
        abort(); /* an unreadable file is refused with a message */
    bundle_report_free(&rep);
    unlink(path);
    return 0;
}
