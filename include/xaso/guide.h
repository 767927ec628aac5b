/* The user guides (docs/guide/vi/huong-dan-su-dung.md, docs/guide/en/user-guide.md) as the one
 * source of the interface's context help: F1 on a screen shows the guide's section for that
 * screen, found by its anchor (<a id="screen-tasks"></a>), in the language in effect. */
#ifndef XASO_GUIDE_H
#define XASO_GUIDE_H

#include <stddef.h>

#include "xaso/error.h"

/* The guide of lang ("vi" or "en") on this machine: DATADIR/docs/guide/LANG/FILE in the source
 * tree, else the installed copy DATADIR/../doc/xaso/FILE. malloc'd; NULL when there is none. */
char *guide_path(const char *lang);

/* The section of a guide (Markdown text) that starts at <a id="anchor"></a> and ends at the next
 * anchor or at a heading of the same or a higher level. *title: its heading as plain text ("" when
 * the anchor has none); *text: its paragraphs as plain text, one line each (list items "- …",
 * table rows and command lines on lines of their own), paragraphs separated by an empty line.
 * Screen captures and HTML comments are left out; links keep their text, emphasis and code
 * marks are dropped. Both malloc'd. Returns 0, or -1 when the anchor is not there or the section
 * has no text. */
int guide_section(const char *markdown, const char *anchor, char **title, char **text);

/* guide_section() on the guide of lang. Non-zero + err (translated, naming the file) when the
 * guide is missing or unreadable or has no such section. */
int guide_help(const char *lang, const char *anchor, char **title, char **text, xaso_error *err);

/* Which section explains which screen: the screen's id (tui_screen_ops.id) and, for screens that
 * show several kinds of record, its variant (a table screen's query_table_code, a grid's
 * "progress" or "values"; NULL: any). One table, so that a test can check that every entry has
 * text in both guides and that every screen of the interface has an entry. */
typedef struct {
    const char *screen, *variant, *anchor;
} guide_help_entry;
const guide_help_entry *guide_help_entries(size_t *n);
/* The anchor for a screen (NULL when the table has none). */
const char *guide_help_anchor(const char *screen, const char *variant);

#endif
