#include "xaso/i18n.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xaso/fsutil.h"
#include "xaso/strbuf.h"

/* A loaded .mo catalogue (GNU gettext binary format, little- or big-endian). */
static struct {
    char lang[8];
    char *data;
    size_t size;
    uint32_t count, originals, translations;
    int swap;
} catalogue = {"vi", NULL, 0, 0, 0, 0, 0};

static uint32_t word(size_t offset)
{
    if (offset + 4 > catalogue.size)
        return 0;
    uint32_t w;
    memcpy(&w, catalogue.data + offset, 4);
    if (catalogue.swap)
        w = (w >> 24) | ((w >> 8) & 0xFF00) | ((w << 8) & 0xFF0000) | (w << 24);
    return w;
}

/* The string described at table entry i (length, offset), or NULL when out of bounds. */
static const char *entry(uint32_t table, uint32_t i, uint32_t *len)
{
    uint32_t l = word((size_t)table + (size_t)i * 8), off = word((size_t)table + (size_t)i * 8 + 4);
    if ((size_t)off + l >= catalogue.size || catalogue.data[off + l] != '\0')
        return NULL;
    if (len)
        *len = l;
    return catalogue.data + off;
}

static int load_mo(const char *path)
{
    char *data;
    size_t size;
    xaso_error err;
    if (fs_read_all(path, 16u << 20, &data, &size, &err))
        return -1;
    uint32_t magic;
    if (size < 28) {
        free(data);
        return -1;
    }
    memcpy(&magic, data, 4);
    free(catalogue.data);
    catalogue.data = data;
    catalogue.size = size;
    catalogue.swap = magic == 0xde120495u;
    if (magic != 0x950412deu && !catalogue.swap) {
        catalogue.data = NULL;
        free(data);
        return -1;
    }
    catalogue.count = word(8);
    catalogue.originals = word(12);
    catalogue.translations = word(16);
    if ((size_t)catalogue.originals + (size_t)catalogue.count * 8 > size ||
        (size_t)catalogue.translations + (size_t)catalogue.count * 8 > size) {
        free(catalogue.data);
        catalogue.data = NULL;
        return -1;
    }
    return 0;
}

/* Binary search of the sorted originals (msgid, or msgid NUL msgid_plural). */
static const char *lookup(const char *msgid, uint32_t *len)
{
    if (!catalogue.data)
        return NULL;
    size_t lo = 0, hi = catalogue.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *orig = entry(catalogue.originals, (uint32_t)mid, NULL);
        if (!orig)
            return NULL;
        int c = strcmp(msgid, orig);
        if (c == 0) {
            const char *tr = entry(catalogue.translations, (uint32_t)mid, len);
            return tr && *tr ? tr : NULL;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *i18n_text(const char *msgid)
{
    if (!msgid[0])
        return msgid; /* the empty msgid is the catalogue's header, never a translation */
    const char *tr = lookup(msgid, NULL);
    return tr ? tr : msgid;
}

const char *i18n_plural(const char *msgid, const char *msgid_plural, unsigned long n)
{
    uint32_t len;
    const char *tr = lookup(msgid, &len);
    if (!tr)
        return n == 1 ? msgid : msgid_plural;
    /* Vietnamese has one form; English two (n != 1). */
    if (strcmp(catalogue.lang, "vi") != 0 && n != 1) {
        size_t first = strlen(tr);
        if (first < len)
            return tr + first + 1;
    }
    return tr;
}

int i18n_known(const char *lang)
{
    return lang && (!strcmp(lang, "vi") || !strcmp(lang, "en"));
}

const char *i18n_lang(void)
{
    return catalogue.lang;
}

static const char *lang_of_locale(const char *value)
{
    if (!value)
        return NULL;
    if (!strncmp(value, "vi", 2))
        return "vi";
    if (!strncmp(value, "en", 2))
        return "en";
    return NULL;
}

/* `lang = en` in $XDG_CONFIG_HOME/xaso/config. */
static const char *lang_from_config(char *buf, size_t size)
{
    char *dir = fs_xdg_config_dir();
    char *path = fs_join(dir, "config");
    free(dir);
    FILE *f = fopen(path, "r");
    free(path);
    if (!f)
        return NULL;
    char line[256];
    const char *found = NULL;
    while (!found && fgets(line, sizeof line, f)) {
        char key[64], value[64];
        if (sscanf(line, " %63[a-z_] = %63s", key, value) == 2 && !strcmp(key, "lang") &&
            i18n_known(value)) {
            snprintf(buf, size, "%.7s", value);
            found = buf;
        }
    }
    fclose(f);
    return found;
}

/* Where the catalogues are, first found wins: $XASO_LOCALEDIR; next to the program when it runs
 * from a build folder (BUILD/xaso reads BUILD/locale, whatever BUILD is); PREFIX/share/locale
 * beside an installed program (BIN/../share/locale, so a moved installation still works); the
 * PREFIX compiled in (XASO_LOCALEDIR). */
static void load_catalogue(const char *lang)
{
    const char *env_dir = getenv("XASO_LOCALEDIR");
    char *exe_dir = fs_exe_dir();
    char *beside = exe_dir ? fs_join(exe_dir, "locale") : NULL;
    char *installed = exe_dir ? fs_join(exe_dir, "../share/locale") : NULL;
    const char *bases[] = {env_dir && *env_dir ? env_dir : NULL, beside, installed, XASO_LOCALEDIR};
    strbuf path = STRBUF_INIT;
    for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
        if (!bases[i])
            continue;
        sb_reset(&path);
        sb_appendf(&path, "%s/%s/LC_MESSAGES/xaso.mo", bases[i], lang);
        if (load_mo(sb_str(&path)) == 0)
            break;
    }
    sb_free(&path);
    free(installed);
    free(beside);
    free(exe_dir);
}

void i18n_init(const char *lang)
{
    setlocale(LC_CTYPE, "");
    setlocale(LC_NUMERIC, "C");
    char config[16];
    const char *chosen = i18n_known(lang) ? lang : NULL;
    if (!chosen && i18n_known(getenv("XASO_LANG")))
        chosen = getenv("XASO_LANG");
    if (!chosen)
        chosen = lang_from_config(config, sizeof config);
    if (!chosen) {
        const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
        for (size_t i = 0; i < 3 && !chosen; i++) {
            const char *v = getenv(vars[i]);
            if (v && *v) {
                chosen = lang_of_locale(v);
                if (!chosen)
                    break; /* the first set variable decides, as in POSIX */
            }
        }
    }
    if (!chosen)
        chosen = "vi";
    snprintf(catalogue.lang, sizeof catalogue.lang, "%.7s", chosen);
    free(catalogue.data);
    catalogue.data = NULL;
    if (strcmp(chosen, "en") != 0)
        load_catalogue(chosen);
}
