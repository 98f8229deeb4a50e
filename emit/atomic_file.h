/*
 * atomic_file: a file that appears under its name only once complete.
 *
 * It is written under a hidden temporary name in the same folder (so that
 * the final rename never crosses file systems), flushed to the disk, and
 * renamed over the final name; until then any previous file of that name
 * is untouched, and a discarded file leaves nothing behind.
 */
#ifndef DDOR_EMIT_ATOMIC_FILE_H
#define DDOR_EMIT_ATOMIC_FILE_H

#include <stdio.h>

typedef struct {
    char *path;       /* DIR/NAME */
    char *tmp_path;   /* DIR/.NAME.XXXXXX; NULL once renamed or removed */
    FILE *fp;         /* open while being written */
} atomic_file;

/* Creates the temporary file for DIR/NAME, with the permissions of a
 * normal new file (0666 less the umask), open for writing in F->fp.
 * F must be zeroed.  Returns 0, or -1 with errno set. */
int atomic_file_open(atomic_file *f, const char *dir, const char *name);

/* Flushes, syncs and closes F->fp, checking each step.  Returns 0, or -1
 * with errno set. */
int atomic_file_close(atomic_file *f);

/* Renames the closed temporary file to its final name.  Returns 0, or -1
 * with errno set. */
int atomic_file_commit(atomic_file *f);

/* Closes and removes whatever is left of F (nothing once committed) and
 * frees it; F is zeroed again.  Keeps errno. */
void atomic_file_discard(atomic_file *f);

#endif
