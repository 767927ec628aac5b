/* Evidence (minh chứng): files attached to a task update. Each file is copied once into a folder
 * next to the database, `<db>.evidence/<sha256>` (0600 files in a 0700 folder), and linked to
 * updates by rows in evidence_file / evidence. Every call is one audited transaction. */
#ifndef XASO_STORE_EVIDENCE_H
#define XASO_STORE_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/status.h"
#include "xaso/store.h"

#define XASO_SHA256_HEX_SIZE 65 /* 64 hex digits + NUL */

/* Default largest evidence file, in MiB; $XASO_EVIDENCE_MAX_MB overrides it. */
#define XASO_EVIDENCE_DEFAULT_MAX_MB 64

/* The size limit in effect, in bytes. */
long long store_evidence_max_size(void);

/* The evidence folder of the store ("<db>.evidence") and the path of one stored file; malloc'd. */
char *store_evidence_dir(xaso_store *st);
char *store_evidence_path(xaso_store *st, const char *sha256);

typedef struct {
    long long evidence_id;
    long long task_update_id;
    char sha256[XASO_SHA256_HEX_SIZE];
    long long size;
    bool already_attached; /* the same content was already attached to this update: no change */
    bool already_stored;   /* the content was already in the folder (another update uses it) */
} evidence_add_result;

/* Attach the file at `path` to the update of task_id for period (the update is created when
 * missing). original_name NULL = the file's base name. The file is hashed (SHA-256) while it is
 * copied into the folder, atomically; a file over the size limit, a folder or a device is refused
 * with a clear message. A finalised report for the period locks it (XASO_EX_NOPERM). */
int store_evidence_add(xaso_store *st, long long task_id, const char *period, const char *path,
                       const char *original_name, evidence_add_result *res, xaso_error *err);

typedef struct {
    long long id, task_update_id, task_id, size;
    const char *task_key, *task_code, *period, *sha256, *original_name, *mime;
    xaso_appraisal appraisal; /* EVIDENCE_PENDING, _ACCEPTED or _REJECTED */
    const char *appraisal_reason, *appraised_by, *appraised_at, *added_at, *added_by;
} evidence_info;

/* Call cb for each evidence row of the plan (period / task_id may be NULL / 0 = all), ordered by
 * task position, period, then when it was added. cb returning non-zero stops the walk. */
int store_evidence_list(xaso_store *st, long long plan_id, const char *period, long long task_id,
                        int (*cb)(const evidence_info *, void *), void *ctx, xaso_error *err);

/* Record the appraisal of one evidence row: EVIDENCE_ACCEPTED, or EVIDENCE_REJECTED with a
 * reason (required). Locked like the data of its period. */
int store_evidence_appraise(xaso_store *st, long long evidence_id, xaso_appraisal appraisal,
                            const char *reason, xaso_error *err);

/* A MIME type from the first bytes and the file name ("application/pdf", "image/jpeg", …;
 * "application/octet-stream" when unknown). */
const char *evidence_guess_mime(const unsigned char *head, size_t n, const char *name);
/* True for formats that are already compressed (JPEG, PNG, PDF, DOCX/XLSX/ODT and other zips,
 * video, audio, archives): a bundle stores them without deflating them again. */
bool evidence_mime_is_compressed(const char *mime);

#endif
