/* Evidence (minh chứng) of one task update: the list of its files with their appraisal, a file
 * browser that starts at removable media to attach more (or a path typed in), and the appraisal
 * of a file: accepted, or to be completed (chờ hoàn thiện) with a reason. Files are stored once
 * by SHA-256 by store_evidence_add, which also enforces the size limit. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tui_entry.h"
#include "xaso/collate.h"
#include "xaso/fsutil.h"
#include "xaso/store_evidence.h"
#include "xaso/store_items.h"
#include "xaso/strbuf.h"

static char *human_size(long long n, char *buf, size_t size)
{
    char num[32];
    if (n < 1024)
        snprintf(buf, size, _("%lld B"), n);
    else if (n < 1024 * 1024)
        snprintf(buf, size, _("%s KB"), form_format_number((double)n / 1024, 1, num, sizeof num));
    else
        snprintf(buf, size, _("%s MB"),
                 form_format_number((double)n / (1024.0 * 1024), 1, num, sizeof num));
    return buf;
}

/* ---------- the list ---------- */

typedef struct {
    long long id;
    char *name, *mime, *appraisal_reason, *added;
    long long size;
    xaso_appraisal appraisal;
} ev_row;

typedef enum { ASK_NONE, ASK_APPRAISAL, ASK_REASON } ev_ask;

typedef struct {
    long long task_id, plan_id;
    char period[XASO_PERIOD_ID_SIZE];
    ev_row *rows;
    size_t n, cap, cur;
    ev_ask ask;
    field_editor *reason;
    bool stale;
    char title[300];
} ev_state;

static int collect(const evidence_info *e, void *vctx)
{
    ev_state *es = vctx;
    if (es->n == es->cap) {
        es->cap = es->cap ? es->cap * 2 : 8;
        es->rows = xrealloc(es->rows, es->cap * sizeof *es->rows);
    }
    es->rows[es->n++] = (ev_row){e->id, xstrdup(e->original_name), xstrdup(e->mime ? e->mime : ""),
                                 xstrdup(e->appraisal_reason ? e->appraisal_reason : ""),
                                 xstrdup(e->added_at ? e->added_at : ""), e->size, e->appraisal};
    return 0;
}

static void ev_clear(ev_state *es)
{
    for (size_t i = 0; i < es->n; i++) {
        free(es->rows[i].name);
        free(es->rows[i].mime);
        free(es->rows[i].appraisal_reason);
        free(es->rows[i].added);
    }
    es->n = 0;
}

static void ev_load(tui_app *app, ev_state *es)
{
    ev_clear(es);
    xaso_error err;
    xaso_error_clear(&err);
    if (store_evidence_list(app->st, es->plan_id, es->period, es->task_id, collect, es, &err))
        tui_status_error(app, &err);
    if (es->cur >= es->n)
        es->cur = es->n ? es->n - 1 : 0;
    es->stale = false;
}

static void ev_open(tui_app *app, tui_screen *s)
{
    ev_state *es = s->data;
    tui_entry_enter(app);
    es->plan_id = store_task_plan(app->st, es->task_id);
    char title[64], name[200];
    tui_period_code_title(es->period, title, sizeof title);
    snprintf(es->title, sizeof es->title, _("Evidence · %s · %s"), title,
             tui_record_title(app, QUERY_TASKS, es->task_id, name, sizeof name));
    ev_load(app, es);
}

static void ev_close(tui_app *app, tui_screen *s)
{
    ev_state *es = s->data;
    if (!es)
        return;
    ev_clear(es);
    free(es->rows);
    fe_free(es->reason);
    free(es);
    s->data = NULL;
    tui_entry_leave(app);
}

static const char *appraisal_text(xaso_appraisal a)
{
    switch (a) {
    case EVIDENCE_ACCEPTED: return _("Accepted");
    case EVIDENCE_REJECTED: return _("To be completed");
    default: return _("Waiting for appraisal");
    }
}

static void ev_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    ev_state *es = s->data;
    static const tui_action bar[] = {ACT_HELP, ACT_NEW, ACT_APPRAISE, ACT_HISTORY, ACT_BACK,
                                     ACT_QUIT};
    app->keybar = bar;
    app->n_keybar = sizeof bar / sizeof bar[0];
    if (es->stale)
        ev_load(app, es);
    int w_name = a.width - 1 - 10 - 1 - 18 - 1 - 24 - 1;
    attr_t head = tui_attr(ROLE_HEADER);
    tui_fill(a.top, a.left, a.width, head);
    tui_text(a.top, a.left + 1, w_name, _("File"), head, ALIGN_LEFT);
    tui_text(a.top, a.left + 2 + w_name, 10, _("Size"), head, ALIGN_RIGHT);
    tui_text(a.top, a.left + 3 + w_name + 10, 18, _("Type"), head, ALIGN_LEFT);
    tui_text(a.top, a.left + 4 + w_name + 28, 24, _("Appraisal"), head, ALIGN_LEFT);
    if (!es->n)
        tui_text(a.top + 2, a.left + 2, a.width - 4,
                 _("No evidence yet. Ins: attach a file (PDF, photo, office document)."),
                 tui_attr(ROLE_MUTED), ALIGN_LEFT);
    int body = a.height - 4;
    size_t top = es->cur >= (size_t)body ? es->cur - (size_t)body + 1 : 0;
    for (int i = 0; i < body && top + (size_t)i < es->n; i++) {
        const ev_row *r = &es->rows[top + (size_t)i];
        int y = a.top + 1 + i;
        attr_t at = top + (size_t)i == es->cur ? tui_attr(ROLE_CURSOR) : tui_attr(ROLE_NORMAL);
        char size[32];
        tui_fill(y, a.left, a.width, at);
        tui_text(y, a.left + 1, w_name, r->name, at, ALIGN_LEFT);
        tui_text(y, a.left + 2 + w_name, 10, human_size(r->size, size, sizeof size), at,
                 ALIGN_RIGHT);
        tui_text(y, a.left + 3 + w_name + 10, 18, r->mime, at, ALIGN_LEFT);
        tui_role role = r->appraisal == EVIDENCE_ACCEPTED   ? ROLE_GOOD
                        : r->appraisal == EVIDENCE_REJECTED ? ROLE_BAD
                                                            : ROLE_WARN;
        tui_text(y, a.left + 4 + w_name + 28, 24, appraisal_text(r->appraisal),
                 top + (size_t)i == es->cur ? at : tui_attr(role), ALIGN_LEFT);
    }
    int by = a.top + a.height - 3;
    if (es->n && es->rows[es->cur].appraisal == EVIDENCE_REJECTED) {
        char line[600];
        snprintf(line, sizeof line, _("Reason: %s"), es->rows[es->cur].appraisal_reason);
        tui_text(by, a.left + 1, a.width - 2, line, tui_attr(ROLE_BAD), ALIGN_LEFT);
    }
    char limit[32], line[300];
    snprintf(line, sizeof line, _("Ins: attach a file · a: appraise · Esc: back · largest file %s"),
             human_size(store_evidence_max_size(), limit, sizeof limit));
    tui_text(by + 2, a.left + 1, a.width - 2, line, tui_attr(ROLE_MUTED), ALIGN_LEFT);
    if (es->ask == ASK_APPRAISAL) {
        tui_fill(by + 1, a.left, a.width, tui_attr(ROLE_DIALOG));
        tui_text(by + 1, a.left + 1, a.width - 2,
                 _("Appraisal: a = accepted, c = to be completed (with a reason), Esc = cancel"),
                 tui_attr(ROLE_DIALOG), ALIGN_LEFT);
    } else if (es->ask == ASK_REASON) {
        const char *label = _("Reason: ");
        int lw = tui_width(label);
        tui_fill(by + 1, a.left, a.width, tui_attr(ROLE_DIALOG));
        tui_text(by + 1, a.left + 1, lw, label, tui_attr(ROLE_DIALOG), ALIGN_LEFT);
        tui_draw_editor(es->reason, by + 1, a.left + 1 + lw, a.width - lw - 3, 1);
    }
}

static void appraise(tui_app *app, ev_state *es, xaso_appraisal ap, const char *reason)
{
    xaso_error err;
    xaso_error_clear(&err);
    if (store_evidence_appraise(app->st, es->rows[es->cur].id, ap, reason, &err))
        tui_status_error(app, &err);
    else
        tui_status(app, false, _("Appraisal recorded: %s."), appraisal_text(ap));
    ev_load(app, es);
}

static bool ev_key(tui_app *app, tui_screen *s, int key)
{
    ev_state *es = s->data;
    if (es->ask == ASK_APPRAISAL) {
        es->ask = ASK_NONE;
        if (key == 'a' || key == 'A') {
            appraise(app, es, EVIDENCE_ACCEPTED, NULL);
        } else if (key == 'c' || key == 'C' || key == 'r' || key == 'R') {
            es->ask = ASK_REASON;
            fe_free(es->reason);
            es->reason = fe_new(false, 2000);
        }
        return true;
    }
    if (es->ask == ASK_REASON) {
        if (key == 27) {
            es->ask = ASK_NONE;
        } else if (key == '\n') {
            char *reason = xstrdup(fe_text(es->reason));
            if (!*reason) {
                tui_status(app, true, "%s", _("Write the reason: what must be completed."));
            } else {
                es->ask = ASK_NONE;
                appraise(app, es, EVIDENCE_REJECTED, reason);
            }
            free(reason);
        } else if (key == TUI_KEY_FN + KEY_BACKSPACE) {
            fe_apply(es->reason, FE_BACKSPACE, NULL);
        } else if (key == TUI_KEY_FN + KEY_LEFT || key == TUI_KEY_FN + KEY_RIGHT) {
            fe_apply(es->reason, key == TUI_KEY_FN + KEY_LEFT ? FE_LEFT : FE_RIGHT, NULL);
        } else if (key >= 32 && key < TUI_KEY_FN && key != 127) {
            char buf[8];
            size_t n = tui_utf8_put((unsigned)key, buf);
            buf[n] = '\0';
            fe_apply(es->reason, FE_INSERT, buf);
        }
        return true;
    }
    return false;
}

static bool ev_handle(tui_app *app, tui_screen *s, tui_action a)
{
    ev_state *es = s->data;
    switch (a) {
    case ACT_UP: if (es->cur) es->cur--; return true;
    case ACT_DOWN: if (es->cur + 1 < es->n) es->cur++; return true;
    case ACT_NEW:
        es->stale = true;
        tui_push(app, tui_file_browser_screen(es->task_id, es->period));
        return true;
    case ACT_APPRAISE:
        if (es->n)
            es->ask = ASK_APPRAISAL;
        return true;
    case ACT_HISTORY:
        if (es->n) {
            char title[300];
            snprintf(title, sizeof title, "%s", es->rows[es->cur].name);
            tui_push(app, tui_history_screen("evidence", es->rows[es->cur].id, title));
        }
        return true;
    default: return false;
    }
}

static void ev_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    ev_state *es = s->data;
    snprintf(buf, size, "%s", es->title);
}

static const tui_screen_ops ev_ops = {
    .id = "evidence", .open = ev_open, .draw = ev_draw, .handle = ev_handle,
    .close = ev_close, .key = ev_key, .context = ev_context,
};

tui_screen tui_evidence_screen(long long task_id, const char *period)
{
    ev_state *es = xcalloc(1, sizeof *es);
    es->task_id = task_id;
    snprintf(es->period, sizeof es->period, "%s", period);
    return (tui_screen){&ev_ops, es, N_("Evidence")};
}

/* ---------- the file browser ---------- */

typedef struct {
    char *name;
    bool dir;
    long long size;
} fb_entry;

typedef struct {
    long long task_id;
    char period[XASO_PERIOD_ID_SIZE];
    char *dir;
    fb_entry *e;
    size_t n, cur;
    bool typing;
    field_editor *path;
    /* choosing a folder (tui_folder_browser_screen) instead of a file to attach; with
     * pick_files (tui_path_browser_screen) a file too, what for said by context and hint */
    tui_folder_chosen chosen;
    void *chosen_ctx;
    bool pick_files;
    const char *context, *hint; /* N_() */
} fb_state;

static int entry_cmp(const void *a, const void *b)
{
    const fb_entry *x = a, *y = b;
    if (!strcmp(x->name, ".."))
        return -1;
    if (!strcmp(y->name, ".."))
        return 1;
    if (x->dir != y->dir)
        return x->dir ? -1 : 1;
    int c = collate_vi_strcmp(x->name, y->name); /* Vietnamese order; bytes break ties */
    return c ? c : strcmp(x->name, y->name);
}

static void fb_read(tui_app *app, fb_state *fb)
{
    for (size_t i = 0; i < fb->n; i++)
        free(fb->e[i].name);
    free(fb->e);
    fb->e = NULL;
    fb->n = fb->cur = 0;
    DIR *d = opendir(fb->dir);
    if (!d) {
        tui_status(app, true, _("Cannot open the folder %s."), fb->dir);
        return;
    }
    size_t cap = 0;
    struct dirent *de;
    bool root = !strcmp(fb->dir, "/");
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' && (strcmp(de->d_name, "..") || root))
            continue;
        char *full = fs_join(fb->dir, de->d_name);
        struct stat sb;
        bool ok = stat(full, &sb) == 0;
        free(full);
        if (!ok || (!S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode)))
            continue;
        if (fb->n == cap) {
            cap = cap ? cap * 2 : 32;
            fb->e = xrealloc(fb->e, cap * sizeof *fb->e);
        }
        fb->e[fb->n++] = (fb_entry){xstrdup(de->d_name), S_ISDIR(sb.st_mode), (long long)sb.st_size};
    }
    closedir(d);
    if (fb->n)
        qsort(fb->e, fb->n, sizeof *fb->e, entry_cmp);
    if (fb->n > 1 && !strcmp(fb->e[0].name, ".."))
        fb->cur = 1;
}

/* dir joined with name, "." and ".." resolved by text (the folder names stay as the user knows
 * them: no symbolic links are followed). */
static char *path_step(const char *dir, const char *name)
{
    if (name[0] == '/')
        return xstrdup(name);
    if (!strcmp(name, "..")) {
        const char *slash = strrchr(dir, '/');
        if (!slash)
            return xstrdup(strcmp(dir, ".") ? "." : "..");
        if (!strcmp(slash + 1, ".."))
            return fs_join(dir, "..");
        return slash == dir ? xstrdup("/") : xstrndup(dir, (size_t)(slash - dir));
    }
    if (!strcmp(dir, "."))
        return xstrdup(name);
    return fs_join(dir, name);
}

static char *start_dir(void)
{
    const char *env = getenv("XASO_BROWSE_START");
    if (env && *env && fs_is_dir(env))
        return xstrdup(env);
    const char *user = getenv("USER");
    char buf[512];
    if (user && *user) {
        snprintf(buf, sizeof buf, "/media/%s", user);
        if (fs_is_dir(buf))
            return xstrdup(buf);
        snprintf(buf, sizeof buf, "/run/media/%s", user);
        if (fs_is_dir(buf))
            return xstrdup(buf);
    }
    if (fs_is_dir("/mnt"))
        return xstrdup("/mnt");
    const char *home = getenv("HOME");
    return xstrdup(home && *home ? home : "/");
}

static void fb_open(tui_app *app, tui_screen *s)
{
    fb_state *fb = s->data;
    fb->dir = start_dir();
    fb_read(app, fb);
}

static void fb_close(tui_app *app, tui_screen *s)
{
    (void)app;
    fb_state *fb = s->data;
    if (!fb)
        return;
    for (size_t i = 0; i < fb->n; i++)
        free(fb->e[i].name);
    free(fb->e);
    free(fb->dir);
    fe_free(fb->path);
    free(fb);
    s->data = NULL;
}

static void fb_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    fb_state *fb = s->data;
    static const tui_action bar[] = {ACT_HELP, ACT_OPEN, ACT_SEARCH, ACT_BACK, ACT_QUIT};
    static const tui_action folder_bar[] = {ACT_HELP, ACT_OPEN, ACT_SAVE, ACT_SEARCH, ACT_BACK,
                                            ACT_QUIT};
    app->keybar = fb->chosen ? folder_bar : bar;
    app->n_keybar = fb->chosen ? sizeof folder_bar / sizeof folder_bar[0]
                               : sizeof bar / sizeof bar[0];
    char line[700], limit[32];
    snprintf(line, sizeof line, _("Folder: %s"), fb->dir);
    tui_text(a.top, a.left, a.width, line, tui_attr(ROLE_HEADER), ALIGN_LEFT);
    int body = a.height - 4;
    size_t top = fb->cur >= (size_t)body ? fb->cur - (size_t)body + 1 : 0;
    if (!fb->n)
        tui_text(a.top + 2, a.left + 2, a.width - 4, _("This folder is empty."),
                 tui_attr(ROLE_MUTED), ALIGN_LEFT);
    for (int i = 0; i < body && top + (size_t)i < fb->n; i++) {
        const fb_entry *e = &fb->e[top + (size_t)i];
        int y = a.top + 1 + i;
        attr_t at = top + (size_t)i == fb->cur ? tui_attr(ROLE_CURSOR) : tui_attr(ROLE_NORMAL);
        tui_fill(y, a.left, a.width, at);
        snprintf(line, sizeof line, "%s%s", e->name, e->dir ? "/" : "");
        tui_text(y, a.left + 1, a.width - 14, line, at, ALIGN_LEFT);
        if (!e->dir)
            tui_text(y, a.left + a.width - 12, 11, human_size(e->size, limit, sizeof limit), at,
                     ALIGN_RIGHT);
    }
    int by = a.top + a.height - 2;
    if (fb->hint)
        snprintf(line, sizeof line, "%s", _(fb->hint));
    else if (fb->chosen)
        snprintf(line, sizeof line, "%s",
                 _("Enter: open the folder · Backspace: up · /: type a path · F2: write here"));
    else
        snprintf(line, sizeof line,
                 _("Enter: open the folder or attach the file · Backspace: up · /: type a path · "
                   "largest file %s"),
                 human_size(store_evidence_max_size(), limit, sizeof limit));
    tui_text(by + 1, a.left + 1, a.width - 2, line, tui_attr(ROLE_MUTED), ALIGN_LEFT);
    if (fb->typing) {
        const char *label = _("Path: ");
        int lw = tui_width(label);
        tui_fill(by, a.left, a.width, tui_attr(ROLE_DIALOG));
        tui_text(by, a.left + 1, lw, label, tui_attr(ROLE_DIALOG), ALIGN_LEFT);
        tui_draw_editor(fb->path, by, a.left + 1 + lw, a.width - lw - 3, 1);
    }
}

static void attach(tui_app *app, fb_state *fb, const char *path)
{
    evidence_add_result res;
    xaso_error err;
    xaso_error_clear(&err);
    if (store_evidence_add(app->st, fb->task_id, fb->period, path, NULL, &res, &err)) {
        tui_status_error(app, &err);
        return;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char size[32];
    if (res.already_attached)
        tui_status(app, false, _("%s is already attached to this task update."), base);
    else
        tui_status(app, false, _("Attached: %s (%s)."), base, human_size(res.size, size, sizeof size));
    tui_pop(app);
}

/* Close the browser and give path to the caller (the callback may draw, push or pop). */
static void choose(tui_app *app, fb_state *fb, const char *path)
{
    char *p = xstrdup(path);
    tui_folder_chosen chosen = fb->chosen;
    void *ctx = fb->chosen_ctx;
    tui_pop(app);
    chosen(app, p, ctx);
    free(p);
}

static void go(tui_app *app, fb_state *fb, const char *path)
{
    if (fs_is_dir(path)) {
        free(fb->dir);
        fb->dir = xstrdup(path);
        fb_read(app, fb);
    } else if (fb->chosen && fb->pick_files) {
        if (fs_exists(path))
            choose(app, fb, path);
        else
            tui_status(app, true, _("There is no file %s."), path);
    } else if (fb->chosen) {
        tui_status(app, true, "%s", _("Choose a folder, not a file."));
    } else {
        attach(app, fb, path);
    }
}

static bool fb_key(tui_app *app, tui_screen *s, int key)
{
    fb_state *fb = s->data;
    if (fb->typing) {
        if (key == 27) {
            fb->typing = false;
        } else if (key == '\n') {
            char *p = xstrdup(fe_text(fb->path));
            fb->typing = false;
            if (*p)
                go(app, fb, p);
            free(p);
        } else if (key == TUI_KEY_FN + KEY_BACKSPACE) {
            fe_apply(fb->path, FE_BACKSPACE, NULL);
        } else if (key == TUI_KEY_FN + KEY_LEFT || key == TUI_KEY_FN + KEY_RIGHT) {
            fe_apply(fb->path, key == TUI_KEY_FN + KEY_LEFT ? FE_LEFT : FE_RIGHT, NULL);
        } else if (key >= 32 && key < TUI_KEY_FN && key != 127) {
            char buf[8];
            size_t n = tui_utf8_put((unsigned)key, buf);
            buf[n] = '\0';
            fe_apply(fb->path, FE_INSERT, buf);
        }
        return true;
    }
    if (key == '/' || tui_keymap_lookup(&app->keys, key) == ACT_SEARCH) {
        fb->typing = true;
        fe_free(fb->path);
        fb->path = fe_new(false, 0);
        fe_set_text(fb->path, fb->dir);
        fe_apply(fb->path, FE_INSERT, "/");
        return true;
    }
    if (key == TUI_KEY_FN + KEY_BACKSPACE) {
        char *up = path_step(fb->dir, "..");
        go(app, fb, up);
        free(up);
        return true;
    }
    if (key == '\n' && fb->n) {
        char *full = path_step(fb->dir, fb->e[fb->cur].name);
        go(app, fb, full);
        free(full);
        return true;
    }
    return false;
}

static bool fb_handle(tui_app *app, tui_screen *s, tui_action a)
{
    fb_state *fb = s->data;
    if (a == ACT_SAVE && fb->chosen) {
        choose(app, fb, fb->dir);
        return true;
    }
    switch (a) {
    case ACT_UP: if (fb->cur) fb->cur--; return true;
    case ACT_DOWN: if (fb->cur + 1 < fb->n) fb->cur++; return true;
    case ACT_PAGE_DOWN: fb->cur = fb->cur + 10 < fb->n ? fb->cur + 10 : fb->n ? fb->n - 1 : 0; return true;
    case ACT_PAGE_UP: fb->cur = fb->cur > 10 ? fb->cur - 10 : 0; return true;
    case ACT_FIRST: fb->cur = 0; return true;
    case ACT_LAST: fb->cur = fb->n ? fb->n - 1 : 0; return true;
    default: return false;
    }
}

static void fb_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    fb_state *fb = s->data;
    snprintf(buf, size, "%s", fb->context  ? _(fb->context)
                              : fb->chosen ? _("Choose the folder to write into")
                                           : _("Attach evidence: choose a file"));
}

static const tui_screen_ops fb_ops = {
    .id = "file-browser", .open = fb_open, .draw = fb_draw, .handle = fb_handle,
    .close = fb_close, .key = fb_key, .context = fb_context,
};

tui_screen tui_file_browser_screen(long long task_id, const char *period)
{
    fb_state *fb = xcalloc(1, sizeof *fb);
    fb->task_id = task_id;
    snprintf(fb->period, sizeof fb->period, "%s", period);
    return (tui_screen){&fb_ops, fb, N_("Attach evidence")};
}

tui_screen tui_folder_browser_screen(tui_folder_chosen chosen, void *ctx)
{
    fb_state *fb = xcalloc(1, sizeof *fb);
    fb->chosen = chosen;
    fb->chosen_ctx = ctx;
    return (tui_screen){&fb_ops, fb, N_("Choose a folder")};
}

tui_screen tui_path_browser_screen(tui_folder_chosen chosen, void *ctx, const char *context,
                                   const char *hint)
{
    fb_state *fb = xcalloc(1, sizeof *fb);
    fb->chosen = chosen;
    fb->chosen_ctx = ctx;
    fb->pick_files = true;
    fb->context = context;
    fb->hint = hint;
    return (tui_screen){&fb_ops, fb, context};
}
