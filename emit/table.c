/* A dataset written one cell at a time, held to its schema (table.h). */
#include <errno.h>
#include "table.h"

void table_begin(table *t, const table_format *format, const schema_dataset *d)
{
    t->format = format;
    t->dataset = d;
    t->column = 0;
    t->err = 0;
}

void table_fail(table *t, int err)
{
    if (!t->err)
        t->err = err ? err : EIO;
}

/* The column of the next cell, when it exists and takes a cell of that
 * kind; else the table fails. */
static const schema_column *next_column(table *t, int integer)
{
    if (t->column >= t->dataset->ncolumns) {
        table_fail(t, EINVAL);
        return NULL;
    }
    const schema_column *c = &t->dataset->columns[t->column++];
    if ((c->type == SCHEMA_INTEGER) != integer) {
        table_fail(t, EINVAL);
        return NULL;
    }
    return c;
}

void table_text(table *t, const char *s)
{
    const schema_column *c = next_column(t, 0);
    if (c && !t->err)
        t->format->text(t, c, s && s[0] ? s : NULL);
}

void table_integer(table *t, long v)
{
    const schema_column *c = next_column(t, 1);
    if (c && !t->err)
        t->format->integer(t, c, v < 0 ? -1 : v);
}

void table_row_end(table *t)
{
    if (t->column != t->dataset->ncolumns)
        table_fail(t, EINVAL);
    t->column = 0;
    if (!t->err)
        t->format->row_end(t);
}
