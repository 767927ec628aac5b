/* Shared by the command-line files: globals, errors, the store, help. Internal to src/cli. */
#ifndef XASO_CLI_COMMON_H
#define XASO_CLI_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "xaso/error.h"
#include "xaso/store.h"

typedef struct {
    const char *db; /* --db */
    bool demo;      /* --demo: the demo database instead of the user's */
    const char *user; /* --user LOGIN: the staff account to sign in as (PIN: prompt or XASO_PIN) */
} cli_globals;

/* A subcommand: handlers see argv[0] = the command's last word, then its arguments. */
typedef struct {
    const char *name;    /* "plan import" */
    const char *usage;   /* arguments after the name, marked for translation */
    const char *summary; /* one line, marked for translation */
    int (*run)(cli_globals *g, int argc, char **argv);
} cli_command;

/* Print "xaso: FILE:LINE:COL: message" to stderr; returns the error's exit code. */
int cli_report(const xaso_error *err);
/* Print a usage error and the hint to --help; returns 64. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* When argv holds --help or -h, print the help of command `name` and return 0; else -1. */
int cli_wants_help(const char *name, int argc, char **argv);
/* Open the database chosen by --db / --demo / $XASO_DB / XDG; errors are printed. When the
 * database has staff accounts, sign in as --user (refused without it or with a wrong PIN). */
int cli_open_store(cli_globals *g, store_open_mode mode, xaso_store **st);
/* Sign in as g->user when the database has accounts (cli_account.c); errors are printed. */
int cli_sign_in(cli_globals *g, xaso_store *st);
/* A new PIN for login: $XASO_NEW_PIN, else asked twice on the terminal; checked. */
int cli_read_new_pin(const char *login, char *buf, size_t size);
/* Secrets (cli_secret.c). A PIN or passphrase from $env_name when it is set and not empty, else
 * typed on the terminal (standard input) with the echo off after prompt — asked again after
 * again_prompt unless NULL — into buf (at most size - 2 bytes). Never read with the echo on.
 * Returns 0, or an exit code after saying why (no terminal, echo cannot be turned off, too long,
 * the two differ, end of input). *typed (may be NULL) tells whether it was typed. Wipe buf with
 * cli_wipe once used. */
enum { CLI_SECRET_MAX = 1024 };
int cli_read_secret(const char *env_name, const char *prompt, const char *again_prompt, char *buf,
                    size_t size, bool *typed);
/* The same, malloc'd (at most CLI_SECRET_MAX bytes); NULL when none. Release with
 * cli_secret_free, which wipes it. */
char *cli_read_secret_dup(const char *env_name, const char *prompt, const char *again_prompt);
void cli_secret_free(char *secret);
void cli_wipe(void *buf, size_t size);
/* Is login valid as typed (any case)? */
bool cli_login_valid(const char *login);

/* Handlers, one file per group of commands. */
int cmd_init(cli_globals *g, int argc, char **argv);
int cmd_help(cli_globals *g, int argc, char **argv);
int cmd_plan_import(cli_globals *g, int argc, char **argv);
int cmd_plan_list(cli_globals *g, int argc, char **argv);
int cmd_plan_export(cli_globals *g, int argc, char **argv);
int cmd_backup(cli_globals *g, int argc, char **argv);
int cmd_restore(cli_globals *g, int argc, char **argv);
int cmd_search(cli_globals *g, int argc, char **argv);

int cmd_evidence_add(cli_globals *g, int argc, char **argv);
int cmd_evidence_list(cli_globals *g, int argc, char **argv);
int cmd_evidence_appraise(cli_globals *g, int argc, char **argv);
int cmd_report_check(cli_globals *g, int argc, char **argv);
int cmd_report_finalise(cli_globals *g, int argc, char **argv);
int cmd_report_reopen(cli_globals *g, int argc, char **argv);
int cmd_report_build(cli_globals *g, int argc, char **argv);
int cmd_bundle_verify(cli_globals *g, int argc, char **argv);int cmd_account_add(cli_globals *g, int argc, char **argv);
int cmd_account_list(cli_globals *g, int argc, char **argv);
int cmd_account_edit(cli_globals *g, int argc, char **argv);
int cmd_account_disable(cli_globals *g, int argc, char **argv);
int cmd_account_enable(cli_globals *g, int argc, char **argv);
int cmd_account_set_pin(cli_globals *g, int argc, char **argv);
int cmd_account_policy(cli_globals *g, int argc, char **argv);
int cmd_bundle_import(cli_globals *g, int argc, char **argv);
int cmd_bundle_receipts(cli_globals *g, int argc, char **argv);
int cmd_bundle_return(cli_globals *g, int argc, char **argv);
int cmd_bundle_accept(cli_globals *g, int argc, char **argv);
int cmd_report_receipt(cli_globals *g, int argc, char **argv);
int cmd_sender_add(cli_globals *g, int argc, char **argv);
int cmd_sender_list(cli_globals *g, int argc, char **argv);
int cmd_received_matrix(cli_globals *g, int argc, char **argv);
int cmd_received_missing(cli_globals *g, int argc, char **argv);
int cmd_received_targets(cli_globals *g, int argc, char **argv);
int cmd_received_tasks(cli_globals *g, int argc, char **argv);
int cmd_received_bundle(cli_globals *g, int argc, char **argv);
int cmd_progress_set(cli_globals *g, int argc, char **argv);
int cmd_value_set(cli_globals *g, int argc, char **argv);

#endif
