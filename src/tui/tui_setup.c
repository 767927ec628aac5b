/* First run: with no database, `xaso` opens the office set-up form (forms/forms/office.yaml) and
 * creates the database from it with store_office_save; then it asks for the first administrator
 * (login, full name, PIN twice: store_account_add), and the interface starts as usual, with its
 * sign-in screen. Esc at that step leaves a single-user office (accounts can be added later with
 * `xaso account add`). The steps run in their own small loop (there is no plan, no query and no
 * database yet). Headless: XASO_SETUP_SCRIPT=FILE drives it with the same commands as
 * XASO_SCRIPT (type, press, dump). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui_entry.h"
#include "tui_signin.h"
#include "xaso/store_account.h"
#include "xaso/store_office.h"
#include "xaso/strbuf.h"

typedef struct {
    const char *path;
    bool created;
} setup_ctx;

static void setup_fill(tui_app *app, tui_form_spec *spec, const xaso_form *form, char **texts)
{
    (void)app;
    (void)spec;
    for (size_t i = 0; i < form->n_fields; i++)
        if (form->fields[i].default_text)
            texts[i] = xstrdup(form->fields[i].default_text);
}

static int setup_save(tui_app *app, tui_form_spec *spec, const xaso_form *form, char *const *texts,
                      xaso_error *err)
{
    setup_ctx *c = spec->ctx;
    xaso_office o;
    memset(&o, 0, sizeof o);
    static const struct {
        const char *key;
        size_t off, size;
    } map[] = {
        {"code", offsetof(xaso_office, code), sizeof o.code},
        {"name", offsetof(xaso_office, name), sizeof o.name},
        {"level", offsetof(xaso_office, level), sizeof o.level},
        {"province", offsetof(xaso_office, province), sizeof o.province},
    };
    for (size_t k = 0; k < sizeof map / sizeof map[0]; k++) {
        long i = form_field_index(form->fields, form->n_fields, map[k].key);
        if (i >= 0 && texts[i])
            snprintf((char *)&o + map[k].off, map[k].size, "%s", texts[i]);
    }
    xaso_store *st = NULL;
    if (store_open(c->path, STORE_OPEN_CREATE, &st, err))
        return err->code;
    int rc = store_office_save(st, &o, err);
    store_close(st);
    if (rc) {
        unlink(c->path);
        return rc;
    }
    c->created = true;
    (void)app;
    return 0;
}

bool tui_setup_wanted(void)
{
    const char *script = getenv("XASO_SETUP_SCRIPT");
    if (script && *script)
        return true;
    const char *main_script = getenv("XASO_SCRIPT");
    return !(main_script && *main_script) && isatty(0) && isatty(1);
}

/* The second step: the first administrator. */
typedef struct {
    tui_cred_field f[4]; /* login, full name, PIN, PIN again */
    int focus;
    char message[1200];
    bool done;
} admin_step;

static admin_step *admin_stage; /* while the second step is shown */

static void admin_draw(void)
{
    admin_step *as = admin_stage;
    erase();
    tui_fill(0, 0, COLS, tui_attr(ROLE_TAB));
    tui_text(0, 0, COLS, _(" xaso · first run: the administrator"), tui_attr(ROLE_TAB_ACTIVE),
             ALIGN_LEFT);
    char **lines = NULL;
    size_t n = tui_wrap(_("The office is created. Now the first administrator (the VH-XH officer): "
                          "from now on everyone signs in with a login and a PIN. Esc skips this "
                          "step: the office then works without accounts."),
                        COLS - 2, &lines);
    for (size_t i = 0; i < n; i++) {
        if (i < 3)
            tui_text(1 + (int)i, 1, COLS - 2, lines[i], tui_attr(ROLE_CONTEXT), ALIGN_LEFT);
        free(lines[i]);
    }
    free(lines);
    for (int i = 0; i < 4; i++)
        tui_cred_draw(&as->f[i], 6 + 2 * i, 4, 20, COLS - 28, as->focus == i);
    n = tui_wrap(as->message, COLS - 8, &lines);
    for (size_t i = 0; i < n; i++) {
        if (i < 4)
            tui_text(15 + (int)i, 4, COLS - 8, lines[i], tui_attr(ROLE_ERROR), ALIGN_LEFT);
        free(lines[i]);
    }
    free(lines);
    tui_text(LINES - 2, 0, COLS, _("PINs have at least 6 characters; they are never shown."),
             tui_attr(ROLE_STATUS), ALIGN_LEFT);
    tui_fill(LINES - 1, 0, COLS, A_NORMAL);
    static const struct {
        const char *key, *label;
    } bar[] = {{"Enter", N_("Next field")}, {"F2", N_("Save")}, {"Esc", N_("Skip")}};
    int x = 0;
    for (size_t i = 0; i < sizeof bar / sizeof bar[0]; i++) {
        x += tui_text_nopad(LINES - 1, x, COLS - x, bar[i].key, tui_attr(ROLE_KEY));
        x += tui_text_nopad(LINES - 1, x, COLS - x, _(bar[i].label), tui_attr(ROLE_KEY_LABEL));
        x++;
    }
    refresh();
}

/* Create the administrator from the fields; false (and the reason shown) when not possible. */
static bool admin_save(admin_step *as, const char *path)
{
    xaso_error err;
    xaso_error_clear(&err);
    if (strcmp(as->f[2].text, as->f[3].text)) {
        snprintf(as->message, sizeof as->message, "%s", _("The two PINs differ: type them again."));
        tui_cred_clear(&as->f[2]);
        tui_cred_clear(&as->f[3]);
        as->focus = 2;
        return false;
    }
    xaso_store *st = NULL;
    account_spec spec = {as->f[0].text, as->f[1].text, ROLE_ADMIN, NULL};
    int rc = store_open(path, STORE_OPEN_EXISTING, &st, &err);
    if (!rc)
        rc = store_account_add(st, &spec, as->f[2].text, NULL, &err);
    store_close(st);
    xaso_error pin_err; /* the PIN's own fault puts the cursor on it, anything else on the login */
    bool pin_refused = rc && account_pin_check(as->f[2].text, as->f[0].text, &pin_err);
    tui_cred_clear(&as->f[2]);
    tui_cred_clear(&as->f[3]);
    if (rc) {
        snprintf(as->message, sizeof as->message, "%s", err.message);
        as->focus = pin_refused ? 2 : 0;
        return false;
    }
    return true;
}

/* A key of the second step: false when the step is over (created, or skipped). */
static bool admin_key(admin_step *as, tui_app *app, int key, const char *path)
{
    tui_action a = tui_keymap_lookup(&app->keys, key);
    as->message[0] = '\0';
    if (key == 27)
        return false;
    if (a == ACT_SAVE || (key == '\n' && as->focus == 3)) {
        as->done = admin_save(as, path);
        return !as->done;
    }
    if (key == '\n' || key == '\t' || key == TUI_KEY_FN + KEY_DOWN)
        as->focus = (as->focus + 1) % 4;
    else if (key == TUI_KEY_FN + KEY_BTAB || key == TUI_KEY_FN + KEY_UP)
        as->focus = (as->focus + 3) % 4;
    else
        tui_cred_key(&as->f[as->focus], key);
    return true;
}

static void setup_draw(tui_app *app)
{
    if (admin_stage) {
        admin_draw();
        return;
    }
    erase();
    tui_fill(0, 0, COLS, tui_attr(ROLE_TAB));
    tui_text(0, 0, COLS, _(" xaso · first run: set up your office"), tui_attr(ROLE_TAB_ACTIVE),
             ALIGN_LEFT);
    tui_text(1, 0, COLS, _("There is no database yet. Fill in the office, then F2 creates it."),
             tui_attr(ROLE_CONTEXT), ALIGN_LEFT);
    if (app->depth) {
        tui_screen *s = &app->stack[app->depth - 1];
        s->ops->draw(app, s, (tui_rect){2, 0, LINES - 4, COLS});
    }
    tui_text(LINES - 2, 0, COLS, app->status,
             tui_attr(app->status_error ? ROLE_ERROR : ROLE_STATUS), ALIGN_LEFT);
    tui_fill(LINES - 1, 0, COLS, A_NORMAL);
    int x = 0;
    static const struct {
        const char *key, *label;
    } bar[] = {{"F1", N_("Help")}, {"F2", N_("Save")}, {"Esc", N_("Cancel")}};
    for (size_t i = 0; i < sizeof bar / sizeof bar[0]; i++) {
        x += tui_text_nopad(LINES - 1, x, COLS - x, bar[i].key, tui_attr(ROLE_KEY));
        x += tui_text_nopad(LINES - 1, x, COLS - x, _(bar[i].label), tui_attr(ROLE_KEY_LABEL));
        x++;
    }
    refresh();
}

/* The next key of a headless script (TUI_KEY_NONE at its end). */
static int script_key(FILE *f, tui_app *app, int *pending, size_t *head, size_t *tail)
{
    char line[4096];
    while (*head == *tail) {
        *head = *tail = 0;
        if (!fgets(line, sizeof line, f))
            return TUI_KEY_NONE;
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line + strspn(line, " \t");
        if (!*p || *p == '#')
            continue;
        if (!strncmp(p, "type ", 5)) {
            const unsigned char *u = (const unsigned char *)p + 5;
            while (*u && *tail < 1024) {
                unsigned cp = *u;
                int n = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
                if (n > 1)
                    cp &= 0xFFu >> (n + 1);
                for (int i = 1; i < n && u[i]; i++)
                    cp = (cp << 6) | (u[i] & 0x3Fu);
                for (int i = 0; i < n && *u; i++)
                    u++;
                pending[(*tail)++] = (int)cp;
            }
        } else if (!strncmp(p, "dump ", 5)) {
            setup_draw(app);
            tui_dump_screen(p + 5);
        } else {
            if (!strncmp(p, "press ", 6))
                p += 6;
            for (char *save = NULL, *w = strtok_r(p, " \t", &save); w && *tail < 1024;
                 w = strtok_r(NULL, " \t", &save)) {
                int key = tui_key_parse(w);
                if (key != TUI_KEY_NONE)
                    pending[(*tail)++] = key;
            }
        }
    }
    return pending[(*head)++];
}

int tui_setup_run(const char *path)
{
    const char *script_path = getenv("XASO_SETUP_SCRIPT");
    FILE *script = NULL, *null_out = NULL, *null_in = NULL;
    SCREEN *screen = NULL;
    if (script_path && *script_path) {
        script = fopen(script_path, "r");
        null_out = fopen("/dev/null", "w");
        null_in = fopen("/dev/null", "r");
        if (script && null_out && null_in)
            screen = newterm("xterm-256color", null_out, null_in);
    } else {
        screen = newterm(NULL, stdout, stdin);
    }
    if (!screen) {
        if (script)
            fclose(script);
        if (null_out)
            fclose(null_out);
        if (null_in)
            fclose(null_in);
        return XASO_EX_SOFTWARE;
    }
    set_term(screen);
    if (script)
        resizeterm(24, 80);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    tui_colors_init();

    tui_app *app = xcalloc(1, sizeof *app);
    tui_keymap_defaults(&app->keys);
    tui_keymap_load(&app->keys, NULL);
    setup_ctx ctx = {path, false};
    tui_form_spec *spec = xcalloc(1, sizeof *spec);
    spec->form_name = "office";
    spec->ctx = &ctx;
    spec->fill = setup_fill;
    spec->save_all = setup_save;
    snprintf(spec->context, sizeof spec->context, "%s", _("Office set-up"));
    tui_push(app, tui_form_screen(spec));
    int pending[1024];
    size_t head = 0, tail = 0;
    while (app->depth && !app->quit) {
        setup_draw(app);
        int key;
        if (script) {
            key = script_key(script, app, pending, &head, &tail);
            if (key == TUI_KEY_NONE)
                break;
        } else {
            wint_t ch;
            int r = get_wch(&ch);
            key = tui_key_from_curses(r, ch);
            if (key == TUI_KEY_NONE)
                continue;
        }
        tui_screen *s = &app->stack[app->depth - 1];
        if (!s->ops->key(app, s, key)) {
            tui_action a = tui_keymap_lookup(&app->keys, key);
            if (a == ACT_QUIT)
                break;
            if (a == ACT_HELP)
                tui_status(app, false, "%s", _("F2 creates the database; Esc leaves without it."));
        }
    }
    while (app->depth)
        tui_pop(app);
    if (ctx.created) {
        admin_step as = {
            .f = {{N_("Login:"), "", XASO_LOGIN_MAX, false},
                  {N_("Full name:"), "", 200, false},
                  {N_("PIN:"), "", XASO_PIN_MAX, true},
                  {N_("PIN again:"), "", XASO_PIN_MAX, true}},
        };
        admin_stage = &as;
        for (bool going = true; going;) {
            setup_draw(app);
            int key;
            if (script) {
                key = script_key(script, app, pending, &head, &tail);
                if (key == TUI_KEY_NONE)
                    break;
            } else {
                wint_t ch;
                int r = get_wch(&ch); /* before ch is read */
                key = tui_key_from_curses(r, ch);
                if (key == TUI_KEY_NONE)
                    continue;
            }
            going = admin_key(&as, app, key, path);
        }
        for (int i = 0; i < 4; i++)
            tui_cred_clear(&as.f[i]);
        admin_stage = NULL;
    }
    free(app);
    endwin();
    delscreen(screen);
    if (script)
        fclose(script);
    if (null_out)
        fclose(null_out);
    if (null_in)
        fclose(null_in);
    return ctx.created ? 0 : XASO_EX_NOINPUT;
}
