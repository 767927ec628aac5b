/* The Received screen's parts (tui_received*.c), inside: the state they share. */
#ifndef XASO_TUI_RECEIVED_H
#define XASO_TUI_RECEIVED_H

#include "tui_entry.h"
#include "tui_signin.h"
#include "xaso/receive.h"
#include "xaso/strbuf.h"

typedef enum { RV_MATRIX, RV_TARGETS, RV_TASKS } rv_view;
typedef enum { RV_ASK_NONE, RV_ASK_REASON, RV_ASK_CONFIRM, RV_ASK_PASSPHRASE } rv_ask;
typedef enum { RV_WARN_ALL, RV_WARN_OVERDUE, RV_WARN_BEHIND, RV_WARN_COUNT } rv_warning;

/* A list with a cursor in a window of rows. */
typedef struct {
    size_t cur, top;
} rv_list;

typedef struct {
    rv_view view;
    bool loaded;
    receive_table matrix, missing, targets, tasks;
    char period[XASO_PERIOD_ID_SIZE]; /* the period column under the matrix cursor */
    char plan[160];                   /* the plan most bundles of the period are for */
    size_t col;                       /* matrix: period column (0 = first period) */
    rv_list m, t, k;                  /* matrix senders, targets, tasks */
    size_t m_scroll;                  /* matrix: lines below the senders scrolled into view */
    size_t sender_first;              /* targets: first sender column shown */
    char sender_filter[200];          /* tasks: one sender, "" = all */
    rv_warning warning;
    /* returning a report: reason, then folder, then confirmation */
    rv_ask ask;
    field_editor *reason;
    char ret_sender[200], ret_name[256], ret_plan[160], ret_period[XASO_PERIOD_ID_SIZE];
    char *ret_dir;
    /* an import under way: its files, the next one, the receipts so far */
    char **files;
    size_t n_files, next;
    receive_tally tally;
    strbuf receipt;
    char **lines; /* the receipt's lines and their colours */
    tui_role *roles;
    size_t n_lines;
    tui_cred_field pass;
} received_state;

/* Read the matrix, who is missing and the consolidated views again (tui_received.c). */
void rv_load(tui_app *app, received_state *rs);

/* Consolidated targets and lagging tasks (tui_received_views.c). */
void rv_targets_draw(tui_app *app, received_state *rs, tui_rect a);
void rv_tasks_draw(tui_app *app, received_state *rs, tui_rect a);
/* Rows of the view shown now (for moving the cursor). */
size_t rv_view_rows(const received_state *rs);
/* Left/Right on the targets view: the sender columns shown. */
void rv_targets_shift(received_state *rs, bool right);
/* f and w on the tasks view: the next sender, the next warning. */
void rv_tasks_next_sender(tui_app *app, received_state *rs);
void rv_tasks_next_warning(tui_app *app, received_state *rs);
/* Text of a number cell as the language writes numbers ("90,94"); other text as it is. */
const char *rv_number_text(const char *cell, char *buf, size_t size);

/* Importing (tui_received_import.c): the browser, passphrases, the receipt view. */
void rv_import_start(tui_app *app, received_state *rs);
/* A key while a passphrase is asked (true: consumed). */
bool rv_import_key(tui_app *app, received_state *rs, int key);
void rv_import_draw_prompt(received_state *rs, tui_rect a);
void rv_import_free(received_state *rs);

/* Fill the last n rows of the area as a dialog; returns the first. */
int rv_dialog(tui_rect a, int n);
/* A one-line editor's key: 1 = Enter, -1 = Esc, 0 = anything else (typed into it). */
int rv_line_key(field_editor *ed, int key);

#endif
