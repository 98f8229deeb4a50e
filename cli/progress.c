/*
 * The progress line; see progress.h.  The line is drawn with a carriage
 * return and erased with the ANSI "erase to end of line" sequence, which
 * every terminal emulator in use understands; it is cut to the width of
 * the terminal, since a line that wraps cannot be rewritten in place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "clock.h"
#include "diag.h"
#include "progress.h"

#define REDRAW_SECONDS 0.2

struct progress {
    int enabled;
    int shown;                /* the line is on the screen */
    size_t total, done, failed;
    long pages;
    double start, last_draw;
};

progress *progress_start(size_t total, int enabled)
{
    progress *p = calloc(1, sizeof *p);
    if (!p)
        diag_out_of_memory();
    p->enabled = enabled;
    p->total = total;
    p->start = clock_seconds();
    return p;
}

void progress_file_done(progress *p, int pages, int failed)
{
    p->done++;
    if (pages > 0)
        p->pages += pages;
    if (failed)
        p->failed++;
}

static int terminal_width(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

void progress_draw(progress *p, int force)
{
    if (!p->enabled)
        return;
    double t = clock_seconds();
    if (!force && p->shown && t - p->last_draw < REDRAW_SECONDS)
        return;
    p->last_draw = t;

    double elapsed = t - p->start;
    char line[256];
    int len = snprintf(line, sizeof line, DIAG_PROGRAM ": %zu/%zu files",
                       p->done, p->total);
    if (elapsed > 0 && p->pages > 0)
        len += snprintf(line + len, sizeof line - (size_t)len,
                        ", %.0f pages/s", (double)p->pages / elapsed);
    /* Time left from the pace of files so far: inputs of an archive are
     * alike enough for that to be a fair guess. */
    if (p->done > 0 && p->done < p->total) {
        double left = elapsed / (double)p->done * (double)(p->total - p->done);
        long secs = (long)(left + 0.5);
        len += snprintf(line + len, sizeof line - (size_t)len,
                        ", %ld:%02ld left", secs / 60, secs % 60);
    }
    if (p->failed)
        snprintf(line + len, sizeof line - (size_t)len, ", %zu failed",
                 p->failed);
    int width = terminal_width() - 1;
    fprintf(stderr, "\r%.*s\033[K", width > 0 ? width : 1, line);
    fflush(stderr);
    p->shown = 1;
}

void progress_clear(progress *p)
{
    if (!p->enabled || !p->shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->shown = 0;
}

void progress_end(progress *p)
{
    if (!p)
        return;
    progress_clear(p);
    free(p);
}
