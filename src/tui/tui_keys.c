/* Actions, key names, the key map and keys.conf. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tui_internal.h"
#include "xaso/fsutil.h"
#include "xaso/utf8.h"

static const tui_action_info actions[ACT_COUNT] = {
    [ACT_NONE] = {"", "", "", ""},
#define X(e, name, keys, label, desc) [ACT_##e] = {name, keys, label, desc},
    TUI_ACTIONS(X)
#undef X
};

const tui_action_info *tui_action_get(tui_action a)
{
    return a > ACT_NONE && a < ACT_COUNT ? &actions[a] : &actions[ACT_NONE];
}

bool tui_action_from_name(const char *name, tui_action *out)
{
    for (int a = 1; a < ACT_COUNT; a++)
        if (!strcmp(actions[a].name, name)) {
            *out = (tui_action)a;
            return true;
        }
    return false;
}

static const struct {
    const char *name;
    int key;
} named_keys[] = {
    {"Up", TUI_KEY_FN + KEY_UP},         {"Down", TUI_KEY_FN + KEY_DOWN},
    {"Left", TUI_KEY_FN + KEY_LEFT},     {"Right", TUI_KEY_FN + KEY_RIGHT},
    {"PgUp", TUI_KEY_FN + KEY_PPAGE},    {"PgDn", TUI_KEY_FN + KEY_NPAGE},
    {"Home", TUI_KEY_FN + KEY_HOME},     {"End", TUI_KEY_FN + KEY_END},
    {"Ins", TUI_KEY_FN + KEY_IC},        {"Del", TUI_KEY_FN + KEY_DC},
    {"Backspace", TUI_KEY_FN + KEY_BACKSPACE},
    {"BTab", TUI_KEY_FN + KEY_BTAB},     {"Resize", TUI_KEY_FN + KEY_RESIZE},
    {"Enter", '\n'},                     {"Tab", '\t'},
    {"Esc", 27},                         {"Space", ' '},
};
#define N_NAMED (sizeof named_keys / sizeof named_keys[0])

int tui_key_parse(const char *name)
{
    if (!name || !*name)
        return TUI_KEY_NONE;
    for (size_t i = 0; i < N_NAMED; i++)
        if (!strcasecmp(name, named_keys[i].name))
            return named_keys[i].key;
    if ((name[0] == 'F' || name[0] == 'f') && isdigit((unsigned char)name[1])) {
        char *end;
        long n = strtol(name + 1, &end, 10);
        if (!*end && n >= 1 && n <= 12)
            return TUI_KEY_FN + KEY_F((int)n);
    }
    if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3] &&
        isalpha((unsigned char)name[2]))
        return tolower((unsigned char)name[2]) - 'a' + 1;
    /* one character, as typed */
    size_t n = utf8_seq_len(name);
    if (strlen(name) != n || !utf8_valid(name, n, NULL))
        return TUI_KEY_NONE;
    unsigned cp = (unsigned char)name[0];
    if (n > 1) {
        cp &= 0xFFu >> (n + 1);
        for (size_t i = 1; i < n; i++)
            cp = (cp << 6) | ((unsigned char)name[i] & 0x3Fu);
    }
    if (cp < 0x20 || cp == 0x7F)
        return TUI_KEY_NONE;
    return (int)cp;
}

const char *tui_key_name(int key, char *buf, size_t size)
{
    for (size_t i = 0; i < N_NAMED; i++)
        if (named_keys[i].key == key) {
            snprintf(buf, size, "%s", named_keys[i].name);
            return buf;
        }
    if (key >= TUI_KEY_FN + KEY_F(1) && key <= TUI_KEY_FN + KEY_F(12)) {
        snprintf(buf, size, "F%d", key - TUI_KEY_FN - KEY_F0);
        return buf;
    }
    if (key >= 1 && key <= 26) {
        snprintf(buf, size, "C-%c", 'a' + key - 1);
        return buf;
    }
    if (key > 0 && key < 0x110000) {
        unsigned cp = (unsigned)key;
        char out[5] = {0};
        if (cp < 0x80) {
            out[0] = (char)cp;
        } else if (cp < 0x800) {
            out[0] = (char)(0xC0 | (cp >> 6));
            out[1] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[0] = (char)(0xE0 | (cp >> 12));
            out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[2] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[0] = (char)(0xF0 | (cp >> 18));
            out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[3] = (char)(0x80 | (cp & 0x3F));
        }
        snprintf(buf, size, "%s", out);
        return buf;
    }
    snprintf(buf, size, "?");
    return buf;
}

int tui_key_from_curses(int rc, wint_t ch)
{
    if (rc == KEY_CODE_YES) {
        if (ch == KEY_ENTER)
            return '\n';
        return TUI_KEY_FN + (int)ch;
    }
    if (rc == ERR)
        return TUI_KEY_NONE;
    if (ch == '\r')
        return '\n';
    if (ch == 127 || ch == 8)
        return TUI_KEY_FN + KEY_BACKSPACE;
    return (int)ch;
}

void tui_keymap_unbind(tui_keymap *km, int key)
{
    size_t o = 0;
    for (size_t i = 0; i < km->n; i++)
        if (km->b[i].key != key)
            km->b[o++] = km->b[i];
    km->n = o;
}

void tui_keymap_bind(tui_keymap *km, int key, tui_action a)
{
    tui_keymap_unbind(km, key);
    if (km->n < TUI_MAX_BINDINGS) {
        km->b[km->n].key = key;
        km->b[km->n].action = a;
        km->n++;
    }
}

void tui_keymap_defaults(tui_keymap *km)
{
    memset(km, 0, sizeof *km);
    for (int a = 1; a < ACT_COUNT; a++) {
        char keys[64];
        snprintf(keys, sizeof keys, "%s", actions[a].keys);
        for (char *save = NULL, *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save))
            tui_keymap_bind(km, tui_key_parse(k), (tui_action)a);
    }
}

#define problem(km, file, line, fmt, arg)                                                         \
    do {                                                                                          \
        char msg_[200];                                                                           \
        snprintf(msg_, sizeof msg_, fmt, arg);                                                    \
        add_problem(km, file, line, msg_);                                                        \
    } while (0)

static void add_problem(tui_keymap *km, const char *file, int line, const char *msg)
{
    if (km->problem_count < sizeof km->problems / sizeof km->problems[0]) {
        snprintf(km->problems[km->problem_count], sizeof km->problems[0], "%s:%d: %s", file, line,
                 msg);
    }
    km->problem_count++;
}

void tui_keymap_load(tui_keymap *km, const char *path)
{
    char *owned = NULL;
    if (!path) {
        char *dir = fs_xdg_config_dir();
        owned = fs_join(dir, "keys.conf");
        free(dir);
        path = owned;
    }
    snprintf(km->path, sizeof km->path, "%s", path);
    FILE *f = fopen(path, "r");
    if (!f) {
        free(owned);
        return;
    }
    char line[512];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        /* a comment is a whole line starting with '#' (so "bind help #" binds '#') */
        const char *first = line + strspn(line, " \t");
        if (*first == '#')
            continue;
        char *words[8];
        size_t n = 0;
        for (char *save = NULL, *w = strtok_r(line, " \t\r\n", &save); w && n < 8;
             w = strtok_r(NULL, " \t\r\n", &save))
            words[n++] = w;
        if (n == 0)
            continue;
        if (!strcmp(words[0], "bind")) {
            tui_action a;
            if (n < 3) {
                problem(km, path, lineno, _("%s: expected \"bind ACTION KEY…\""), words[0]);
                continue;
            }
            if (!tui_action_from_name(words[1], &a)) {
                problem(km, path, lineno, _("unknown action \"%s\" (see F1 for the names)"),
                        words[1]);
                continue;
            }
            for (size_t i = 2; i < n; i++) {
                int key = tui_key_parse(words[i]);
                if (key == TUI_KEY_NONE)
                    problem(km, path, lineno, _("unknown key \"%s\""), words[i]);
                else
                    tui_keymap_bind(km, key, a);
            }
        } else if (!strcmp(words[0], "unbind")) {
            if (n < 2) {
                problem(km, path, lineno, _("%s: expected \"unbind KEY…\""), words[0]);
                continue;
            }
            for (size_t i = 1; i < n; i++) {
                int key = tui_key_parse(words[i]);
                if (key == TUI_KEY_NONE)
                    problem(km, path, lineno, _("unknown key \"%s\""), words[i]);
                else
                    tui_keymap_unbind(km, key);
            }
        } else {
            problem(km, path, lineno, _("unknown command \"%s\": use bind or unbind"), words[0]);
        }
    }
    fclose(f);
    free(owned);
}

tui_action tui_keymap_lookup(const tui_keymap *km, int key)
{
    for (size_t i = 0; i < km->n; i++)
        if (km->b[i].key == key)
            return km->b[i].action;
    return ACT_NONE;
}

const char *tui_keymap_keys_of(const tui_keymap *km, tui_action a, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < km->n; i++) {
        if (km->b[i].action != a)
            continue;
        char name[16];
        tui_key_name(km->b[i].key, name, sizeof name);
        int w = snprintf(buf + len, size - len, "%s%s", len ? " " : "", name);
        if (w < 0 || (size_t)w >= size - len)
            break;
        len += (size_t)w;
    }
    return buf;
}

int tui_keymap_main_key(const tui_keymap *km, tui_action a)
{
    int first = TUI_KEY_NONE;
    for (size_t i = 0; i < km->n; i++) {
        if (km->b[i].action != a)
            continue;
        int k = km->b[i].key;
        if (k >= TUI_KEY_FN + KEY_F(1) && k <= TUI_KEY_FN + KEY_F(12))
            return k;
        if (first == TUI_KEY_NONE)
            first = k;
    }
    return first;
}
