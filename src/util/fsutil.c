#include "xaso/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xaso/i18n.h"
#include "xaso/strbuf.h"

char *fs_join(const char *a, const char *b)
{
    size_t la = strlen(a);
    strbuf sb = STRBUF_INIT;
    sb_append(&sb, a);
    if (la && a[la - 1] != '/')
        sb_putc(&sb, '/');
    sb_append(&sb, b);
    return sb_detach(&sb);
}

static char *parent_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

int fs_sync_parent(const char *path, xaso_error *err)
{
    char *dir = parent_of(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = 0;
    if (fd < 0 || fsync(fd) != 0)
        rc = xaso_error_set_at(err, XASO_EX_IOERR, dir, 0, 0, _("cannot flush the folder: %s"),
                               strerror(errno));
    if (fd >= 0)
        close(fd);
    free(dir);
    return rc;
}

#define TEMP_PREFIX ".xaso-tmp-"

char *fs_temp_template(const char *path)
{
    const char *slash = strrchr(path, '/');
    strbuf t = STRBUF_INIT;
    if (slash)
        sb_append_len(&t, path, (size_t)(slash - path + 1));
    sb_appendf(&t, TEMP_PREFIX "%ld-XXXXXX", (long)getpid());
    return sb_detach(&t);
}

size_t fs_remove_stale_temps(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t removed = 0;
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t plen = strlen(TEMP_PREFIX);
        if (strncmp(e->d_name, TEMP_PREFIX, plen))
            continue;
        char *end;
        long pid = strtol(e->d_name + plen, &end, 10);
        if (end == e->d_name + plen || *end != '-' || pid <= 0)
            continue;
        char *path = fs_join(dir, e->d_name);
        struct stat sb;
        bool gone = kill((pid_t)pid, 0) != 0 && errno == ESRCH;
        bool old = lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && now - sb.st_mtime > 86400;
        if ((gone || old) && pid != (long)getpid() && unlink(path) == 0)
            removed++;
        free(path);
    }
    closedir(d);
    return removed;
}

int fs_write_temp(const char *path, const void *data, size_t len, int mode, char **temp,
                  xaso_error *err)
{
    char *tmpl = fs_temp_template(path);
    *temp = NULL;
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        int e = errno;
        free(tmpl);
        return xaso_error_set_at(err, XASO_EX_CANTCREAT, path, 0, 0, _("cannot create: %s"),
                                 strerror(e));
    }
    const char *p = data;
    size_t left = len;
    int e = 0;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            e = errno;
            break;
        }
        p += n;
        left -= (size_t)n;
    }
    if (!e && fchmod(fd, (mode_t)mode) != 0)
        e = errno;
    if (!e && fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    if (e) {
        unlink(tmpl);
        free(tmpl);
        return xaso_error_set_at(err, XASO_EX_IOERR, path, 0, 0, _("cannot write: %s"),
                                 strerror(e));
    }
    *temp = tmpl;
    return 0;
}

int fs_rename_temp(char *temp, const char *path, xaso_error *err)
{
    if (rename(temp, path) != 0) {
        int e = errno;
        unlink(temp);
        free(temp);
        return xaso_error_set_at(err, XASO_EX_IOERR, path, 0, 0, _("cannot write: %s"),
                                 strerror(e));
    }
    free(temp);
    return fs_sync_parent(path, err);
}

void fs_discard_temp(char *temp)
{
    if (temp)
        unlink(temp);
    free(temp);
}

int fs_write_atomic(const char *path, const void *data, size_t len, int mode, xaso_error *err)
{
    char *temp;
    if (fs_write_temp(path, data, len, mode, &temp, err))
        return err->code;
    return fs_rename_temp(temp, path, err);
}

int fs_mkdirs(const char *path, int mode, xaso_error *err)
{
    char *copy = xstrdup(path);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, (mode_t)mode) != 0 && errno != EEXIST) {
            int e = errno;
            xaso_error_set_at(err, XASO_EX_CANTCREAT, copy, 0, 0, _("cannot create folder: %s"),
                              strerror(e));
            free(copy);
            return XASO_EX_CANTCREAT;
        }
        *p = '/';
    }
    int rc = 0;
    if (mkdir(copy, (mode_t)mode) != 0 && errno != EEXIST)
        rc = xaso_error_set_at(err, XASO_EX_CANTCREAT, copy, 0, 0, _("cannot create folder: %s"),
                               strerror(errno));
    free(copy);
    return rc;
}

bool fs_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

bool fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fs_read_all(const char *path, size_t max, char **out, size_t *len, xaso_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return xaso_error_set_at(err, XASO_EX_NOINPUT, path, 0, 0, _("cannot open: %s"),
                                 strerror(errno));
    strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (sb.len + n > max) {
            rc = xaso_error_set_at(err, XASO_EX_DATAERR, path, 0, 0,
                                   _("the file is too large (the limit is %zu bytes)"), max);
            break;
        }
        sb_append_len(&sb, buf, n);
    }
    if (!rc && ferror(f))
        rc = xaso_error_set_at(err, XASO_EX_IOERR, path, 0, 0, _("cannot read the file"));
    fclose(f);
    if (rc) {
        sb_free(&sb);
        return rc;
    }
    *len = sb.len;
    *out = sb_detach(&sb);
    return 0;
}

static char *xdg_dir(const char *var, const char *fallback)
{
    const char *base = getenv(var);
    if (base && base[0] == '/')
        return fs_join(base, "xaso");
    const char *home = getenv("HOME");
    strbuf sb = STRBUF_INIT;
    sb_appendf(&sb, "%s/%s/xaso", home && *home ? home : ".", fallback);
    return sb_detach(&sb);
}

char *fs_xdg_data_dir(void)
{
    return xdg_dir("XDG_DATA_HOME", ".local/share");
}

char *fs_xdg_config_dir(void)
{
    return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *fs_exe_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    return parent_of(exe);
}

char *fs_data_dir(void)
{
    const char *env = getenv("XASO_DATADIR");
    if (env && *env)
        return xstrdup(env);
    /* Run from the source tree: build/xaso → build/../forms */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *bin_dir = parent_of(exe);
        char *top = parent_of(bin_dir);
        char *forms = fs_join(top, "forms/plans");
        char *marker = fs_join(top, "Makefile");
        bool in_tree = fs_is_dir(forms) && fs_exists(marker);
        free(forms);
        free(marker);
        free(bin_dir);
        if (in_tree)
            return top;
        free(top);
    }
    return xstrdup(XASO_DATADIR);
}
