/*
 * Diagnostics on standard error, all in the one-line form users grep for:
 * "ddor2csv: ..." (the name is fixed, not argv[0], so that messages read
 * the same however the program was started).
 */
#ifndef DDOR_CLI_DIAG_H
#define DDOR_CLI_DIAG_H

#define DIAG_PROGRAM "ddor2csv"

/* Prints "ddor2csv: " + the formatted message + newline on stderr. */
void diag(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* A usage error: the message, then the hint to --help. */
void diag_usage(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Copies TEXT with control characters (newline, tab, escape, ...) replaced
 * by spaces, so that text taken from a PDF cannot break the one-line form
 * or drive the terminal.  Never returns NULL (exits when out of memory). */
char *diag_printable(const char *text);

/* Out of memory is not worth recovering from in a batch converter: say so
 * and exit with status 1 (or as diag_out_of_memory_exits says). */
_Noreturn void diag_out_of_memory(void);

/* In a worker process: running out of memory ends the process at once
 * with _exit(STATUS) and no message, the parent reporting it instead. */
void diag_out_of_memory_exits(int status);

#endif
