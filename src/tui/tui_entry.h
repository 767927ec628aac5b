/* Data entry in the interface: forms (one field at a time, each saved when the cursor leaves it),
 * the progress and target-value grids, evidence, appraisal, the history of a record, the
 * "Kiểm tra lỗi" list and the first-run office set-up. Built on form.h (definitions and
 * validation), field_editor.h (the text editor) and the store's write calls. */
#ifndef XASO_TUI_ENTRY_H
#define XASO_TUI_ENTRY_H

#include "tui_internal.h"
#include "xaso/field_editor.h"
#include "xaso/form.h"

/* ---------- forms ---------- */

/* The items of a repeated part of a record (a group field: horizons, disbursements …) while a
 * form is open: items[k][j] is what the group's field j holds in item k (malloc'd, NULL = ""). */
typedef struct {
    size_t n, cap;
    char ***items;
} tui_group_items;

typedef struct tui_form_spec tui_form_spec;
struct tui_form_spec {
    const char *form_name;  /* "task-progress" */
    const form_field *group; /* instead of form_name: a form over one item of this group field */
    char context[256];      /* what the context line says ("Task PL2.1 · Q3/2026") */
    bool save_each_field;   /* true: each field is written when the cursor leaves it */
    bool read_only;         /* the period is locked: nothing can be changed */
    char read_only_reason[256];
    void *ctx;
    /* Set texts[i] (malloc'd, NULL = empty) to the record's values; new records get defaults. */
    void (*fill)(tui_app *app, tui_form_spec *spec, const xaso_form *form, char **texts);
    /* Write field i (save_each_field) or everything (F2). Non-zero + err: not saved. */
    int (*save_field)(tui_app *app, tui_form_spec *spec, const xaso_form *form, size_t i,
                      char *const *texts, xaso_error *err);
    int (*save_all)(tui_app *app, tui_form_spec *spec, const xaso_form *form, char *const *texts,
                    xaso_error *err);
    /* A text for group fields ("2 files: Ctrl-G"), NULL = the number of items. */
    void (*group_text)(tui_app *app, tui_form_spec *spec, const form_field *f, char *buf,
                       size_t size);
    /* Other actions (evidence, history): true when handled. */
    bool (*action)(tui_app *app, tui_form_spec *spec, tui_action a);
    /* Set: the group fields (not evidence) are lists edited in the form (Space opens the list;
     * saved with the record by save_all): fill the items of group field i of a record. */
    void (*fill_group)(tui_app *app, tui_form_spec *spec, const xaso_form *form, size_t i,
                       tui_group_items *items);
    tui_group_items *groups; /* by field index, kept by the form screen when fill_group is set */
    /* After field i changed (F2 forms): set fields that follow from it (texts malloc'd). */
    void (*changed)(tui_app *app, tui_form_spec *spec, const xaso_form *form, size_t i,
                    char **texts);
    /* After the form is closed (saved: F2 succeeded). */
    void (*closed)(tui_app *app, tui_form_spec *spec, bool saved);
    void (*free_ctx)(void *ctx);
};

/* A form screen; takes ownership of spec (malloc'd). */
tui_screen tui_form_screen(tui_form_spec *spec);

/* ---------- lists of a group field (tui_form_group.c) ---------- */
/* The items of a group as a list over its form: n adds an item, Enter edits it (a form of the
 * group's fields), Del removes it, Esc goes back. changed(ctx) is called after every change. */
typedef struct {
    const form_field *group;
    tui_group_items *items;
    bool read_only;
    const char *read_only_reason;
    const char *context;
    void (*changed)(void *ctx);
    void *ctx;
} tui_group_spec;
tui_screen tui_group_screen(const tui_group_spec *spec);
void tui_group_items_clear(tui_group_items *g, size_t n_fields);
/* A new empty item at the end (its texts all NULL); returns it. */
char **tui_group_items_add(tui_group_items *g, size_t n_fields);
/* One line for item k: its non-empty fields (choices by their label), joined by " · ". */
void tui_group_item_summary(const form_field *group, char *const *item, char *buf, size_t size);

/* ---------- specific forms (tui_entry_forms.c) ---------- */
void tui_open_task_progress_form(tui_app *app, long long task_id, const char *period);
void tui_open_target_value_form(tui_app *app, long long target_id, const char *period);
void tui_open_unit_form(tui_app *app, long long unit_id);
void tui_open_task_form(tui_app *app, long long task_id);
void tui_open_report_form(tui_app *app, const char *period);
/* A plan header, a target or a project in its form (id 0: a new target or project); editable by
 * administrators, read-only with the reason for everyone else. */
void tui_open_record_view(tui_app *app, query_table t, long long id);
/* The period data entry works on: the current reporting period, or what the user chose. */
const char *tui_entry_period(tui_app *app);
void tui_entry_set_period(const char *period);
/* Whether the office report of the period is finalised (then everything is read-only). */
bool tui_period_locked(tui_app *app, const char *period, char *why, size_t size);
/* "CODE name" of a record, for titles. */
const char *tui_record_title(tui_app *app, query_table t, long long id, char *buf, size_t size);
/* Data entry screens call enter when they open and leave when they close: back on a main screen
 * after something was written, the lists and counts there are read again. */
void tui_entry_enter(tui_app *app);
void tui_entry_leave(tui_app *app);
/* A store error in the status line. */
void tui_status_error(tui_app *app, const xaso_error *err);
/* A code point as UTF-8 (out >= 4 bytes); returns its length. */
size_t tui_utf8_put(unsigned cp, char *out);
/* Draw an editor in (y, x, w columns, h rows), its cursor reversed. */
void tui_draw_editor(field_editor *ed, int y, int x, int w, int h);

/* ---------- unit pickers (tui_picker.c) ---------- */
/* The active units (the plan's first), loaded once for a form. */
typedef struct tui_unit_list tui_unit_list;
tui_unit_list *tui_unit_list_load(tui_app *app);
void tui_unit_list_free(tui_unit_list *l);
/* What a "unit" or "units" field shows: "dtb · Tổ công nghệ số", "dtb (Lead), vhxh (…)". */
char *tui_unit_field_text(const tui_unit_list *l, const form_field *f, const char *text,
                          char *buf, size_t size);
/* A picker for a "unit" field (one unit: Enter chooses) or a "units" field (Space or ←/→ sets
 * the role of the unit under the cursor, Enter keeps the list); typing filters, Esc cancels.
 * text is the field's value; first_key (a printable key, or 0) starts the filter. */
typedef struct tui_unit_picker tui_unit_picker;
typedef enum { PICKER_OPEN, PICKER_CHOSEN, PICKER_CANCELLED } tui_picker_result;
tui_unit_picker *tui_unit_picker_new(const tui_unit_list *units, const form_field *f,
                                     const char *text, int first_key);
tui_picker_result tui_unit_picker_key(tui_app *app, tui_unit_picker *p, int key);
/* The value chosen, as the field's text (malloc'd; "" = none). */
char *tui_unit_picker_value(const tui_unit_picker *p);
void tui_unit_picker_draw(tui_app *app, tui_unit_picker *p, tui_rect area);
void tui_unit_picker_free(tui_unit_picker *p);

/* ---------- grids (tui_grid.c) ---------- */
typedef enum { GRID_TASKS, GRID_TARGETS } tui_grid_kind;
tui_screen tui_grid_screen(tui_grid_kind kind, const char *period, const char *unit_code);
/* Put the grid's cursor on item id (a task or a target). */
void tui_grid_goto(tui_screen *s, long long item_id);

/* ---------- evidence, history, check (tui_evidence.c, tui_history.c, tui_check.c) ---------- */
tui_screen tui_evidence_screen(long long task_id, const char *period);
tui_screen tui_file_browser_screen(long long task_id, const char *period);
/* The same browser choosing a folder (removable media first, XASO_BROWSE_START in tests): F2
 * closes it and calls chosen with the folder shown. */
typedef void (*tui_folder_chosen)(tui_app *app, const char *dir, void *ctx);
tui_screen tui_folder_browser_screen(tui_folder_chosen chosen, void *ctx);
/* The same browser choosing a file (Enter) or the folder shown (F2); context and hint (N_())
 * say what for on the context line and under the list. */
tui_screen tui_path_browser_screen(tui_folder_chosen chosen, void *ctx, const char *context,
                                   const char *hint);
tui_screen tui_history_screen(const char *table, long long row_id, const char *title);
tui_screen tui_check_screen(const char *period);

#endif
