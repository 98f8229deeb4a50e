/* One-line diagnostics on standard error; see diag.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "diag.h"

static void vdiag(const char *fmt, va_list ap)
{
    fputs(DIAG_PROGRAM ": ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
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
    char *copy = strdup(text ? text : "");
    if (!copy)
        diag_out_of_memory();
    /* Bytes >= 0x80 are left alone: they are UTF-8 sequences. */
    for (unsigned char *p = (unsigned char *)copy; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = ' ';
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
