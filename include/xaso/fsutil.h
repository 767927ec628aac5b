/* Files and folders: atomic writes, private folders, XDG paths. */
#ifndef XASO_FSUTIL_H
#define XASO_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/error.h"

/* Write data to path atomically: a temporary file in the same folder, fsync, rename over path,
 * fsync the folder. mode is the new file's permission (e.g. 0600). On failure nothing is left. */
int fs_write_atomic(const char *path, const void *data, size_t len, int mode, xaso_error *err);
/* fs_write_atomic in two steps, for a file that must appear only once something else (a database
 * commit) succeeded: fs_write_temp writes and fsyncs a temporary file next to path (*temp,
 * malloc'd); then fs_rename_temp moves it over path and fsyncs the folder, or fs_discard_temp
 * removes it. Both take *temp over (free it). On failure nothing is left. */
int fs_write_temp(const char *path, const void *data, size_t len, int mode, char **temp,
                  xaso_error *err);
int fs_rename_temp(char *temp, const char *path, xaso_error *err);
void fs_discard_temp(char *temp);
/* A mkstemp() template for a temporary file in the folder of path: "DIR/.xaso-tmp-PID-XXXXXX".
 * The writer's PID in the name lets fs_remove_stale_temps() find what a killed writer left. */
char *fs_temp_template(const char *path);
/* Remove from dir the temporary files of writers that are gone (killed mid-write): those named by
 * fs_temp_template() whose process no longer exists or that are over a day old. Returns how many
 * were removed. */
size_t fs_remove_stale_temps(const char *dir);
/* Create a folder and its parents with the given mode (existing folders are left as they are). */
int fs_mkdirs(const char *path, int mode, xaso_error *err);
/* fsync the folder that contains path. */
int fs_sync_parent(const char *path, xaso_error *err);
bool fs_exists(const char *path);
bool fs_is_dir(const char *path);
/* Read a whole file (malloc'd, NUL-terminated) up to max bytes. */
int fs_read_all(const char *path, size_t max, char **out, size_t *len, xaso_error *err);
/* $XDG_DATA_HOME/xaso (or ~/.local/share/xaso); malloc'd. */
char *fs_xdg_data_dir(void);
/* $XDG_CONFIG_HOME/xaso (or ~/.config/xaso); malloc'd. */
char *fs_xdg_config_dir(void);
/* The folder of the running program (build/ in the source tree, PREFIX/bin installed); NULL when
 * it cannot be known. malloc'd. */
char *fs_exe_dir(void);
/* Folder of installed data (forms/, …): the source tree's when the program runs from it, else
 * XASO_DATADIR. malloc'd. */
char *fs_data_dir(void);
/* Join two path parts with '/'; malloc'd. */
char *fs_join(const char *a, const char *b);

#endif
