/*
 * The text streams: a dataset as CSV (the contract's; --excel adds the
 * byte-order mark and CRLF) or JSON Lines, through the csv_writer.  The
 * header, or the JSON keys, are the schema's column names.
 */
#include <errno.h>
#include <stdlib.h>
#include "csv_writer.h"
#include "datasets.h"

typedef struct {
    table t;                  /* first: the table the writers see */
    csv_writer w;
} text_table;

static void text_cell(table *t, const schema_column *c, const char *s)
{
    (void)c;
    csvw_text(&((text_table *)t)->w, s);
}

static void integer_cell(table *t, const schema_column *c, long v)
{
    (void)c;
    csvw_long(&((text_table *)t)->w, v);
}

static void row_end(table *t)
{
    csvw_row_end(&((text_table *)t)->w);
}

static const table_format text_format = { text_cell, integer_cell, row_end };

int text_table_write(FILE *out, const schema_dataset *d, emit_format format,
                     const emit_source *sources, size_t n, const emit_options *opt)
{
    /* The header's names, which JSON Lines keeps as its keys until the
     * end. */
    const char **names = calloc(d->ncolumns + 1, sizeof *names);
    text_table *tt = malloc(sizeof *tt);
    if (!names || !tt) {
        free(names);
        free(tt);
        errno = ENOMEM;
        return -1;
    }
    for (size_t i = 0; i < d->ncolumns; i++)
        names[i] = d->columns[i].name;
    if (format == EMIT_JSONL)
        csvw_begin_jsonl(&tt->w, out);
    else
        csvw_begin(&tt->w, out, opt && opt->excel);
    csvw_row(&tt->w, names);
    table_begin(&tt->t, &text_format, d);
    dataset_rows(&tt->t, sources, n);
    if (tt->t.err)
        csvw_fail(&tt->w, tt->t.err);
    int rc = csvw_finish(&tt->w);
    int e = errno;
    free(names);
    free(tt);
    errno = e;
    return rc;
}
