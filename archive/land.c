/*
 * Landing a run: every output file (emit/output_files.h: the datasets and
 * datapackage.json), the record of them (outputs.c) and the list of
 * reports written completely into a staging folder, then put in place
 * together (swap.c), and the output files of earlier runs that this run
 * does not write taken away with them.  A failure while writing leaves
 * the folder as it was and no temporary file behind, and so does a kill
 * at any moment.
 */
#define _GNU_SOURCE           /* O_CLOEXEC, O_NOFOLLOW */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../emit/output_files.h"
#include "internal.h"

static char *reason(const char *fmt, const char *what, int e)
{
    size_t size = strlen(fmt) + strlen(what) + 128;
    char *text = malloc(size);
    if (text)
        snprintf(text, size, fmt, what, strerror(e));
    return text;
}

/* "cannot write NAME: " and the writer's own reason WHY, when it gave
 * one, else what errno E says. */
static char *write_failure(const char *name, const char *why, int e)
{
    const char *text = why ? why : strerror(e);
    size_t size = strlen(name) + strlen(text) + 32;
    char *message = malloc(size);
    if (message)
        snprintf(message, size, "cannot write %s: %s", name, text);
    return message;
}

/* Writes one output file, NAME, into FD.  Returns 0, or -1 with errno
 * and, when the writer said more than errno can, *WHY (malloc'd). */
static int write_output(int fd, const output_file *out,
                        const emit_source *sources, size_t n,
                        const emit_options *opt, char **why)
{
    *why = NULL;
    mode_t mask = umask(0);
    umask(mask);
    int file = openat(fd, out->name,
                      O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      0666 & ~mask);
    FILE *fp = file >= 0 ? fdopen(file, "w") : NULL;
    if (!fp) {
        int e = errno;
        if (file >= 0)
            close(file);
        errno = e;
        return -1;
    }
    errno = 0;
    int failed = out->write(fp, out, sources, n, opt, why) != 0 ||
                 fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0;
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

int archive_land(archive *a, const emit_source *sources, size_t n,
                 const emit_options *opt, char **err)
{
    *err = NULL;
    size_t count = 0;
    output_file *outputs = output_files_list(opt, &count);
    if (!outputs) {
        *err = reason("%s%s", "", ENOMEM);
        return -1;
    }
    staging s;
    if (swap_begin(a, &s) != 0) {
        *err = reason("cannot create a folder for the new datasets%s: %s", "", errno);
        free(outputs);
        return -1;
    }
    int rc = 0;
    placed_list written = { 0 };
    for (size_t i = 0; i < count && rc == 0; i++) {
        char *why = NULL;
        int failed = write_output(s.fd, &outputs[i], sources, n, opt, &why) != 0;
        /* Its identity, which tells it from any file put under its name
         * later, for the record. */
        if (!failed && outputs_mark(s.fd, outputs[i].name, &written) != 0)
            failed = 1;
        if (failed) {
            *err = write_failure(outputs[i].name, why, errno);
            free(why);
            rc = -1;
        } else {
            swap_written(&s, outputs[i].name);
        }
    }
    /* The files of earlier runs' formats that this run does not write go
     * with the landing; the record of what it put in place lands with
     * it, so that the next landing knows them. */
    if (rc == 0) {
        outputs_stale(a, outputs, count, &s.stale);
        if (outputs_save(s.state_fd, &written, a) != 0) {
            *err = reason("cannot write the record of the output files%s: %s", "",
                          errno);
            rc = -1;
        }
    }
    placed_list_free(&written);
    if (rc == 0) {
        size_t len;
        char *list = reports_text(a, &len);
        if (fs_write_file(s.state_fd, REPORTS_FILE, list, len, 1) != 0) {
            *err = reason("cannot write the list of reports%s: %s", "", errno);
            rc = -1;
        }
        free(list);
    }
    const char *failed = NULL;
    if (rc == 0 && swap_commit(a, &s, &failed) != 0) {
        if (failed)
            *err = reason("cannot rename %s into place: %s", failed, errno);
        else
            *err = reason("cannot put the new datasets in place%s: %s", "", errno);
        rc = -1;
    }
    int touched = s.touched;
    swap_end(a, &s);
    free(outputs);
    /* A landing that failed after renaming some files into place stays
     * recorded: the next run mends the mix.  One that failed before left
     * the folder as it was. */
    if (rc != 0) {
        if (!touched)
            swap_forget(a);
        return -1;
    }
    swap_forget(a);
    a->landed = 1;
    store_prune(a);
    /* Best effort: without the index, the next run reads every input. */
    (void)digest_index_save(a->digests, a, a->state_fd, DIGESTS_FILE);
    return 0;
}
