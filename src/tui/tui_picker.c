/* Unit pickers over a form: one unit for a "unit" field, several units with roles for a "units"
 * field (a task's lead, coordinating units, units asked to help). Keys: see the hint line. The list is the active units,
 * the plan's own first; typing filters it with case and diacritics ignored ("phuong" finds
 * "Phường"), each word typed must start a word of the code, the name or the short name. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tui_entry.h"
#include "xaso/store_items.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

/* ---------- the units ---------- */

typedef struct {
    char *code, *name, *short_name;
    char *fold; /* code, name and short name, folded for matching */
} unit_entry;

struct tui_unit_list {
    unit_entry *u;
    size_t n, cap;
};

static int add_unit(const store_unit_choice *c, void *vctx)
{
    tui_unit_list *l = vctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->u = xrealloc(l->u, l->cap * sizeof *l->u);
    }
    strbuf all = STRBUF_INIT;
    sb_appendf(&all, "%s %s %s", c->code, c->name, c->short_name ? c->short_name : "");
    char *fold = utf8_fold(sb_str(&all));
    sb_free(&all);
    l->u[l->n++] = (unit_entry){xstrdup(c->code), xstrdup(c->name),
                                c->short_name ? xstrdup(c->short_name) : NULL,
                                fold ? fold : xstrdup("")};
    return 0;
}

tui_unit_list *tui_unit_list_load(tui_app *app)
{
    tui_unit_list *l = xcalloc(1, sizeof *l);
    xaso_error err;
    xaso_error_clear(&err);
    if (store_unit_choices(app->st, query_plan_id(app->q), add_unit, l, &err))
        tui_status_error(app, &err);
    return l;
}

void tui_unit_list_free(tui_unit_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        free(l->u[i].code);
        free(l->u[i].name);
        free(l->u[i].short_name);
        free(l->u[i].fold);
    }
    free(l->u);
    free(l);
}

static long find_unit(const tui_unit_list *l, const char *code)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->u[i].code, code))
            return (long)i;
    return -1;
}

/* ---------- what a unit field shows ---------- */

static const char *unit_role_label(const form_field *f, const char *code)
{
    for (size_t k = 0; k < f->n_choices; k++)
        if (!strcmp(f->choices[k].code, code))
            return _(f->choices[k].label);
    return code;
}

char *tui_unit_field_text(const tui_unit_list *l, const form_field *f, const char *text,
                          char *buf, size_t size)
{
    buf[0] = '\0';
    if (!text || !*text)
        return buf;
    if (f->type == FT_UNIT) {
        long i = find_unit(l, text);
        snprintf(buf, size, "%s%s%s", text, i >= 0 ? " · " : "", i >= 0 ? l->u[i].name : "");
        return buf;
    }
    form_unit_role items[64];
    long n = form_units_parse(f, text, items, 64);
    if (n < 0) {
        snprintf(buf, size, "%s", text);
        return buf;
    }
    strbuf sb = STRBUF_INIT;
    for (long k = 0; k < n && k < 64; k++)
        sb_appendf(&sb, "%s%s (%s)", k ? ", " : "", items[k].unit, unit_role_label(f, items[k].role));
    snprintf(buf, size, "%s", sb_str(&sb));
    sb_free(&sb);
    return buf;
}

/* ---------- the picker ---------- */

typedef struct {
    char unit[sizeof ((form_unit_role *)0)->unit];
    int role; /* index into the field's roles */
} chosen;

struct tui_unit_picker {
    const form_field *f;
    const tui_unit_list *units;
    field_editor *filter;
    size_t *shown; /* indexes of the units that match the filter */
    size_t n_shown, cur, top;
    chosen *sel; /* units: what is chosen, in the order it was chosen */
    size_t n_sel;
    char original[64]; /* unit: the value before, to start on it */
};

/* Whether w starts a word of text (words are separated by anything but letters and digits). */
static bool starts_word(const char *text, const char *w)
{
    for (const char *at = strstr(text, w); at; at = strstr(at + 1, w))
        if (at == text || !isalnum((unsigned char)at[-1]))
            return true;
    return false;
}

/* Every word typed starts a word of the unit's code, name or short name. */
static bool matches(const unit_entry *u, const char *folded_query)
{
    char *q = xstrdup(folded_query);
    bool ok = true;
    for (char *save = NULL, *w = strtok_r(q, " ", &save); w && ok; w = strtok_r(NULL, " ", &save))
        ok = starts_word(u->fold, w);
    free(q);
    return ok;
}

static void refilter(tui_unit_picker *p)
{
    char *q = utf8_fold(fe_text(p->filter));
    p->n_shown = 0;
    for (size_t i = 0; i < p->units->n; i++)
        if (matches(&p->units->u[i], q ? q : ""))
            p->shown[p->n_shown++] = i;
    free(q);
    p->cur = p->top = 0;
}

static long sel_index(const tui_unit_picker *p, const char *code)
{
    for (size_t k = 0; k < p->n_sel; k++)
        if (!strcmp(p->sel[k].unit, code))
            return (long)k;
    return -1;
}

tui_unit_picker *tui_unit_picker_new(const tui_unit_list *units, const form_field *f,
                                     const char *text, int first_key)
{
    tui_unit_picker *p = xcalloc(1, sizeof *p);
    p->f = f;
    p->units = units;
    p->filter = fe_new(false, 100);
    p->shown = xcalloc(units->n ? units->n : 1, sizeof *p->shown);
    if (f->type == FT_UNITS) {
        form_unit_role items[64];
        long n = text && *text ? form_units_parse(f, text, items, 64) : 0;
        p->sel = xcalloc(n > 0 ? (size_t)n + units->n : units->n + 1, sizeof *p->sel);
        for (long k = 0; k < n && k < 64; k++) {
            if (sel_index(p, items[k].unit) >= 0)
                continue;
            int role = 0;
            for (size_t r = 0; r < f->n_choices; r++)
                if (!strcmp(f->choices[r].code, items[k].role))
                    role = (int)r;
            memcpy(p->sel[p->n_sel].unit, items[k].unit, sizeof p->sel[p->n_sel].unit);
            p->sel[p->n_sel++].role = role;
        }
    } else {
        snprintf(p->original, sizeof p->original, "%s", text ? text : "");
    }
    if (first_key > 32) {
        char buf[8];
        buf[tui_utf8_put((unsigned)first_key, buf)] = '\0';
        fe_apply(p->filter, FE_INSERT, buf);
    }
    refilter(p);
    /* start on the unit already chosen */
    long at = p->original[0] ? find_unit(units, p->original) : p->n_sel ? find_unit(units, p->sel[0].unit) : -1;
    for (size_t k = 0; at >= 0 && k < p->n_shown; k++)
        if (p->shown[k] == (size_t)at)
            p->cur = k;
    return p;
}

void tui_unit_picker_free(tui_unit_picker *p)
{
    if (!p)
        return;
    fe_free(p->filter);
    free(p->shown);
    free(p->sel);
    free(p);
}

/* The role of the unit under the cursor: dir +1 the next one (none → first role → … → none). */
static void cycle_role(tui_unit_picker *p, int dir)
{
    if (!p->n_shown || !p->f->n_choices)
        return;
    const char *code = p->units->u[p->shown[p->cur]].code;
    long k = sel_index(p, code);
    int n = (int)p->f->n_choices;
    int role = k < 0 ? -1 : p->sel[k].role; /* -1: not chosen */
    role = (role + 1 + (dir > 0 ? 1 : n)) % (n + 1) - 1;
    if (role < 0) {
        if (k >= 0) {
            memmove(&p->sel[k], &p->sel[k + 1], (p->n_sel - (size_t)k - 1) * sizeof *p->sel);
            p->n_sel--;
        }
        return;
    }
    if (k < 0) {
        k = (long)p->n_sel++;
        snprintf(p->sel[k].unit, sizeof p->sel[k].unit, "%s", code);
    }
    p->sel[k].role = role;
}

char *tui_unit_picker_value(const tui_unit_picker *p)
{
    if (p->f->type == FT_UNIT)
        return xstrdup(p->n_shown ? p->units->u[p->shown[p->cur]].code : "");
    /* by role (the lead first), each role in the order the units were chosen */
    strbuf sb = STRBUF_INIT;
    bool first = true;
    for (size_t r = 0; r < p->f->n_choices; r++)
        for (size_t k = 0; k < p->n_sel; k++)
            if (p->sel[k].role == (int)r) {
                sb_appendf(&sb, "%s%s:%s", first ? "" : ", ", p->sel[k].unit, p->f->choices[r].code);
                first = false;
            }
    char *out = xstrdup(sb_str(&sb));
    sb_free(&sb);
    return out;
}

static void picker_move(tui_unit_picker *p, long by)
{
    if (!p->n_shown)
        return;
    long c = (long)p->cur + by;
    p->cur = c < 0 ? 0 : c >= (long)p->n_shown ? p->n_shown - 1 : (size_t)c;
}

tui_picker_result tui_unit_picker_key(tui_app *app, tui_unit_picker *p, int key)
{
    bool units = p->f->type == FT_UNITS;
    if (key == 27)
        return PICKER_CANCELLED;
    if (key == '\n') {
        if (!units && !p->n_shown) {
            tui_status(app, true, "%s", _("No unit matches what you typed: correct it, or Esc."));
            return PICKER_OPEN;
        }
        return PICKER_CHOSEN;
    }
    /* Space sets a role while nothing is typed; after a word it separates words */
    if (units && ((key == ' ' && !fe_length(p->filter)) || key == TUI_KEY_FN + KEY_RIGHT ||
                  key == TUI_KEY_FN + KEY_LEFT)) {
        cycle_role(p, key == TUI_KEY_FN + KEY_LEFT ? -1 : +1);
        return PICKER_OPEN;
    }
    switch (key) {
    case TUI_KEY_FN + KEY_UP: picker_move(p, -1); return PICKER_OPEN;
    case TUI_KEY_FN + KEY_DOWN: picker_move(p, +1); return PICKER_OPEN;
    case TUI_KEY_FN + KEY_PPAGE: picker_move(p, -10); return PICKER_OPEN;
    case TUI_KEY_FN + KEY_NPAGE: picker_move(p, +10); return PICKER_OPEN;
    case TUI_KEY_FN + KEY_HOME: picker_move(p, -(long)p->n_shown); return PICKER_OPEN;
    case TUI_KEY_FN + KEY_END: picker_move(p, (long)p->n_shown); return PICKER_OPEN;
    default: break;
    }
    fe_outcome o = FE_UNCHANGED;
    if (key == TUI_KEY_FN + KEY_BACKSPACE || key == 8 || key == 127)
        o = fe_apply(p->filter, FE_BACKSPACE, NULL);
    else if (key == 21)
        o = fe_apply(p->filter, FE_KILL_TO_START, NULL);
    else if (key == 23)
        o = fe_apply(p->filter, FE_DELETE_WORD_BACK, NULL);
    else if (key >= 32 && key < TUI_KEY_FN) {
        char buf[8];
        buf[tui_utf8_put((unsigned)key, buf)] = '\0';
        o = fe_apply(p->filter, FE_INSERT, buf);
    }
    if (o != FE_UNCHANGED)
        refilter(p);
    return PICKER_OPEN;
}

void tui_unit_picker_draw(tui_app *app, tui_unit_picker *p, tui_rect a)
{
    (void)app;
    bool units = p->f->type == FT_UNITS;
    attr_t dlg = tui_attr(ROLE_DIALOG);
    char line[600];
    for (int r = 0; r < a.height; r++)
        tui_fill(a.top + r, a.left, a.width, tui_attr(ROLE_NORMAL));
    snprintf(line, sizeof line, units ? _("Choose the units and their roles: %s")
                                      : _("Choose a unit: %s"), _(p->f->label));
    tui_text(a.top, a.left, a.width, line, tui_attr(ROLE_HEADING), ALIGN_LEFT);
    const char *find = _("Find: ");
    int fw = tui_width(find);
    tui_fill(a.top + 1, a.left, a.width, dlg);
    tui_text(a.top + 1, a.left + 1, fw, find, dlg, ALIGN_LEFT);
    tui_draw_editor(p->filter, a.top + 1, a.left + 1 + fw, a.width - fw - 3, 1);
    int y = a.top + 2;
    if (units) {
        char buf[600];
        char *v = tui_unit_picker_value(p);
        snprintf(line, sizeof line, _("Chosen: %s"),
                 *v ? tui_unit_field_text(p->units, p->f, v, buf, sizeof buf) : _("none yet"));
        free(v);
        tui_text(y++, a.left + 1, a.width - 2, line, tui_attr(ROLE_GOOD), ALIGN_LEFT);
    }
    int body = a.top + a.height - 1 - y;
    if (body < 1)
        body = 1;
    if (p->cur < p->top)
        p->top = p->cur;
    if (p->cur >= p->top + (size_t)body)
        p->top = p->cur - (size_t)body + 1;
    if (!p->n_shown)
        tui_text(y, a.left + 2, a.width - 4,
                 p->units->n ? _("No unit matches what you typed.")
                             : _("No unit yet: add them on the units screen (6, then n)."),
                 tui_attr(ROLE_MUTED), ALIGN_LEFT);
    int role_w = units ? 18 : 0, code_w = 16;
    for (int r = 0; r < body && p->top + (size_t)r < p->n_shown; r++) {
        size_t k = p->top + (size_t)r;
        const unit_entry *u = &p->units->u[p->shown[k]];
        bool cur = k == p->cur;
        attr_t at = cur ? tui_attr(ROLE_CURSOR) : tui_attr(ROLE_NORMAL);
        tui_fill(y + r, a.left, a.width, at);
        long s = units ? sel_index(p, u->code) : -1;
        bool picked = units ? s >= 0 : !strcmp(u->code, p->original);
        tui_text(y + r, a.left + 1, 2, picked ? "*" : " ", at, ALIGN_LEFT);
        tui_text(y + r, a.left + 3, code_w, u->code, at, ALIGN_LEFT);
        snprintf(line, sizeof line, "%s%s%s%s", u->name, u->short_name ? " (" : "",
                 u->short_name ? u->short_name : "", u->short_name ? ")" : "");
        tui_text(y + r, a.left + 4 + code_w, a.width - 6 - code_w - role_w, line, at, ALIGN_LEFT);
        if (s >= 0)
            tui_text(y + r, a.left + a.width - 1 - role_w, role_w,
                     _(p->f->choices[p->sel[s].role].label), cur ? at : tui_attr(ROLE_GOOD),
                     ALIGN_LEFT);
    }
    tui_text(a.top + a.height - 1, a.left + 1, a.width - 2,
             units ? _("Type to find · Up/Down: move · Left/Right: role · Enter: done · Esc: "
                       "cancel")
                   : _("Type to find · Up/Down: move · Enter: choose · Esc: cancel"),
             tui_attr(ROLE_MUTED), ALIGN_LEFT);
}
