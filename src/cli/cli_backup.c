/* xaso backup [-o FILE] | restore FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/store_account.h"
#include "xaso/store_backup.h"
#include "xaso/strbuf.h"

int cmd_backup(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("backup", argc, argv);
    if (h >= 0)
        return h;
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
            out = argv[++i];
        else
            return cli_usage_error(_("unexpected argument \"%s\""), argv[i]);
    }
    xaso_store *st;
    int rc = cli_open_store(g, STORE_OPEN_EXISTING, &st);
    if (rc)
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    if (out) {
        rc = store_backup_to(st, out, &err);
        if (!rc)
            printf(_("Backup written to %s\n"), out);
    } else {
        /* a dated copy in the backups folder, even when one was made today */
        char *dir = store_backup_dir(st);
        char now[40];
        store_now(now, sizeof now);
        strbuf path = STRBUF_INIT;
        sb_appendf(&path, "%s/manual-%.4s%.2s%.2s-%.2s%.2s%.2s.db", dir, now, now + 5, now + 8,
                   now + 11, now + 14, now + 17);
        rc = fs_mkdirs(dir, 0700, &err);
        if (!rc)
            rc = store_backup_to(st, sb_str(&path), &err);
        if (!rc)
            printf(_("Backup written to %s\n"), sb_str(&path));
        sb_free(&path);
        free(dir);
    }
    store_close(st);
    return rc ? cli_report(&err) : 0;
}

int cmd_restore(cli_globals *g, int argc, char **argv)
{
    int h = cli_wants_help("restore", argc, argv);
    if (h >= 0)
        return h;
    if (argc != 2)
        return cli_usage_error("%s", _("restore needs the backup FILE"));
    if (g->demo)
        return cli_usage_error("%s", _("the demo database is rebuilt, not restored"));
    char *db = store_default_path(g->db);
    xaso_error err;
    xaso_error_clear(&err);
    char *kept = NULL;
    int rc = 0;
    if (fs_exists(db)) {
        /* Replacing an office's database is the administrator's decision (database.restore):
         * sign in to the database being replaced and ask it. */
        xaso_store *st = NULL;
        rc = store_open(db, STORE_OPEN_EXISTING, &st, &err);
        if (!rc) {
            rc = cli_sign_in(g, st);
            if (!rc && store_authorize(st, PERM_DATABASE_RESTORE, OWNERSHIP_NONE, &err))
                rc = err.code;
            store_close(st);
            if (rc && !err.code) { /* cli_sign_in said why */
                free(db);
                return rc;
            }
        }
    }
    if (!rc)
        rc = store_restore(db, argv[1], &kept, &err);
    if (!rc) {
        printf(_("Restored %s from %s\n"), db, argv[1]);
        if (kept)
            printf(_("The replaced database is kept as %s\n"), kept);
    }
    free(kept);
    free(db);
    return rc ? cli_report(&err) : 0;
}
