/* The form screen: one field per line (memo fields several), moving with Enter/Tab and
 * Shift+Tab, each field validated by form_validate_field when the cursor leaves it and, for
 * records that exist, written to the database right then (one transaction, one audit row). F2
 * saves and closes, Esc closes (asking first when something typed is not saved), F1 shows the
 * field's help. Choices and yes/no are chosen with Space or ←/→ (or the first letter). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tui_entry.h"
#include "xaso/strbuf.h"
#include "xaso/utf8.h"

typedef enum { FS_EMPTY, FS_ENTERED, FS_WARNING, FS_ERROR, FS_READ_ONLY } field_state;

typedef struct {
    tui_form_spec *spec;
    xaso_form *form;
    char **texts;          /* what each field holds (NULL = "") */
    char **saved;          /* what the database holds (save_each_field) */
    field_state *state;
    char (*msg)[256];
    size_t cur;
    field_editor *ed;      /* the current field's editor (text-like fields) */
    long confirm_field;    /* a warning shown for this field: leaving again keeps the value */
    char *confirm_text;
    bool confirm_cancel;   /* asking "discard?" */
    bool show_help;
    bool dirty;            /* save_all forms: something changed */
    bool saved_ok;
    int top;               /* first line shown */
    tui_unit_list *units;  /* for unit fields, loaded when first needed */
    tui_unit_picker *picker; /* open over the form */
    bool inline_form;      /* fs->form is the item of a group (spec->group), not a loaded file */
} form_state;

static size_t utf8_put(unsigned cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t tui_utf8_put(unsigned cp, char *out)
{
    return utf8_put(cp, out);
}

static const char *text_of(form_state *fs, size_t i)
{
    return fs->texts[i] ? fs->texts[i] : "";
}

static bool is_choice(const form_field *f)
{
    return f->type == FT_CHOICE || f->type == FT_YESNO;
}

/* Chosen from a list rather than typed: choices, yes/no, units. */
static bool is_picked(const form_field *f)
{
    return is_choice(f) || f->type == FT_UNIT || f->type == FT_UNITS;
}

/* A group of evidence files: its list is the evidence screen. */
static bool is_file_group(const form_field *f)
{
    if (f->type != FT_GROUP)
        return false;
    for (size_t k = 0; k < f->n_fields; k++)
        if (f->fields[k].type == FT_FILE)
            return true;
    return false;
}

/* A group whose items are edited in this form (spec->fill_group). */
static bool is_item_group(form_state *fs, size_t i)
{
    return fs->spec->groups && fs->form->fields[i].type == FT_GROUP &&
           !is_file_group(&fs->form->fields[i]);
}

/* A group's text is its number of items (form.h): required groups need one. */
static void set_group_counts(form_state *fs)
{
    for (size_t i = 0; i < fs->form->n_fields; i++) {
        if (!is_item_group(fs, i))
            continue;
        char n[32];
        snprintf(n, sizeof n, "%zu", fs->spec->groups[i].n);
        free(fs->texts[i]);
        fs->texts[i] = fs->spec->groups[i].n ? xstrdup(n) : NULL;
    }
}

static void refresh_state(form_state *fs, size_t i);

static void groups_changed(void *ctx)
{
    form_state *fs = ctx;
    set_group_counts(fs);
    for (size_t i = 0; i < fs->form->n_fields; i++)
        if (is_item_group(fs, i)) {
            fs->state[i] = FS_EMPTY;
            refresh_state(fs, i);
        }
    fs->dirty = true;
}

static const tui_unit_list *units_of(tui_app *app, form_state *fs)
{
    if (!fs->units)
        fs->units = tui_unit_list_load(app);
    return fs->units;
}

static bool is_readonly(form_state *fs, size_t i)
{
    const form_field *f = &fs->form->fields[i];
    return fs->spec->read_only || f->type == FT_COMPUTED || f->type == FT_GROUP;
}

static bool visible(form_state *fs, size_t i)
{
    return form_field_visible(fs->form->fields, fs->form->n_fields, i,
                              (const char *const *)fs->texts);
}

static void set_text(char **slot, const char *text)
{
    free(*slot);
    *slot = text && *text ? xstrdup(text) : NULL;
}

static void load_editor(form_state *fs)
{
    fe_free(fs->ed);
    fs->ed = NULL;
    const form_field *f = &fs->form->fields[fs->cur];
    if (is_picked(f) || is_readonly(fs, fs->cur))
        return;
    fs->ed = fe_new(f->type == FT_MEMO, f->max_length);
    fe_set_text(fs->ed, text_of(fs, fs->cur));
}

static void refresh_state(form_state *fs, size_t i)
{
    if (fs->state[i] == FS_ERROR || fs->state[i] == FS_WARNING)
        return;
    if (is_readonly(fs, i) && (fs->spec->read_only || !is_item_group(fs, i)))
        fs->state[i] = FS_READ_ONLY;
    else
        fs->state[i] = fs->texts[i] ? FS_ENTERED : FS_EMPTY;
}

static bool editing_changed(form_state *fs)
{
    if (fs->ed)
        return fe_changed(fs->ed);
    return false;
}

static void update_unsaved(tui_app *app, form_state *fs)
{
    app->unsaved = fs->dirty || editing_changed(fs) ||
                   (fs->spec->save_each_field && is_picked(&fs->form->fields[fs->cur]) &&
                    strcmp(text_of(fs, fs->cur), fs->saved[fs->cur] ? fs->saved[fs->cur] : ""));
}

/* Validate and keep (and write) the current field. false: stay on it. */
static bool commit_field(tui_app *app, form_state *fs)
{
    size_t i = fs->cur;
    const form_field *f = &fs->form->fields[i];
    if (is_readonly(fs, i))
        return true;
    const char *typed = fs->ed ? fe_text(fs->ed) : text_of(fs, i);
    char *text = xstrdup(typed);
    form_result r;
    form_validate_field(f, text, &r);
    if (r.severity == FORM_ERROR) {
        fs->state[i] = FS_ERROR;
        snprintf(fs->msg[i], sizeof fs->msg[i], "%s", r.message);
        tui_status(app, true, "%s: %s", _(f->label), r.message);
        free(text);
        return false;
    }
    if (r.severity == FORM_WARNING &&
        !(fs->confirm_field == (long)i && fs->confirm_text && !strcmp(fs->confirm_text, text))) {
        fs->state[i] = FS_WARNING;
        snprintf(fs->msg[i], sizeof fs->msg[i], "%s", r.message);
        fs->confirm_field = (long)i;
        free(fs->confirm_text);
        fs->confirm_text = text;
        tui_status(app, true, _("%s: %s (Enter again keeps it, or correct it)"), _(f->label),
                   r.message);
        return false;
    }
    set_text(&fs->texts[i], text);
    free(text);
    bool changed = strcmp(text_of(fs, i), fs->saved[i] ? fs->saved[i] : "") != 0;
    if (changed && fs->spec->save_each_field && fs->spec->save_field) {
        xaso_error err;
        xaso_error_clear(&err);
        if (fs->spec->save_field(app, fs->spec, fs->form, i, fs->texts, &err)) {
            fs->state[i] = FS_ERROR;
            xaso_error_format(&err, fs->msg[i], sizeof fs->msg[i]);
            tui_status(app, true, "%s: %s", _(f->label), fs->msg[i]);
            return false;
        }
        set_text(&fs->saved[i], fs->texts[i]);
        tui_status(app, false, _("Saved: %s."), _(f->label));
    } else if (changed) {
        fs->dirty = true;
        if (fs->spec->changed) {
            fs->spec->changed(app, fs->spec, fs->form, i, fs->texts);
            for (size_t j = 0; j < fs->form->n_fields; j++)
                if (j != i && fs->state[j] != FS_ERROR) {
                    fs->state[j] = FS_EMPTY;
                    refresh_state(fs, j);
                }
        }
    }
    fs->state[i] = r.severity == FORM_WARNING ? FS_WARNING : FS_EMPTY;
    if (r.severity != FORM_WARNING)
        fs->msg[i][0] = '\0';
    refresh_state(fs, i);
    if (fs->ed)
        fe_mark_saved(fs->ed);
    fs->confirm_field = -1;
    return true;
}

static void move_to(tui_app *app, form_state *fs, int dir)
{
    if (!commit_field(app, fs))
        return;
    size_t n = fs->form->n_fields;
    size_t i = fs->cur;
    for (size_t step = 0; step < n; step++) {
        i = (i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
        if (visible(fs, i))
            break;
    }
    fs->cur = i;
    load_editor(fs);
}

static void cycle_choice(form_state *fs, int dir, int letter)
{
    const form_field *f = &fs->form->fields[fs->cur];
    static const form_choice yesno[] = {{"yes", N_("Yes")}, {"no", N_("No")}};
    const form_choice *ch = f->type == FT_YESNO ? yesno : f->choices;
    size_t n = f->type == FT_YESNO ? 2 : f->n_choices;
    if (!n)
        return;
    size_t at = n; /* none */
    for (size_t k = 0; k < n; k++)
        if (!strcmp(text_of(fs, fs->cur), ch[k].code))
            at = k;
    size_t next = at == n ? 0 : at;
    for (size_t step = 0; step < n; step++) {
        next = at == n && step == 0 && dir > 0 ? 0 : (next + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
        if (!letter)
            break;
        char *fold = utf8_fold(_(ch[next].label));
        bool match = fold && tolower(letter) == (unsigned char)fold[0];
        free(fold);
        if (match)
            break;
        if (step == n - 1)
            return;
    }
    set_text(&fs->texts[fs->cur], ch[next].code);
    fs->state[fs->cur] = FS_ENTERED;
    fs->msg[fs->cur][0] = '\0';
}

static const char *choice_label(const form_field *f, const char *code)
{
    if (!code || !*code)
        return "";
    if (f->type == FT_YESNO)
        return !strcmp(code, "yes") ? _("Yes") : !strcmp(code, "no") ? _("No") : code;
    for (size_t k = 0; k < f->n_choices; k++)
        if (!strcmp(f->choices[k].code, code))
            return _(f->choices[k].label);
    return code;
}

/* ---------- screen ops ---------- */

static void form_open(tui_app *app, tui_screen *s)
{
    form_state *fs = s->data;
    xaso_error warn, err;
    xaso_error_clear(&warn);
    xaso_error_clear(&err);
    tui_entry_enter(app);
    if (fs->spec->group) { /* one item of a group: its own fields make the form */
        xaso_form *item = xcalloc(1, sizeof *item);
        item->name = fs->spec->group->key;
        item->title = fs->spec->group->label;
        item->help = fs->spec->group->help;
        item->fields = fs->spec->group->fields;
        item->n_fields = fs->spec->group->n_fields;
        fs->form = item;
        fs->inline_form = true;
    } else {
        fs->form = form_load(fs->spec->form_name, &warn, &err);
    }
    if (!fs->form) {
        tui_status_error(app, &err);
        return;
    }
    size_t n = fs->form->n_fields;
    fs->texts = xcalloc(n, sizeof *fs->texts);
    fs->saved = xcalloc(n, sizeof *fs->saved);
    fs->state = xcalloc(n, sizeof *fs->state);
    fs->msg = xcalloc(n, sizeof *fs->msg);
    fs->confirm_field = -1;
    if (fs->spec->fill)
        fs->spec->fill(app, fs->spec, fs->form, fs->texts);
    if (fs->spec->fill_group) {
        fs->spec->groups = xcalloc(n, sizeof *fs->spec->groups);
        for (size_t i = 0; i < n; i++)
            if (is_item_group(fs, i))
                fs->spec->fill_group(app, fs->spec, fs->form, i, &fs->spec->groups[i]);
        set_group_counts(fs);
    }
    for (size_t i = 0; i < n; i++) {
        set_text(&fs->saved[i], fs->texts[i]);
        refresh_state(fs, i);
    }
    fs->cur = 0;
    while (fs->cur + 1 < n && (!visible(fs, fs->cur) || (is_readonly(fs, fs->cur) && !fs->spec->read_only)))
        fs->cur++;
    load_editor(fs);
    if (warn.code)
        tui_status_error(app, &warn);
    else if (fs->spec->read_only)
        tui_status(app, true, "%s", fs->spec->read_only_reason);
}

static void form_close(tui_app *app, tui_screen *s)
{
    form_state *fs = s->data;
    if (!fs)
        return;
    if (fs->spec->closed)
        fs->spec->closed(app, fs->spec, fs->saved_ok);
    app->unsaved = false;
    if (fs->form) {
        for (size_t i = 0; i < fs->form->n_fields; i++) {
            free(fs->texts[i]);
            free(fs->saved[i]);
            if (fs->spec->groups)
                tui_group_items_clear(&fs->spec->groups[i], fs->form->fields[i].n_fields);
        }
    }
    free(fs->spec->groups);
    free(fs->texts);
    free(fs->saved);
    free(fs->state);
    free(fs->msg);
    free(fs->confirm_text);
    fe_free(fs->ed);
    tui_unit_picker_free(fs->picker);
    tui_unit_list_free(fs->units);
    if (fs->inline_form)
        free(fs->form);
    else
        form_free(fs->form);
    if (fs->spec->free_ctx)
        fs->spec->free_ctx(fs->spec->ctx);
    free(fs->spec);
    free(fs);
    s->data = NULL;
    tui_entry_leave(app);
}

static const char *const marks = ".+?!#";

static tui_role state_role(field_state st)
{
    static const tui_role roles[] = {ROLE_MUTED, ROLE_GOOD, ROLE_WARN, ROLE_BAD, ROLE_MUTED};
    return roles[st];
}

/* Draw the editor of the current field in (y, x, w, h). */
void tui_draw_editor(field_editor *ed, int y, int x, int w, int h)
{
    fe_set_view(ed, (size_t)w, (size_t)h);
    fe_view_info vi;
    fe_view(ed, &vi);
    const char *t = fe_text(ed);
    attr_t at = tui_attr(ROLE_CURSOR);
    for (int r = 0; r < h; r++) {
        fe_slice sl;
        tui_fill(y + r, x, w, at);
        if (!fe_visible_slice(ed, (size_t)r, &sl))
            continue;
        char *part = xstrndup(t + sl.byte_start, sl.byte_end - sl.byte_start);
        tui_text_nopad(y + r, x + (int)sl.pad_left, w - (int)sl.pad_left, part, at);
        free(part);
    }
    /* the cursor: the character under it, reversed back */
    int cy = y + (int)vi.cursor_row, cx = x + (int)vi.cursor_col;
    if (cy < y + h && cx < x + w)
        mvchgat(cy, cx, 1, at ^ A_REVERSE, 0, NULL);
    if (vi.more_left)
        tui_text(y, x - 1, 1, "<", tui_attr(ROLE_MUTED), ALIGN_LEFT);
    if (vi.more_right || vi.more_below)
        tui_text(y + h - 1, x + w, 1, vi.more_below ? "v" : ">", tui_attr(ROLE_MUTED), ALIGN_LEFT);
}

static int field_rows(form_state *fs, size_t i, int w)
{
    const form_field *f = &fs->form->fields[i];
    if (f->type != FT_MEMO)
        return 1;
    size_t rows = fe_wrap(text_of(fs, i), (size_t)(w > 0 ? w : 1), NULL);
    return i == fs->cur ? 3 : rows > 3 ? 3 : rows < 1 ? 1 : (int)rows;
}

static void form_draw(tui_app *app, tui_screen *s, tui_rect a)
{
    form_state *fs = s->data;
    static const tui_action bar[] = {ACT_HELP, ACT_SAVE, ACT_BACK, ACT_EVIDENCE, ACT_HISTORY,
                                     ACT_QUIT};
    app->keybar = bar;
    app->n_keybar = fs->spec->action ? sizeof bar / sizeof bar[0] : 3;
    if (!fs->form)
        return;
    const xaso_form *form = fs->form;
    int label_w = 26, value_x = a.left + label_w + 3;
    int value_w = a.width - label_w - 5;
    tui_text(a.top, a.left, a.width, _(form->title), tui_attr(ROLE_HEADING), ALIGN_LEFT);
    /* the bottom: legend, then the current field's help or message */
    int help_h = fs->show_help ? 6 : 2;
    int body_top = a.top + 1, body_h = a.height - 1 - help_h;
    /* lay out the visible fields */
    int total = 0, cur_y = 0, cur_h = 1;
    for (size_t i = 0; i < form->n_fields; i++) {
        if (!visible(fs, i))
            continue;
        int h = field_rows(fs, i, value_w);
        if (i == fs->cur) {
            cur_y = total;
            cur_h = h;
        }
        total += h;
    }
    if (cur_y < fs->top)
        fs->top = cur_y;
    if (cur_y + cur_h > fs->top + body_h)
        fs->top = cur_y + cur_h - body_h;
    int y = 0;
    for (size_t i = 0; i < form->n_fields; i++) {
        if (!visible(fs, i))
            continue;
        const form_field *f = &form->fields[i];
        int h = field_rows(fs, i, value_w);
        int sy = body_top + y - fs->top;
        y += h;
        if (sy < body_top || sy + h > body_top + body_h)
            continue;
        bool cur = i == fs->cur;
        char label[160];
        bool req = form_field_required(form->fields, form->n_fields, i,
                                       (const char *const *)fs->texts);
        snprintf(label, sizeof label, "%s%s", _(f->label), req ? " *" : "");
        tui_text(sy, a.left + 1, label_w, label,
                 cur ? tui_attr(ROLE_HEADER_CURRENT) : tui_attr(ROLE_NORMAL), ALIGN_LEFT);
        char mark[2] = {marks[fs->state[i]], 0};
        tui_text(sy, a.left + label_w + 1, 1, mark, tui_attr(state_role(fs->state[i])),
                 ALIGN_LEFT);
        if (cur && fs->ed) {
            tui_draw_editor(fs->ed, sy, value_x, value_w, h);
            continue;
        }
        char buf[600];
        const char *shown = text_of(fs, i);
        bool hint = false;
        if (f->type == FT_UNIT || f->type == FT_UNITS || (cur && is_file_group(f))) {
            if (f->type != FT_GROUP && *shown)
                shown = tui_unit_field_text(units_of(app, fs), f, shown, buf, sizeof buf);
            else if (f->type == FT_GROUP && fs->spec->group_text) {
                fs->spec->group_text(app, fs->spec, f, buf, sizeof buf);
                shown = buf;
            }
            hint = cur && !fs->spec->read_only;
        } else if (f->type == FT_COMPUTED) {
            /* live: with what is being typed in the current field */
            char *kept = fs->texts[fs->cur];
            if (fs->ed)
                fs->texts[fs->cur] = (char *)fe_text(fs->ed);
            shown = form_compute_text(form->fields, form->n_fields, i,
                                      (const char *const *)fs->texts, buf, sizeof buf);
            fs->texts[fs->cur] = kept;
        } else if (is_item_group(fs, i)) {
            size_t n = fs->spec->groups[i].n;
            if (n == 1)
                tui_group_item_summary(f, fs->spec->groups[i].items[0], buf, sizeof buf);
            else
                snprintf(buf, sizeof buf, _("%zu items"), n);
            shown = buf;
            hint = cur;
        } else if (f->type == FT_GROUP) {
            if (fs->spec->group_text)
                fs->spec->group_text(app, fs->spec, f, buf, sizeof buf);
            else
                snprintf(buf, sizeof buf, "%s", shown);
            shown = buf;
        } else if (is_choice(f)) {
            snprintf(buf, sizeof buf, cur && !fs->spec->read_only ? "< %s >" : "%s",
                     choice_label(f, shown));
            shown = buf;
        }
        attr_t at = cur ? tui_attr(ROLE_CURSOR) : tui_attr(state_role(fs->state[i]) == ROLE_BAD
                                                                ? ROLE_BAD : ROLE_NORMAL);
        if (f->type == FT_MEMO) {
            fe_row *rows = NULL;
            size_t n = fe_wrap(shown, (size_t)value_w, &rows);
            for (int r = 0; r < h; r++) {
                char *part = (size_t)r < n ? xstrndup(shown + rows[r].byte_start,
                                                       rows[r].byte_end - rows[r].byte_start)
                                           : xstrdup("");
                tui_text(sy + r, value_x, value_w, part, at, ALIGN_LEFT);
                free(part);
            }
            if (n > (size_t)h)
                tui_text(sy + h - 1, value_x + value_w, 1, "v", tui_attr(ROLE_MUTED), ALIGN_LEFT);
            free(rows);
        } else {
            int used = tui_text(sy, value_x, value_w, shown, at, ALIGN_LEFT);
            if (hint) {
                /* how to open the list, after the value */
                char how[160];
                snprintf(how, sizeof how, "%s[%s]", *shown ? " " : "",
                         is_item_group(fs, i)  ? _("Space: the list")
                         : f->type == FT_GROUP ? _("Space: the files")
                                               : _("Space: choose"));
                if (used + tui_width(how) <= value_w)
                    tui_text_nopad(sy, value_x + used, value_w - used, how, at);
            }
        }
    }
    /* the bottom lines */
    int by = a.top + a.height - help_h;
    const form_field *f = &form->fields[fs->cur];
    char line[600];
    if (fs->msg[fs->cur][0]) {
        snprintf(line, sizeof line, "%s %s", fs->state[fs->cur] == FS_WARNING ? "?" : "!",
                 fs->msg[fs->cur]);
        tui_text(by, a.left + 1, a.width - 2, line,
                 tui_attr(fs->state[fs->cur] == FS_WARNING ? ROLE_WARN : ROLE_BAD), ALIGN_LEFT);
    } else if (fs->spec->read_only) {
        /* the lock and how to reopen, on two lines (over the legend) */
        char **lines = NULL;
        size_t n = tui_wrap(fs->spec->read_only_reason, a.width - 2, &lines);
        for (size_t k = 0; k < n; k++) {
            if (k < 2)
                tui_text(by + (int)k, a.left + 1, a.width - 2, lines[k], tui_attr(ROLE_WARN),
                         ALIGN_LEFT);
            free(lines[k]);
        }
        free(lines);
        if (n > 1)
            goto bottom_done;
    } else {
        tui_text(by, a.left + 1, a.width - 2, f->help ? _(f->help) : "", tui_attr(ROLE_MUTED),
                 ALIGN_LEFT);
    }
    snprintf(line, sizeof line, "%s", _(". empty  + entered  ? warning  ! error  # read-only  "
                                        "* required   Enter/Tab next  Shift+Tab back  F2 save  "
                                        "Esc cancel"));
    tui_text(by + 1, a.left + 1, a.width - 2, line, tui_attr(ROLE_MUTED), ALIGN_LEFT);
bottom_done:
    if (fs->show_help) {
        char **lines = NULL;
        snprintf(line, sizeof line, "%s — %s", _(f->label),
                 f->help ? _(f->help) : _("No help for this field."));
        size_t n = tui_wrap(line, a.width - 4, &lines);
        for (size_t k = 0; k < n; k++) {
            if ((int)k < 4)
                tui_text(by + 2 + (int)k, a.left + 2, a.width - 4, lines[k],
                         tui_attr(ROLE_DIALOG), ALIGN_LEFT);
            free(lines[k]);
        }
        free(lines);
    }
    if (fs->picker)
        tui_unit_picker_draw(app, fs->picker, a);
    if (fs->confirm_cancel)
        tui_status(app, true, "%s", _("Discard what is not saved? (y = yes, any other key = no)"));
}

static void close_form(tui_app *app, tui_screen *s)
{
    (void)s;
    tui_pop(app);
}

static void save_and_close(tui_app *app, tui_screen *s)
{
    form_state *fs = s->data;
    if (fs->spec->read_only) {
        tui_status(app, true, "%s", fs->spec->read_only_reason);
        return;
    }
    if (!commit_field(app, fs))
        return;
    if (!fs->spec->save_each_field) {
        form_problem probs[8];
        size_t n = form_check_all(fs->form->fields, fs->form->n_fields,
                                  (const char *const *)fs->texts, true, probs, 8);
        for (size_t k = 0; k < n && k < 8; k++) {
            if (probs[k].severity != FORM_ERROR)
                continue;
            fs->cur = probs[k].field;
            fs->state[fs->cur] = FS_ERROR;
            snprintf(fs->msg[fs->cur], sizeof fs->msg[fs->cur], "%s", probs[k].message);
            load_editor(fs);
            tui_status(app, true, "%s: %s", _(fs->form->fields[fs->cur].label), probs[k].message);
            return;
        }
        xaso_error err;
        xaso_error_clear(&err);
        if (fs->spec->save_all && fs->spec->save_all(app, fs->spec, fs->form, fs->texts, &err)) {
            tui_status_error(app, &err);
            return;
        }
    }
    fs->saved_ok = true;
    fs->dirty = false;
    app->unsaved = false;
    char title[128];
    snprintf(title, sizeof title, "%s", _(fs->form->title));
    bool item = fs->spec->group != NULL;
    close_form(app, s);
    if (item) /* an item of a list: the record it belongs to is saved with its own F2 */
        tui_status(app, false, "%s", _("Kept in the list: F2 on the form saves it."));
    else
        tui_status(app, false, _("Saved: %s."), title);
}

static void cancel(tui_app *app, tui_screen *s)
{
    form_state *fs = s->data;
    if (fs->dirty || editing_changed(fs) ||
        (fs->spec->save_each_field &&
         strcmp(text_of(fs, fs->cur), fs->saved[fs->cur] ? fs->saved[fs->cur] : ""))) {
        fs->confirm_cancel = true;
        return;
    }
    close_form(app, s);
}

static bool form_key(tui_app *app, tui_screen *s, int key)
{
    form_state *fs = s->data;
    if (!fs->form) {
        if (key == 27 || tui_keymap_lookup(&app->keys, key) == ACT_BACK)
            tui_pop(app);
        return true;
    }
    if (fs->confirm_cancel) {
        fs->confirm_cancel = false;
        app->status[0] = '\0';
        if (key == 'y' || key == 'Y') {
            app->unsaved = false;
            close_form(app, s);
        }
        return true;
    }
    const form_field *f = &fs->form->fields[fs->cur];
    if (fs->picker) {
        app->status[0] = '\0';
        app->status_error = false;
        tui_picker_result r = tui_unit_picker_key(app, fs->picker, key);
        if (r == PICKER_CHOSEN) {
            char *v = tui_unit_picker_value(fs->picker);
            set_text(&fs->texts[fs->cur], v);
            free(v);
            fs->state[fs->cur] = fs->texts[fs->cur] ? FS_ENTERED : FS_EMPTY;
            fs->msg[fs->cur][0] = '\0';
            tui_status(app, false, "%s", _("Chosen. Enter: next field."));
        }
        if (r != PICKER_OPEN) {
            tui_unit_picker_free(fs->picker);
            fs->picker = NULL;
        }
        update_unsaved(app, fs);
        return true;
    }
    tui_action a = tui_keymap_lookup(&app->keys, key);
    app->status[0] = '\0';
    app->status_error = false;
    bool printable = key >= 32 && key < TUI_KEY_FN && key != 127;
    bool unit_field = (f->type == FT_UNIT || f->type == FT_UNITS) && !fs->spec->read_only;
    if (key != TUI_KEY_FN + KEY_F(1) && a != ACT_HELP)
        fs->show_help = false;
    if (key == 27) {
        cancel(app, s);
    } else if (key == '\n' || key == '\t' || key == TUI_KEY_FN + KEY_DOWN) {
        if (key == TUI_KEY_FN + KEY_DOWN && fs->ed && fe_multiline(fs->ed) &&
            fe_apply(fs->ed, FE_DOWN, NULL) != FE_UNCHANGED)
            return true;
        move_to(app, fs, +1);
    } else if (key == TUI_KEY_FN + KEY_BTAB || key == TUI_KEY_FN + KEY_UP) {
        if (key == TUI_KEY_FN + KEY_UP && fs->ed && fe_multiline(fs->ed) &&
            fe_apply(fs->ed, FE_UP, NULL) != FE_UNCHANGED)
            return true;
        move_to(app, fs, -1);
    } else if (printable && unit_field) {
        fs->picker = tui_unit_picker_new(units_of(app, fs), f, text_of(fs, fs->cur), key);
    } else if (unit_field && (key == TUI_KEY_FN + KEY_BACKSPACE || key == TUI_KEY_FN + KEY_DC)) {
        set_text(&fs->texts[fs->cur], NULL);
        fs->state[fs->cur] = FS_EMPTY;
    } else if (key == ' ' && is_item_group(fs, fs->cur)) {
        tui_group_spec gs = {f, &fs->spec->groups[fs->cur], fs->spec->read_only,
                             fs->spec->read_only_reason, fs->spec->context, groups_changed, fs};
        tui_push(app, tui_group_screen(&gs));
    } else if (key == ' ' && is_file_group(f) && fs->spec->action) {
        fs->spec->action(app, fs->spec, ACT_EVIDENCE);
    } else if (printable && is_choice(f) && !fs->spec->read_only) {
        cycle_choice(fs, +1, key == ' ' ? 0 : key);
    } else if (is_choice(f) && !fs->spec->read_only &&
               (key == TUI_KEY_FN + KEY_LEFT || key == TUI_KEY_FN + KEY_RIGHT)) {
        cycle_choice(fs, key == TUI_KEY_FN + KEY_LEFT ? -1 : +1, 0);
    } else if (printable && fs->ed) {
        char buf[8];
        size_t n = utf8_put((unsigned)key, buf);
        buf[n] = '\0';
        if (fe_apply(fs->ed, FE_INSERT, buf) == FE_FULL)
            tui_status(app, true, _("%s: at most %zu characters."), _(f->label), f->max_length);
        fs->state[fs->cur] = fs->state[fs->cur] == FS_ERROR ? FS_ERROR : FS_ENTERED;
    } else if (printable || key == TUI_KEY_FN + KEY_BACKSPACE || key == TUI_KEY_FN + KEY_DC) {
        if (fs->spec->read_only)
            tui_status(app, true, "%s", fs->spec->read_only_reason);
        else if (fs->ed)
            fe_apply(fs->ed, key == TUI_KEY_FN + KEY_DC ? FE_DELETE : FE_BACKSPACE, NULL);
        else
            tui_status(app, false, "%s", _("This field is computed or listed: it cannot be typed into."));
    } else if (fs->ed && (key == TUI_KEY_FN + KEY_LEFT || key == TUI_KEY_FN + KEY_RIGHT ||
                          key == TUI_KEY_FN + KEY_HOME || key == TUI_KEY_FN + KEY_END ||
                          key == 1 || key == 5 || key == 11 || key == 21 || key == 23)) {
        fe_op op = key == TUI_KEY_FN + KEY_LEFT    ? FE_LEFT
                   : key == TUI_KEY_FN + KEY_RIGHT ? FE_RIGHT
                   : key == TUI_KEY_FN + KEY_HOME || key == 1 ? FE_HOME
                   : key == TUI_KEY_FN + KEY_END || key == 5  ? FE_END
                   : key == 11                                ? FE_KILL_TO_END
                   : key == 21                                ? FE_KILL_TO_START
                                                              : FE_DELETE_WORD_BACK;
        fe_apply(fs->ed, op, NULL);
    } else if (a == ACT_SAVE) {
        save_and_close(app, s);
        return true;
    } else if (a == ACT_HELP) {
        fs->show_help = !fs->show_help;
    } else if (a == ACT_QUIT && key != 'q') {
        if (commit_field(app, fs)) {
            update_unsaved(app, fs);
            return false; /* the app asks when something is unsaved */
        }
    } else if (fs->spec->action && a != ACT_NONE && fs->spec->action(app, fs->spec, a)) {
        /* handled (evidence, history…) */
    } else {
        char name[16];
        tui_status(app, false, _("The key %s does nothing here (F1: help)."),
                   tui_key_name(key, name, sizeof name));
    }
    if (app->depth && app->stack[app->depth - 1].data == fs)
        update_unsaved(app, fs);
    return true;
}

static bool form_handle(tui_app *app, tui_screen *s, tui_action a)
{
    (void)app;
    (void)s;
    (void)a;
    return false;
}

static void form_context(tui_app *app, tui_screen *s, char *buf, size_t size)
{
    (void)app;
    form_state *fs = s->data;
    snprintf(buf, size, "%s%s", fs->spec->context,
             fs->spec->read_only ? _(" · read-only") : "");
}

static const tui_screen_ops form_ops = {
    .id = "form",
    .open = form_open,
    .draw = form_draw,
    .handle = form_handle,
    .close = form_close,
    .key = form_key,
    .context = form_context,
};

tui_screen tui_form_screen(tui_form_spec *spec)
{
    form_state *fs = xcalloc(1, sizeof *fs);
    fs->spec = spec;
    return (tui_screen){&form_ops, fs, N_("Form")};
}

void tui_status_error(tui_app *app, const xaso_error *err)
{
    char buf[1024];
    xaso_error_format(err, buf, sizeof buf);
    tui_status(app, true, "%s", buf);
}
