/*
 * The progress line: on a terminal, one line of standard error rewritten
 * in place while files are converted,
 *
 *     ddor2csv: 37/200 files, 412 pages/s, 0:12 left, 1 failed
 *
 * and erased at the end.  Disabled, every call does nothing: nothing of
 * it may reach a log file or a pipe.
 */
#ifndef DDOR_CLI_PROGRESS_H
#define DDOR_CLI_PROGRESS_H

#include <stddef.h>

typedef struct progress progress;

/* A progress line over TOTAL files, shown only when ENABLED.  Never
 * returns NULL (exits when out of memory). */
progress *progress_start(size_t total, int enabled);

/* One more file done, of PAGES pages; FAILED when it failed. */
void progress_file_done(progress *p, int pages, int failed);

/* Redraws the line, at most a few times a second unless FORCE. */
void progress_draw(progress *p, int force);

/* Erases the line, before anything else is written to standard error;
 * the next progress_draw puts it back. */
void progress_clear(progress *p);

/* Erases the line and frees P. */
void progress_end(progress *p);

#endif
