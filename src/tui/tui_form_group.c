/* The list of a group field's items (a plan's horizons and basis documents, a project's
 * disbursements …) over the form that owns them: one line per item, n adds one, Enter edits one
 * in a form of the group's own fields (the same form screen, validation and help), Del removes
 * one after asking, Esc goes back. Nothing here is written to the database: the items live in
 * the owning form and are saved with the record when F2 is pressed there. */
#include <stdlib.h>
#include <string.h>

#include "tui_entry.h"
#include "xaso/strbuf.h"

/* ---------- the items ---------- */

void tui_group_items_clear(tui_group_items *g, size_t n_fields)
{
    for (size_t k = 0; k < g->n; k++) {
        for (size_t j = 0; j < n_fields; j++)
            free(g->items[k][j]);
        free(g->items[k]);
    }
    free(g->items);
    *g = (tui_group_items){0, 0, NULL};
}

char **tui_group_items_add(tui_group_items *g, size_t n_fields)
{
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 8;
        g->items = xrealloc(g->items, g->cap * sizeof *g->items);
    }
    g->items[g->n] = xcalloc(n_fields ? n_fields : 1, sizeof(char *));
    return g->items[g->n++];
}

static void remove_item(tui_group_items *g, size_t k, size_t n_fields)
{
    for (size_t j = 0; j < n_fields; j++)
        free(g->items[k][j]);
    free(g->items[k]);
    memmove(&g->items[k], &g->items[k + 1], (g->n - k - 1) * sizeof *g->items);
    g->n--;
}

void tui_group_item_summary(const form_field *group, char *const *item, char *buf, size_t size)
{
    strbuf sb = STRBUF_INIT;
    for (size_t j = 0; j < group->n_fields; j++) {
        const form_field *f = &group->fields[j];
        const char *text = item[j];
        if (!text || !*text)
            continue;
        for (size_t c = 0; f->type == FT_CHOICE && c < f->n_choices; c++)
            if (!strcmp(f->choices[c].code, text))
                text = _(f->choices[c].label);
        if (sb.len)
            sb_append(&sb, " · ");
        /* one line: a memo's line breaks become spaces */
        for (const char *p = text; *p; p++)
            sb_putc(&sb, *p == '\n' ? ' ' : *p);
    }
    snprintf(buf, size, "%s", sb_str(&sb));
    sb_free(&sb);
}

/* ---------- one item in a form ---------- */

typedef struct {
    tui_group_spec g;
    long index; /* -1: a new item */
} item_ctx;

static void item_fill(tui_app *app, tui_form_spec *spec, const xaso_form *form, char **texts)
{
    (void)app;
    item_ctx *c = spec->ctx;
    for (size_t j = 0; j < form->n_fields; j++) {
        const char *v = c->index >= 0 ? c->g.items->items[c->index][j] : form->fields[j].default_text;
        texts[j] = v && *v ? xstrdup(v) : NULL;
    }
}

static int item_save(tui_app *app, tui_form_spec *spec, const xaso_form *form, char *const *texts,
                     xaso_error *err)
{
    (void)app;
    (void)err;
    item_ctx *c = spec->ctx;
    char **item = c->index >= 0 ? c->g.items->items[c->index]
                                : tui_group_items_add(c->g.items, form->n_fields);
    for (size_t j = 0; j < form->n_fields; j++) {
        free(item[j]);
        item[j] = texts[j] ? xstrdup(texts[j]) : NULL;
    }
    c->g.changed(c->g.ctx);
    return 0;
}

static void open_item(tui_app *app, const tui_group_spec *g, long index)
{
    tui_form_spec *spec = xcalloc(1, sizeof *spec);
    item_ctx *c = xcalloc(1, sizeof *c);
    c->g = *g;
    c->index = index;
    spec->group = g->group;
    spec->ctx = c;
    spec->free_ctx = free;
    spec->fill = item_fill;
    spec->save_all = item_save;
    spec->read_only = g->read_only;
    snprintf(spec->read_only_reason, sizeof spec->read_only_reason, "%s",
             g->read_only_reason ? g->read_only_reason : "");
    if (index >= 0)
        snprintf(spec->context, sizeof spec->context, "%s · %s %ld", g->context ? g->context : "",
                 _(g->group->label), index + 1);
    else
        snprintf(spec->context, sizeof spec->context, _("%s · %s: new item"),
                 g->context ? g->context : "", _(g->group->label));
    tui_push(app, tui_form_screen(spec));
}

/* ---------- the list ---------- */

typedef struct {
    tui_group_spec g;
    size_t cur;
    int top;
    bool confirm_delete;
    bool touched; /* an item changed: the owning form has something unsaved */
} group_state;

static void item_changed(void *ctx)
{
    group_state *gs = ctx;
    gs->touched = true;
    gs->g.changed(gs->g.ctx);
}

/* The item forms tell the list, which tells the owning form. */
static void open_list_item(tui_app *app, group_state *gs, long index)
{
    tui_group_spec g = gs->g;
    g.changed = item_changed;
    g.ctx = gs;
    open_item(app, &g, index);
}

static void group_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    group_state *gs = s->data;
    static const tui_action bar[] = {ACT_NEW, ACT_OPEN, ACT_BACK, ACT_QUIT};
    app->keybar = bar;
    app->n_keybar = sizeof bar / sizeof bar[0];
    if (gs->touched)
        app->unsaved = true; /* quitting from here asks first */
    const tui_group_items *items = gs->g.items;
    tui_text(a.top, a.left, a.width, _(gs->g.group->label), tui_attr(ROLE_HEADING), ALIGN_LEFT);
    int body_top = a.top + 1, body_h = a.height - 3;
    if (gs->cur >= items->n && items->n)
        gs->cur = items->n - 1;
    if ((int)gs->cur < gs->top)
        gs->top = (int)gs->cur;
    if ((int)gs->cur >= gs->top + body_h)
        gs->top = (int)gs->cur - body_h + 1;
    if (!items->n)
        tui_text(body_top, a.left + 1, a.width - 2,
                 gs->g.read_only ? _("No items.") : _("No items yet: n adds one."),
                 tui_attr(ROLE_MUTED), ALIGN_LEFT);
    for (int r = 0; r < body_h && gs->top + r < (int)items->n; r++) {
        size_t k = (size_t)(gs->top + r);
        char summary[600], line[640];
        tui_group_item_summary(gs->g.group, items->items[k], summary, sizeof summary);
        snprintf(line, sizeof line, "%2zu. %s", k + 1, summary);
        tui_text(body_top + r, a.left + 1, a.width - 2, line,
                 k == gs->cur ? tui_attr(ROLE_CURSOR) : tui_attr(ROLE_NORMAL), ALIGN_LEFT);
    }
    int by = a.top + a.height - 2;
    if (gs->g.read_only)
        tui_text(by, a.left + 1, a.width - 2, gs->g.read_only_reason, tui_attr(ROLE_WARN),
                 ALIGN_LEFT);
    tui_text(by + 1, a.left + 1, a.width - 2,
             _("n add  Enter edit  Del remove  Esc back to the form (F2 there saves)"),
             tui_attr(ROLE_MUTED), ALIGN_LEFT);
    if (gs->confirm_delete)
        tui_status(app, true, _("Remove item %zu? (y = yes, any other key = no)"), gs->cur + 1);
}

static bool refused(tui_app *app, group_state *gs)
{
    if (gs->g.read_only)
        tui_status(app, true, "%s", gs->g.read_only_reason);
    return gs->g.read_only;
}

static bool group_key(tui_app *app, tui_screen *s, int key)
{
    group_state *gs = s->data;
    if (gs->confirm_delete) {
        gs->confirm_delete = false;
        app->status[0] = '\0';
        if (key == 'y' || key == 'Y') {
            remove_item(gs->g.items, gs->cur, gs->g.group->n_fields);
            item_changed(gs);
            tui_status(app, false, "%s", _("Removed. F2 on the form saves the change."));
        }
        return true;
    }
    if (key == TUI_KEY_FN + KEY_DC) {
        if (!refused(app, gs) && gs->g.items->n)
            gs->confirm_delete = true;
        return true;
    }
    return false;
}

static bool group_handle(tui_app *app, tui_screen *s, tui_action a)
{
    group_state *gs = s->data;
    size_t n = gs->g.items->n;
    switch (a) {
    case ACT_UP: if (gs->cur) gs->cur--; return true;
    case ACT_DOWN: if (gs->cur + 1 < n) gs->cur++; return true;
    case ACT_FIRST: gs->cur = 0; return true;
    case ACT_LAST: gs->cur = n ? n - 1 : 0; return true;
    case ACT_NEW:
        if (!refused(app, gs)) {
            gs->cur = n;
            open_list_item(app, gs, -1);
        }
        return true;
    case ACT_OPEN:
    case ACT_EDIT:
        if (n)
            open_list_item(app, gs, (long)gs->cur);
        return true;
    case ACT_BACK:
    case ACT_SAVE:
        tui_pop(app);
        return true;
    case ACT_HELP: /* as in the form it belongs to: what the list is for */
        tui_status(app, false, "%s — %s", _(gs->g.group->label),
                   gs->g.group->help ? _(gs->g.group->help) : _("No help for this field."));
        return true;
    default: return false;
    }
}

static void group_close(tui_app *app, tui_screen *s)
{
    (void)app;
    free(s->data);
    s->data = NULL;
}

static void group_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    group_state *gs = s->data;
    snprintf(buf, size, "%s · %s", gs->g.context ? gs->g.context : "", _(gs->g.group->label));
}

tui_screen tui_group_screen(const tui_group_spec *spec)
{
    /* part of the form that opened it (F1 explains the list, as a form's F1 explains the field) */
    static const tui_screen_ops ops = {
        .id = "form",
        .draw = group_draw,
        .handle = group_handle,
        .close = group_close,
        .key = group_key,
        .context = group_context,
    };
    group_state *gs = xcalloc(1, sizeof *gs);
    gs->g = *spec;
    return (tui_screen){&ops, gs, N_("List")};
}
