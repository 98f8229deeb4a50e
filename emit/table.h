/*
 * A dataset being written, one cell at a time, in any format: the dataset
 * writers (datasets.c, summaries.c) hand over values in the order of the
 * dataset's schema, and the format (a CSV or JSON Lines stream, a sheet of
 * the workbook, a table of the database) decides how each is written.
 *
 * The table holds the writers to the schema: a cell beyond the last
 * column, a row ended short, an integer given for a text column or text
 * for an integer one fails the table with EINVAL, so a writer that drifts
 * from its schema fails every test instead of shifting a column.
 *
 * A failure does not stop the caller mid-row: the table remembers the
 * first (its errno) and ignores every later cell; the format's finishing
 * call reports it.
 */
#ifndef DDOR_EMIT_TABLE_H
#define DDOR_EMIT_TABLE_H

#include "schema.h"

typedef struct table table;

/* What a format does with each cell; the column is checked before. */
typedef struct {
    void (*text)(table *t, const schema_column *c, const char *s);
    void (*integer)(table *t, const schema_column *c, long v);
    void (*row_end)(table *t);
} table_format;

struct table {
    const table_format *format;
    const schema_dataset *dataset;
    size_t column;            /* the next cell's column in the row */
    int err;                  /* errno of the first failure; 0 while all is well */
};

/* Starts writing dataset D through FORMAT. */
void table_begin(table *t, const table_format *format, const schema_dataset *d);

/* A text, code or date cell; NULL or "" is unknown. */
void table_text(table *t, const char *s);

/* An integer cell; a negative value is unknown. */
void table_integer(table *t, long v);

void table_row_end(table *t);

/* Records a failure (ERR is an errno value) found outside the table. */
void table_fail(table *t, int err);

#endif
