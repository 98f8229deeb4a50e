/*
 * The pieces of the database writer (emit_database, database.c), private
 * to emit/: the SQL that lays out the tables, generated from the schema
 * (database_ddl.c); the table format that inserts a dataset's rows
 * (database_table.c); the views of the figures people quote
 * (database_views.c); and the one way every SQLite failure becomes an
 * errno and a reason (database_error.c).
 */
#ifndef DDOR_EMIT_DATABASE_H
#define DDOR_EMIT_DATABASE_H

#include <sqlite3.h>
#include <stddef.h>
#include "emit.h"
#include "schema.h"

/* PRAGMA application_id: "DDOR" in ASCII (0x44444F52), so that a program
 * (or file(1), given a magic entry) can tell our databases from any other
 * SQLite file without opening a table. */
#define DATABASE_APPLICATION_ID 0x44444F52

/* PRAGMA user_version: the version of the database's layout, its tables,
 * columns, constraints and views.  Raise it whenever one of them changes
 * in a way that a query written for the previous layout could notice. */
#define DATABASE_LAYOUT_VERSION 1

/* ---- database_ddl.c: SQL text from the schema ------------------------ */

/* CREATE TABLE for dataset D, every column's description as an SQL
 * comment beside it; sqlite3_malloc'd (sqlite3_free), NULL when out of
 * memory. */
char *database_create_table_sql(const schema_dataset *d);

/* The CREATE INDEX statements for D's filtered columns, ";"-separated,
 * or "" when it needs none; sqlite3_malloc'd, NULL when out of memory. */
char *database_create_indexes_sql(const schema_dataset *d);

/* INSERT INTO D's table, one "?" per column in the schema's order;
 * sqlite3_malloc'd, NULL when out of memory. */
char *database_insert_sql(const schema_dataset *d);

/* ---- database_table.c: a dataset's rows into its table --------------- */

/* Inserts every row of dataset D, written by its writer (datasets.h), into
 * its table of DB, through one prepared statement.  Returns 0, or -1 with
 * errno set and *WHY a malloc'd reason naming the dataset. */
int database_insert_rows(sqlite3 *db, const schema_dataset *d,
                         const emit_source *sources, size_t n, char **why);

/* ---- database_views.c ------------------------------------------------ */

/* The CREATE VIEW statements, ";"-separated. */
extern const char database_views_sql[];

/* ---- database_error.c ------------------------------------------------ */

/* The errno that stands for SQLite result code RC. */
int database_errno(int rc);

/* A malloc'd reason "PREFIX: TEXT", or NULL when out of memory. */
char *database_reason(const char *prefix, const char *text);

/* After RC from a call on DB (NULL when SQLite could not even make one):
 * sets errno from RC and *WHY (NULL, or a reason given before, which is
 * freed) to "DOING: what SQLite said", and returns -1. */
int database_fail(sqlite3 *db, int rc, const char *doing, char **why);

#endif
