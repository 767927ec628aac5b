/* Backups of the database: on demand, once a day automatically, and restoring one. */
#ifndef XASO_STORE_BACKUP_H
#define XASO_STORE_BACKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/store.h"

/* The folder of automatic backups: "backups" next to the database file; malloc'd. */
char *store_backup_dir(const xaso_store *st);

/* Copy the open database to path with SQLite's online backup: written next to path, checked
 * (PRAGMA integrity_check), flushed and renamed into place; 0600. Nothing is left on failure. */
int store_backup_to(xaso_store *st, const char *path, xaso_error *err);

/* Once a day: when the backups folder has no backup made today, make one
 * (NAME-YYYYMMDD-HHMMSS.db) and keep only the newest `keep`. *made says whether one was made. */
int store_backup_daily(xaso_store *st, size_t keep, bool *made, xaso_error *err);
/* Remove what a writer killed mid-way left beside the database, among its backups and in its
 * evidence store (see fs_remove_stale_temps); run at each start. Returns how many. */
size_t store_remove_stale_temps(xaso_store *st);

/* Check that path is a xaso database this program can open (integrity, schema not newer). */
int store_backup_check(const char *path, xaso_error *err);

/* Replace the database at db_path by the backup at from: checked first; the replaced database is
 * kept as a backup (its path in *kept, malloc'd, may be NULL). The database must not be open. */
int store_restore(const char *db_path, const char *from, char **kept, xaso_error *err);

#endif
