/* The event loop: keys → actions → the screen on top; the frame around screens (tabs, context
 * line, status line, key bar); resizing and the "terminal too small" screen. */
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui_internal.h"
#include "tui_signin.h"
#include "xaso/calendar_file.h"
#include "xaso/demo.h"
#include "xaso/fsutil.h"
#include "xaso/store_office.h"
#include "xaso/strbuf.h"
#include "xaso/tui.h"

void tui_status(tui_app *app, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->status, sizeof app->status, fmt, ap);
    va_end(ap);
    app->status_error = error;
}

static tui_screen *top_screen(tui_app *app)
{
    return app->depth ? &app->stack[app->depth - 1] : &app->main[app->active];
}

void tui_push(tui_app *app, tui_screen s)
{
    if (app->depth >= TUI_STACK_MAX)
        return;
    app->stack[app->depth++] = s;
    tui_screen *t = &app->stack[app->depth - 1];
    if (t->ops->open)
        t->ops->open(app, t);
}

void tui_pop(tui_app *app)
{
    if (!app->depth)
        return;
    tui_screen *t = &app->stack[--app->depth];
    if (t->ops->close)
        t->ops->close(app, t);
    memset(t, 0, sizeof *t);
}

void tui_switch(tui_app *app, size_t index)
{
    while (app->depth)
        tui_pop(app);
    if (index >= TUI_MAIN_SCREENS)
        return;
    app->active = index;
    tui_screen *s = &app->main[index];
    if (!s->data && s->ops->open)
        s->ops->open(app, s);
}

tui_screen *tui_main_screen(tui_app *app, query_table t)
{
    /* main[0] is the dashboard, main[1 + t] the table t */
    size_t i = 1 + (size_t)t;
    if (i >= TUI_MAIN_SCREENS)
        return NULL;
    tui_screen *s = &app->main[i];
    if (!s->data && s->ops->open)
        s->ops->open(app, s);
    return s;
}

void tui_reload(tui_app *app)
{
    while (app->depth)
        tui_pop(app);
    for (size_t i = 0; i < TUI_MAIN_SCREENS; i++) {
        tui_screen *s = &app->main[i];
        if (s->data && s->ops->close)
            s->ops->close(app, s);
        s->data = NULL;
    }
    tui_switch(app, app->active);
}

/* ---------- the frame ---------- */

static bool too_small(void)
{
    return COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
}

static void draw_too_small(void)
{
    char line[256];
    int y = LINES / 2 - 2;
    if (y < 0)
        y = 0;
    tui_text(y, 0, COLS, _("Terminal too small"), tui_attr(ROLE_ERROR), ALIGN_CENTER);
    snprintf(line, sizeof line, _("It is %d×%d; xaso needs at least %d×%d."), COLS, LINES,
             TUI_MIN_COLS, TUI_MIN_LINES);
    if (y + 1 < LINES)
        tui_text(y + 1, 0, COLS, line, A_NORMAL, ALIGN_CENTER);
    if (y + 2 < LINES)
        tui_text(y + 2, 0, COLS, _("Enlarge the window, or press q to quit."), A_NORMAL,
                 ALIGN_CENTER);
}

static void draw_tabs(tui_app *app)
{
    tui_fill(0, 0, COLS, tui_attr(ROLE_TAB));
    char labels[TUI_MAIN_SCREENS][96];
    int total = 0;
    for (size_t i = 0; i < TUI_MAIN_SCREENS; i++) {
        snprintf(labels[i], sizeof labels[i], i == app->active ? "[%zu %s]" : " %zu %s ",
                 (i + 1) % 10, _(app->main[i].title)); /* the tenth screen is key 0 */
        total += tui_width(labels[i]);
    }
    const char *mark = app->demo ? _(" DEMO ") : "";
    int right = tui_width(mark);
    bool short_tabs = total + right > COLS;
    int x = 0;
    for (size_t i = 0; i < TUI_MAIN_SCREENS && x < COLS; i++) {
        char buf[16];
        const char *text = labels[i];
        if (short_tabs && i != app->active) {
            snprintf(buf, sizeof buf, " %zu ", (i + 1) % 10);
            text = buf;
        }
        x += tui_text_nopad(0, x, COLS - x,  text,
                            tui_attr(i == app->active ? ROLE_TAB_ACTIVE : ROLE_TAB));
    }
    if (right && x + right <= COLS)
        tui_text_nopad(0, COLS - right, right, mark, tui_attr(ROLE_TAB_ACTIVE));
}

static void draw_context(tui_app *app)
{
    char left[512] = "", right[128];
    tui_screen *s = top_screen(app);
    if (s->ops->context)
        s->ops->context(app, s, left, sizeof left);
    char period[48], today[16], iso[11];
    tui_period_title(query_current_period(app->q), period, sizeof period);
    date_format_iso(query_today(app->q), iso, sizeof iso);
    tui_date(iso, today, sizeof today);
    snprintf(right, sizeof right, " %s · %s", period, today);
    int rw = tui_width(right);
    tui_text(1, 0, COLS - rw, left, tui_attr(ROLE_CONTEXT), ALIGN_LEFT);
    tui_text(1, COLS - rw, rw, right, tui_attr(ROLE_MUTED), ALIGN_LEFT);
}

static const tui_action keybar[] = {ACT_HELP, ACT_SAVE, ACT_SEARCH, ACT_FILTER, ACT_SORT,
                                    ACT_NEXT_SCREEN, ACT_PREV_SCREEN, ACT_CLEAR, ACT_QUIT};
#define N_KEYBAR (sizeof keybar / sizeof keybar[0])

static void draw_keybar(tui_app *app)
{
    int y = LINES - 1;
    tui_fill(y, 0, COLS, A_NORMAL);
    if (app->keybar && app->n_keybar) { /* a data-entry screen's own keys */
        int x = 0;
        for (size_t i = 0; i < app->n_keybar && x < COLS; i++) {
            char key[16];
            int k = tui_keymap_main_key(&app->keys, app->keybar[i]);
            if (k == TUI_KEY_NONE)
                continue;
            tui_key_name(k, key, sizeof key);
            const char *label = _(tui_action_get(app->keybar[i])->label);
            if (x + tui_width(key) + tui_width(label) > COLS)
                break;
            x += tui_text_nopad(y, x, COLS - x, key, tui_attr(ROLE_KEY));
            x += tui_text(y, x, tui_width(label), label, tui_attr(ROLE_KEY_LABEL), ALIGN_LEFT);
            x++;
        }
        return;
    }
    bool shown[N_KEYBAR];
    int widths[N_KEYBAR];
    char keys[N_KEYBAR][16];
    int total = 0;
    for (size_t i = 0; i < N_KEYBAR; i++) {
        int k = tui_keymap_main_key(&app->keys, keybar[i]);
        shown[i] = k != TUI_KEY_NONE;
        tui_key_name(k, keys[i], sizeof keys[i]);
        widths[i] = shown[i] ? tui_width(keys[i]) + tui_width(_(tui_action_get(keybar[i])->label)) + 1 : 0;
        total += widths[i];
    }
    /* when it does not fit, leave out the least needed first (never Help or Quit) */
    static const size_t drop_order[] = {6, 7, 5, 1, 4, 3, 2};
    for (size_t d = 0; d < sizeof drop_order / sizeof drop_order[0] && total > COLS; d++) {
        total -= widths[drop_order[d]];
        shown[drop_order[d]] = false;
    }
    int x = 0;
    for (size_t i = 0; i < N_KEYBAR && x < COLS; i++) {
        if (!shown[i])
            continue;
        x += tui_text_nopad(y, x, COLS - x, keys[i], tui_attr(ROLE_KEY));
        const char *label = _(tui_action_get(keybar[i])->label);
        int w = tui_width(label);
        if (x + w > COLS)
            w = COLS - x;
        x += tui_text(y, x, w, label, tui_attr(ROLE_KEY_LABEL), ALIGN_LEFT);
        if (x < COLS)
            x++;
    }
}

void tui_draw(tui_app *app)
{
    erase();
    if (too_small()) {
        draw_too_small();
        refresh();
        return;
    }
    if (tui_session_draw(app)) { /* nobody signed in: nothing else shows */
        refresh();
        return;
    }
    draw_tabs(app);
    draw_context(app);
    tui_rect area = {2, 0, LINES - 4, COLS};
    app->keybar = NULL; /* a screen may set its own while drawing */
    tui_screen *s = top_screen(app);
    if (app->depth && app->stack[app->depth - 1].ops->draw == NULL)
        s = &app->main[app->active];
    s->ops->draw(app, s, area);
    if (app->confirm_quit)
        tui_text(LINES - 2, 0, COLS, _("Something is not saved. Quit anyway? (y = yes, any other key = no)"),
                 tui_attr(ROLE_ERROR), ALIGN_LEFT);
    else {
        const char *who = tui_session_user(app); /* the signed-in person, on the right */
        int ww = who ? tui_width(who) + 2 : 0;
        if (ww > COLS / 3)
            ww = COLS / 3;
        tui_text(LINES - 2, 0, COLS - ww, app->status,
                 tui_attr(app->status_error ? ROLE_ERROR : ROLE_STATUS), ALIGN_LEFT);
        if (who)
            tui_text(LINES - 2, COLS - ww, ww, who, tui_attr(ROLE_HEADING), ALIGN_RIGHT);
    }
    draw_keybar(app);
    refresh();
}

/* ---------- actions every screen shares ---------- */

static void request_quit(tui_app *app)
{
    if (app->unsaved || tui_session_has_parked(app))
        app->confirm_quit = true;
    else
        app->quit = true;
}

static void handle_global(tui_app *app, tui_action a)
{
    switch (a) {
    case ACT_QUIT: request_quit(app); break;
    case ACT_HELP:
        if (!app->depth || app->stack[app->depth - 1].ops != tui_help_screen().ops)
            tui_push(app, tui_help_screen());
        break;
    case ACT_SAVE: tui_status(app, false, "%s", _("Nothing to save: what you see is already saved.")); break;
    case ACT_BACK:
        if (app->depth)
            tui_pop(app);
        break;
    case ACT_NEXT_SCREEN: tui_switch(app, (app->active + 1) % TUI_MAIN_SCREENS); break;
    case ACT_PREV_SCREEN:
        tui_switch(app, (app->active + TUI_MAIN_SCREENS - 1) % TUI_MAIN_SCREENS);
        break;
    case ACT_SCREEN_DASHBOARD: tui_switch(app, 0); break;
    case ACT_SCREEN_PLANS: tui_switch(app, 1); break;
    case ACT_SCREEN_TARGETS: tui_switch(app, 2); break;
    case ACT_SCREEN_TASKS: tui_switch(app, 3); break;
    case ACT_SCREEN_PROJECTS: tui_switch(app, 4); break;
    case ACT_SCREEN_UNITS: tui_switch(app, 5); break;
    case ACT_SCREEN_REPORTS: tui_switch(app, 6); break;
    case ACT_SCREEN_AUDIT: tui_switch(app, 7); break;
    case ACT_SCREEN_SCORECARD: tui_switch(app, 8); break;
    case ACT_SCREEN_COMPARE: tui_switch(app, 9); break;
    case ACT_SCREEN_RECEIVED: tui_push(app, tui_received_screen()); break;
    case ACT_REPORT: tui_open_report_screen(app); break;
    case ACT_REDRAW:
        tui_reload(app);
        clearok(curscr, TRUE);
        tui_status(app, false, "%s", _("Reloaded."));
        break;
    default: tui_entry_handle(app, a); break;
    }
}

static void handle_key(tui_app *app, int key)
{
    if (key == TUI_KEY_FN + KEY_RESIZE)
        return; /* the next draw uses the new LINES and COLS */
    tui_action a = tui_keymap_lookup(&app->keys, key);
    if (app->confirm_quit) {
        app->confirm_quit = false;
        if (key == 'y' || key == 'Y')
            app->quit = true;
        return;
    }
    if (too_small()) {
        if (a == ACT_QUIT || key == 'q')
            request_quit(app);
        return;
    }
    if (tui_session_key(app, key, a)) /* the sign-in screen, or switch user */
        return;
    tui_screen *s = top_screen(app);
    if (s->ops->key && s->ops->key(app, s, key))
        return;
    if (a == ACT_NONE) {
        char name[16];
        tui_status(app, false, _("The key %s does nothing here (F1: help)."),
                   tui_key_name(key, name, sizeof name));
        return;
    }
    app->status[0] = '\0';
    app->status_error = false;
    if (s->ops->handle && s->ops->handle(app, s, a))
        return;
    handle_global(app, a);
}

/* ---------- start and stop ---------- */

static int open_database(const char *db_path, bool demo, xaso_store **st)
{
    xaso_error err;
    xaso_error_clear(&err);
    char buf[2048];
    if (demo) {
        if (demo_open(st, &err)) {
            fprintf(stderr, "xaso: %s\n", xaso_error_format(&err, buf, sizeof buf));
            return err.code ? err.code : XASO_EX_SOFTWARE;
        }
        return 0;
    }
    char *path = store_default_path(db_path);
    if (!fs_exists(path) && tui_setup_wanted() && tui_setup_run(path) == 0) {
        /* the office set-up form created the database */
    } else if (!fs_exists(path)) {
        fprintf(stderr, _("xaso: there is no database yet (%s).\n"
                          "Set up your office first:\n"
                          "  xaso init --code CODE --name \"UBND xã …\" --province \"…\"\n"
                          "then import your plan:\n"
                          "  xaso plan import PLAN.yaml\n"
                          "To look around first, open the demo:  xaso --demo\n"),
                path);
        free(path);
        return XASO_EX_NOINPUT;
    }
    int rc = store_open(path, STORE_OPEN_EXISTING, st, &err);
    free(path);
    if (rc) {
        fprintf(stderr, "xaso: %s\n", xaso_error_format(&err, buf, sizeof buf));
        return rc;
    }
    return 0;
}

int tui_run(const char *db_path, bool demo)
{
    tui_app app;
    memset(&app, 0, sizeof app);
    app.demo = demo;
    int rc = open_database(db_path, demo, &app.st);
    if (rc)
        return rc;
    xaso_error err;
    xaso_error_clear(&err);
    xaso_calendar cal;
    bool cal_problem = calendar_load_default(&cal, &err) != 0;
    char cal_message[1200] = "";
    if (cal_problem)
        xaso_error_format(&err, cal_message, sizeof cal_message);
    xaso_error_clear(&err);
    if (query_open(app.st, 0, store_today(), &cal, &app.q, &err)) {
        char buf[2048];
        fprintf(stderr, "xaso: %s\n", xaso_error_format(&err, buf, sizeof buf));
        store_close(app.st);
        return err.code ? err.code : XASO_EX_SOFTWARE;
    }
    xaso_office office;
    bool found = false;
    if (!store_office_get(app.st, &office, &found, &err) && found)
        snprintf(app.office, sizeof app.office, "%s", office.name);
    app.cal = &cal;
    tui_keymap_defaults(&app.keys);
    tui_keymap_load(&app.keys, NULL);

    const char *script_path = getenv("XASO_SCRIPT");
    tui_script *script = NULL;
    FILE *null_out = NULL, *null_in = NULL;
    SCREEN *screen;
    if (script_path && *script_path) {
        char msg[600];
        script = tui_script_open(script_path, msg, sizeof msg);
        if (!script) {
            fprintf(stderr, "xaso: %s\n", msg);
            query_close(app.q);
            store_close(app.st);
            return XASO_EX_NOINPUT;
        }
        /* what would go to the terminal: /dev/null, or a file for tests that inspect it */
        const char *output = getenv("XASO_SCRIPT_OUTPUT");
        null_out = fopen(output && *output ? output : "/dev/null", "w");
        null_in = fopen("/dev/null", "r");
        const char *term = getenv("XASO_SCRIPT_TERM");
        screen = null_out && null_in ? newterm(term && *term ? term : "xterm-256color", null_out, null_in) : NULL;
        if (!screen && null_out && null_in)
            screen = newterm("vt100", null_out, null_in);
    } else {
        screen = newterm(NULL, stdout, stdin);
    }
    if (!screen) {
        fprintf(stderr, "%s\n", _("xaso: cannot start the full-screen interface on this terminal "
                                  "(check TERM)"));
        if (null_out)
            fclose(null_out);
        if (null_in)
            fclose(null_in);
        tui_script_close(script);
        query_close(app.q);
        store_close(app.st);
        return XASO_EX_SOFTWARE;
    }
    set_term(screen);
    const char *codeset = nl_langinfo(CODESET);
    tui_set_utf8(codeset && (!strcmp(codeset, "UTF-8") || !strcmp(codeset, "utf8")));
    if (script)
        resizeterm(24, 80);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    tui_colors_init();

    app.main[0] = tui_dashboard_screen();
    static const query_table order[] = {QUERY_PLANS, QUERY_TARGETS, QUERY_TASKS, QUERY_PROJECTS,
                                        QUERY_UNITS, QUERY_REPORTS, QUERY_AUDIT};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        app.main[1 + i] = tui_table_screen(order[i]);
    app.main[8] = tui_scorecard_screen();
    app.main[9] = tui_compare_screen();
    tui_switch(&app, 0);
    if (app.keys.problem_count)
        tui_status(&app, true, "%s%s", app.keys.problems[0],
                   app.keys.problem_count > 1 ? _(" (and more: see F1)") : "");
    else if (cal_problem)
        tui_status(&app, true, "%s", cal_message);
    else if (!query_plan_id(app.q))
        tui_status(&app, false, "%s", _("No plan yet: import one with  xaso plan import FILE"));
    tui_session_start(&app);
    if (!script && tui_session_timed(&app))
        timeout(1000); /* wake up every second to sign out when idle */

    tui_draw(&app);
    while (!app.quit) {
        int key;
        if (script) {
            key = tui_script_next(script, &app);
            if (key == TUI_KEY_NONE)
                break;
        } else {
            wint_t ch;
            int r = get_wch(&ch);
            key = tui_key_from_curses(r, ch);
            if (key == TUI_KEY_NONE) {
                if (tui_session_idle(&app))
                    tui_draw(&app);
                continue;
            }
        }
        if (tui_session_idle(&app)) { /* the key came after the idle time: it is dropped */
            tui_draw(&app);
            continue;
        }
        handle_key(&app, key);
        tui_draw(&app);
    }
    char session_msg[512];
    int session_rc = tui_session_end(&app, session_msg, sizeof session_msg);
    while (app.depth)
        tui_pop(&app);
    for (size_t i = 0; i < TUI_MAIN_SCREENS; i++)
        if (app.main[i].data && app.main[i].ops->close)
            app.main[i].ops->close(&app, &app.main[i]);
    endwin();
    delscreen(screen);
    if (null_out)
        fclose(null_out);
    if (null_in)
        fclose(null_in);
    tui_script_close(script);
    query_close(app.q);
    store_close(app.st);
    if (session_msg[0])
        fprintf(stderr, "xaso: %s\n", session_msg);
    return session_rc;
}
