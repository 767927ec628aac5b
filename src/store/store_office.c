#include "xaso/store_office.h"

#include <stdio.h>
#include <string.h>

#include "xaso/i18n.h"
#include "xaso/store_account.h"

bool office_level_valid(const char *level)
{
    static const char *const levels[] = {"xa", "phuong", "dac-khu", "tinh"};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if (!strcmp(level, levels[i]))
            return true;
    return false;
}

int store_office_save(xaso_store *st, const xaso_office *office, xaso_error *err)
{
    if (!office->code[0] || !office->name[0])
        return xaso_error_set(err, XASO_EX_USAGE, _("the office needs a code and a name"));
    if (!office_level_valid(office->level))
        return xaso_error_set(err, XASO_EX_USAGE,
                              _("unknown level \"%s\": use xa, phuong, dac-khu or tinh"),
                              office->level);
    if (store_authorize(st, PERM_OFFICE_EDIT, OWNERSHIP_NONE, err))
        return err->code;
    char now[40];
    store_value key[] = {SV_INT("id", 1)};
    store_value cols[] = {
        SV_TEXT("code", office->code),
        SV_TEXT("name", office->name),
        SV_TEXT("level", office->level),
        SV_TEXT("province", office->province[0] ? office->province : NULL),
        SV_TEXT("created_at", store_now(now, sizeof now)),
    };
    bool found;
    xaso_office existing;
    if (store_office_get(st, &existing, &found, err))
        return err->code;
    size_t n_cols = found ? 4 : 5; /* keep the original creation time */
    if (store_begin(st, "office.save", err))
        return err->code;
    long long id;
    store_sync_result result;
    if (store_sync_row(st, "office", key, 1, cols, n_cols, &id, &result, err)) {
        store_rollback(st);
        return err->code;
    }
    return store_commit(st, err);
}

int store_office_get(xaso_store *st, xaso_office *office, bool *found, xaso_error *err)
{
    sqlite3_stmt *stmt;
    memset(office, 0, sizeof *office);
    *found = false;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT code, name, level, coalesce(province, '') FROM office "
                           "WHERE id = 1",
                           -1, &stmt, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the office"));
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *found = true;
        snprintf(office->code, sizeof office->code, "%s", sqlite3_column_text(stmt, 0));
        snprintf(office->name, sizeof office->name, "%s", sqlite3_column_text(stmt, 1));
        snprintf(office->level, sizeof office->level, "%s", sqlite3_column_text(stmt, 2));
        snprintf(office->province, sizeof office->province, "%s", sqlite3_column_text(stmt, 3));
        rc = 0;
    } else {
        rc = rc == SQLITE_DONE ? 0 : store_fail(st, err, _("cannot read the office"));
    }
    sqlite3_finalize(stmt);
    return rc;
}
