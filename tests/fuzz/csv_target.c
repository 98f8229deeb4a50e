/*
 * The CSV writer's round trip: whatever bytes a cell holds, libcsv's
 * reader gets the cell back, with the formula guard that csv_writer.h
 * promises for text cells (a "'" before a leading = + - @ tab or CR, and
 * U+FFFD for each byte that is not UTF-8) and nothing else changed.
 * Options and cells come from the input; see fuzz_targets.h.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../emit/csv_writer.h"
#include "../../emit/utf8_clean.h"
#include "csv_read.h"
#include "fuzz_targets.h"
#include "fuzz_alloc.h"

enum {
    OPT_EXCEL = 1 << 0, OPT_HEADER = 1 << 4, OPT_NUMBER = 1 << 5, OPT_NULL = 1 << 6,
    OPT_FULL = 1 << 7
};

/* What the reader should see: every field, row after row. */
typedef fuzz_csv expected;

static void expect_row(expected *e)
{
    fuzz_csv *c = e;
    c->row_start = fuzz_grow(c->row_start, &c->rcap, c->nrows + 1, sizeof *c->row_start);
    c->row_start[c->nrows++] = c->nfields;
}

static void expect_field(expected *e, const char *guard, const char *s)
{
    fuzz_csv *c = e;
    size_t g = strlen(guard), n = strlen(s);
    c->field = fuzz_grow(c->field, &c->fcap, c->nfields + 1, sizeof *c->field);
    fuzz_field *f = &c->field[c->nfields++];
    f->text = fuzz_realloc(NULL, g + n + 1);
    memcpy(f->text, guard, g);
    memcpy(f->text + g, s, n + 1);
    f->len = g + n;
}

/* csv_writer.h: a text cell starting with = + - @ tab or CR (what a
 * spreadsheet would evaluate) gets a "'" in front, and its bytes that are
 * not UTF-8 are written as U+FFFD. */
static void expect_text(expected *e, const char *s)
{
    char *clean = utf8_clean(s);
    if (!clean)
        abort();
    int formula = clean[0] != '\0' && strchr("=+-@\t\r", clean[0]) != NULL;
    expect_field(e, formula ? "'" : "", clean);
    free(clean);
}

/* A row whose only cell is empty is written as an empty line, which CSV
 * readers skip: in CSV it is no row at all.  (The datasets' rows all have
 * several cells.) */
static void drop_lone_empty_row(expected *e)
{
    fuzz_csv *c = e;
    size_t first = c->row_start[c->nrows - 1];
    if (c->nfields - first == 1 && c->field[first].len == 0) {
        free(c->field[first].text);
        c->nfields--;
        c->nrows--;
    }
}

/* The numeric cell of a row: its first cell's first 8 bytes, little
 * endian, as a signed number, so that 0, negative (-1 = unknown) and
 * extreme values all occur. */
static long number_of(const char *s)
{
    uint64_t u = 0;
    for (int i = 0; i < 8 && s[i]; i++)
        u |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return (long)(int64_t)u;
}

static void print_bytes(const char *what, const char *s, size_t len)
{
    fprintf(stderr, "  %s (%zu bytes): \"", what, len);
    for (size_t i = 0; i < len && i < 80; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
            fputc(c, stderr);
        else
            fprintf(stderr, "\\x%02X", c);
    }
    fprintf(stderr, "\"%s\n", len > 80 ? "..." : "");
}

/* Writes the cells of TEXT (NCELLS NUL-separated strings) as OPTS says,
 * noting in *E what each row should read back as; returns what
 * csvw_finish does. */
static int write_cells(FILE *out, unsigned opts, const char *text, size_t ncells,
                       expected *e)
{
    size_t per_row = ((opts >> 1) & 7) + 1;
    csv_writer w;
    csvw_begin(&w, out, opts & OPT_EXCEL);
    const char *s = text;
    for (size_t i = 0, row = 0; i < ncells; row++) {
        size_t n = ncells - i < per_row ? ncells - i : per_row;
        const char *cells[9];
        for (size_t k = 0; k < n; k++, i++) {
            cells[k] = s;
            s += strlen(s) + 1;
        }
        cells[n] = NULL;
        expect_row(e);
        for (size_t k = 0; k < n; k++)
            expect_text(e, cells[k]);
        if (row == 0 && (opts & OPT_HEADER)) {
            csvw_row(&w, cells);
        } else {
            for (size_t k = 0; k < n; k++)
                csvw_text(&w, (opts & OPT_NULL) && !cells[k][0] ? NULL : cells[k]);
            if (opts & OPT_NUMBER) {
                long v = number_of(cells[0]);
                char buf[32];
                snprintf(buf, sizeof buf, "%ld", v);
                csvw_long(&w, v);
                expect_field(e, "", v < 0 ? "" : buf);
            }
            csvw_row_end(&w);
        }
        drop_lone_empty_row(e);
    }
    return csvw_finish(&w);
}

/* Compares what libcsv read (GOT) with what was written (WANT). */
static int same_rows(const fuzz_csv *got, const fuzz_csv *want)
{
    if (got->nrows != want->nrows) {
        fprintf(stderr, "fuzz_csv: %zu rows read back, %zu written\n",
                got->nrows, want->nrows);
        return 0;
    }
    for (size_t r = 0; r < want->nrows; r++) {
        size_t n = fuzz_csv_row_width(want, r);
        if (fuzz_csv_row_width(got, r) != n) {
            fprintf(stderr, "fuzz_csv: row %zu: %zu cells read back, %zu written\n",
                    r + 1, fuzz_csv_row_width(got, r), n);
            return 0;
        }
        for (size_t k = 0; k < n; k++) {
            const fuzz_field *a = &got->field[got->row_start[r] + k];
            const fuzz_field *b = &want->field[want->row_start[r] + k];
            if (a->len != b->len || memcmp(a->text, b->text, a->len) != 0) {
                fprintf(stderr, "fuzz_csv: row %zu, cell %zu differs\n", r + 1, k + 1);
                print_bytes("written", b->text, b->len);
                print_bytes("read back", a->text, a->len);
                return 0;
            }
        }
    }
    return 1;
}

/* The same cells again, into a stream with room for fewer than the NEED
 * bytes they take (how many fewer from SHARE): csvw_finish must report
 * the failure, with errno set (csv_writer.h). */
static int check_full_stream(unsigned opts, const char *text, size_t ncells,
                             size_t need, unsigned share)
{
    if (need < 2)
        return 0;
    size_t room = 1 + (need - 2) * share / 255;
    char *buf = fuzz_realloc(NULL, room);
    FILE *f = fmemopen(buf, room, "w");
    if (!f)
        abort();
    expected scratch = { 0 };
    errno = 0;
    int rc = write_cells(f, opts, text, ncells, &scratch);
    int err = errno;
    fclose(f);
    fuzz_csv_free(&scratch);
    free(buf);
    if (rc == -1 && err != 0)
        return 0;
    fprintf(stderr, "fuzz_csv: %zu bytes into room for %zu: csvw_finish gave %d, errno %d\n",
            need, room, rc, err);
    return -1;
}

int fuzz_csv_one(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned opts = data[0];
    /* The cells: the rest of the input, NUL-terminated, split at NULs. */
    char *text = fuzz_realloc(NULL, size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    size_t ncells = 1;
    for (size_t i = 0; i + 1 < size; i++)
        ncells += text[i] == '\0';

    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    if (!f)
        abort();
    expected want = { 0 };
    int rc = write_cells(f, opts, text, ncells, &want);
    if (fclose(f) != 0)
        abort();
    fuzz_csv got = { 0 };
    if (rc != 0)
        perror("fuzz_csv: csvw_finish");
    else if (fuzz_csv_read_output(out, len, opts & OPT_EXCEL, &got) != 0 ||
             !same_rows(&got, &want))
        rc = -1;
    else if (opts & OPT_FULL)
        rc = check_full_stream(opts, text, ncells, len, size > 1 ? data[1] : 0);
    fuzz_csv_free(&got);
    if (rc != 0)
        print_bytes("output", out, len);
    fuzz_csv_free(&want);
    free(out);
    free(text);
    return rc;
}
