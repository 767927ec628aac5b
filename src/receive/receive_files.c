/* Small helpers shared by the command line and the interface: which files an import takes in,
 * the closing line of an import, and which plan the received bundles of a period are for. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/receive.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void receive_collect_files(const char *path, char ***files, size_t *n)
{
    if (!fs_is_dir(path)) {
        *files = xrealloc(*files, (*n + 1) * sizeof **files);
        (*files)[(*n)++] = xstrdup(path);
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        return;
    size_t first = *n;
    for (struct dirent *e; (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 5 || strcasecmp(e->d_name + l - 4, ".zip"))
            continue;
        *files = xrealloc(*files, (*n + 1) * sizeof **files);
        (*files)[(*n)++] = fs_join(path, e->d_name);
    }
    closedir(d);
    qsort(*files + first, *n - first, sizeof **files, cmp_str);
}

void receive_tally_add(receive_tally *t, const receive_receipt *r)
{
    t->count[r->status]++;
    t->conflicts += r->conflicts;
}

void receive_tally_format(const receive_tally *t, strbuf *out)
{
    sb_appendf(out,
               _("imported %zu, updated %zu, unchanged %zu, ignored %zu, rejected %zu, "
                 "conflicts %zu\n"),
               t->count[RECEIVE_IMPORTED], t->count[RECEIVE_UPDATED], t->count[RECEIVE_UNCHANGED],
               t->count[RECEIVE_IGNORED], t->count[RECEIVE_REJECTED], t->conflicts);
}

int receive_plan_of(xaso_store *st, const char *sender, const char *period, char *plan,
                    size_t size, xaso_error *err)
{
    plan[0] = '\0';
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT b.plan_key FROM received_bundle b JOIN sender s ON s.id = "
                           "b.sender_id WHERE b.period = ?2 AND (?1 IS NULL AND b.state = "
                           "'current' OR s.code = ?1 AND b.state IN ('current', 'returned')) "
                           "GROUP BY b.plan_key ORDER BY count(*) DESC, max(b.id) DESC LIMIT 1",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the received bundles"));
    if (sender)
        sqlite3_bind_text(s, 1, sender, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(plan, size, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return 0;
}
