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

typedef struct tui_form_spec tui_form_spec;
struct tui_form_spec {
    const char *form_name;  /* "task-progress" */
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
    /* After the form is closed (saved: F2 succeeded). */
    void (*closed)(tui_app *app, tui_form_spec *spec, bool saved);
    void (*free_ctx)(void *ctx);
};

/* A form screen; takes ownership of spec (malloc'd). */
tui_screen tui_form_screen(tui_form_spec *spec);

/* ---------- specific forms (tui_entry_forms.c) ---------- */
void tui_open_task_progress_form(tui_app *app, long long task_id, const char *period);
void tui_open_target_value_form(tui_app *app, long long target_id, const char *period);
void tui_open_unit_form(tui_app *app, long long unit_id);
void tui_open_task_form(tui_app *app, long long task_id);
void tui_open_report_form(tui_app *app, const char *period);
/* The period data entry works on: the current reporting period, or what the user chose. */
const char *tui_entry_period(tui_app *app);
void tui_entry_set_period(const char *period);
/* Whether the office report of the period is finalised (then everything is read-only). */
bool tui_period_locked(tui_app *app, const char *period, char *why, size_t size);
/* "CODE name" of a record, for titles. */
const char *tui_record_title(tui_app *app, query_table t, long long id, char *buf, size_t size);
/* A store error in the status line. */
void tui_status_error(tui_app *app, const xaso_error *err);
/* A code point as UTF-8 (out >= 4 bytes); returns its length. */
size_t tui_utf8_put(unsigned cp, char *out);
/* Draw an editor in (y, x, w columns, h rows), its cursor reversed. */
void tui_draw_editor(field_editor *ed, int y, int x, int w, int h);

/* ---------- grids (tui_grid.c) ---------- */
typedef enum { GRID_TASKS, GRID_TARGETS } tui_grid_kind;
tui_screen tui_grid_screen(tui_grid_kind kind, const char *period, const char *unit_code);
/* Put the grid's cursor on item id (a task or a target). */
void tui_grid_goto(tui_screen *s, long long item_id);

/* ---------- evidence, history, check (tui_evidence.c, tui_history.c, tui_check.c) ---------- */
tui_screen tui_evidence_screen(long long task_id, const char *period);
tui_screen tui_file_browser_screen(long long task_id, const char *period);
tui_screen tui_history_screen(const char *table, long long row_id, const char *title);
tui_screen tui_check_screen(const char *period);

#endif
