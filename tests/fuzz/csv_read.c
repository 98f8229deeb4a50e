/* libcsv's parser into a flat list of fields; see csv_read.h. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv_read.h"
#include "fuzz_alloc.h"

typedef struct {
    fuzz_csv *csv;
    int in_row;               /* libcsv has no row-begin event */
} reader;

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    fuzz_csv *csv = r->csv;
    if (!r->in_row) {
        csv->row_start = fuzz_grow(csv->row_start, &csv->rcap, csv->nrows + 1, sizeof *csv->row_start);
        csv->row_start[csv->nrows++] = csv->nfields;
        r->in_row = 1;
    }
    csv->field = fuzz_grow(csv->field, &csv->fcap, csv->nfields + 1, sizeof *csv->field);
    fuzz_field *f = &csv->field[csv->nfields++];
    f->text = fuzz_realloc(NULL, len + 1);
    if (len)
        memcpy(f->text, s, len);
    f->text[len] = '\0';
    f->len = len;
}

static void on_row(int c, void *data)
{
    (void)c;
    ((reader *)data)->in_row = 0;
}

/* RFC 4180: spaces are part of a field. */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

int fuzz_csv_parse(const char *text, size_t len, fuzz_csv *csv)
{
    memset(csv, 0, sizeof *csv);
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        abort();
    csv_set_space_func(&p, no_space);
    reader r = { csv, 0 };
    int ok = csv_parse(&p, text, len, on_field, on_row, &r) == len;
    ok = csv_fini(&p, on_field, on_row, &r) == 0 && ok;
    csv_free(&p);
    return ok ? 0 : -1;
}

int fuzz_csv_read_output(const char *out, size_t len, int excel, fuzz_csv *csv)
{
    const char *eol = excel ? "\r\n" : "\n";
    size_t bom = excel ? 3 : 0, k = strlen(eol);
    memset(csv, 0, sizeof *csv);
    if (len < bom || memcmp(out, "\xEF\xBB\xBF", bom) != 0) {
        fprintf(stderr, "csv: no byte-order mark in excel mode\n");
        return -1;
    }
    if (len > bom && (len - bom < k || memcmp(out + len - k, eol, k) != 0)) {
        fprintf(stderr, "csv: the last row does not end with %s\n", excel ? "CRLF" : "LF");
        return -1;
    }
    if (fuzz_csv_parse(out + bom, len - bom, csv) != 0) {
        fprintf(stderr, "csv: libcsv cannot read the output\n");
        return -1;
    }
    return 0;
}

size_t fuzz_csv_row_width(const fuzz_csv *csv, size_t r)
{
    size_t end = r + 1 < csv->nrows ? csv->row_start[r + 1] : csv->nfields;
    return end - csv->row_start[r];
}

void fuzz_csv_free(fuzz_csv *csv)
{
    for (size_t i = 0; i < csv->nfields; i++)
        free(csv->field[i].text);
    free(csv->field);
    free(csv->row_start);
    memset(csv, 0, sizeof *csv);
}
