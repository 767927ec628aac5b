/* Database schema as migration steps: step i (a NULL-terminated list of SQL statements) brings
 * user_version from i to i + 1. Internal. */
#ifndef XASO_STORE_SCHEMA_H
#define XASO_STORE_SCHEMA_H

#include <stddef.h>

extern const char *const *const store_migrations[];
extern const size_t store_migration_count;

#endif
