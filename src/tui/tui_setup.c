/* First run: with no database, `xaso` opens the office set-up form (forms/forms/office.yaml) and
 * creates the database from it with store_office_save, then the interface starts as usual. The
 * form runs in its own small loop (there is no plan, no query and no database yet). Headless:
 * XASO_SETUP_SCRIPT=FILE drives it with the same commands as XASO_SCRIPT (type, press, dump). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui_entry.h"
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

static void setup_draw(tui_app *app)
{
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
