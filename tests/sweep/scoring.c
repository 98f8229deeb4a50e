/*
 * Rows of two CSV files matched as multisets; see scoring.h.
 *
 * Each row is turned into one byte string, a key: every field as its
 * length in decimal, a colon and its bytes.  Two rows have the same key
 * exactly when they have the same fields, so matching rows is matching
 * keys, which sorting both lists makes one merge: O(n log n) where
 * comparing every row with every other would be quadratic in the 5,000
 * rows of a long report.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../emit/emit.h"
#include "../fuzz/csv_read.h"
#include "../testkit.h"
#include "scoring.h"

typedef struct {
    char *bytes;
    size_t len;
} row_key;

/* The rows of a CSV file as keys; rows[0] is the header. */
typedef struct {
    row_key *rows;
    size_t n;
} keyed_rows;

static void *must_alloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        fputs("ddor-sweep-score: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static row_key key_of(const fuzz_csv *csv, size_t r)
{
    size_t first = csv->row_start[r], width = fuzz_csv_row_width(csv, r);
    size_t size = 0;
    for (size_t f = first; f < first + width; f++)
        size += csv->field[f].len + 24;   /* a size_t in decimal and ':' */
    row_key k = { must_alloc(size), 0 };
    for (size_t f = first; f < first + width; f++) {
        const fuzz_field *field = &csv->field[f];
        k.len += (size_t)sprintf(k.bytes + k.len, "%zu:", field->len);
        memcpy(k.bytes + k.len, field->text, field->len);
        k.len += field->len;
    }
    return k;
}

static void free_keyed(keyed_rows *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->rows[i].bytes);
    free(t->rows);
    memset(t, 0, sizeof *t);
}

/* Parses PATH into *CSV.  Returns 1 when read, 0 when it does not exist
 * and MISSING_OK, -1 (said on stderr) otherwise. */
static int read_csv(const char *path, int missing_ok, fuzz_csv *csv)
{
    memset(csv, 0, sizeof *csv);
    size_t len;
    char *text = tk_slurp(path, &len);
    if (!text) {
        if (missing_ok && errno == ENOENT)
            return 0;
        fprintf(stderr, "ddor-sweep-score: %s: %s\n", path, strerror(errno));
        return -1;
    }
    int rc = fuzz_csv_parse(text, len, csv);
    free(text);
    if (rc != 0) {
        fprintf(stderr, "ddor-sweep-score: %s: not valid CSV\n", path);
        fuzz_csv_free(csv);
        return -1;
    }
    return 1;
}

static int read_keyed(const char *path, int missing_ok, keyed_rows *t)
{
    memset(t, 0, sizeof *t);
    fuzz_csv csv;
    int rc = read_csv(path, missing_ok, &csv);
    if (rc <= 0)
        return rc;
    t->rows = must_alloc(csv.nrows * sizeof *t->rows);
    for (t->n = 0; t->n < csv.nrows; t->n++)
        t->rows[t->n] = key_of(&csv, t->n);
    fuzz_csv_free(&csv);
    return 0;
}

static int key_cmp(const void *pa, const void *pb)
{
    const row_key *a = pa, *b = pb;
    int c = memcmp(a->bytes, b->bytes, a->len < b->len ? a->len : b->len);
    if (c != 0)
        return c;
    return (a->len > b->len) - (a->len < b->len);
}

/* Size of the multiset intersection of A and B (both sorted here). */
static long common_rows(row_key *a, size_t na, row_key *b, size_t nb)
{
    qsort(a, na, sizeof *a, key_cmp);
    qsort(b, nb, sizeof *b, key_cmp);
    long matched = 0;
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        int c = key_cmp(&a[i], &b[j]);
        if (c == 0)
            matched++;
        i += c <= 0;
        j += c >= 0;
    }
    return matched;
}

static long data_rows(const keyed_rows *t)
{
    return t->n > 0 ? (long)t->n - 1 : 0;
}

int sweep_match_file(const char *expected, const char *got, sweep_counts *counts)
{
    memset(counts, 0, sizeof *counts);
    keyed_rows want, have;
    if (read_keyed(expected, 0, &want) != 0)
        return -1;
    if (read_keyed(got, 1, &have) != 0) {
        free_keyed(&want);
        return -1;
    }
    counts->expected = data_rows(&want);
    counts->extracted = data_rows(&have);
    if (want.n > 0 && have.n > 0) {
        if (key_cmp(&want.rows[0], &have.rows[0]) == 0)
            counts->matched = common_rows(want.rows + 1, want.n - 1,
                                          have.rows + 1, have.n - 1);
        else
            fprintf(stderr, "ddor-sweep-score: %s: header differs from %s\n",
                    got, expected);
    }
    free_keyed(&want);
    free_keyed(&have);
    return 0;
}

/* DIR/NAME.csv, malloc'd. */
static char *dataset_path(const char *dir, const char *name)
{
    size_t size = strlen(dir) + strlen(name) + sizeof "/.csv";
    char *p = must_alloc(size);
    snprintf(p, size, "%s/%s.csv", dir, name);
    return p;
}

/* A field on a tab-separated line: its tabs and line breaks made spaces. */
static void put_field(FILE *out, const char *text)
{
    for (; *text; text++)
        fputc(*text == '\t' || *text == '\n' || *text == '\r' ? ' ' : *text, out);
}

/* Field of row R under the header name COLUMN, "" when there is none. */
static const char *field_named(const fuzz_csv *csv, size_t r, const char *column)
{
    size_t width = fuzz_csv_row_width(csv, 0);
    for (size_t f = 0; f < width; f++)
        if (strcmp(csv->field[f].text, column) == 0)
            return f < fuzz_csv_row_width(csv, r)
                       ? csv->field[csv->row_start[r] + f].text : "";
    return "";
}

/* The "report" lines: the checks of each row of GOT_DIR/reports.csv. */
static int put_reports(FILE *out, const char *got_dir)
{
    static const char *const columns[] = {
        "status", "declined_stated", "declined_rows", "message", NULL
    };
    char *path = dataset_path(got_dir, "reports");
    fuzz_csv csv;
    int rc = read_csv(path, 1, &csv);
    free(path);
    if (rc <= 0)
        return rc;
    for (size_t r = 1; r < csv.nrows; r++) {
        fputs("report", out);
        for (int c = 0; columns[c]; c++) {
            fputc('\t', out);
            put_field(out, field_named(&csv, r, columns[c]));
        }
        fputc('\n', out);
    }
    fuzz_csv_free(&csv);
    return 0;
}

int sweep_score_dirs(FILE *out, const char *expected_dir, const char *got_dir)
{
    int differs = 0;
    for (int i = 0; emit_dataset_names[i]; i++) {
        const char *name = emit_dataset_names[i];
        char *want = dataset_path(expected_dir, name);
        char *have = dataset_path(got_dir, name);
        sweep_counts n;
        int rc = sweep_match_file(want, have, &n);
        free(want);
        free(have);
        if (rc != 0)
            return -1;
        fprintf(out, "dataset\t%s\t%ld\t%ld\t%ld\n", name, n.expected,
                n.extracted, n.matched);
        differs |= n.matched != n.expected || n.matched != n.extracted;
    }
    if (put_reports(out, got_dir) != 0)
        return -1;
    return differs;
}
