/*
 * The workbook, ddor.xlsx: the sheet "about" (xlsx_about.c), then a sheet
 * per dataset in the schema's order (xlsx_dataset.c), written with
 * libxlsxwriter (xlsx.h says how values become cells).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "xlsx.h"

/* The workbook's "created" date: 1980-01-01T00:00:00Z, the date
 * libxlsxwriter gives every member of the zip file.  Left unset, it would
 * be the time of the run, and the same reports would make a different
 * file each time, where their CSV files are the same to the byte. */
#define CREATED 315532800

/* A name of OUT's file for libxlsxwriter, which (in 1.1.4) writes only to
 * a file it opens by name: /proc/self/fd/N opens the very file that
 * descriptor N is open on, whatever its path is now or whether it still
 * has one, so the workbook goes into the file the caller created (with
 * O_EXCL and O_NOFOLLOW, in its staging folder), and no other.  Checked:
 * the name must lead to that same file.  Returns 0, or -1 with errno and
 * *WHY set. */
static int name_of(FILE *out, char *name, size_t size, char **why)
{
    errno = 0;
    int fd = fileno(out);
    struct stat mine, named;
    if (fd < 0 || fstat(fd, &mine) != 0) {
        errno = errno ? errno : EBADF;
        return -1;
    }
    snprintf(name, size, "/proc/self/fd/%d", fd);
    if (stat(name, &named) != 0 || named.st_dev != mine.st_dev ||
        named.st_ino != mine.st_ino) {
        int e = errno ? errno : ENOENT;
        *why = strdup("libxlsxwriter writes only to a file it opens by name, "
                      "and /proc/self/fd does not name the file to write "
                      "(is /proc mounted?)");
        errno = e;
        return -1;
    }
    return 0;
}

/* Lets go of a workbook that failed before it was closed, leaving the
 * file empty.  libxlsxwriter 1.1.4 frees it, but not the temporary files
 * of its sheets in constant_memory mode, which are closed here (and
 * forgotten, so that a version that does close them closes none
 * twice). */
static void discard(lxw_workbook *wb)
{
    lxw_worksheet *ws;
    LXW_FOREACH_WORKSHEET(ws, wb) {
        if (ws->optimize_tmpfile)
            fclose(ws->optimize_tmpfile);
        ws->optimize_tmpfile = NULL;
        ws->file = NULL;
    }
    lxw_workbook_free(wb);
}

/* The formats of the book: bold headers, dates shown YYYY-MM-DD. */
static void add_formats(xlsx_book *b)
{
    if (b->err)
        return;
    b->bold = workbook_add_format(b->wb);
    b->date = workbook_add_format(b->wb);
    if (!b->bold || !b->date) {
        xlsx_fail(b, ENOMEM, NULL);
        return;
    }
    format_set_bold(b->bold);
    format_set_num_format(b->date, "yyyy-mm-dd");
}

static void set_properties(xlsx_book *b)
{
    if (b->err)
        return;
    lxw_doc_properties p;
    memset(&p, 0, sizeof p);
    p.title = XLSX_TITLE;
    p.comments = "Written by ddor2csv " DDOR_VERSION;
    p.created = CREATED;
    lxw_error e = workbook_set_properties(b->wb, &p);
    if (e != LXW_NO_ERROR)
        xlsx_fail_lxw(b, e, "the workbook's properties");
}

int emit_workbook(FILE *out, const emit_source *sources, size_t n,
                  const emit_options *opt, char **why)
{
    (void)opt;                /* nothing of the options applies to it */
    if (why)
        *why = NULL;
    if (!out || (n > 0 && !sources)) {
        errno = EINVAL;
        return -1;
    }
    xlsx_book b = { 0 };
    char name[64];
    if (name_of(out, name, sizeof name, &b.why) != 0) {
        b.err = errno;
    } else {
        /* constant_memory: each sheet's rows go to a temporary file as
         * they are written, so memory stays flat however many rows there
         * are. */
        lxw_workbook_options options = { .constant_memory = LXW_TRUE };
        if (!(b.wb = workbook_new_opt(name, &options)))
            xlsx_fail(&b, ENOMEM, NULL);
        set_properties(&b);
        add_formats(&b);
        xlsx_about(&b, sources, n);
        for (size_t i = 0; i < schema_ndatasets; i++)
            xlsx_dataset(&b, &schema_datasets[i], sources, n);
        if (b.err) {
            if (b.wb)
                discard(b.wb);
        } else {
            errno = 0;
            lxw_error e = workbook_close(b.wb);   /* frees it too */
            if (e != LXW_NO_ERROR)
                xlsx_fail_lxw(&b, e, "libxlsxwriter");
        }
    }
    if (!b.err)
        return 0;
    if (why)
        *why = b.why;
    else
        free(b.why);
    errno = b.err;
    return -1;
}
