/*
 * emit_all: every output file (emit/output_files.h: the datasets and
 * datapackage.json) into DIR.
 *
 * All files are first written completely to temporary files; only when
 * every one of them is on the disk are they renamed into place.  A failure
 * while writing therefore leaves the previous datasets as they were and no
 * temporary file behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "atomic_file.h"
#include "emit.h"
#include "output_files.h"

/* Sets *ERR (when wanted) to a malloc'd, formatted reason. */
static void set_reason(char **err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    free(*err);
    *err = NULL;
    if (len < 0)
        return;
    char *s = malloc((size_t)len + 1);
    if (!s)
        return;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)len + 1, fmt, ap);
    va_end(ap);
    *err = s;
}

int emit_prepare_folder(const char *dir, char **err)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        set_reason(err, "cannot create output folder: %s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (stat(dir, &st) != 0) {
        set_reason(err, "cannot create output folder: %s", strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        set_reason(err, "output folder is not a directory");
        return -1;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        set_reason(err, "cannot write to output folder: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* Makes the renames durable.  Best effort: the datasets are complete and in
 * place whatever happens here, so a failure is not reported. */
static void sync_folder(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

int emit_all(const char *dir, const emit_source *sources, size_t n,
             const emit_options *opt, char **err)
{
    if (err)
        *err = NULL;
    if (!dir) {
        set_reason(err, "no output folder");
        errno = EINVAL;
        return -1;
    }
    if (emit_prepare_folder(dir, err) != 0)
        return -1;

    size_t count = 0;
    output_file *outputs = output_files_list(opt, &count);
    atomic_file *files = outputs ? calloc(count, sizeof *files) : NULL;
    if (!files) {
        free(outputs);
        set_reason(err, "out of memory");
        return -1;
    }

    size_t i;
    for (i = 0; i < count; i++) {
        const char *file = outputs[i].name;
        if (atomic_file_open(&files[i], dir, file) != 0) {
            set_reason(err, "cannot create a file in the output folder: %s",
                       strerror(errno));
            goto fail;
        }
        if (outputs[i].write(files[i].fp, outputs[i].dataset, sources, n, opt) != 0 ||
            atomic_file_close(&files[i]) != 0) {
            set_reason(err, "cannot write %s: %s", file, strerror(errno));
            goto fail;
        }
    }
    /* rename() cannot replace a folder: find that out before replacing
     * anything, so that the datasets are replaced all or none. */
    for (i = 0; i < count; i++) {
        struct stat st;
        if (lstat(files[i].path, &st) == 0 && S_ISDIR(st.st_mode)) {
            set_reason(err, "cannot rename %s into place: %s",
                       outputs[i].name, strerror(EISDIR));
            goto fail;
        }
    }
    for (i = 0; i < count; i++) {
        if (atomic_file_commit(&files[i]) != 0) {
            set_reason(err, "cannot rename %s into place: %s",
                       outputs[i].name, strerror(errno));
            goto fail;
        }
    }
    sync_folder(dir);
    for (i = 0; i < count; i++)
        atomic_file_discard(&files[i]);
    free(files);
    free(outputs);
    return 0;

fail:
    /* Discarding a committed file removes nothing; the others go. */
    for (i = 0; i < count; i++)
        atomic_file_discard(&files[i]);
    free(files);
    free(outputs);
    return -1;
}
