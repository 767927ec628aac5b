/* The command line: argument parsing and subcommands. Prints to stdout/stderr; returns an exit
 * code (sysexits.h). */
#ifndef XASO_CLI_H
#define XASO_CLI_H

int cli_main(int argc, char **argv);

#endif
