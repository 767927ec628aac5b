/* Staff accounts in the interface: the sign-in screen, switching user, the idle sign-out that
 * keeps what was typed, and the permission question screens ask (tui_may). The rules themselves
 * live in the store (store_account.c, permission.c); this file only shows them. See
 * tui_signin.h for what happens to open screens when people change. */
#include "tui_signin.h"

#include "tui_entry.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xaso/fsutil.h"
#include "xaso/store_account.h"
#include "xaso/strbuf.h"

/* ---------- credential fields ---------- */

bool tui_cred_key(tui_cred_field *f, int key)
{
    size_t len = strlen(f->text);
    size_t max = f->max_bytes && f->max_bytes < sizeof f->text ? f->max_bytes : sizeof f->text - 1;
    if (key == TUI_KEY_FN + KEY_BACKSPACE || key == 127 || key == 8) {
        while (len > 0 && ((unsigned char)f->text[len - 1] & 0xC0) == 0x80)
            len--; /* continuation bytes of the last character */
        if (len > 0)
            len--;
        f->text[len] = '\0';
        return true;
    }
    if (key < 32 || key >= TUI_KEY_FN || key > 0x10FFFF)
        return false;
    char buf[4];
    size_t n = tui_utf8_put((unsigned)key, buf);
    if (len + n <= max) {
        memcpy(f->text + len, buf, n);
        f->text[len + n] = '\0';
    }
    return true;
}

void tui_cred_draw(const tui_cred_field *f, int y, int x, int label_w, int w, bool focus)
{
    tui_text(y, x, label_w, _(f->label), tui_attr(focus ? ROLE_HEADING : ROLE_NORMAL),
             ALIGN_LEFT);
    char shown[sizeof f->text + 4];
    if (f->secret) {
        size_t chars = 0;
        for (const unsigned char *p = (const unsigned char *)f->text; *p; p++)
            chars += (*p & 0xC0) != 0x80;
        size_t n = chars < sizeof shown - 2 ? chars : sizeof shown - 2;
        memset(shown, '*', n);
        shown[n] = '\0';
    } else {
        snprintf(shown, sizeof shown, "%s", f->text);
    }
    if (focus) /* the cursor: a block after the text */
        strcat(shown, "_");
    tui_text(y, x + label_w, w, shown, focus ? tui_attr(ROLE_CURSOR) : tui_attr(ROLE_DIALOG),
             ALIGN_LEFT);
}

void tui_cred_clear(tui_cred_field *f)
{
    volatile char *p = f->text;
    for (size_t i = 0; i < sizeof f->text; i++)
        p[i] = '\0';
}

/* ---------- the session ---------- */

enum { PARKED_MAX = 6 };

typedef struct {
    long long account_id; /* 0 = free slot */
    tui_screen stack[TUI_STACK_MAX];
    size_t depth, active;
    bool unsaved;
} parked_work;

struct tui_session {
    bool required;  /* the database has accounts */
    bool shown;     /* the sign-in screen covers everything */
    tui_cred_field f[2];
    int focus;
    char reason[512];
    char message[1200];
    int failures; /* in a row, on this screen */
    int max_attempts;
    int idle_seconds; /* 0 = never */
    time_t last_key;
    long long away_id; /* who was signed out: their screens are still open */
    char away_name[256];
    char name[256];    /* who is signed in */
    parked_work parked[PARKED_MAX];
    int exit_code;
    char exit_message[512];
};

/* `idle_minutes = N` in $XDG_CONFIG_HOME/xaso/config: this PC's idle sign-out; -1 = not set. */
static int idle_minutes_from_config(void)
{
    char *dir = fs_xdg_config_dir();
    char *path = fs_join(dir, "config");
    free(dir);
    FILE *f = fopen(path, "r");
    free(path);
    if (!f)
        return -1;
    char line[256];
    int found = -1;
    while (fgets(line, sizeof line, f)) {
        char key[64];
        int v;
        if (sscanf(line, " %63[a-z_] = %d", key, &v) == 2 && !strcmp(key, "idle_minutes") &&
            v >= 0 && v <= 1440)
            found = v;
    }
    fclose(f);
    return found;
}

/* The shorter of two idle times in seconds, where 0 means "never". */
static int shorter_idle(int a, int b)
{
    if (!a || !b)
        return a ? a : b;
    return a < b ? a : b;
}

/* The office's policy in the database, which this PC can only shorten: `idle_minutes` in its
 * config (0 or absent = the policy) and XASO_IDLE_SECONDS (tests) apply only when shorter. */
static int idle_seconds(const signin_policy *policy)
{
    int seconds = policy->idle_minutes > 0 ? policy->idle_minutes * 60 : 0;
    int m = idle_minutes_from_config();
    if (m > 0)
        seconds = shorter_idle(seconds, m * 60);
    const char *env = getenv("XASO_IDLE_SECONDS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (!*end && v > 0 && v <= 86400)
            seconds = shorter_idle(seconds, (int)v);
    }
    return seconds;
}

static void show(tui_app *app, const char *reason, const char *login)
{
    tui_session *ss = app->session;
    ss->shown = true;
    tui_cred_clear(&ss->f[0]);
    tui_cred_clear(&ss->f[1]);
    snprintf(ss->f[0].text, sizeof ss->f[0].text, "%s", login ? login : "");
    ss->focus = login && *login ? 1 : 0;
    snprintf(ss->reason, sizeof ss->reason, "%s", reason);
    ss->message[0] = '\0';
    ss->failures = 0;
    ss->name[0] = '\0';
    app->status[0] = '\0';
    app->status_error = false;
}

void tui_session_start(tui_app *app)
{
    tui_session *ss = xcalloc(1, sizeof *ss);
    app->session = ss;
    ss->f[0] = (tui_cred_field){N_("Login:"), "", XASO_LOGIN_MAX, false};
    ss->f[1] = (tui_cred_field){N_("PIN:"), "", XASO_PIN_MAX, true};
    ss->last_key = time(NULL);
    xaso_error err;
    xaso_error_clear(&err);
    long long n = 1; /* when the count cannot be read, ask for a sign-in rather than skip it */
    store_account_count(app->st, &n, &err);
    if (app->demo || n == 0)
        return; /* a single-user office */
    ss->required = true;
    signin_policy policy;
    xaso_error_clear(&err);
    store_signin_policy_get(app->st, &policy, &err);
    ss->max_attempts = policy.max_attempts > 0 ? policy.max_attempts : 5;
    ss->idle_seconds = idle_seconds(&policy);
    show(app, _("This office has staff accounts: sign in with your login and PIN."), NULL);
}

static bool has_work(const tui_app *app)
{
    return app->depth > 0 || app->unsaved;
}

bool tui_session_has_parked(const tui_app *app)
{
    const tui_session *ss = app->session;
    for (size_t i = 0; ss && i < PARKED_MAX; i++)
        if (ss->parked[i].account_id)
            return true;
    return false;
}

/* The slot of account id's work put aside, or NULL. */
static parked_work *parked_of(tui_session *ss, long long id)
{
    for (size_t i = 0; i < PARKED_MAX; i++)
        if (ss->parked[i].account_id == id)
            return &ss->parked[i];
    return NULL;
}

/* Can account id sign in without losing anyone's work? The open screens of who was signed out
 * need a free slot — or the one id's own work frees when it comes back. Screens put aside are
 * never closed to make room: what was typed in them would be lost, or saved under another name. */
static bool room_to_park(const tui_app *app, long long id)
{
    tui_session *ss = app->session;
    if (!ss->away_id || ss->away_id == id || !has_work(app))
        return true;
    return parked_of(ss, 0) || parked_of(ss, id);
}

/* Put the open screens aside for account id (they are not closed: nothing is saved or lost).
 * Needs a free slot (room_to_park). */
static void park(tui_app *app, long long id)
{
    tui_session *ss = app->session;
    if (!id || !has_work(app))
        return;
    parked_work *slot = parked_of(ss, 0);
    if (!slot)
        return; /* not reached: room_to_park was asked first */
    slot->account_id = id;
    memcpy(slot->stack, app->stack, sizeof slot->stack);
    slot->depth = app->depth;
    slot->active = app->active;
    slot->unsaved = app->unsaved;
    memset(app->stack, 0, sizeof app->stack);
    app->depth = 0;
    app->unsaved = false;
}

/* Take out what account id had put aside (its slot is then free); false when nothing. */
static bool take_parked(tui_session *ss, long long id, parked_work *out)
{
    parked_work *slot = id ? parked_of(ss, id) : NULL;
    if (!slot)
        return false;
    *out = *slot;
    memset(slot, 0, sizeof *slot);
    return true;
}

/* Bring work taken out back on screen. Needs an empty stack. */
static void restore(tui_app *app, const parked_work *w)
{
    memcpy(app->stack, w->stack, sizeof app->stack);
    app->depth = w->depth;
    app->active = w->active;
    app->unsaved = w->unsaved;
}

/* Bring back what account id had put aside; false when nothing. Needs an empty stack. */
static bool unpark(tui_app *app, long long id)
{
    parked_work w;
    if (!take_parked(app->session, id, &w))
        return false;
    restore(app, &w);
    return true;
}

static void audit_event(tui_app *app, const char *event)
{
    xaso_error err;
    xaso_error_clear(&err);
    if (store_account_audit_session(app->st, event, &err))
        tui_status(app, true, "%s", err.message);
}

static void signed_in(tui_app *app, const xaso_account *a)
{
    tui_session *ss = app->session;
    audit_event(app, "signin");
    ss->shown = false;
    ss->failures = 0;
    ss->last_key = time(NULL);
    snprintf(ss->name, sizeof ss->name, "%s", a->full_name);
    tui_cred_clear(&ss->f[0]);
    tui_cred_clear(&ss->f[1]);
    bool same = ss->away_id == a->id;
    bool kept_other = false;
    parked_work mine;
    bool back = !same && take_parked(ss, a->id, &mine); /* first: its slot may take the other's */
    if (!same && ss->away_id) {
        kept_other = has_work(app);
        park(app, ss->away_id);
    }
    if (back)
        restore(app, &mine);
    if (!same && !back) {
        tui_reload(app); /* fresh screens for this person */
    }
    if (same && has_work(app))
        tui_status(app, false, _("Welcome back, %s: what you typed is as you left it."),
                   a->full_name);
    else if (back)
        tui_status(app, false, _("Welcome back, %s: your unsaved work is as you left it."),
                   a->full_name);
    else if (kept_other)
        tui_status(app, false,
                   _("Signed in as %s (%s). The unsaved work of %s is kept for them until they "
                     "sign in again."),
                   a->full_name, _(role_label(a->role)), ss->away_name);
    else
        tui_status(app, false, _("Signed in as %s (%s)."), a->full_name, _(role_label(a->role)));
    ss->away_id = 0;
    ss->away_name[0] = '\0';
}

static void sign_out(tui_app *app, bool idle)
{
    tui_session *ss = app->session;
    const xaso_account *a = store_account_current(app->st);
    char login[XASO_LOGIN_MAX + 1] = "";
    if (a) {
        audit_event(app, idle ? "idle-signout" : "signout");
        ss->away_id = a->id;
        snprintf(ss->away_name, sizeof ss->away_name, "%s", a->full_name);
        snprintf(login, sizeof login, "%s", a->login);
    }
    store_set_account(app->st, NULL);
    char reason[512];
    if (idle)
        snprintf(reason, sizeof reason,
                 P_("Signed out after %d minute without a key press. What was typed is kept for "
                    "%s: sign in again to go on.",
                    "Signed out after %d minutes without a key press. What was typed is kept for "
                    "%s: sign in again to go on.",
                    (unsigned long)((ss->idle_seconds + 59) / 60)),
                 (ss->idle_seconds + 59) / 60, ss->away_name);
    else
        snprintf(reason, sizeof reason,
                 _("%s has signed out; their open screens are kept for them. Sign in:"),
                 ss->away_name);
    show(app, reason, idle ? login : NULL);
}

/* Wait out the store's growing delay after a failure, so that guessing is slow; keys typed
 * meanwhile are dropped. Long locks are only said. */
static void wait_after_failure(tui_app *app, int seconds)
{
    if (seconds <= 0 || seconds > 30)
        return;
    tui_session *ss = app->session;
    char msg[sizeof ss->message], wait[96];
    snprintf(msg, sizeof msg, "%s", ss->message);
    snprintf(wait, sizeof wait, P_("Wait %d second…", "Wait %d seconds…", (unsigned long)seconds),
             seconds);
    snprintf(ss->message, sizeof ss->message, "%.400s %s", msg, wait);
    tui_draw(app);
    sleep((unsigned)seconds);
    flushinp();
    snprintf(ss->message, sizeof ss->message, "%s", msg);
}

static void attempt(tui_app *app)
{
    tui_session *ss = app->session;
    xaso_account a;
    signin_result res;
    xaso_error err;
    xaso_error_clear(&err);
    int rc = store_account_authenticate(app->st, ss->f[0].text, ss->f[1].text, &a, &res, &err);
    tui_cred_clear(&ss->f[1]);
    if (!rc && !room_to_park(app, a.id)) {
        store_set_account(app->st, NULL);
        snprintf(ss->message, sizeof ss->message,
                 _("The work of %d people who signed out is already kept on this PC: %s must "
                   "sign in again first and save or close their screens."),
                 PARKED_MAX, ss->away_name);
        ss->focus = 0;
        return;
    }
    if (!rc) {
        signed_in(app, &a);
        return;
    }
    ss->failures++;
    snprintf(ss->message, sizeof ss->message, "%s", err.message);
    ss->focus = 1;
    if (ss->failures >= ss->max_attempts && !has_work(app) && !tui_session_has_parked(app)) {
        ss->exit_code = XASO_EX_NOPERM;
        snprintf(ss->exit_message, sizeof ss->exit_message,
                 _("too many failed sign-ins (%d): xaso stops; ask the administrator"),
                 ss->failures);
        app->quit = true;
        return;
    }
    if (res.status == SIGNIN_WRONG)
        wait_after_failure(app, res.retry_after);
}

static void request_quit(tui_app *app)
{
    if (has_work(app) || tui_session_has_parked(app))
        app->confirm_quit = true;
    else
        app->quit = true;
}

bool tui_session_key(tui_app *app, int key, tui_action a)
{
    tui_session *ss = app->session;
    if (!ss)
        return false;
    bool printable = key >= 32 && key < TUI_KEY_FN && key != 127;
    if (!ss->shown) {
        ss->last_key = time(NULL);
        if (a != ACT_SWITCH_USER || printable)
            return false;
        if (!ss->required) {
            tui_status(app, false, "%s",
                       _("This office has no staff accounts: nobody needs to sign in. An "
                         "administrator creates them with  xaso account add"));
            return true;
        }
        sign_out(app, false);
        return true;
    }
    ss->message[0] = '\0';
    if (key == '\t' || key == TUI_KEY_FN + KEY_DOWN || key == TUI_KEY_FN + KEY_UP ||
        key == TUI_KEY_FN + KEY_BTAB) {
        ss->focus = !ss->focus;
    } else if (key == '\n') {
        if (ss->focus == 0 && ss->f[0].text[0])
            ss->focus = 1;
        else if (ss->f[0].text[0] && ss->f[1].text[0])
            attempt(app);
        else
            snprintf(ss->message, sizeof ss->message, "%s",
                     _("Type your login and your PIN, then Enter."));
    } else if (key == 27) {
        tui_cred_clear(&ss->f[0]);
        tui_cred_clear(&ss->f[1]);
        ss->focus = 0;
    } else if (tui_cred_key(&ss->f[ss->focus], key)) {
        /* typed */
    } else if (a == ACT_QUIT) {
        request_quit(app);
    } else if (a == ACT_HELP) {
        snprintf(ss->message, sizeof ss->message, "%s",
                 _("Type your login and PIN, then Enter. Forgot the PIN? The administrator sets "
                   "a new one with  xaso account set-pin LOGIN"));
    }
    return true;
}

bool tui_session_timed(const tui_app *app)
{
    const tui_session *ss = app->session;
    return ss && ss->required && ss->idle_seconds > 0;
}

bool tui_session_idle(tui_app *app)
{
    tui_session *ss = app->session;
    if (!tui_session_timed(app) || ss->shown || time(NULL) - ss->last_key < ss->idle_seconds)
        return false;
    sign_out(app, true);
    return true;
}

const char *tui_session_user(const tui_app *app)
{
    const tui_session *ss = app->session;
    return ss && ss->required && !ss->shown && ss->name[0] ? ss->name : NULL;
}

bool tui_session_draw(tui_app *app)
{
    tui_session *ss = app->session;
    if (!ss || !ss->shown)
        return false;
    tui_fill(0, 0, COLS, tui_attr(ROLE_TAB));
    char title[400];
    snprintf(title, sizeof title, _(" xaso · sign in%s%s"), app->office[0] ? " · " : "",
             app->office);
    tui_text(0, 0, COLS, title, tui_attr(ROLE_TAB_ACTIVE), ALIGN_LEFT);
    char **lines = NULL;
    size_t n = tui_wrap(ss->reason, COLS - 2, &lines);
    for (size_t i = 0; i < n; i++) {
        if (i < 3)
            tui_text(2 + (int)i, 1, COLS - 2, lines[i], tui_attr(ROLE_CONTEXT), ALIGN_LEFT);
        free(lines[i]);
    }
    free(lines);
    int label_w = 0;
    for (int i = 0; i < 2; i++)
        if (tui_width(_(ss->f[i].label)) + 2 > label_w)
            label_w = tui_width(_(ss->f[i].label)) + 2;
    int w = label_w + 34, x = (COLS - w) / 2, y = LINES / 2 - 4;
    tui_text(y, x, w, _("Sign in"), tui_attr(ROLE_HEADING), ALIGN_CENTER);
    for (int i = 0; i < 2; i++)
        tui_cred_draw(&ss->f[i], y + 2 + 2 * i, x, label_w, w - label_w, ss->focus == i);
    n = tui_wrap(ss->message, COLS - 4, &lines);
    for (size_t i = 0; i < n; i++) {
        if (i < 3)
            tui_text(y + 7 + (int)i, 2, COLS - 4, lines[i], tui_attr(ROLE_ERROR), ALIGN_LEFT);
        free(lines[i]);
    }
    free(lines);
    if (app->confirm_quit)
        tui_text(LINES - 2, 0, COLS,
                 _("Something is not saved. Quit anyway? (y = yes, any other key = no)"),
                 tui_attr(ROLE_ERROR), ALIGN_LEFT);
    else
        tui_text(LINES - 2, 0, COLS, app->status,
                 tui_attr(app->status_error ? ROLE_ERROR : ROLE_STATUS), ALIGN_LEFT);
    tui_fill(LINES - 1, 0, COLS, A_NORMAL);
    char quit[16];
    tui_key_name(tui_keymap_main_key(&app->keys, ACT_QUIT), quit, sizeof quit);
    const struct {
        const char *key, *label;
    } bar[] = {{"Enter", N_("Sign in")}, {"Tab", N_("Next field")}, {"Esc", N_("Start over")},
               {quit, N_("Quit")}};
    int bx = 0;
    for (size_t i = 0; i < sizeof bar / sizeof bar[0] && bx < COLS; i++) {
        bx += tui_text_nopad(LINES - 1, bx, COLS - bx, bar[i].key, tui_attr(ROLE_KEY));
        bx += tui_text_nopad(LINES - 1, bx, COLS - bx, _(bar[i].label), tui_attr(ROLE_KEY_LABEL));
        bx++;
    }
    return true;
}

int tui_session_end(tui_app *app, char *msg, size_t size)
{
    tui_session *ss = app->session;
    msg[0] = '\0';
    if (!ss)
        return 0;
    while (app->depth)
        tui_pop(app);
    /* Screens put aside close under nobody's name: a close hook can save nothing under the name
     * of whoever happens to be signed in. */
    store_set_account(app->st, NULL);
    for (size_t i = 0; i < PARKED_MAX; i++)
        if (ss->parked[i].account_id && unpark(app, ss->parked[i].account_id))
            while (app->depth)
                tui_pop(app);
    tui_cred_clear(&ss->f[1]);
    int rc = ss->exit_code;
    snprintf(msg, size, "%s", ss->exit_message);
    free(ss);
    app->session = NULL;
    return rc;
}

/* ---------- what the signed-in account may do ---------- */

bool tui_may(tui_app *app, permission_action action, query_table t, long long id, char *why,
             size_t size)
{
    xaso_error err;
    xaso_error_clear(&err);
    int rc = t == QUERY_TASKS && id     ? store_authorize_task(app->st, action, id, &err)
             : t == QUERY_TARGETS && id ? store_authorize_target(app->st, action, id, &err)
             : t == QUERY_UNITS && id   ? store_authorize_unit(app->st, action, id, &err)
                                        : store_authorize(app->st, action, OWNERSHIP_NONE, &err);
    if (!rc)
        return true;
    if (why && size)
        snprintf(why, size, _("Read-only for you: %s"), err.message);
    return false;
}
