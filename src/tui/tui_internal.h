/* The full-screen interface, inside: the only code that includes curses. */
#ifndef XASO_TUI_INTERNAL_H
#define XASO_TUI_INTERNAL_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "xaso/i18n.h"
#include "xaso/period.h"
#include "xaso/permission.h"
#include "xaso/store.h"
#include "xaso/store_query.h"

/* ---------- actions: one table, X(ENUM, name, default keys, label, description) ----------
 * The name is what keys.conf binds, the label is what the key bar shows, the description is the
 * help screen's line. Keys are separated by spaces; see tui_keys.c for their names. */
#define TUI_ACTIONS(X)                                                                            \
    X(HELP, "help", "F1 ?", N_("Help"), N_("Show this help: every action and its keys"))         \
    X(SAVE, "save", "F2 C-s", N_("Save"), N_("Save what you are editing"))                      \
    X(SEARCH, "search", "/ F3", N_("Search"),                                                   \
      N_("Search as you type (case and diacritics are ignored)"))                               \
    X(FILTER, "filter", "f F4", N_("Filter"),                                                   \
      N_("Filter by unit, status, warning, group or horizon"))                                  \
    X(SORT, "sort", "s F5", N_("Sort"),                                                         \
      N_("Sort by the column under the cursor (again: reverse, then plan order)"))              \
    X(NEXT_SCREEN, "next-screen", "Tab F6", N_("Next"), N_("Go to the next screen"))            \
    X(PREV_SCREEN, "prev-screen", "BTab F7", N_("Previous"), N_("Go to the previous screen"))   \
    X(CLEAR, "clear-filters", "x F8", N_("Clear"), N_("Clear the search and every filter"))     \
    X(SCREEN_DASHBOARD, "screen-dashboard", "1", N_("Dashboard"), N_("Go to the dashboard"))    \
    X(SCREEN_PLANS, "screen-plans", "2", N_("Plans"), N_("Go to the plans"))                    \
    X(SCREEN_TARGETS, "screen-targets", "3", N_("Targets"), N_("Go to the targets"))            \
    X(SCREEN_TASKS, "screen-tasks", "4", N_("Tasks"), N_("Go to the tasks"))                    \
    X(SCREEN_PROJECTS, "screen-projects", "5", N_("Projects"), N_("Go to the funded projects")) \
    X(SCREEN_UNITS, "screen-units", "6", N_("Units"), N_("Go to the units"))                    \
    X(SCREEN_REPORTS, "screen-reports", "7", N_("Reports"),                                     \
      N_("Go to the reporting periods and reports"))                                            \
    X(SCREEN_AUDIT, "screen-audit", "8", N_("Audit trail"), N_("Go to the audit trail"))        \
    X(SCREEN_SCORECARD, "screen-scorecard", "9", N_("Scorecard"),                              \
      N_("Go to the unit scorecard: tasks led, on time, late, overdue, evidence, reports"))    \
    X(SCREEN_COMPARE, "screen-compare", "0", N_("Compare"),                                     \
      N_("Go to the period comparison: what improved and what slipped"))                        \
    X(SCREEN_RECEIVED, "screen-received", "R", N_("Received"),                                \
      N_("Reports received from units or communes: who has reported, who is missing"))       \
    X(CHARTS, "charts", "g", N_("Charts"),                                                      \
      N_("Dashboard: switch between the overview and the charts by group"))                     \
    X(EARLIER_PERIOD, "earlier-period", "[", N_("Earlier"),                                     \
      N_("Period comparison: compare an earlier period with the one before it"))                \
    X(LATER_PERIOD, "later-period", "]", N_("Later"),                                           \
      N_("Period comparison: compare a later period with the one before it"))                   \
    X(UP, "up", "Up", N_("Up"), N_("Move up one row"))                                          \
    X(DOWN, "down", "Down", N_("Down"), N_("Move down one row"))                                \
    X(LEFT, "left", "Left", N_("Left"), N_("Move to the column on the left"))                   \
    X(RIGHT, "right", "Right", N_("Right"), N_("Move to the column on the right"))              \
    X(PAGE_UP, "page-up", "PgUp", N_("Page up"), N_("Move up one page"))                        \
    X(PAGE_DOWN, "page-down", "PgDn Space", N_("Page down"), N_("Move down one page"))          \
    X(FIRST, "first", "Home", N_("First"), N_("Go to the first row"))                           \
    X(LAST, "last", "End", N_("Last"), N_("Go to the last row"))                                \
    X(OPEN, "open", "Enter", N_("Open"), N_("Open the record under the cursor"))                \
    X(BACK, "back", "Esc Backspace", N_("Back"), N_("Close this view or dialog"))               \
    X(USE_PLAN, "use-plan", "p", N_("Use plan"),                                                \
      N_("Make the plan under the cursor the current plan (plans screen)"))                     \
    X(REDRAW, "redraw", "C-l", N_("Redraw"), N_("Reload the data and redraw the screen"))       \
    X(QUIT, "quit", "q F10", N_("Quit"), N_("Quit xaso (asks first if something is unsaved)")) \
    X(ENTER_PROGRESS, "enter-progress", "e", N_("Progress"),                                    \
      N_("Enter progress for the period in a grid: one row per task"))                         \
    X(ENTER_VALUES, "enter-values", "v", N_("Values"),                                          \
      N_("Enter target values for the period in a grid: one row per target"))                  \
    X(NEW, "new", "Ins n", N_("New"), N_("Add a unit or a task (units and tasks screens)"))     \
    X(EDIT, "edit", "F9", N_("Form"),                                                           \
      N_("Open the form of the record or row under the cursor"))                                \
    X(EVIDENCE, "evidence", "F11 C-g", N_("Evidence"),                                          \
      N_("The evidence files of a task update: attach, appraise"))                              \
    X(APPRAISE, "appraise", "a", N_("Appraise"),                                                \
      N_("Record the appraisal of the evidence under the cursor"))                              \
    X(HISTORY, "history", "F12 C-r", N_("History"),                                             \
      N_("Who changed this record, when, the old and the new value"))                           \
    X(CHECK, "check-errors", "C-t", N_("Check"),                                                \
      N_("Check the period's data for errors and jump to each problem"))                 \
    X(PERIOD, "choose-period", "C-p", N_("Period"),                                             \
      N_("Choose the reporting period data entry works on"))                                    \
    X(REPORT_TEXTS, "report-texts", "C-o", N_("Report texts"),                                  \
      N_("The report's texts for the period: symbol, difficulties, proposals, signer"))          \
    X(SWITCH_USER, "switch-user", "C-x", N_("Switch user"),                                     \
      N_("Sign out and let another member of staff sign in (what you typed is kept for you)")) \
    X(REPORT, "report", "r", N_("Report"),                                                      \
      N_("The period's report: check, texts, finalise, reopen, export to a folder or USB"))     \
    X(FINALISE, "finalise", "C-f", N_("Finalise"),                                              \
      N_("Report screen: finalise the report after the whole-report check (locks the data)"))  \
    X(REOPEN, "reopen", "C-u", N_("Reopen"),                                                    \
      N_("Report screen: reopen a finalised report; the reason is recorded"))                   \
    X(EXPORT, "export", "C-e", N_("Export"),                                                    \
      N_("Report screen: write the bundle to a folder or USB stick and check the copy"))         \
    X(RECEIVE_IMPORT, "receive-import", "i", N_("Import"),                                      \
      N_("Received screen: import bundles (one file or a whole folder) from a USB stick"))       \
    X(RETURN_REPORT, "return-report", "t", N_("Return"),                                        \
      N_("Received screen: return the report under the cursor to its sender, with a reason"))   \
    X(VIEW_MATRIX, "received-matrix", "m", N_("Matrix"),                                        \
      N_("Received screen: who has reported, senders × periods"))                              \
    X(VIEW_TARGETS, "received-targets", "c", N_("Targets"),                                     \
      N_("Received screen: targets side by side per sender, with the combined value"))          \
    X(VIEW_TASKS, "received-tasks", "l", N_("Lagging"),                                         \
      N_("Received screen: lagging and overdue tasks across senders"))                          \
    X(WARNING_FILTER, "warning-filter", "w", N_("Warning"),                                     \
      N_("Received tasks: show every warning, only overdue or only behind schedule"))

typedef enum {
    ACT_NONE = 0,
#define X(e, name, keys, label, desc) ACT_##e,
    TUI_ACTIONS(X)
#undef X
        ACT_COUNT
} tui_action;

typedef struct {
    const char *name, *keys, *label, *description;
} tui_action_info;

const tui_action_info *tui_action_get(tui_action a);
bool tui_action_from_name(const char *name, tui_action *out);

/* ---------- keys ----------
 * A key is a Unicode code point (typed characters, C-x as 1..26, Enter '\n', Tab, Esc 27) or
 * TUI_KEY_FN + a curses KEY_ code (function and cursor keys). */
#define TUI_KEY_FN 0x1000000
#define TUI_KEY_NONE 0
int tui_key_parse(const char *name);                 /* TUI_KEY_NONE when unknown */
const char *tui_key_name(int key, char *buf, size_t size);
/* From wget_wch's result to a key (Enter, Backspace and Return folded to one code each). */
int tui_key_from_curses(int rc, wint_t ch);

#define TUI_MAX_BINDINGS 256
typedef struct {
    struct {
        int key;
        tui_action action;
    } b[TUI_MAX_BINDINGS];
    size_t n;
    char problems[4][256]; /* first problems found in keys.conf ("file:line: …") */
    size_t problem_count;
    char path[512];
} tui_keymap;

void tui_keymap_defaults(tui_keymap *km);
/* Read $XDG_CONFIG_HOME/xaso/keys.conf when it exists (or path when not NULL). A bad line is
 * recorded in km->problems and ignored. */
void tui_keymap_load(tui_keymap *km, const char *path);
void tui_keymap_bind(tui_keymap *km, int key, tui_action a);
void tui_keymap_unbind(tui_keymap *km, int key);
tui_action tui_keymap_lookup(const tui_keymap *km, int key);
/* The keys bound to a, as text ("F1 ?"), in binding order. */
const char *tui_keymap_keys_of(const tui_keymap *km, tui_action a, char *buf, size_t size);
/* The key to show for a in the key bar: its first function key, else its first key. */
int tui_keymap_main_key(const tui_keymap *km, tui_action a);

/* ---------- drawing ---------- */
typedef enum {
    ROLE_NORMAL,
    ROLE_TAB,
    ROLE_TAB_ACTIVE,
    ROLE_CONTEXT,
    ROLE_HEADER,
    ROLE_HEADER_CURRENT,
    ROLE_CURSOR,
    ROLE_KEY,
    ROLE_KEY_LABEL,
    ROLE_STATUS,
    ROLE_ERROR,
    ROLE_GOOD,
    ROLE_WARN,
    ROLE_BAD,
    ROLE_MUTED,
    ROLE_HEADING,
    ROLE_DIALOG,
    ROLE_COUNT
} tui_role;

void tui_colors_init(void);
attr_t tui_attr(tui_role r);
bool tui_utf8(void);              /* the terminal's character set is UTF-8 */
void tui_set_utf8(bool on);

enum { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER };
/* Draw UTF-8 text at (y, x) in exactly `width` columns (padded with spaces), cut at a character
 * boundary with an ellipsis when too wide. Control characters are never sent; on a terminal that
 * is not UTF-8 the text is drawn without diacritics. Returns the columns the text itself used. */
int tui_text(int y, int x, int width, const char *text, attr_t attr, int align);
/* Same, not padded: draws only the text. */
int tui_text_nopad(int y, int x, int width, const char *text, attr_t attr);
/* Display width of UTF-8 text as tui_text would draw it. */
int tui_width(const char *text);
/* Split text into lines of at most width columns (at spaces when possible). Returns the number of
 * lines; lines[i] are malloc'd (caller frees each and the array). */
size_t tui_wrap(const char *text, int width, char ***lines);
void tui_fill(int y, int x, int width, attr_t attr);

/* ---------- formatting codes and values for people ---------- */
const char *tui_task_status_label(const char *code);  /* "" / NULL = not reported */
tui_role tui_task_status_role(const char *code);
const char *tui_verdict_label(const char *code);
tui_role tui_verdict_role(const char *code);
const char *tui_report_state_label(const char *code);
tui_role tui_report_state_role(const char *code);
const char *tui_warning_short(const char *code);
const char *tui_warning_label(const char *code);
tui_role tui_warning_role(const char *code);
const char *tui_unit_kind_label(const char *code);
const char *tui_cadence_label(xaso_period_kind k);
/* "Q3/2026" style through translatable formats. */
char *tui_period_title(const xaso_period *p, char *buf, size_t size);
char *tui_period_code_title(const char *code, char *buf, size_t size);
char *tui_number(double v, int decimals, bool group, char *buf, size_t size);
char *tui_date(const char *iso, char *buf, size_t size);
/* A cell's text and colour for its kind. */
const char *tui_cell_text(query_col_kind kind, const char *raw, char *buf, size_t size);
tui_role tui_cell_role(query_col_kind kind, const char *raw);

/* ---------- screens ---------- */
typedef struct tui_app tui_app;
typedef struct tui_screen tui_screen;

typedef struct {
    int top, left, height, width;
} tui_rect;

/* Every screen implements this: open (load what it shows), draw into an area, handle an action
 * (true when handled), close. Key presses reach a screen only as actions, so tests drive screens
 * with actions. */
typedef struct {
    const char *id;
    void (*open)(tui_app *app, tui_screen *s);
    void (*draw)(tui_app *app, tui_screen *s, tui_rect area);
    bool (*handle)(tui_app *app, tui_screen *s, tui_action a);
    void (*close)(tui_app *app, tui_screen *s);
    /* Text typed while the screen owns the keyboard (search prompt): true when consumed. */
    bool (*key)(tui_app *app, tui_screen *s, int key);
    /* What the context line says (screen name, counts, filters). */
    void (*context)(tui_app *app, tui_screen *s, char *buf, size_t size);
} tui_screen_ops;

struct tui_screen {
    const tui_screen_ops *ops;
    void *data;
    const char *title; /* N_() */
};

#define TUI_MAIN_SCREENS 10 /* number keys 1…9, then 0 */
#define TUI_STACK_MAX 8
#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

struct tui_app {
    xaso_store *st;
    xaso_query *q;
    tui_keymap keys;
    tui_screen main[TUI_MAIN_SCREENS];
    size_t active;
    tui_screen stack[TUI_STACK_MAX]; /* detail and help views over the main screen */
    size_t depth;
    char status[512];
    bool status_error;
    bool quit;
    bool unsaved;          /* something is being edited and not saved (forms, later) */
    bool confirm_quit;     /* asking "quit without saving?" */
    bool demo;
    char office[256];
    /* a prompt on the status line owned by a screen (search) */
    bool prompt_active;
    const xaso_calendar *cal; /* the working calendar (report deadlines on the scorecard) */
    /* the key bar of the screen on top when it is not the default (set while drawing) */
    const tui_action *keybar;
    size_t n_keybar;
    struct tui_session *session; /* staff accounts: who is signed in (tui_signin.h) */
};

void tui_status(tui_app *app, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void tui_push(tui_app *app, tui_screen s);
void tui_pop(tui_app *app);
void tui_switch(tui_app *app, size_t index);
tui_screen *tui_main_screen(tui_app *app, query_table t);
/* Reload everything (plan changed, redraw). */
void tui_reload(tui_app *app);

tui_screen tui_dashboard_screen(void);
tui_screen tui_table_screen(query_table t);
/* Set one filter on a table screen (from the dashboard's links) and clear the others. */
void tui_table_set_filter(tui_app *app, tui_screen *s, query_filter_dim d, const char *value);
void tui_table_set_search(tui_app *app, tui_screen *s, const char *text);
/* The id of the row under a table screen's cursor (0 when none). */
long long tui_table_current_id(tui_screen *s);
/* Data entry (tui_entry_forms.c): the actions that open forms, grids and lists from the main
 * screens and from a record's detail; true when handled. */
bool tui_entry_handle(tui_app *app, tui_action a);
bool tui_entry_detail_action(tui_app *app, query_table t, long long id, tui_action a);
/* First run (tui_setup.c): whether to offer the office set-up form (a terminal, or
 * XASO_SETUP_SCRIPT), and the form itself, which creates the database at path (0 when done). */
bool tui_setup_wanted(void);
int tui_setup_run(const char *path);
tui_screen tui_detail_screen(query_table t, long long id);
/* Staff accounts (tui_signin.c): may the signed-in account do action on this item (t
 * QUERY_TASKS / QUERY_TARGETS / QUERY_UNITS and its id; anything else = office-wide)? The store
 * decides (store_authorize*: one rule for the interface and the command line); when not, why
 * (translated, names the account, its role and the item) goes to why. Changes nothing. */
bool tui_may(tui_app *app, permission_action action, query_table t, long long id, char *why,
             size_t size);
tui_screen tui_help_screen(void);
/* Context help (tui_help.c): the user guide's anchor for screen s (NULL when it has none), and
 * the guide's section on it in the language in effect (*title, *text as guide_section() gives
 * them, malloc'd); when there is none, *missing and *text says why. */
const char *tui_help_anchor(const tui_screen *s);
void tui_help_about(const tui_screen *s, char **title, char **text, bool *missing);

/* The plan at a glance (tui_scorecard.c, tui_compare.c, tui_charts.c). */
tui_screen tui_scorecard_screen(void);
/* The report screen (tui_report.c): the period's report of the office — check, texts, finalise,
 * reopen, export. Opened with `r`: the period of the report under the cursor on the reports
 * screen, else the period data entry works on. */
void tui_open_report_screen(tui_app *app);
tui_screen tui_compare_screen(void);
/* The receiving side (tui_received*.c): submission matrix and who is missing, consolidated
 * targets and lagging tasks, importing bundles, returning a report. */
tui_screen tui_received_screen(void);
/* A table screen pushed over the current one showing only the rows with these ids (the tasks
 * behind a number); label says what they are on the context line. Esc goes back. */
void tui_push_rows(tui_app *app, query_table t, const long long *ids, size_t n,
                   const char *label);
/* Charts on screen (tui_charts.c): a bar of fraction 0…1 in w columns; a stacked bar of counts
 * (scale 0 = their sum); a trend cell's text (QCOL_TREND); a target's trend as a column chart of
 * text lines for its detail view (malloc'd lines, caller frees). Glyphs fall back to ASCII on a
 * terminal that is not UTF-8. */
void tui_bar(int y, int x, int w, double fraction, attr_t attr);
void tui_stacked_bar(int y, int x, int w, const size_t *counts, size_t n, size_t scale,
                     attr_t attr);
const char *tui_trend_text(const char *raw, char *buf, size_t size);
size_t tui_trend_chart(long long target_id, tui_app *app, int width, char ***lines);

/* Headless mode (XASO_SCRIPT): the next key from the script, resizing and dumping as it says.
 * Returns TUI_KEY_NONE at the end of the script. */
typedef struct tui_script tui_script;
tui_script *tui_script_open(const char *path, char *err, size_t errsize);
void tui_script_close(tui_script *sc);
int tui_script_next(tui_script *sc, tui_app *app);
void tui_draw(tui_app *app);
int tui_dump_screen(const char *path);

#endif
