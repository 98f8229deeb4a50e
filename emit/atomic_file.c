/*
 * Temporary file + fsync + rename, so that a dataset is either the old
 * complete file or the new complete file, never half of one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "atomic_file.h"

/* umask() can only be read by setting it; the output is written by one
 * thread, after the conversions, so setting it back at once is safe. */
static mode_t current_umask(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return mask;
}

static char *join(const char *dir, const char *prefix, const char *name,
                  const char *suffix)
{
    size_t dlen = strlen(dir);
    const char *sep = (dlen > 0 && dir[dlen - 1] == '/') ? "" : "/";
    size_t size = dlen + strlen(sep) + strlen(prefix) + strlen(name) +
                  strlen(suffix) + 1;
    char *p = malloc(size);
    if (p)
        snprintf(p, size, "%s%s%s%s%s", dir, sep, prefix, name, suffix);
    return p;
}

int atomic_file_open(atomic_file *f, const char *dir, const char *name)
{
    f->path = join(dir, "", name, "");
    f->tmp_path = join(dir, ".", name, ".XXXXXX");
    if (!f->path || !f->tmp_path) {
        atomic_file_discard(f);
        errno = ENOMEM;
        return -1;
    }
    int fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        /* Nothing was created: there is no temporary file to remove. */
        int e = errno;
        free(f->tmp_path);
        f->tmp_path = NULL;
        atomic_file_discard(f);
        errno = e;
        return -1;
    }
    /* mkstemp creates the file 0600; a dataset is an ordinary file. */
    if (fchmod(fd, 0666 & ~current_umask()) != 0 ||
        !(f->fp = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        atomic_file_discard(f);
        errno = e;
        return -1;
    }
    return 0;
}

int atomic_file_close(atomic_file *f)
{
    FILE *fp = f->fp;
    f->fp = NULL;
    if (!fp) {
        errno = EBADF;
        return -1;
    }
    errno = 0;
    int failed = fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0;
    int e = errno;
    if (fclose(fp) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        errno = e ? e : EIO;
        return -1;
    }
    return 0;
}

int atomic_file_commit(atomic_file *f)
{
    if (f->fp || !f->tmp_path) {
        errno = EINVAL;
        return -1;
    }
    if (rename(f->tmp_path, f->path) != 0)
        return -1;
    free(f->tmp_path);
    f->tmp_path = NULL;
    return 0;
}

void atomic_file_discard(atomic_file *f)
{
    int e = errno;
    if (f->fp)
        fclose(f->fp);
    if (f->tmp_path)
        unlink(f->tmp_path);
    free(f->tmp_path);
    free(f->path);
    f->fp = NULL;
    f->tmp_path = NULL;
    f->path = NULL;
    errno = e;
}
