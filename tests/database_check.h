/*
 * A database written by --format sqlite, read back through SQLite itself
 * and checked against what the tests know independently: the CSV of each
 * dataset, value by value; the schema, for every value's type and for the
 * tables' shape; and the CSVs again for the views' figures
 * (view_figures.c).  Each check returns the number of problems it found
 * (0: none) and describes the first few on stderr.
 */
#ifndef DDOR_TESTS_DATABASE_CHECK_H
#define DDOR_TESTS_DATABASE_CHECK_H

#include <sqlite3.h>
#include "../emit/schema.h"
#include "testkit.h"

/* Opens the database file PATH read-only; NULL when it cannot be. */
sqlite3 *dbc_open(const char *path);

/* The first column of the first row SQL returns, as text (malloc'd):
 * "(null)" for NULL, "(no row)" when there is none, "(error: ...)" when
 * SQLite fails. */
char *dbc_one(sqlite3 *db, const char *sql);

/* The value the CSV cell V stands for: V without the formula guard. */
const char *dbc_unguarded(const char *v);

/* Table D of DB against CSV, the dataset as CSV (header first): the same
 * column names, the same rows in the same order (the table's rowid
 * order), every value equal to the CSV's unguarded, an empty cell NULL,
 * and every value's typeof() the one its column's type says ("integer"
 * for SCHEMA_INTEGER, else "text").  *ROWS gets the rows compared. */
int dbc_compare_dataset(sqlite3 *db, const schema_dataset *d, const tk_csv *csv,
                        long *rows);

/* Fills CSV with dataset D as CSV, from wherever ARG says; 0, or -1
 * when there is none. */
typedef int (*dbc_csv_source)(const schema_dataset *d, tk_csv *csv, void *arg);

/* Every dataset of DB against its CSV from SOURCE, and the views against
 * the same CSVs.  *ROWS gets the table rows compared, *FIGURES the view
 * rows. */
int dbc_compare_all(sqlite3 *db, dbc_csv_source source, void *arg, long *rows,
                    long *figures);

/* Every dataset of the database DB_PATH against CSV_DIR/<dataset>.csv,
 * as dbc_compare_all. */
int dbc_compare_folder(const char *csv_dir, const char *db_path, long *rows,
                       long *figures);

/* What SQLite says of the database, and its shape: integrity_check ok,
 * foreign_key_check empty, application_id "DDOR", user_version 1; every
 * dataset a STRICT table, with its foreign key to reports where it refers
 * to one; and for every filtered column, an index that SQLite uses to
 * find its rows, named <table>_<column> unless the primary key starts
 * with the column (then no other index on it). */
int dbc_check_structure(sqlite3 *db);

/* view_figures.c: the views' rows against the figures computed here from
 * the reports and declined_detainers datasets as CSV.  *ROWS gets the
 * view rows compared. */
int dbc_check_views(sqlite3 *db, const tk_csv *reports, const tk_csv *declined,
                    long *rows);

#endif
