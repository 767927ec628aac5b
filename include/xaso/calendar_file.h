/* The working calendar from forms/calendar.yaml (format documented at the top of that file). */
#ifndef XASO_CALENDAR_FILE_H
#define XASO_CALENDAR_FILE_H

#include "xaso/calendar.h"
#include "xaso/error.h"

/* Read a calendar file: strict (unknown keys, wrong types, impossible dates → FILE:LINE:COL).
 * On error *cal is left as calendar_default() builds it. */
int calendar_load(const char *path, xaso_calendar *cal, xaso_error *err);

/* The calendar in effect: $XDG_CONFIG_HOME/xaso/calendar.yaml when present, else the installed
 * forms/calendar.yaml. When that cannot be read, *cal is calendar_default() and err says why (the
 * program goes on with the built-in calendar). */
int calendar_load_default(xaso_calendar *cal, xaso_error *err);

#endif
