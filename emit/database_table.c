/*
 * The database's table format: a dataset's writer (datasets.h) fills a
 * table cell by cell, and each cell is bound to one prepared INSERT, run
 * once per row.  The values are those of the CSV, typed: an unknown cell
 * is NULL, an integer an integer, the rest text.  Text that is not UTF-8
 * (a file name in Latin-1) is cleaned exactly as the CSV cleans it
 * (utf8_clean.h), so that every format holds the same value.  The CSV's
 * formula guard is not applied: it is a convention of spreadsheets, and
 * a database holds the value itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "database.h"
#include "datasets.h"
#include "utf8_clean.h"

typedef struct {
    table t;                  /* first: the table the writers see */
    sqlite3 *db;
    sqlite3_stmt *insert;
    unsigned long rows;       /* rows inserted so far */
    char *why;                /* malloc'd: what SQLite said of the first
                                 failure, with the dataset and row */
} database_table;

/* "<dataset>, row N: TEXT" of the row being written, malloc'd. */
static char *row_reason(const database_table *dt, const char *text)
{
    char doing[128];
    snprintf(doing, sizeof doing, "%s, row %lu", dt->t.dataset->name, dt->rows + 1);
    return database_reason(doing, text);
}

/* Records SQLite's failure RC, on the row being written. */
static void fail(database_table *dt, int rc)
{
    if (dt->t.err)
        return;
    dt->why = row_reason(dt, sqlite3_errmsg(dt->db));
    table_fail(&dt->t, database_errno(rc));
}

/* The 1-based parameter of column C in the INSERT. */
static int parameter(const table *t, const schema_column *c)
{
    return (int)(c - t->dataset->columns) + 1;
}

static void text_cell(table *t, const schema_column *c, const char *s)
{
    database_table *dt = (database_table *)t;
    int i = parameter(t, c);
    int rc;
    if (!s) {
        rc = sqlite3_bind_null(dt->insert, i);
    } else if (utf8_is_valid(s)) {
        /* SQLite copies the text: the table does not promise that a
         * writer's strings outlive the cell. */
        rc = sqlite3_bind_text(dt->insert, i, s, -1, SQLITE_TRANSIENT);
    } else {
        char *clean = utf8_clean(s);
        if (!clean) {
            table_fail(t, ENOMEM);
            return;
        }
        /* SQLite frees the copy once done with it, even when it fails. */
        rc = sqlite3_bind_text(dt->insert, i, clean, -1, free);
    }
    if (rc != SQLITE_OK)
        fail(dt, rc);
}

static void integer_cell(table *t, const schema_column *c, long v)
{
    database_table *dt = (database_table *)t;
    int i = parameter(t, c);
    int rc = v < 0 ? sqlite3_bind_null(dt->insert, i)
                   : sqlite3_bind_int64(dt->insert, i, (sqlite3_int64)v);
    if (rc != SQLITE_OK)
        fail(dt, rc);
}

static void row_end(table *t)
{
    database_table *dt = (database_table *)t;
    int rc = sqlite3_step(dt->insert);
    if (rc != SQLITE_DONE) {
        /* SQLite's message is about this step: read it before the reset. */
        fail(dt, rc);
        sqlite3_reset(dt->insert);
        return;
    }
    dt->rows++;
    rc = sqlite3_reset(dt->insert);
    if (rc != SQLITE_OK)
        fail(dt, rc);
}

static const table_format database_format = { text_cell, integer_cell, row_end };

int database_insert_rows(sqlite3 *db, const schema_dataset *d,
                         const emit_source *sources, size_t n, char **why)
{
    *why = NULL;
    char *sql = database_insert_sql(d);
    if (!sql) {
        errno = ENOMEM;
        return -1;
    }
    database_table dt = { .db = db };
    int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &dt.insert, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK)
        return database_fail(db, rc, d->name, why);

    table_begin(&dt.t, &database_format, d);
    dataset_rows(&dt.t, sources, n);
    sqlite3_finalize(dt.insert);
    if (!dt.t.err)
        return 0;
    /* A failure of SQLite's comes with its words; one of the writer's
     * (out of memory, cells that do not match the schema) with errno's. */
    *why = dt.why ? dt.why : row_reason(&dt, strerror(dt.t.err));
    errno = dt.t.err;
    return -1;
}
