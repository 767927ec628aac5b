/* Headless mode: XASO_SCRIPT=FILE drives the interface from a script, one command a line:
 *
 *   # a comment
 *   press KEY…        keys by name (Down, PgDn, F4, Enter, Esc, C-l, /, q, …)
 *   type TEXT         each character of TEXT as a key press (UTF-8)
 *   resize COLS LINES the terminal changes size (as KEY_RESIZE would tell)
 *   dump FILE         save the screen as text (UTF-8, trailing spaces trimmed)
 *   sleep SECONDS     wait, as a person who stops typing would (idle sign-out)
 *
 * A line that starts with none of these words is a list of key names. At the end of the script
 * the program quits, as if F10 had been pressed without anything unsaved. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "tui_internal.h"
#include "xaso/strbuf.h"

struct tui_script {
    FILE *f;
    int pending[1024];
    size_t head, tail;
    char path[512];
    int line;
};

tui_script *tui_script_open(const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errsize, _("cannot read the script %s"), path);
        return NULL;
    }
    tui_script *sc = xcalloc(1, sizeof *sc);
    sc->f = f;
    snprintf(sc->path, sizeof sc->path, "%s", path);
    return sc;
}

void tui_script_close(tui_script *sc)
{
    if (!sc)
        return;
    fclose(sc->f);
    free(sc);
}

static void queue(tui_script *sc, int key)
{
    if (sc->tail < sizeof sc->pending / sizeof sc->pending[0])
        sc->pending[sc->tail++] = key;
}

static void queue_text(tui_script *sc, const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        unsigned cp = *p;
        int n = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        if (n > 1)
            cp &= 0xFFu >> (n + 1);
        for (int i = 1; i < n && p[i]; i++)
            cp = (cp << 6) | (p[i] & 0x3Fu);
        for (int i = 0; i < n && *p; i++)
            p++;
        queue(sc, (int)cp);
    }
}

static void put_utf8(strbuf *sb, wchar_t wc)
{
    unsigned cp = (unsigned)wc;
    if (cp < 0x80) {
        sb_putc(sb, (char)cp);
    } else if (cp < 0x800) {
        sb_putc(sb, (char)(0xC0 | (cp >> 6)));
        sb_putc(sb, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        sb_putc(sb, (char)(0xE0 | (cp >> 12)));
        sb_putc(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
        sb_putc(sb, (char)(0x80 | (cp & 0x3F)));
    } else {
        sb_putc(sb, (char)(0xF0 | (cp >> 18)));
        sb_putc(sb, (char)(0x80 | ((cp >> 12) & 0x3F)));
        sb_putc(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
        sb_putc(sb, (char)(0x80 | (cp & 0x3F)));
    }
}

int tui_dump_screen(const char *path)
{
    strbuf sb = STRBUF_INIT;
    for (int y = 0; y < LINES; y++) {
        size_t line_start = sb.len;
        for (int x = 0; x < COLS; x++) {
            cchar_t cc;
            wchar_t wch[CCHARW_MAX + 1];
            attr_t attrs;
            short pair;
            if (mvin_wch(y, x, &cc) == ERR || getcchar(&cc, wch, &attrs, &pair, NULL) == ERR) {
                sb_putc(&sb, ' ');
                continue;
            }
            if (wch[0] == 0) {
                sb_putc(&sb, ' ');
                continue;
            }
            for (int i = 0; i < CCHARW_MAX && wch[i]; i++)
                put_utf8(&sb, wch[i]);
            int w = wcwidth(wch[0]);
            if (w > 1)
                x += w - 1; /* the next cell continues this character */
        }
        while (sb.len > line_start && sb.data[sb.len - 1] == ' ')
            sb.len--;
        sb_putc(&sb, '\n');
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        sb_free(&sb);
        return -1;
    }
    fwrite(sb_str(&sb), 1, sb.len, f);
    int rc = fclose(f);
    sb_free(&sb);
    return rc;
}

int tui_script_next(tui_script *sc, tui_app *app)
{
    char line[4096];
    while (sc->head == sc->tail) {
        sc->head = sc->tail = 0;
        if (!fgets(line, sizeof line, sc->f))
            return TUI_KEY_NONE;
        sc->line++;
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line + strspn(line, " \t");
        if (!*p || *p == '#')
            continue;
        if (!strncmp(p, "type ", 5)) {
            queue_text(sc, p + 5);
        } else if (!strncmp(p, "resize ", 7)) {
            int cols = 0, lines = 0;
            if (sscanf(p + 7, "%d %d", &cols, &lines) == 2 && cols > 0 && lines > 0) {
                resizeterm(lines, cols);
                queue(sc, TUI_KEY_FN + KEY_RESIZE);
            }
        } else if (!strncmp(p, "sleep ", 6)) {
            int seconds = atoi(p + 6);
            if (seconds > 0 && seconds <= 600)
                sleep((unsigned)seconds);
        } else if (!strncmp(p, "dump ", 5)) {
            tui_draw(app);
            if (tui_dump_screen(p + 5))
                fprintf(stderr, _("xaso: %s:%d: cannot write %s\n"), sc->path, sc->line, p + 5);
        } else {
            if (!strncmp(p, "press ", 6))
                p += 6;
            for (char *save = NULL, *w = strtok_r(p, " \t", &save); w;
                 w = strtok_r(NULL, " \t", &save)) {
                int key = tui_key_parse(w);
                if (key == TUI_KEY_NONE)
                    fprintf(stderr, _("xaso: %s:%d: unknown key \"%s\"\n"), sc->path, sc->line, w);
                else
                    queue(sc, key);
            }
        }
    }
    return sc->pending[sc->head++];
}
