/* libFuzzer target: the form-definition loader (src/forms). The input is written to a temporary
 * YAML file and loaded with form_load_file; a definition that loads is then exercised: every
 * field's visibility, requirement, computed value and validation against a sample text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "xaso/error.h"
#include "xaso/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/xaso-fuzz-form-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    xaso_error err;
    xaso_error_clear(&err);
    xaso_form *form = form_load_file(path, "fuzz", &err);
    unlink(path);
    if (!form) {
        if (!err.message[0])
            abort(); /* a refusal always says why */
        return 0;
    }
    size_t n = form->n_fields;
    const char **texts = calloc(n ? n : 1, sizeof *texts);
    char buf[256];
    static const char *const samples[] = {"", "12,5", "abc", "2026-11-23", "-1", "1.000.000"};
    for (size_t i = 0; i < n; i++)
        texts[i] = samples[i % (sizeof samples / sizeof *samples)];
    for (size_t i = 0; texts && i < n; i++) {
        form_field_visible(form->fields, n, i, texts);
        form_field_required(form->fields, n, i, texts);
        form_compute_text(form->fields, n, i, texts, buf, sizeof buf);
        form_result r;
        form_validate_field(&form->fields[i], texts[i], &r);
    }
    free(texts);
    form_free(form);
    return 0;
}
