/*
 * CSV cells: separators, minimal quoting through libcsv, the formula guard,
 * line ends and the byte-order mark.
 */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "csv_writer.h"
#include "utf8_clean.h"

static void fail(csv_writer *w)
{
    if (w->err == 0)
        w->err = errno ? errno : EIO;
}

void csvw_fail(csv_writer *w, int err)
{
    if (w->err == 0)
        w->err = err ? err : EIO;
}

/* Hands the buffered bytes to OUT. */
static void drain(csv_writer *w)
{
    if (w->used == 0 || w->err)
        return;
    errno = 0;
    if (fwrite(w->buf, 1, w->used, w->out) != w->used)
        fail(w);
    w->used = 0;
}

void csvw_put(csv_writer *w, const char *s, size_t len)
{
    if (w->err || len == 0)
        return;
    if (len > sizeof w->buf - w->used) {
        drain(w);
        if (w->err)
            return;
        if (len > sizeof w->buf) {
            errno = 0;
            if (fwrite(s, 1, len, w->out) != len)
                fail(w);
            return;
        }
    }
    memcpy(w->buf + w->used, s, len);
    w->used += len;
}

void csvw_begin(csv_writer *w, FILE *out, int excel)
{
    w->out = out;
    w->eol = excel ? "\r\n" : "\n";
    w->fields = 0;
    w->jsonl = 0;
    w->keys = NULL;
    w->nkeys = 0;
    w->err = 0;
    w->used = 0;
    if (excel)
        csvw_put(w, "\xEF\xBB\xBF", 3);
}

void csvw_begin_jsonl(csv_writer *w, FILE *out)
{
    csvw_begin(w, out, 0);
    w->jsonl = 1;
}

/* Starts a cell: a comma before every cell but the first of a row. */
static void separate(csv_writer *w)
{
    if (w->fields++ > 0)
        csvw_put(w, ",", 1);
}

/* Writes one cell's content, quoted only when RFC 4180 needs it. */
static void put_field(csv_writer *w, const char *s, size_t len)
{
    if (w->err)
        return;
    if (strcspn(s, ",\"\r\n") < len) {
        /* Quoted by libcsv, straight to OUT after what is buffered. */
        drain(w);
        if (w->err)
            return;
        errno = 0;
        if (csv_fwrite(w->out, s, len) != 0)
            fail(w);
    } else {
        csvw_put(w, s, len);
    }
}

/* A spreadsheet evaluates a cell that starts with one of these as a
 * formula (tab and CR because some programs skip them first). */
static int looks_like_formula(const char *s)
{
    return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

/* Writes the text cell S, with the formula guard when it needs one. */
static void put_text(csv_writer *w, const char *s)
{
    size_t len = strlen(s);
    if (!looks_like_formula(s)) {
        put_field(w, s, len);
        return;
    }
    /* The guard is part of the cell, so it goes inside the quotes when
     * the cell needs them: build the guarded cell, then write it. */
    char *guarded = malloc(len + 2);
    if (!guarded) {
        fail(w);
        return;
    }
    guarded[0] = '\'';
    memcpy(guarded + 1, s, len + 1);
    put_field(w, guarded, len + 1);
    free(guarded);
}

void csvw_text(csv_writer *w, const char *s)
{
    if (w->jsonl) {
        jsonl_text(w, s);
        return;
    }
    separate(w);
    if (!s || w->err)
        return;
    /* The file is UTF-8 text, and a cell that is not (a file name in
     * Latin-1, say) would make it unreadable to a strict reader: each
     * stray byte becomes U+FFFD, as in the JSON Lines.  Most cells are
     * well-formed and are written without a copy. */
    if (utf8_is_valid(s)) {
        put_text(w, s);
        return;
    }
    char *clean = utf8_clean(s);
    if (!clean) {
        fail(w);
        return;
    }
    put_text(w, clean);
    free(clean);
}

void csvw_long(csv_writer *w, long v)
{
    if (w->jsonl) {
        jsonl_long(w, v);
        return;
    }
    separate(w);
    if (v < 0)
        return;
    char buf[32];
    int len = snprintf(buf, sizeof buf, "%ld", v);
    csvw_put(w, buf, (size_t)len);
}

void csvw_row_end(csv_writer *w)
{
    if (w->jsonl) {
        jsonl_row_end(w);
        return;
    }
    csvw_put(w, w->eol, strlen(w->eol));
    w->fields = 0;
}

void csvw_row(csv_writer *w, const char *const *cells)
{
    if (w->jsonl) {
        jsonl_header(w, cells);
        return;
    }
    for (; *cells; cells++)
        csvw_text(w, *cells);
    csvw_row_end(w);
}

int csvw_finish(csv_writer *w)
{
    drain(w);
    if (!w->err) {
        errno = 0;
        if (fflush(w->out) != 0 || ferror(w->out))
            fail(w);
    }
    if (w->err) {
        errno = w->err;
        return -1;
    }
    return 0;
}
