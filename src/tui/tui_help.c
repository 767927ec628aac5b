/* Context help: F1 on a screen shows, above the list of every action and its keys, the section
 * of the user guide that explains that screen, in the language in effect. The guide is the one
 * source (docs/guide/LANG/…md, installed with the program); guide.h finds the section by the
 * anchor that its table gives for the screen. */
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include "xaso/guide.h"
#include "xaso/strbuf.h"

const char *tui_help_anchor(const tui_screen *s)
{
    const char *variant = NULL;
    if (strcmp(s->ops->id, "table") == 0) {
        for (int t = 0; t < QUERY_TABLE_COUNT; t++)
            if (query_table_title((query_table)t) == s->title)
                variant = query_table_code((query_table)t);
    } else if (strcmp(s->ops->id, "grid") == 0 && s->title) {
        /* the two grids differ by their title (tui_grid_screen) */
        if (strcmp(s->title, "Enter progress") == 0)
            variant = "progress";
        else if (strcmp(s->title, "Enter target values") == 0)
            variant = "values";
    }
    return guide_help_anchor(s->ops->id, variant);
}

void tui_help_about(const tui_screen *s, char **title, char **text, bool *missing)
{
    const char *anchor = tui_help_anchor(s);
    xaso_error err;
    xaso_error_clear(&err);
    *missing = false;
    if (anchor && guide_help(i18n_lang(), anchor, title, text, &err) == 0) {
        if (!**title && s->title) { /* a section without a heading: the screen's name */
            free(*title);
            *title = xstrdup(_(s->title));
        }
        return;
    }
    *missing = true;
    *title = xstrdup(s->title ? _(s->title) : "");
    if (!anchor) {
        strbuf sb = STRBUF_INIT;
        sb_appendf(&sb, _("The guide does not explain this screen yet (screen \"%s\")."),
                   s->ops->id);
        *text = sb_detach(&sb);
        return;
    }
    char buf[2048];
    *text = xstrdup(xaso_error_format(&err, buf, sizeof buf));
}
