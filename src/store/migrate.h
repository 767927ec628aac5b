/* Migrations with an explicit step table, so tests can upgrade through steps of their own.
 * Internal to src/store (and its tests). */
#ifndef XASO_STORE_MIGRATE_H
#define XASO_STORE_MIGRATE_H

#include <stddef.h>

#include "xaso/store.h"

/* Bring the database from its user_version to count: one transaction per step, a backup copy
 * (PATH.before-vN-STAMP.bak) first when the database already has a schema, refusal when it is
 * newer than count. */
int store_migrate(xaso_store *st, const char *const *const *steps, size_t count, xaso_error *err);

#endif
