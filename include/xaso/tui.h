/* The full-screen interface. */
#ifndef XASO_TUI_H
#define XASO_TUI_H

#include <stdbool.h>

/* Open the interface on the database at db_path (NULL = the default path) or, with demo, on the
 * demo database. With $XASO_SCRIPT set, runs headless: keys come from the script, the screen is
 * drawn into a terminal that writes to /dev/null, and the script can save the screen as text.
 * Returns an exit code (sysexits.h); prints only when the interface cannot start. */
int tui_run(const char *db_path, bool demo);

#endif
