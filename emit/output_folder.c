/*
 * emit_all: every dataset as DIR/<name>.csv.
 *
 * All datasets are first written completely into a staging folder; only
 * when every one of them is on the disk are they put in place, all at once
 * where the system allows it (folder_swap.h).  A failure while writing
 * therefore leaves the previous datasets as they were and no temporary
 * file behind, and so does a kill at any moment.
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
#include "folder_swap.h"

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

/* Is NAME a file emit writes: a dataset, or the temporary file of one? */
static int written_by_emit(const char *name)
{
    char stem[64];
    if (name[0] == '.')
        name++;               /* atomic_file's ".NAME.XXXXXX" */
    const char *dot = strstr(name, ".csv");
    if (!dot || (size_t)(dot - name) >= sizeof stem)
        return 0;
    if (dot[4] != '\0' && !(dot[4] == '.' && strlen(dot + 5) == 6))
        return 0;
    memcpy(stem, name, (size_t)(dot - name));
    stem[dot - name] = '\0';
    return emit_is_dataset(stem);
}

int emit_prepare_folder(const char *dir, const emit_options *opt, char **err)
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
    folder_swap_clean_stale(dir, opt ? opt->own_folder : NULL, written_by_emit);
    return 0;
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
    if (emit_prepare_folder(dir, opt, err) != 0)
        return -1;

    folder_swap swap;
    if (folder_swap_begin(&swap, dir, opt ? opt->own_folder : NULL,
                          written_by_emit, opt ? opt->step : NULL) != 0) {
        set_reason(err, "cannot create a folder for the new datasets: %s",
                   strerror(errno));
        return -1;
    }
    for (size_t i = 0; emit_dataset_names[i]; i++) {
        const char *name = emit_dataset_names[i];
        char file[64];
        snprintf(file, sizeof file, "%s.csv", name);
        atomic_file f = { 0 };
        if (atomic_file_open(&f, swap.staging, file) != 0) {
            set_reason(err, "cannot create a file in the output folder: %s",
                       strerror(errno));
            goto fail;
        }
        if (emit_dataset(f.fp, name, sources, n, opt) != 0 ||
            atomic_file_close(&f) != 0 || atomic_file_commit(&f) != 0) {
            set_reason(err, "cannot write %s: %s", file, strerror(errno));
            atomic_file_discard(&f);
            goto fail;
        }
        atomic_file_discard(&f);
    }
    const char *failed = NULL;
    if (folder_swap_commit(&swap, &failed) != 0) {
        if (failed)
            set_reason(err, "cannot rename %s into place: %s", failed,
                       strerror(errno));
        else
            set_reason(err, "cannot put the new datasets in place: %s",
                       strerror(errno));
        goto fail;
    }
    folder_swap_end(&swap);
    return 0;

fail:
    folder_swap_end(&swap);
    return -1;
}
