/* Plan files (docs/plan-format.md) in and out. */
#ifndef XASO_PLANIO_H
#define XASO_PLANIO_H

#include "xaso/error.h"
#include "xaso/plan.h"

/* Read and validate a whole plan file. NULL on error, with FILE:LINE:COL and a message in err.
 * Derived values are filled in: comparator/value/unit from a target's printed text, the typed
 * timeline from a task's printed timeline, unit references resolved to unit codes. */
xaso_plan *planio_load(const char *path, xaso_error *err);
/* Same, from memory (name used in messages). */
xaso_plan *planio_load_buffer(const char *name, const char *data, size_t len, xaso_error *err);

/* Write plan as a plan file at path, atomically (temporary file, fsync, rename). */
int planio_save(const xaso_plan *plan, const char *path, xaso_error *err);
/* Write plan as YAML text into a malloc'd NUL-terminated buffer (*out, *len). */
int planio_write_buffer(const xaso_plan *plan, char **out, size_t *len, xaso_error *err);

#endif
