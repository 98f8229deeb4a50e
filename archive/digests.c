/*
 * The digests of input files, remembered by the files' identity and times,
 * so that a re-run over an archive of hundreds of unchanged reports need
 * not read every byte of them again to know they are unchanged.
 *
 * A file is taken to hold the bytes it held when it was hashed when its
 * device, inode, size, modification time and status-change time are all
 * as they were then, the rule of git's index and of make.  Any write to a
 * file sets its status-change time, which no program can set back.  A
 * digest is remembered only for a file whose times were at least a second
 * old when it was read, so that a write within the same tick of a coarse
 * file-system clock cannot go unnoticed.  The bytes are read and hashed by
 * the worker that parses them (convert.h), which says what it saw.
 *
 * Kept in DIR/.ddor2csv/files, one line per file:
 *
 *     DEV INO SIZE MTIME_S MTIME_NS CTIME_S CTIME_NS SHA256
 *
 * A line that does not read so is ignored: the file is hashed again.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"

/* Seconds a file's times must lie before its hashing to be remembered. */
#define SETTLED 1

typedef struct {
    emit_file_state f;
    char sha256[65];
} entry;

struct digest_index {
    entry *old;               /* read from the file, sorted by dev, ino */
    size_t nold;
    entry *now;               /* this run's, to save */
    size_t nnow, capnow;
};

static int by_identity(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->f.dev != y->f.dev)
        return x->f.dev < y->f.dev ? -1 : 1;
    return x->f.ino < y->f.ino ? -1 : x->f.ino > y->f.ino;
}

static int is_hex64(const char *s)
{
    return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static void *checked(void *p)
{
    if (!p) {
        fprintf(stderr, "ddor2csv: out of memory\n");
        exit(1);
    }
    return p;
}

digest_index *digest_index_load(int dirfd, const char *name)
{
    digest_index *ix = checked(calloc(1, sizeof *ix));
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    FILE *f = NULL;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
                    !(f = fdopen(fd, "r")))) {
        close(fd);
        return ix;
    }
    if (!f)
        return ix;
    size_t cap = 0;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        entry e;
        memset(&e, 0, sizeof e);
        if (sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNd64
                   " %" SCNd64 " %" SCNd64 " %" SCNd64 " %64s",
                   &e.f.dev, &e.f.ino, &e.f.size, &e.f.mtime_s, &e.f.mtime_ns,
                   &e.f.ctime_s, &e.f.ctime_ns, e.sha256) != 8 ||
            !is_hex64(e.sha256))
            continue;
        if (ix->nold == cap) {
            cap = cap ? cap * 2 : 256;
            ix->old = checked(realloc(ix->old, cap * sizeof *ix->old));
        }
        ix->old[ix->nold++] = e;
    }
    fclose(f);
    if (ix->nold)
        qsort(ix->old, ix->nold, sizeof *ix->old, by_identity);
    return ix;
}

static void remember(digest_index *ix, const entry *e)
{
    if (ix->nnow == ix->capnow) {
        ix->capnow = ix->capnow ? ix->capnow * 2 : 256;
        ix->now = checked(realloc(ix->now, ix->capnow * sizeof *ix->now));
    }
    ix->now[ix->nnow++] = *e;
}

int archive_known_digest(archive *a, const emit_file_state *file, char hex[65])
{
    digest_index *ix = a->digests;
    entry e = { .f = *file };
    const entry *known = ix->nold ? bsearch(&e, ix->old, ix->nold,
                                            sizeof e, by_identity) : NULL;
    if (!known || !emit_file_state_same(&known->f, file))
        return -1;
    memcpy(hex, known->sha256, 65);
    remember(ix, known);
    return 0;
}

void archive_remember_digest(archive *a, const emit_file_state *file,
                             const char *sha256)
{
    time_t now = time(NULL);
    if (!is_hex64(sha256) || file->ctime_s + SETTLED >= now ||
        file->mtime_s + SETTLED >= now)
        return;
    entry e = { .f = *file };
    memcpy(e.sha256, sha256, 65);
    remember(a->digests, &e);
}

/* Writes the digests of this run's files, and of the files earlier runs
 * read whose reports A still holds, replacing the index whole.  A run
 * that adds one new report must not forget the files of every report
 * added before it: --remove FILE finds a report by them, and the next
 * run over them would read them all again.  The digests of reports no
 * longer held are dropped, so that the index does not grow for ever. */
int digest_index_save(digest_index *ix, const archive *a, int dirfd,
                      const char *name)
{
    size_t seen = ix->nnow;
    if (seen)
        qsort(ix->now, seen, sizeof *ix->now, by_identity);
    for (size_t i = 0; i < ix->nold; i++) {
        /* A file this run saw is as this run saw it. */
        if (seen && bsearch(&ix->old[i], ix->now, seen, sizeof *ix->now, by_identity))
            continue;
        if (archive_find_sha(a, ix->old[i].sha256) >= 0)
            remember(ix, &ix->old[i]);
    }
    /* A line is at most 7 numbers of 20 digits or sign, 64 hex digits,
     * 7 spaces and a newline. */
    size_t line_max = 7 * 21 + 64 + 8, cap = ix->nnow * line_max + 1, len = 0;
    char *text = malloc(cap);
    if (!text)
        return -1;
    for (size_t i = 0; i < ix->nnow; i++) {
        const entry *e = &ix->now[i];
        len += (size_t)snprintf(text + len, cap - len,
                                "%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRId64
                                " %" PRId64 " %" PRId64 " %" PRId64 " %s\n",
                                e->f.dev, e->f.ino, e->f.size, e->f.mtime_s,
                                e->f.mtime_ns, e->f.ctime_s, e->f.ctime_ns,
                                e->sha256);
    }
    int rc = fs_write_file(dirfd, name, text, len, 0);
    free(text);
    return rc;
}

void digest_index_free(digest_index *ix)
{
    if (!ix)
        return;
    free(ix->old);
    free(ix->now);
    free(ix);
}
