/*
 * emit_all: every output file (emit/output_files.h: the datasets and
 * datapackage.json) into DIR.
 *
 * All files are first written completely into a staging folder; only
 * when every one of them is on the disk are they put in place, all at once
 * where the system allows it (folder_swap.h).  A failure while writing
 * therefore leaves the previous datasets as they were and no temporary
 * file behind, and so does a kill at any moment.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "atomic_file.h"
#include "emit.h"
#include "folder_swap.h"
#include "output_files.h"
#include "text_format.h"

/* Sets *ERR (when wanted) to REASON (malloc'd, taken over). */
static void set_reason(char **err, char *reason)
{
    if (!err) {
        free(reason);
        return;
    }
    free(*err);
    *err = reason;
}

int emit_prepare_folder(const char *dir, const emit_options *opt, char **err)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        set_reason(err, text_format("cannot create output folder: %s",
                                    strerror(errno)));
        return -1;
    }
    struct stat st;
    if (stat(dir, &st) != 0) {
        set_reason(err, text_format("cannot create output folder: %s",
                                    strerror(errno)));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        set_reason(err, text_format("output folder is not a directory"));
        return -1;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        set_reason(err, text_format("cannot write to output folder: %s",
                                    strerror(errno)));
        return -1;
    }
    folder_swap_clean_stale(dir, opt ? opt->own_folder : NULL,
                            output_files_is_ours);
    return 0;
}

int emit_all(const char *dir, const emit_source *sources, size_t n,
             const emit_options *opt, char **err)
{
    if (err)
        *err = NULL;
    if (!dir) {
        set_reason(err, text_format("no output folder"));
        errno = EINVAL;
        return -1;
    }
    if (emit_prepare_folder(dir, opt, err) != 0)
        return -1;

    size_t count = 0;
    output_file *outputs = output_files_list(opt, &count);
    if (!outputs) {
        set_reason(err, text_format("out of memory"));
        return -1;
    }
    folder_swap swap;
    if (folder_swap_begin(&swap, dir, opt ? opt->own_folder : NULL,
                          output_files_is_ours, opt ? opt->step : NULL) != 0) {
        set_reason(err, text_format("cannot create a folder for the new "
                                    "datasets: %s", strerror(errno)));
        free(outputs);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        const char *file = outputs[i].name;
        atomic_file f = { 0 };
        if (atomic_file_open(&f, swap.staging, file) != 0) {
            set_reason(err, text_format("cannot create a file in the output "
                                        "folder: %s", strerror(errno)));
            goto fail;
        }
        if (outputs[i].write(f.fp, outputs[i].dataset, sources, n, opt) != 0 ||
            atomic_file_close(&f) != 0 || atomic_file_commit(&f) != 0) {
            set_reason(err, text_format("cannot write %s: %s", file,
                                        strerror(errno)));
            atomic_file_discard(&f);
            goto fail;
        }
        atomic_file_discard(&f);
    }
    const char *failed = NULL;
    if (folder_swap_commit(&swap, &failed) != 0) {
        if (failed)
            set_reason(err, text_format("cannot rename %s into place: %s",
                                        failed, strerror(errno)));
        else
            set_reason(err, text_format("cannot put the new datasets in "
                                        "place: %s", strerror(errno)));
        goto fail;
    }
    folder_swap_end(&swap);
    free(outputs);
    return 0;

fail:
    folder_swap_end(&swap);
    free(outputs);
    return -1;
}
