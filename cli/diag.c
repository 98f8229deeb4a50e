/* One-line diagnostics on standard error; see diag.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "diag.h"
#include "line_escape.h"

/* Messages are formatted and escaped on the stack when they fit, which
 * they nearly always do: no allocation, so that "out of memory" itself can
 * be said.  A longer one is allocated; if even that fails, it is cut. */
#define DIAG_ROOM 1024

/* TEXT escaped (line_escape.h): BUF when it fits in SIZE bytes, else a
 * malloc'd copy, else BUF with what fitted. */
static char *escaped(const char *text, char *buf, size_t size)
{
    size_t need = line_escape(buf, size, text);
    if (need < size)
        return buf;
    char *big = malloc(need + 1);
    if (!big)
        return buf;
    line_escape(big, need + 1, text);
    return big;
}

static void vdiag(const char *fmt, va_list ap)
{
    char text[DIAG_ROOM];
    char *message = text;
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(text, sizeof text, fmt, ap);
    if (len < 0) {
        text[0] = '\0';
    } else if ((size_t)len >= sizeof text) {
        char *big = malloc((size_t)len + 1);
        if (big) {
            vsnprintf(big, (size_t)len + 1, fmt, again);
            message = big;
        }
    }
    va_end(again);

    /* The whole message is escaped, not only the arguments known to be
     * names: whatever a caller passes (a path, a reason quoting the PDF,
     * an option from the command line) stays on its one line. */
    char line[DIAG_ROOM];
    char *shown = escaped(message, line, sizeof line);
    /* One call: the line goes out in one piece on unbuffered stderr. */
    fprintf(stderr, DIAG_PROGRAM ": %s\n", shown);
    if (shown != line)
        free(shown);
    if (message != text)
        free(message);
}

void diag(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(fmt, ap);
    va_end(ap);
}

void diag_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(fmt, ap);
    va_end(ap);
    fputs("Try '" DIAG_PROGRAM " --help'.\n", stderr);
}

char *diag_printable(const char *text)
{
    size_t need = line_escape(NULL, 0, text);
    char *copy = malloc(need + 1);
    if (!copy)
        diag_out_of_memory();
    line_escape(copy, need + 1, text);
    return copy;
}

static int worker_exit_status = -1;

void diag_out_of_memory_exits(int status)
{
    worker_exit_status = status;
}

void diag_out_of_memory(void)
{
    if (worker_exit_status >= 0)
        _exit(worker_exit_status);
    diag("out of memory");
    exit(1);
}
