/* Importing bundles from the Received screen (i): the file browser starts at removable media
 * (XASO_BROWSE_START in tests); Enter on a bundle takes that one, F2 every *.zip of the folder
 * shown (receive_collect_files, as `xaso bundle import FOLDER`). Each bundle goes through
 * receive_bundle — verification first, a rejected bundle changes nothing — and an encrypted one
 * asks for its passphrase first (typed, never shown; Esc: taken in without it, so its receipt
 * says it is encrypted). At the end the receipts, one summary line per bundle and every problem
 * under it, are shown in a scrollable view, and the matrix is read again. Only accounts that may
 * receive bundles (bundle.import) start an import: the store says who may. */
#include <stdlib.h>
#include <string.h>

#include "tui_received.h"
#include "xaso/bundle.h"

/* ---------- the receipt view ---------- */

typedef struct {
    char **lines;
    tui_role *roles;
    size_t n, top;
    size_t bundles;
} receipt_view;

/* The lines as drawn in width - 2 columns: long lines wrapped, continuations indented. */
static size_t wrapped(const receipt_view *v, int width, char ***out, tui_role **roles)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    *roles = NULL;
    for (size_t i = 0; i < v->n; i++) {
        char **parts;
        size_t k = tui_wrap(v->lines[i], width - 6, &parts);
        for (size_t j = 0; j < k || (j == 0 && k == 0); j++) {
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                *out = xrealloc(*out, cap * sizeof **out);
                *roles = xrealloc(*roles, cap * sizeof **roles);
            }
            strbuf sb = STRBUF_INIT;
            if (j)
                sb_append(&sb, "    ");
            sb_append(&sb, k ? parts[j] : "");
            (*out)[n] = sb_detach(&sb);
            (*roles)[n++] = v->roles[i];
        }
        for (size_t j = 0; j < k; j++)
            free(parts[j]);
        free(parts);
    }
    return n;
}

static void free_lines(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}

static void rc_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    receipt_view *v = s->data;
    static const tui_action bar[] = {ACT_HELP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_BACK, ACT_QUIT};
    app->keybar = bar;
    app->n_keybar = sizeof bar / sizeof bar[0];
    char **lines;
    tui_role *roles;
    size_t n = wrapped(v, a.width, &lines, &roles);
    size_t body = (size_t)(a.height > 1 ? a.height - 1 : 1);
    if (v->top + body > n)
        v->top = n > body ? n - body : 0;
    for (size_t i = 0; i < body && v->top + i < n; i++)
        tui_text(a.top + (int)i, a.left + 1, a.width - 2, lines[v->top + i],
                 tui_attr(roles[v->top + i]), ALIGN_LEFT);
    char hint[200];
    snprintf(hint, sizeof hint, _("Lines %zu–%zu of %zu · ↑/↓ PgUp/PgDn: scroll · Esc: back"),
             n ? v->top + 1 : 0, v->top + body < n ? v->top + body : n, n);
    tui_text(a.top + a.height - 1, a.left + 1, a.width - 2, hint, tui_attr(ROLE_MUTED),
             ALIGN_LEFT);
    free_lines(lines, n);
    free(roles);
}

static bool rc_handle(tui_app *app, tui_screen *s, tui_action a)
{
    receipt_view *v = s->data;
    size_t page = (size_t)(LINES > 6 ? LINES - 6 : 1);
    switch (a) { /* the top is bounded when drawn */
    case ACT_UP: v->top = v->top ? v->top - 1 : 0; return true;
    case ACT_DOWN: v->top++; return true;
    case ACT_PAGE_UP: v->top = v->top > page ? v->top - page : 0; return true;
    case ACT_PAGE_DOWN: v->top += page; return true;
    case ACT_FIRST: v->top = 0; return true;
    case ACT_LAST: v->top = (size_t)-1 / 2; return true;
    default: (void)app; return false;
    }
}

static void rc_close(tui_app *app, tui_screen *s)
{
    (void)app;
    receipt_view *v = s->data;
    if (!v)
        return;
    free_lines(v->lines, v->n);
    free(v->roles);
    free(v);
    s->data = NULL;
}

static void rc_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    receipt_view *v = s->data;
    snprintf(buf, size,
             P_("Import receipt · %zu bundle", "Import receipt · %zu bundles",
                (unsigned long)v->bundles),
             v->bundles);
}

static const tui_screen_ops receipt_ops = {
    .id = "import-receipt", .draw = rc_draw, .handle = rc_handle, .close = rc_close,
    .context = rc_context,
};

/* ---------- importing ---------- */

static void add_line(received_state *rs, const char *text, tui_role role)
{
    rs->lines = xrealloc(rs->lines, (rs->n_lines + 1) * sizeof *rs->lines);
    rs->roles = xrealloc(rs->roles, (rs->n_lines + 1) * sizeof *rs->roles);
    rs->lines[rs->n_lines] = xstrdup(text);
    rs->roles[rs->n_lines++] = role;
}

static tui_role status_role(receive_status s)
{
    switch (s) {
    case RECEIVE_IMPORTED:
    case RECEIVE_UPDATED: return ROLE_GOOD;
    case RECEIVE_UNCHANGED: return ROLE_NORMAL;
    case RECEIVE_IGNORED: return ROLE_WARN;
    case RECEIVE_REJECTED: break;
    }
    return ROLE_BAD;
}

/* The receipt's lines as receive_receipt_format writes them (one per line of its text: the
 * summary, then one per problem), coloured by status and severity. */
static void add_receipt(received_state *rs, const receive_receipt *r)
{
    strbuf sb = STRBUF_INIT;
    receive_receipt_format(r, &sb);
    char *text = sb_detach(&sb), *save = NULL;
    size_t i = 0;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save), i++) {
        tui_role role = status_role(r->status);
        if (i && i - 1 < r->n_problems)
            role = r->problems[i - 1].severity == RECEIVE_ERROR      ? ROLE_BAD
                   : r->problems[i - 1].severity == RECEIVE_CONFLICT ? ROLE_WARN
                                                                      : ROLE_MUTED;
        add_line(rs, line, role);
    }
    free(text);
}

void rv_import_free(received_state *rs)
{
    for (size_t i = 0; i < rs->n_files; i++)
        free(rs->files[i]);
    free(rs->files);
    rs->files = NULL;
    rs->n_files = rs->next = 0;
    free_lines(rs->lines, rs->n_lines);
    free(rs->roles);
    rs->lines = NULL;
    rs->roles = NULL;
    rs->n_lines = 0;
    memset(&rs->tally, 0, sizeof rs->tally);
    tui_cred_clear(&rs->pass);
}

/* "Importing 3 of 166: file" over the screen while it works. */
static void draw_progress(const received_state *rs, const char *file)
{
    int w = COLS - 10 < 64 ? COLS - 10 : 64, x = (COLS - w) / 2, y = LINES / 2 - 2;
    attr_t at = tui_attr(ROLE_DIALOG);
    for (int i = 0; i < 4; i++)
        tui_fill(y + i, x, w, at);
    char line[600];
    snprintf(line, sizeof line, _("Checking and importing %zu of %zu…"), rs->next + 1,
             rs->n_files);
    tui_text(y, x + 2, w - 4, line, at, ALIGN_LEFT);
    tui_text(y + 1, x + 2, w - 4, file, at, ALIGN_LEFT);
    tui_bar(y + 2, x + 2, w - 4, (double)rs->next / (double)rs->n_files, at);
    refresh();
}

/* The receipts so far become the receipt view; the matrix is read again. */
static void finish(tui_app *app, received_state *rs)
{
    strbuf sb = STRBUF_INIT;
    receive_tally_format(&rs->tally, &sb);
    char *sum = sb_detach(&sb);
    sum[strcspn(sum, "\n")] = '\0';
    receipt_view *v = xcalloc(1, sizeof *v);
    v->n = rs->n_lines + 2;
    v->lines = xcalloc(v->n, sizeof *v->lines);
    v->roles = xcalloc(v->n, sizeof *v->roles);
    v->lines[0] = sum;
    v->roles[0] = rs->tally.count[RECEIVE_REJECTED] ? ROLE_BAD : ROLE_HEADING;
    v->lines[1] = xstrdup("");
    v->roles[1] = ROLE_NORMAL;
    for (size_t i = 0; i < rs->n_lines; i++) {
        v->lines[i + 2] = rs->lines[i];
        v->roles[i + 2] = rs->roles[i];
    }
    free(rs->lines);
    rs->lines = NULL;
    rs->n_lines = 0;
    v->bundles = rs->next;
    tui_status(app, rs->tally.count[RECEIVE_REJECTED] != 0, "%s", v->lines[0]);
    rv_import_free(rs);
    rv_load(app, rs);
    tui_screen view = {&receipt_ops, v, N_("Import receipt")};
    if (app->depth < TUI_STACK_MAX)
        tui_push(app, view);
    else /* no room for another view: the closing line stays on the status line */
        rc_close(app, &view);
}

/* Import from rs->next on; pass answers the passphrase question of the first (answered: the
 * question was asked, pass NULL = none given). Stops to ask for the next encrypted bundle. */
static void import_from(tui_app *app, received_state *rs, const char *pass, bool answered)
{
    while (rs->next < rs->n_files) {
        const char *file = rs->files[rs->next];
        if (!answered && bundle_is_encrypted(file)) {
            rs->pass = (tui_cred_field){.label = N_("Passphrase: "), .secret = true};
            rs->ask = RV_ASK_PASSPHRASE;
            return;
        }
        draw_progress(rs, file);
        receive_receipt r;
        xaso_error err;
        xaso_error_clear(&err);
        int rc = receive_bundle(app->st, file, pass, &r, &err);
        if (rc) { /* the database failed: stop here, show what was done */
            char buf[1200];
            add_line(rs, xaso_error_format(&err, buf, sizeof buf), ROLE_ERROR);
            receive_receipt_free(&r);
            break;
        }
        add_receipt(rs, &r);
        receive_tally_add(&rs->tally, &r);
        receive_receipt_free(&r);
        rs->next++;
        pass = NULL;
        answered = false;
    }
    finish(app, rs);
}

static void import_chosen(tui_app *app, const char *path, void *ctx)
{
    received_state *rs = ctx;
    rv_import_free(rs);
    receive_collect_files(path, &rs->files, &rs->n_files);
    if (!rs->n_files) {
        tui_status(app, true, _("There is no bundle (*.zip) in %s."), path);
        return;
    }
    import_from(app, rs, NULL, false);
}

void rv_import_start(tui_app *app, received_state *rs)
{
    char why[512];
    if (!tui_may(app, PERM_BUNDLE_IMPORT, QUERY_REPORTS, 0, why, sizeof why)) {
        tui_status(app, true, "%s", why);
        return;
    }
    tui_push(app, tui_path_browser_screen(
                      import_chosen, rs, N_("Import bundles: choose a bundle or a folder"),
                      N_("Enter: open or import · F2: import the whole folder · Backspace: up · "
                         "/: path")));
}

bool rv_import_key(tui_app *app, received_state *rs, int key)
{
    if (key == 27 || key == '\n') {
        char *pass = key == '\n' && rs->pass.text[0] ? xstrdup(rs->pass.text) : NULL;
        tui_cred_clear(&rs->pass);
        rs->ask = RV_ASK_NONE;
        import_from(app, rs, pass, true);
        if (pass) {
            volatile char *p = pass;
            while (*p)
                *p++ = '\0';
        }
        free(pass);
        return true;
    }
    tui_cred_key(&rs->pass, key);
    return true;
}

void rv_import_draw_prompt(received_state *rs, tui_rect a)
{
    char line[1200];
    attr_t at = tui_attr(ROLE_DIALOG);
    const char *file = rs->next < rs->n_files ? rs->files[rs->next] : "";
    const char *base = strrchr(file, '/');
    int y = rv_dialog(a, 3);
    snprintf(line, sizeof line, _("%s is encrypted: type its passphrase (it is not shown)."),
             base ? base + 1 : file);
    tui_text(y, a.left + 1, a.width - 2, line, at, ALIGN_LEFT);
    int lw = tui_width(_(rs->pass.label)) + 1;
    tui_cred_draw(&rs->pass, y + 1, a.left + 1, lw, a.width - lw - 3, true);
    tui_text(y + 2, a.left + 1, a.width - 2,
             _("Enter: import · Esc: without the passphrase (the bundle is then rejected)"), at,
             ALIGN_LEFT);
}
