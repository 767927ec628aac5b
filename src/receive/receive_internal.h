/* Shared by the files of src/receive. Internal. */
#ifndef XASO_RECEIVE_INTERNAL_H
#define XASO_RECEIVE_INTERNAL_H

#include "xaso/receive.h"

/* Text from a bundle: NFC, control characters dropped (line breaks and tabs kept), the writer's
 * formula-guarding apostrophe taken off. malloc'd, never NULL. */
char *receive_clean_text(const char *s);

/* Append a row of n cells (copied; NULL = "") to t; the first call sets the header. */
void receive_table_add(receive_table *t, const char *const *cells, size_t n);

#endif
