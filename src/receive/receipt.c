/* Answering a sender: return its report ("bị trả lại", with a reason) or accept it, and write a
 * small receipt file it can load; and, on the sender, loading that file to update its own
 * report's state. The file is JSON with the SHA-256 of the bundle it answers and a SHA-256 check
 * over its fields (it detects damage and hand edits, it is not a signature of the receiver). */
#include "xaso/store_account.h"
#include "xaso/receive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../report/bag.h"
#include "../report/json.h"
#include "receive_internal.h"
#include "xaso/arena.h"
#include "xaso/bundle.h"
#include "xaso/fsutil.h"
#include "xaso/i18n.h"
#include "xaso/store_office.h"
#include "xaso/store_plan.h"
#include "xaso/store_progress.h"

enum { RECEIPT_MAX_BYTES = 1 << 20 };

static void receipt_check(const char *answer, const char *office, const char *unit,
                          const char *plan, const char *period, const char *bundle_sha,
                          const char *reason, const char *at, char out[65])
{
    strbuf sb = STRBUF_INIT;
    sb_appendf(&sb, "xaso-receipt-1\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s", answer, office, unit, plan,
               period, bundle_sha, reason, at);
    sha256_hex(sb_str(&sb), sb.len, out);
    sb_free(&sb);
}

typedef struct {
    long long id;
    char sha[65], plan_key[160], period[16], office[128], unit[64], state[16];
} bundle_ref;

static int find_bundle(xaso_store *st, const char *sender, const char *plan, const char *period,
                       bundle_ref *b, xaso_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT b.id, b.sha256, b.plan_key, b.period, coalesce(b.office_code, "
                           "''), coalesce(b.unit, ''), b.state FROM received_bundle b JOIN sender "
                           "s ON s.id = b.sender_id WHERE s.code = ?1 AND (b.plan_key = ?2 OR "
                           "b.plan_symbol = ?2) AND b.period = ?3 AND b.state IN ('current', "
                           "'returned')",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the received bundles"));
    sqlite3_bind_text(s, 1, sender, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, plan, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, period, -1, SQLITE_STATIC);
    int rc = 0;
    if (sqlite3_step(s) == SQLITE_ROW) {
        b->id = sqlite3_column_int64(s, 0);
        snprintf(b->sha, sizeof b->sha, "%s", sqlite3_column_text(s, 1));
        snprintf(b->plan_key, sizeof b->plan_key, "%s", sqlite3_column_text(s, 2));
        snprintf(b->period, sizeof b->period, "%s", sqlite3_column_text(s, 3));
        snprintf(b->office, sizeof b->office, "%s", sqlite3_column_text(s, 4));
        snprintf(b->unit, sizeof b->unit, "%s", sqlite3_column_text(s, 5));
        snprintf(b->state, sizeof b->state, "%s", sqlite3_column_text(s, 6));
    } else {
        rc = xaso_error_set(err, XASO_EX_NOINPUT,
                            _("no bundle from %s for plan %s, period %s has been imported"),
                            sender, plan, period);
    }
    sqlite3_finalize(s);
    return rc;
}

static int answer(xaso_store *st, const char *sender, const char *plan, const char *period,
                  const char *reason, bool returned, const char *output, char *path_out,
                  size_t path_size, xaso_error *err)
{
    if (returned && (!reason || !*reason))
        return xaso_error_set(err, XASO_EX_USAGE, "%s",
                              _("returning a report needs a reason (--reason)"));
    if (store_authorize(st, PERM_BUNDLE_IMPORT, OWNERSHIP_NONE, err))
        return err->code;
    bundle_ref b;
    if (find_bundle(st, sender, plan, period, &b, err))
        return err->code;
    xaso_office me;
    bool found = false;
    if (store_office_get(st, &me, &found, err))
        return err->code;
    if (!found)
        memset(&me, 0, sizeof me);
    char *why = receive_clean_text(returned ? reason : "");
    char now[40], check[65];
    store_now(now, sizeof now);
    const char *ans = returned ? "returned" : "accepted";
    receipt_check(ans, b.office, b.unit, b.plan_key, b.period, b.sha, why, now, check);
    strbuf j = STRBUF_INIT;
    sb_append(&j, "{\n  \"xaso-receipt\": 1,\n  \"answer\": ");
    sb_append_json(&j, ans);
    sb_append(&j, ",\n  \"receiver\": {\"code\": ");
    sb_append_json(&j, me.code);
    sb_append(&j, ", \"name\": ");
    sb_append_json(&j, me.name);
    sb_append(&j, "},\n  \"office\": ");
    sb_append_json(&j, b.office);
    sb_append(&j, ",\n  \"unit\": ");
    sb_append_json(&j, b.unit);
    sb_append(&j, ",\n  \"plan\": ");
    sb_append_json(&j, b.plan_key);
    sb_append(&j, ",\n  \"period\": ");
    sb_append_json(&j, b.period);
    sb_append(&j, ",\n  \"bundle_sha256\": ");
    sb_append_json(&j, b.sha);
    sb_append(&j, ",\n  \"reason\": ");
    sb_append_json(&j, why);
    sb_append(&j, ",\n  \"at\": ");
    sb_append_json(&j, now);
    sb_append(&j, ",\n  \"check\": ");
    sb_append_json(&j, check);
    sb_append(&j, "\n}\n");
    /* where */
    char *zip = bundle_file_name(b.office, b.plan_key, b.period, b.unit);
    size_t zl = strlen(zip);
    if (zl > 4 && !strcmp(zip + zl - 4, ".zip"))
        zip[zl - 4] = '\0';
    char name[512];
    snprintf(name, sizeof name, "%s.%s.json", zip, returned ? "returned" : "accepted");
    free(zip);
    char *path = !output || !*output ? xstrdup(name)
                 : fs_is_dir(output) ? fs_join(output, name)
                                     : xstrdup(output);
    int rc = store_begin(st, returned ? "bundle.return" : "bundle.accept", err);
    if (!rc && returned) {
        store_value p[] = {SV_TEXT("at", now), SV_TEXT("reason", why), SV_INT("id", b.id)};
        rc = store_exec(st,
                        "UPDATE received_bundle SET state = 'returned', returned_at = ?1, "
                        "returned_reason = ?2 WHERE id = ?3",
                        p, 3, NULL, err);
        if (!rc) {
            strbuf a = STRBUF_INIT;
            sb_append(&a, "{\"state\":\"returned\",\"reason\":");
            sb_append_json(&a, why);
            sb_append(&a, "}");
            rc = store_audit(st, "received_bundle", b.id, "{\"state\":\"current\"}", sb_str(&a),
                             err);
            sb_free(&a);
        }
    }
    if (!rc && returned) {
        store_value p[] = {SV_TEXT("at", now),      SV_TEXT("actor", store_actor(st)),
                           SV_TEXT("file", path),   SV_TEXT("sha", b.sha),
                           SV_TEXT("sender", sender), SV_TEXT("plan", b.plan_key),
                           SV_TEXT("period", b.period), SV_TEXT("json", sb_str(&j))};
        rc = store_exec(st,
                        "INSERT INTO receipt (at, actor, file_name, sha256, sender_code, "
                        "plan_key, period, status, json) VALUES (?1,?2,?3,?4,?5,?6,?7,"
                        "'returned',?8)",
                        p, 8, NULL, err);
    }
    /* the file appears only when the change is saved: written and flushed under a temporary
     * name first, renamed after the commit, removed when the commit fails */
    char *temp = NULL;
    if (!rc)
        rc = fs_write_temp(path, sb_str(&j), j.len, 0600, &temp, err);
    if (rc) {
        store_rollback(st);
    } else if ((rc = store_commit(st, err))) {
        fs_discard_temp(temp);
    } else {
        rc = fs_rename_temp(temp, path, err);
    }
    if (!rc)
        snprintf(path_out, path_size, "%s", path);
    free(path);
    free(why);
    sb_free(&j);
    return rc;
}

int receive_return(xaso_store *st, const char *sender, const char *plan, const char *period,
                   const char *reason, const char *output, char *path_out, size_t path_size,
                   xaso_error *err)
{
    return answer(st, sender, plan, period, reason, true, output, path_out, path_size, err);
}

int receive_accept(xaso_store *st, const char *sender, const char *plan, const char *period,
                   const char *output, char *path_out, size_t path_size, xaso_error *err)
{
    return answer(st, sender, plan, period, NULL, false, output, path_out, path_size, err);
}

static const char *member(const json_value *o, const char *k)
{
    const char *s = json_string(json_get(o, k));
    return s ? s : NULL;
}

/* The receipt must answer a bundle this office built for the report since it was last
 * finalised (its SHA-256 is in the "packaged" events). Reports packaged by an xaso that did not
 * record it have nothing to compare with and are taken as they are. */
static int check_bundle(xaso_store *st, long long report_id, const char *sha, const char *path,
                        xaso_error *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT count(*), coalesce(sum(note = ?2 || ?3), 0) FROM report_event "
                           "WHERE report_id = ?1 AND to_state = 'packaged' AND note LIKE ?2 || '%' "
                           "AND id > coalesce((SELECT max(id) FROM report_event WHERE report_id = "
                           "?1 AND to_state = 'finalised'), 0)",
                           -1, &s, NULL) != SQLITE_OK)
        return store_fail(st, err, _("cannot read the report's history"));
    sqlite3_bind_int64(s, 1, report_id);
    sqlite3_bind_text(s, 2, REPORT_BUNDLE_NOTE_PREFIX, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, sha, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    long long built = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    long long same = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return store_fail(st, err, _("cannot read the report's history"));
    if (built && !same)
        return xaso_error_set_at(err, XASO_EX_DATAERR, path, 0, 0,
                                 _("the receipt answers another bundle (SHA-256 %.12s…) than the "
                                   "one built for this report; nothing changed"),
                                 sha);
    return 0;
}

int receive_apply_receipt(xaso_store *st, const char *path, strbuf *summary, xaso_error *err)
{
    char *data = NULL;
    size_t len = 0;
    if (fs_read_all(path, RECEIPT_MAX_BYTES, &data, &len, err))
        return err->code;
    xaso_arena *a = arena_new();
    size_t off = 0;
    json_value *root = json_parse(a, data, len, &off);
    int rc = 0;
    const char *ans, *office, *unit, *plan, *period, *sha, *reason, *at, *check;
    if (!root || root->type != JSON_OBJECT || !json_get(root, "xaso-receipt") ||
        !(ans = member(root, "answer")) || !(office = member(root, "office")) ||
        !(unit = member(root, "unit")) || !(plan = member(root, "plan")) ||
        !(period = member(root, "period")) || !(sha = member(root, "bundle_sha256")) ||
        !(reason = member(root, "reason")) || !(at = member(root, "at")) ||
        !(check = member(root, "check"))) {
        rc = xaso_error_set_at(err, XASO_EX_DATAERR, path, 0, 0, "%s",
                               _("not an xaso receipt file"));
        goto out;
    }
    char want[65];
    receipt_check(ans, office, unit, plan, period, sha, reason, at, want);
    if (strcmp(want, check)) {
        rc = xaso_error_set_at(err, XASO_EX_DATAERR, path, 0, 0, "%s",
                               _("the receipt is damaged or was edited (its check does not "
                                 "match)"));
        goto out;
    }
    bool returned = !strcmp(ans, "returned");
    if (!returned && strcmp(ans, "accepted")) {
        rc = xaso_error_set_at(err, XASO_EX_DATAERR, path, 0, 0, _("unknown answer \"%s\""), ans);
        goto out;
    }
    xaso_office me;
    bool found = false;
    if ((rc = store_office_get(st, &me, &found, err)))
        goto out;
    if (!found || strcmp(me.code, office)) {
        rc = xaso_error_set_at(err, XASO_EX_DATAERR, path, 0, 0,
                               _("the receipt answers office %s, not this one (%s)"), office,
                               found ? me.code : "—");
        goto out;
    }
    long long plan_id, report_id = 0;
    report_state state = REPORT_DRAFT;
    bool have = false;
    if ((rc = store_plan_find(st, plan, &plan_id, err)) ||
        (rc = store_report_find(st, plan_id, period, unit, &report_id, &state, &have, err)))
        goto out;
    if (!have) { /* nothing is created for a report this office never made */
        rc = xaso_error_set_at(err, XASO_EX_DATAERR, path, 0, 0,
                               _("no report for plan %s, period %s in this database"), plan,
                               period);
        goto out;
    }
    if ((rc = check_bundle(st, report_id, sha, path, err)))
        goto out;
    if (returned) {
        if (state == REPORT_RETURNED) {
            sb_appendf(summary, _("%s %s was already returned; nothing changed"), plan, period);
            goto out;
        }
        if (state != REPORT_PACKAGED && state != REPORT_SUBMITTED) {
            rc = xaso_error_set(err, XASO_EX_DATAERR,
                                _("the report %s %s is %s: only a packaged or submitted report "
                                  "can be returned"),
                                plan, period, report_state_label(state));
            goto out;
        }
        /* packaged → submitted → returned: one change, saved or not at all */
        if ((rc = store_begin(st, "report.receipt", err)))
            goto out;
        if ((state == REPORT_PACKAGED &&
             (rc = store_report_transition_in(st, report_id, REPORT_SUBMITTED, NULL, err))) ||
            (rc = store_report_transition_in(st, report_id, REPORT_RETURNED, reason, err)) ||
            (rc = store_commit(st, err))) {
            store_rollback(st);
            goto out;
        }
        sb_appendf(summary, _("%s %s: returned by the receiver (%s): %s"), plan, period, at,
                   reason);
    } else {
        if (state == REPORT_SUBMITTED) {
            sb_appendf(summary, _("%s %s was already submitted; nothing changed"), plan, period);
            goto out;
        }
        if (state != REPORT_PACKAGED) {
            rc = xaso_error_set(err, XASO_EX_DATAERR,
                                _("the report %s %s is %s: only a packaged report can be "
                                  "accepted"),
                                plan, period, report_state_label(state));
            goto out;
        }
        if ((rc = store_report_transition(st, report_id, REPORT_SUBMITTED, NULL, err)))
            goto out;
        sb_appendf(summary, _("%s %s: accepted by the receiver; the report is submitted"), plan,
                   period);
    }
out:
    arena_free(a);
    free(data);
    return rc;
}
