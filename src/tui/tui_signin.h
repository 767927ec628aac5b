/* Staff accounts in the interface (tui_signin.c): the sign-in screen, who is signed in, switching
 * user, the idle sign-out that keeps every open screen (and what was typed in it), and the
 * credential fields the first-run set-up also uses for the first administrator.
 *
 * A database without accounts is a single-user office: none of this shows. With accounts, the
 * sign-in screen covers everything until someone signs in. Signing out (idle or "switch user")
 * keeps the screens that were open, untouched, for the person who left: when the same person
 * signs back in they are there as they were; when someone else signs in they are put aside
 * (never shown to, nor saved under the name of, the other person) and come back when their owner
 * signs in again during this run. Quitting asks first while anyone's work is put aside. */
#ifndef XASO_TUI_SIGNIN_H
#define XASO_TUI_SIGNIN_H

#include "tui_internal.h"

/* ---------- a one-line credential field (login, name, PIN) ---------- */
typedef struct {
    const char *label; /* N_() */
    char text[256];    /* UTF-8 */
    size_t max_bytes;  /* at most sizeof text - 1 */
    bool secret;       /* drawn as '*': the PIN is never echoed */
} tui_cred_field;

/* A typed character or Backspace into the field: true when consumed. */
bool tui_cred_key(tui_cred_field *f, int key);
/* Label in label_w columns, then the field in w columns (reversed when focused). */
void tui_cred_draw(const tui_cred_field *f, int y, int x, int label_w, int w, bool focus);
/* Forget the text (a PIN does not stay in memory longer than needed). */
void tui_cred_clear(tui_cred_field *f);

/* ---------- the session ---------- */
typedef struct tui_session tui_session;
/* After the screens are set up: with accounts in the database, show the sign-in screen. */
void tui_session_start(tui_app *app);
/* The key, while the sign-in screen is shown (true: consumed), or the switch-user action; any
 * other key only counts as activity for the idle sign-out. */
bool tui_session_key(tui_app *app, int key, tui_action a);
/* Sign out when idle longer than allowed; true when that happened now (redraw). */
bool tui_session_idle(tui_app *app);
/* Whether an idle sign-out needs the clock (the main loop then wakes up every second). */
bool tui_session_timed(const tui_app *app);
/* Draw the sign-in screen when it is shown (true), else nothing. */
bool tui_session_draw(tui_app *app);
/* The signed-in person's full name for the status line, or NULL. */
const char *tui_session_user(const tui_app *app);
/* Someone's screens are put aside (quitting loses them: ask first). */
bool tui_session_has_parked(const tui_app *app);
/* At the end: close the screens put aside, free the session. Returns the program's exit code
 * (XASO_EX_NOPERM after too many failed sign-ins) and the message to print, if any. */
int tui_session_end(tui_app *app, char *msg, size_t size);

#endif
