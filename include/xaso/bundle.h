/* Bundles: one zip per (sender, plan, period) — a BagIt 1.0 bag (RFC 8493) under one top-level
 * folder, whose payload is a Frictionless tabular data package, the report document and the
 * evidence files. Writing is safe on USB sticks; verifying is paranoid and never writes. */
#ifndef XASO_BUNDLE_H
#define XASO_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/error.h"
#include "xaso/store.h"

/* ---------- writing ---------- */

/* The stages of a build as the progress callback sees them: writing the zip next to the target
 * (fraction 0 … 1 as the entries are compressed and written), then reading the written copy back
 * and verifying it (0 at its start, 1 at its end). Only when bundle_build returns 0 is the copy
 * known good ("safe to unplug"). */
typedef enum { BUNDLE_STAGE_WRITE = 0, BUNDLE_STAGE_VERIFY = 1 } bundle_stage;

typedef struct {
    const char *output;     /* a folder (the zip gets its standard name) or a file name */
    const char *sender;     /* NULL or "" = the whole office; else a unit code */
    const char *passphrase; /* non-NULL: AES-256 encryption with it */
    /* Optional: told how far the build is (a progress bar for large evidence). */
    void (*progress)(void *ctx, bundle_stage stage, double fraction);
    void *progress_ctx;
} bundle_options;

typedef struct {
    char path[4096];   /* where the zip is */
    char sha256[65];   /* of the whole zip file */
    unsigned long long size;
    size_t payload_files;
    unsigned long long payload_bytes;
} bundle_result;

/* The standard file name: "xaso-<office>-<plan>-<period>[-<unit>].zip" in ASCII. malloc'd. */
char *bundle_file_name(const char *office_code, const char *plan_key, const char *period,
                       const char *sender);

/* True when this libzip can write and read AES-256. */
bool bundle_encryption_supported(void);

/* Build the bundle of a finalised (or already packaged) report: next to the target, flushed,
 * renamed, the folder flushed, then the written copy re-opened and verified. Only then does the
 * report become packaged. On any failure nothing is left at the target and the report is
 * unchanged; err says what happened (a full or vanished target included). */
int bundle_build(xaso_store *st, long long plan_id, const char *period,
                 const bundle_options *opt, bundle_result *res, xaso_error *err);

/* Write a report built by the caller (a receiver's consolidated report, src/receive) as a
 * bundle, written and verified like bundle_build; no report state is checked or changed. */
struct report_data;
int bundle_build_data(xaso_store *st, struct report_data *d, const bundle_options *opt,
                      bundle_result *res, xaso_error *err);

/* ---------- verifying ---------- */

typedef struct {
    unsigned long long max_entries;     /* entries in the zip */
    unsigned long long max_entry_bytes; /* one entry, uncompressed */
    unsigned long long max_total_bytes; /* all entries, uncompressed */
    unsigned long long max_ratio;       /* uncompressed / compressed, past ratio_floor bytes */
    unsigned long long ratio_floor;
    unsigned long long max_text_bytes;  /* tag files, CSV and JSON kept in memory */
} bundle_limits;

/* 50,000 entries, 2 GiB per entry, 8 GiB in all, ratio 200 past 1 MiB, text files 256 MiB. */
void bundle_limits_default(bundle_limits *l);

typedef struct {
    char **lines; /* one translated line per problem: "FILE: what is wrong" */
    size_t count, cap;
    char top[256];          /* the bag's folder */
    unsigned long long payload_bytes;
    size_t payload_files, entries;
    bool encrypted;
    char sha256[65];        /* of the whole file */
} bundle_report;

/* Check the zip at path (passphrase may be NULL). Returns 0 when the file could be examined —
 * then rep->count == 0 means a valid bundle — or an error when it cannot be read at all. Nothing
 * from the zip is ever written to disk; every read is bounded (limits NULL = defaults). */
int bundle_verify(const char *path, const char *passphrase, const bundle_limits *limits,
                  bundle_report *rep, xaso_error *err);
void bundle_report_free(bundle_report *rep);

/* The text files of a bundle (tag files, CSV and JSON under data/), as read by the verifier. */
typedef struct {
    char *name; /* relative to the bag folder: "data/targets.csv" */
    char *text; /* NUL-terminated */
    size_t len;
} bundle_text;
typedef struct {
    bundle_text *items;
    size_t count;
} bundle_texts;

/* bundle_verify that also hands over the text files it read, when the bundle is valid
 * (rep->count == 0); texts is empty otherwise. Nothing is extracted to disk. */
int bundle_verify_keep(const char *path, const char *passphrase, const bundle_limits *limits,
                       bundle_report *rep, bundle_texts *texts, xaso_error *err);
void bundle_texts_free(bundle_texts *t);
/* The text file called name ("bag-info.txt", "data/report.csv"), or NULL. */
const bundle_text *bundle_text_find(const bundle_texts *t, const char *name);
/* True when some entry of the zip is encrypted (false also when it cannot be opened). */
bool bundle_is_encrypted(const char *path);

#endif
