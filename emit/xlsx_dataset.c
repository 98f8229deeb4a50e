/*
 * A dataset's sheet: the table format (table.h) through which the
 * dataset writers fill it, unchanged from the CSV's; a cell's type is its
 * column's in the schema.  The sheet is named after the dataset, its
 * header is the schema's column names, bold, frozen and filtered.
 */
#include <errno.h>
#include "datasets.h"
#include "xlsx.h"

typedef struct {
    table t;                  /* first: the table the writers see */
    xlsx_sheet s;
} sheet_table;

static size_t column_index(const table *t, const schema_column *c)
{
    return (size_t)(c - t->dataset->columns);
}

/* A failure of the book stops the writers too: the table ignores every
 * cell after it. */
static void follow(sheet_table *st)
{
    if (st->s.book->err)
        table_fail(&st->t, st->s.book->err);
}

static void text_cell(table *t, const schema_column *c, const char *s)
{
    sheet_table *st = (sheet_table *)t;
    xlsx_value(&st->s, column_index(t, c), c, s);
    follow(st);
}

static void integer_cell(table *t, const schema_column *c, long v)
{
    sheet_table *st = (sheet_table *)t;
    xlsx_integer(&st->s, column_index(t, c), v);
    follow(st);
}

static void row_end(table *t)
{
    xlsx_row_end(&((sheet_table *)t)->s);
}

static const table_format sheet_format = { text_cell, integer_cell, row_end };

void xlsx_dataset(xlsx_book *b, const schema_dataset *d,
                  const emit_source *sources, size_t n)
{
    if (b->err)
        return;
    if (d->ncolumns > XLSX_COLUMNS_MAX) {
        xlsx_fail(b, EINVAL, "sheet %s: more than %d columns", d->name,
                  XLSX_COLUMNS_MAX);
        return;
    }
    const char *names[XLSX_COLUMNS_MAX];
    for (size_t i = 0; i < d->ncolumns; i++)
        names[i] = d->columns[i].name;
    sheet_table st;
    xlsx_sheet_add(&st.s, b, d->name);
    xlsx_header(&st.s, names, d->ncolumns, 1);
    table_begin(&st.t, &sheet_format, d);
    dataset_rows(&st.t, sources, n);
    /* A writer that broke its schema (table.h: EINVAL), or ran out of
     * memory, fails the book as it fails a CSV. */
    if (st.t.err == EINVAL)
        xlsx_fail(b, EINVAL, "sheet %s: the rows do not follow the schema", d->name);
    else if (st.t.err)
        xlsx_fail(b, st.t.err, NULL);
    xlsx_sheet_finish(&st.s, 1);
}
