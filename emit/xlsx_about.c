/*
 * The workbook's first sheet, "about": what the workbook is, the reports
 * it holds, and what every sheet and column means, all of it from the
 * schema (schema.c) and the sources, so that it cannot say otherwise
 * than the sheets.
 *
 * The list of reports is a few columns of the reports dataset, written by
 * its own writer through a table format that keeps only those: the values
 * and their types are the reports sheet's.
 */
#include <errno.h>
#include <string.h>
#include "datasets.h"
#include "xlsx.h"

/* The columns of reports listed here, in this order. */
static const char *const listed[] = {
    "report_id", "period_start", "period_end", "status", "source_file", "superseded_by",
};
#define NLISTED (sizeof listed / sizeof listed[0])

/* ---- the reports ------------------------------------------------------ */

typedef struct {
    table t;                  /* first: the table write_reports sees */
    xlsx_sheet *s;
    int at[XLSX_COLUMNS_MAX]; /* where each column of reports is listed;
                                 -1: not listed */
} report_list;

static void listed_text(table *t, const schema_column *c, const char *s)
{
    report_list *l = (report_list *)t;
    int at = l->at[c - t->dataset->columns];
    if (at >= 0)
        xlsx_value(l->s, (size_t)at, c, s);
    if (l->s->book->err)
        table_fail(t, l->s->book->err);
}

static void listed_integer(table *t, const schema_column *c, long v)
{
    report_list *l = (report_list *)t;
    int at = l->at[c - t->dataset->columns];
    if (at >= 0)
        xlsx_integer(l->s, (size_t)at, v);
    if (l->s->book->err)
        table_fail(t, l->s->book->err);
}

static void listed_row_end(table *t)
{
    xlsx_row_end(((report_list *)t)->s);
}

static const table_format list_format = { listed_text, listed_integer, listed_row_end };

static void reports(xlsx_sheet *s, const emit_source *sources, size_t n)
{
    const schema_dataset *d = schema_dataset_named("reports");
    report_list l;
    if (!d || d->ncolumns > XLSX_COLUMNS_MAX) {
        xlsx_fail(s->book, EINVAL, "sheet %s: no reports dataset to list", s->name);
        return;
    }
    for (size_t i = 0; i < d->ncolumns; i++)
        l.at[i] = -1;
    for (size_t k = 0; k < NLISTED; k++) {
        const schema_column *c = schema_column_named(d, listed[k]);
        if (!c) {
            xlsx_fail(s->book, EINVAL, "sheet %s: reports has no column %s",
                      s->name, listed[k]);
            return;
        }
        l.at[c - d->columns] = (int)k;
    }
    xlsx_header(s, listed, NLISTED, 0);
    l.s = s;
    table_begin(&l.t, &list_format, d);
    write_reports(&l.t, sources, n);
    if (l.t.err == EINVAL)
        xlsx_fail(s->book, EINVAL, "sheet %s: the reports do not follow the schema",
                  s->name);
    else if (l.t.err)
        xlsx_fail(s->book, l.t.err, NULL);
}

/* ---- the schema ------------------------------------------------------- */

static int in_key(const schema_dataset *d, const char *column)
{
    for (const char *const *k = d->primary_key; k && *k; k++)
        if (strcmp(*k, column) == 0)
            return 1;
    return 0;
}

/* "primary key", "refers to reports.report_id", both, or "". */
static const char *key_note(const schema_dataset *d, const schema_column *c)
{
    int key = in_key(d, c->name);
    int refers = d->refers_to_reports && strcmp(c->name, "report_id") == 0;
    if (key && refers)
        return "primary key; refers to reports.report_id";
    if (refers)
        return "refers to reports.report_id";
    return key ? "primary key" : "";
}

/* A dataset's primary key, its column names joined by ", ", into BUF. */
static const char *key_text(const schema_dataset *d, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t len = 0;
    for (const char *const *k = d->primary_key; k && *k && len < size; k++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                k == d->primary_key ? "" : ", ", *k);
    return buf;
}

static void datasets(xlsx_sheet *s)
{
    static const char *const header[] = { "sheet", "primary key", "description" };
    xlsx_header(s, header, 3, 0);
    for (size_t i = 0; i < schema_ndatasets; i++) {
        const schema_dataset *d = &schema_datasets[i];
        char key[256];
        xlsx_text(s, 0, d->name);
        xlsx_text(s, 1, key_text(d, key, sizeof key));
        xlsx_text(s, 2, d->description);
        xlsx_row_end(s);
    }
}

static void columns(xlsx_sheet *s)
{
    static const char *const header[] = {
        "sheet", "column", "type", "required", "key", "description"
    };
    xlsx_header(s, header, 6, 0);
    for (size_t i = 0; i < schema_ndatasets; i++) {
        const schema_dataset *d = &schema_datasets[i];
        for (size_t k = 0; k < d->ncolumns; k++) {
            const schema_column *c = &d->columns[k];
            xlsx_text(s, 0, d->name);
            xlsx_text(s, 1, c->name);
            xlsx_text(s, 2, schema_type_name(c->type));
            xlsx_text(s, 3, c->required ? "yes" : "no");
            xlsx_text(s, 4, key_note(d, c));
            xlsx_text(s, 5, c->description);
            xlsx_row_end(s);
        }
    }
}

/* ---- the sheet -------------------------------------------------------- */

void xlsx_about(xlsx_book *b, const emit_source *sources, size_t n)
{
    xlsx_sheet s;
    xlsx_sheet_add(&s, b, "about");
    xlsx_line(&s, XLSX_TITLE, 1);
    xlsx_line(&s, "Written by ddor2csv " DDOR_VERSION " from ICE's Declined Detainer "
         "Outcome Reports.  Each dataset is a sheet of its own, with the same "
         "columns and values as its CSV file: integers are numbers, dates are "
         "dates, every other value is text.", 0);
    xlsx_line(&s, "", 0);
    xlsx_line(&s, "Reports", 1);
    reports(&s, sources, n);
    xlsx_line(&s, "", 0);
    xlsx_line(&s, "Sheets", 1);
    datasets(&s);
    xlsx_line(&s, "", 0);
    xlsx_line(&s, "Columns", 1);
    columns(&s);
    xlsx_sheet_finish(&s, 0);
}
