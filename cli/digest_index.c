/*
 * The index of file digests; see digest_index.h.  One line per file:
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
#include "diag.h"
#include "digest_index.h"
#include "file_digest.h"

/* Seconds a file's times must lie before its hashing to be remembered. */
#define SETTLED 1

typedef struct {
    uint64_t dev, ino, size;
    int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
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
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    return x->ino < y->ino ? -1 : x->ino > y->ino;
}

static entry describe(const struct stat *st)
{
    entry e;
    memset(&e, 0, sizeof e);
    e.dev = (uint64_t)st->st_dev;
    e.ino = (uint64_t)st->st_ino;
    e.size = (uint64_t)st->st_size;
    e.mtime_s = st->st_mtim.tv_sec;
    e.mtime_ns = st->st_mtim.tv_nsec;
    e.ctime_s = st->st_ctim.tv_sec;
    e.ctime_ns = st->st_ctim.tv_nsec;
    return e;
}

static int same_state(const entry *a, const entry *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
           a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

static int is_hex64(const char *s)
{
    return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

digest_index *digest_index_load(const char *path)
{
    digest_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        diag_out_of_memory();
    FILE *f = fopen(path, "r");
    if (!f)
        return ix;
    size_t cap = 0;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        entry e;
        memset(&e, 0, sizeof e);
        if (sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNd64
                   " %" SCNd64 " %" SCNd64 " %" SCNd64 " %64s",
                   &e.dev, &e.ino, &e.size, &e.mtime_s, &e.mtime_ns,
                   &e.ctime_s, &e.ctime_ns, e.sha256) != 8 ||
            !is_hex64(e.sha256))
            continue;
        if (ix->nold == cap) {
            cap = cap ? cap * 2 : 256;
            entry *old = realloc(ix->old, cap * sizeof *old);
            if (!old)
                diag_out_of_memory();
            ix->old = old;
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
        entry *now = realloc(ix->now, ix->capnow * sizeof *now);
        if (!now)
            diag_out_of_memory();
        ix->now = now;
    }
    ix->now[ix->nnow++] = *e;
}

int digest_index_file(digest_index *ix, const char *file, char hex[65])
{
    struct stat before, after;
    if (stat(file, &before) != 0)
        return -1;
    entry e = describe(&before);
    const entry *known = ix->nold ? bsearch(&e, ix->old, ix->nold,
                                            sizeof e, by_identity) : NULL;
    if (known && same_state(known, &e)) {
        memcpy(hex, known->sha256, 65);
        remember(ix, known);
        return 0;
    }
    time_t started = time(NULL);
    if (file_sha256(file, hex) != 0)
        return -1;
    /* Remembered only when the file did not change while it was read,
     * and its last change is older than the clock's tick could hide. */
    if (stat(file, &after) == 0) {
        entry check = describe(&after);
        if (same_state(&e, &check) && e.ctime_s + SETTLED < started &&
            e.mtime_s + SETTLED < started) {
            memcpy(e.sha256, hex, 65);
            remember(ix, &e);
        }
    }
    return 0;
}

int digest_index_save(digest_index *ix, const char *path)
{
    /* The temporary file is hidden, like the datasets' own. */
    size_t size = strlen(path) + 16;
    char *tmp = malloc(size);
    if (!tmp)
        diag_out_of_memory();
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(tmp, size, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    int ok = f != NULL;
    for (size_t i = 0; ok && i < ix->nnow; i++) {
        const entry *e = &ix->now[i];
        ok = fprintf(f, "%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRId64
                     " %" PRId64 " %" PRId64 " %" PRId64 " %s\n",
                     e->dev, e->ino, e->size, e->mtime_s, e->mtime_ns,
                     e->ctime_s, e->ctime_ns, e->sha256) > 0;
    }
    if (f && fclose(f) != 0)
        ok = 0;
    else if (!f && fd >= 0)
        close(fd);
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    int saved = errno;
    if (!ok && fd >= 0)
        unlink(tmp);
    free(tmp);
    errno = saved;
    return ok ? 0 : -1;
}

void digest_index_free(digest_index *ix)
{
    if (!ix)
        return;
    free(ix->old);
    free(ix->now);
    free(ix);
}
