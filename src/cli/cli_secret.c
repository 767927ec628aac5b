/* Reading secrets on the command line — the PIN that signs in, a new PIN, a bundle's passphrase:
 * from an environment variable, else typed on the terminal with the echo off. Every buffer that
 * held one is wiped before it is released. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli_common.h"
#include "xaso/i18n.h"
#include "xaso/strbuf.h"

void cli_wipe(void *buf, size_t size)
{
    if (buf)
        explicit_bzero(buf, size);
}

void cli_secret_free(char *secret)
{
    if (secret)
        cli_wipe(secret, strlen(secret));
    free(secret);
}

/* Drop the rest of an over-long line, unread bytes of a secret included. */
static void drain_line(void)
{
    int c;
    while ((c = getchar()) != EOF && c != '\n')
        ;
}

/* One line typed on the terminal with the echo off: 0, or an exit code after saying why. The
 * terminal is never read with the echo on: when it cannot be turned off, nothing is read. */
static int read_hidden(const char *env_name, const char *prompt, char *buf, size_t size)
{
    int fd = STDIN_FILENO;
    struct termios old, quiet;
    if (!isatty(fd)) {
        fprintf(stderr, _("xaso: %s is not set and there is no terminal to type it on\n"),
                env_name);
        return XASO_EX_USAGE;
    }
    if (tcgetattr(fd, &old) != 0) {
        fprintf(stderr, _("xaso: cannot turn off the echo of the terminal: set %s instead\n"),
                env_name);
        return XASO_EX_USAGE;
    }
    quiet = old;
    quiet.c_lflag &= (tcflag_t)~ECHO;
    quiet.c_lflag |= ECHONL;
    fputs(prompt, stderr);
    fflush(stderr);
    if (tcsetattr(fd, TCSAFLUSH, &quiet) != 0) {
        fputc('\n', stderr);
        fprintf(stderr, _("xaso: cannot turn off the echo of the terminal: set %s instead\n"),
                env_name);
        return XASO_EX_USAGE;
    }
    bool ok = fgets(buf, (int)size, stdin) != NULL;
    tcsetattr(fd, TCSAFLUSH, &old);
    if (!ok) {
        buf[0] = '\0';
        return XASO_EX_USAGE;
    }
    size_t n = strlen(buf);
    if (n && buf[n - 1] == '\n') {
        buf[--n] = '\0';
        if (n && buf[n - 1] == '\r')
            buf[--n] = '\0';
        return 0;
    }
    if (n + 1 >= size) {
        drain_line();
        cli_wipe(buf, size);
        fprintf(stderr, _("xaso: what was typed is too long (at most %zu bytes)\n"), size - 2);
        return XASO_EX_DATAERR;
    }
    return 0; /* the last line, without its end */
}

int cli_read_secret(const char *env_name, const char *prompt, const char *again_prompt, char *buf,
                    size_t size, bool *typed)
{
    bool scratch;
    if (!typed)
        typed = &scratch;
    *typed = false;
    buf[0] = '\0';
    const char *env = getenv(env_name);
    if (env && *env) {
        if (strlen(env) + 2 > size) {
            fprintf(stderr, _("xaso: %s is too long (at most %zu bytes)\n"), env_name, size - 2);
            return XASO_EX_DATAERR;
        }
        snprintf(buf, size, "%s", env);
        return 0;
    }
    int rc = read_hidden(env_name, prompt, buf, size);
    if (!rc && again_prompt) {
        char *again = xmalloc(size);
        rc = read_hidden(env_name, again_prompt, again, size);
        if (!rc && strcmp(buf, again)) {
            fprintf(stderr, _("xaso: the two entries differ; nothing was changed\n"));
            rc = XASO_EX_DATAERR;
        }
        cli_wipe(again, size);
        free(again);
    }
    if (rc) {
        cli_wipe(buf, size);
        return rc;
    }
    *typed = true;
    return 0;
}

char *cli_read_secret_dup(const char *env_name, const char *prompt, const char *again_prompt)
{
    char *buf = xmalloc(CLI_SECRET_MAX + 2);
    if (cli_read_secret(env_name, prompt, again_prompt, buf, CLI_SECRET_MAX + 2, NULL) ||
        !buf[0]) {
        cli_wipe(buf, CLI_SECRET_MAX + 2);
        free(buf);
        return NULL;
    }
    char *out = xstrdup(buf);
    cli_wipe(buf, CLI_SECRET_MAX + 2);
    free(buf);
    return out;
}
