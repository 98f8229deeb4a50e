/*
 * The database (--format sqlite): every dataset as a STRICT table of one
 * SQLite file, ddor.sqlite, with indexes on the columns people select
 * rows by and views of the figures they quote (database.h says which
 * file does what).
 *
 * The database is built in memory and handed over as bytes.  The file it
 * goes to is the archive's staging file (archive/land.c), given to us as
 * an open stream and put in place with the other outputs, atomically, once
 * all are written: that swap is what makes the new database appear whole
 * or not at all.  SQLite writing the file itself would need its path, and
 * would make journal files beside it in the staging folder, which holds
 * the outputs and nothing else; and its own atomic commit would add
 * nothing, since nobody sees the file before the swap.  So SQLite works
 * on a private in-memory database (the memdb VFS), and sqlite3_serialize
 * gives its bytes, which are exactly those of the database file.
 *
 * Memory: the database is held whole, as the datasets already are; an
 * archive of 200 weekly reports makes 13 MB, far below memdb's limit of
 * 1 GiB (beyond which SQLite fails with "database or disk is full").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "database.h"

/* The memdb VFS: an in-memory database whose pages are one contiguous
 * buffer, which sqlite3_serialize can hand over without copying it (an
 * ordinary ":memory:" database would be copied page by page).  A name
 * without a leading "/" keeps the database private to this connection. */
#define DATABASE_URI "file:ddor?vfs=memdb"

/* Runs SQL (one statement or several); DOING names it in a failure. */
static int run(sqlite3 *db, const char *sql, const char *doing, char **why)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : database_fail(db, rc, doing, why);
}

/* Runs SQL generated for dataset D, and frees it (sqlite3_malloc'd;
 * NULL: there was no memory to generate it). */
static int run_made(sqlite3 *db, char *sql, const schema_dataset *d, char **why)
{
    if (!sql) {
        errno = ENOMEM;
        return -1;
    }
    int rc = run(db, sql, d->name, why);
    sqlite3_free(sql);
    return rc;
}

static int open_database(sqlite3 **db, char **why)
{
    int rc = sqlite3_open_v2(DATABASE_URI, db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                             SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return database_fail(*db, rc, "cannot open an in-memory database", why);
    /* Set outside a transaction, or SQLite ignores it: every row that
     * refers to a report is checked against reports as it is inserted. */
    return run(*db, "PRAGMA foreign_keys = ON", "foreign keys", why);
}

/* The tables, their rows, their indexes and the views, in one transaction:
 * the rows of each dataset go through one prepared statement. */
static int fill(sqlite3 *db, const emit_source *sources, size_t n, char **why)
{
    char header[96];
    snprintf(header, sizeof header,
             "BEGIN; PRAGMA application_id = %d; PRAGMA user_version = %d",
             DATABASE_APPLICATION_ID, DATABASE_LAYOUT_VERSION);
    if (run(db, header, "the database's header", why) != 0)
        return -1;
    for (size_t i = 0; i < schema_ndatasets; i++)
        if (run_made(db, database_create_table_sql(&schema_datasets[i]),
                     &schema_datasets[i], why) != 0)
            return -1;
    /* The datasets that refer to reports after the others, so that every
     * row finds its report already there. */
    for (int refer = 0; refer <= 1; refer++)
        for (size_t i = 0; i < schema_ndatasets; i++)
            if (!schema_datasets[i].refers_to_reports == !refer &&
                database_insert_rows(db, &schema_datasets[i], sources, n, why) != 0)
                return -1;
    /* Indexes built once the rows are in: one sort each, instead of a
     * b-tree insertion per row. */
    for (size_t i = 0; i < schema_ndatasets; i++)
        if (run_made(db, database_create_indexes_sql(&schema_datasets[i]),
                     &schema_datasets[i], why) != 0)
            return -1;
    if (run(db, database_views_sql, "views", why) != 0)
        return -1;
    return run(db, "COMMIT", "commit", why);
}

/* The text of every column of ST's row, space-separated, into BUF. */
static void row_text(sqlite3_stmt *st, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int c = 0; c < sqlite3_column_count(st) && used < size; c++) {
        const unsigned char *v = sqlite3_column_text(st, c);
        int len = snprintf(buf + used, size - used, "%s%s", c ? " " : "",
                           v ? (const char *)v : "NULL");
        used += len > 0 ? (size_t)len : 0;
    }
}

/* Runs PRAGMA, a check that returns a row per fault it finds, or else
 * nothing, or the one row OK (integrity_check's "ok").  A fault fails,
 * with the first as the reason. */
static int check(sqlite3 *db, const char *pragma, const char *ok, char **why)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, pragma, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return database_fail(db, rc, pragma, why);
    int faults = 0;
    char first[256] = "";
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        if (ok && v && strcmp((const char *)v, ok) == 0)
            continue;
        if (faults++ == 0)
            row_text(st, first, sizeof first);
    }
    if (rc != SQLITE_DONE)
        database_fail(db, rc, pragma, why);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    if (faults == 0)
        return 0;
    free(*why);
    *why = database_reason(pragma, first);
    errno = EIO;
    return -1;
}

/* The database's bytes, from the memdb buffer itself, to OUT.  Without
 * SQLITE_SERIALIZE_NOCOPY SQLite would copy them first: for a report of
 * 5,000 rows, the parent's peak heap went from 5.0 to 6.1 MB. */
static int write_bytes(sqlite3 *db, FILE *out, char **why)
{
    sqlite3_int64 size = 0;
    unsigned char *bytes = sqlite3_serialize(db, "main", &size, SQLITE_SERIALIZE_NOCOPY);
    if (!bytes || size <= 0) {
        free(*why);
        *why = database_reason("cannot serialize the database",
                               "SQLite gave no bytes");
        errno = EIO;
        return -1;
    }
    errno = 0;
    if (fwrite(bytes, 1, (size_t)size, out) != (size_t)size) {
        /* A short write: errno says why (a full disk), else EIO. */
        if (errno == 0)
            errno = EIO;
        return -1;
    }
    return 0;
}

int emit_database(FILE *out, const emit_source *sources, size_t n,
                  const emit_options *opt, char **why)
{
    (void)opt;                /* the options are the CSV's */
    char *reason = NULL;
    if (!out || (n > 0 && !sources)) {
        if (why)
            *why = NULL;
        errno = EINVAL;
        return -1;
    }
    sqlite3 *db = NULL;
    int rc = open_database(&db, &reason);
    if (rc == 0)
        rc = fill(db, sources, n, &reason);
    /* Never hand over a database SQLite itself finds fault with. */
    if (rc == 0)
        rc = check(db, "PRAGMA integrity_check", "ok", &reason);
    if (rc == 0)
        rc = check(db, "PRAGMA foreign_key_check", NULL, &reason);
    if (rc == 0)
        rc = write_bytes(db, out, &reason);
    int e = errno;
    sqlite3_close(db);        /* frees the memdb buffer too */
    /* REASON is set only by a failure. */
    if (why)
        *why = reason;
    else
        free(reason);
    errno = e;
    return rc;
}
