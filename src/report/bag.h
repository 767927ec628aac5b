/* BagIt 1.0 (RFC 8493) tag files and SHA-256 helpers, shared by the writer and the checker.
 * Internal to src/report. */
#ifndef XASO_REPORT_BAG_H
#define XASO_REPORT_BAG_H

#include <stddef.h>

#include "xaso/strbuf.h"

#define BAGIT_TXT "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

/* SHA-256 of data as 64 lower-case hex digits (out >= 65 bytes), with OpenSSL EVP. */
void sha256_hex(const void *data, size_t len, char *out);

typedef struct {
    const char *path; /* relative to the bag: "data/targets.csv" */
    const char *sha256;
} bag_line;

/* Manifest lines "<sha256>  <path>\n" in the order given (sorted by the caller); CR, LF and %
 * in paths are percent-encoded as the RFC asks. */
void bag_manifest(strbuf *out, const bag_line *lines, size_t n);

/* Append "Label: value\n" with line breaks in value turned into spaces. */
void bag_info_line(strbuf *out, const char *label, const char *value);

#endif
