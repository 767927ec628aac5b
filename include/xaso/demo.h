/* The demo database: phường Ngọc Sơn 2026 from forms/plans, kept apart from the user's own data. */
#ifndef XASO_DEMO_H
#define XASO_DEMO_H

#include "xaso/error.h"
#include "xaso/store.h"

/* $XDG_DATA_HOME/xaso/demo.db; malloc'd. */
char *demo_path(void);
/* Open the demo database, building it first when it is missing. */
int demo_open(xaso_store **out, xaso_error *err);

#endif
