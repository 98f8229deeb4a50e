/*
 * Diagnostics on standard error, all in the one-line form users grep for:
 * "ddor2csv: ..." (the name is fixed, not argv[0], so that messages read
 * the same however the program was started).
 */
#ifndef DDOR_CLI_DIAG_H
#define DDOR_CLI_DIAG_H

#define DIAG_PROGRAM "ddor2csv"

/* Prints "ddor2csv: " + the formatted message + newline on stderr.  The
 * message is escaped as cli/line_escape.h says (control characters as \n,
 * \t, \r or \xHH, C1 controls as \xc2\xHH, bytes that are not UTF-8 as
 * \xHH), so that it stays one line whatever file names and text it holds:
 * callers pass names as they are. */
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

/* A malloc'd copy of TEXT escaped as diag escapes its messages, for text
 * shown other than through diag (through diag, escaping it first changes
 * nothing: escaped text has nothing left to escape).  Never returns NULL
 * (exits when out of memory). */
char *diag_printable(const char *text);

/* Out of memory is not worth recovering from in a batch converter: say so
 * and exit with status 1 (or as diag_out_of_memory_exits says). */
_Noreturn void diag_out_of_memory(void);

/* In a worker process: running out of memory ends the process at once
 * with _exit(STATUS) and no message, the parent reporting it instead. */
void diag_out_of_memory_exits(int status);

#endif
