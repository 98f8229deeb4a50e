/* A database read back and checked; see database_check.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "database_check.h"

/* Problems described on stderr, per check; the rest are only counted. */
#define SHOWN 5

static void note(int *bad, const char *format, ...)
{
    if ((*bad)++ < SHOWN) {
        va_list ap;
        va_start(ap, format);
        fputs("\n  database: ", stderr);
        vfprintf(stderr, format, ap);
        va_end(ap);
    }
}

sqlite3 *dbc_open(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static char *copy(const char *s)
{
    char *p = strdup(s);
    if (!p)
        abort();
    return p;
}

char *dbc_one(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        char text[512];
        snprintf(text, sizeof text, "(error: %s)", sqlite3_errmsg(db));
        return copy(text);
    }
    char *value;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        value = copy(v ? (const char *)v : "(null)");
    } else if (rc == SQLITE_DONE) {
        value = copy("(no row)");
    } else {
        char text[512];
        snprintf(text, sizeof text, "(error: %s)", sqlite3_errmsg(db));
        value = copy(text);
    }
    sqlite3_finalize(st);
    return value;
}

/* Does the first column of the first row of SQL (an sqlite3_mprintf'd
 * string, freed here) read WANT?  If not, a problem named WHAT. */
static void expect(sqlite3 *db, int *bad, char *sql, const char *want, const char *what)
{
    char *got = sql ? dbc_one(db, sql) : copy("(no memory)");
    if (strcmp(got, want) != 0)
        note(bad, "%s: expected [%s], got [%s]", what, want, got);
    free(got);
    sqlite3_free(sql);
}

const char *dbc_unguarded(const char *v)
{
    return v[0] == '\'' && v[1] != '\0' && strchr("=+-@\t\r", v[1]) ? v + 1 : v;
}

/* SELECT every column of D and its typeof(), in rowid order. */
static char *select_with_types(const schema_dataset *d)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendall(s, "SELECT ");
    for (size_t c = 0; c < d->ncolumns; c++)
        sqlite3_str_appendf(s, "%s\"%w\", typeof(\"%w\")", c ? ", " : "",
                            d->columns[c].name, d->columns[c].name);
    sqlite3_str_appendf(s, " FROM \"%w\" ORDER BY rowid", d->name);
    return sqlite3_str_finish(s);
}

/* Row R of CSV against the row ST stands on. */
static void compare_row(const schema_dataset *d, const tk_csv *csv, size_t r,
                        sqlite3_stmt *st, int *bad)
{
    for (size_t c = 0; c < d->ncolumns; c++) {
        const schema_column *col = &d->columns[c];
        const char *want = dbc_unguarded(c < csv->nfields[r] ? csv->rows[r][c] : "");
        const char *want_type = !want[0] ? "null"
                              : col->type == SCHEMA_INTEGER ? "integer" : "text";
        const char *type = (const char *)sqlite3_column_text(st, (int)(2 * c + 1));
        const unsigned char *v = sqlite3_column_text(st, (int)(2 * c));
        const char *got = v ? (const char *)v : "";
        if (!type || strcmp(type, want_type) != 0 || strcmp(got, want) != 0)
            note(bad, "%s, row %zu, %s: CSV [%s] (%s), database [%s] (%s)", d->name, r,
                 col->name, want, want_type, got, type ? type : "?");
    }
}

int dbc_compare_dataset(sqlite3 *db, const schema_dataset *d, const tk_csv *csv,
                        long *rows)
{
    int bad = 0;
    *rows = 0;
    if (csv->nrows == 0 || csv->nfields[0] != d->ncolumns) {
        note(&bad, "%s: the CSV's header is not the schema's", d->name);
        return bad;
    }
    for (size_t c = 0; c < d->ncolumns; c++)
        if (strcmp(csv->rows[0][c], d->columns[c].name) != 0)
            note(&bad, "%s: CSV column %zu is %s", d->name, c, csv->rows[0][c]);
    char number[32];
    snprintf(number, sizeof number, "%zu", d->ncolumns);
    expect(db, &bad, sqlite3_mprintf("SELECT count(*) FROM pragma_table_info(%Q)", d->name),
           number, d->name);

    char *sql = select_with_types(d);
    sqlite3_stmt *st = NULL;
    if (!sql || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        note(&bad, "%s: cannot read the table: %s", d->name, sqlite3_errmsg(db));
        sqlite3_free(sql);
        return bad;
    }
    sqlite3_free(sql);
    size_t r = 1;             /* the CSV's row; 0 is its header */
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (r < csv->nrows)
            compare_row(d, csv, r, st, &bad);
        r++;
    }
    if (rc != SQLITE_DONE)
        note(&bad, "%s: %s", d->name, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (r != csv->nrows)
        note(&bad, "%s: %zu rows in the table, %zu in the CSV", d->name, r - 1,
             csv->nrows - 1);
    *rows = (long)(r - 1);
    return bad;
}

int dbc_compare_all(sqlite3 *db, dbc_csv_source source, void *arg, long *rows,
                    long *figures)
{
    int bad = 0;
    *rows = *figures = 0;
    tk_csv reports = { 0 }, declined = { 0 };
    for (size_t i = 0; i < schema_ndatasets; i++) {
        const schema_dataset *d = &schema_datasets[i];
        tk_csv csv;
        if (source(d, &csv, arg) != 0) {
            note(&bad, "no CSV of %s to compare with", d->name);
            continue;
        }
        long n;
        bad += dbc_compare_dataset(db, d, &csv, &n);
        *rows += n;
        /* The views are checked against these two. */
        if (strcmp(d->name, "reports") == 0)
            reports = csv;
        else if (strcmp(d->name, "declined_detainers") == 0)
            declined = csv;
        else
            tk_csv_free(&csv);
    }
    bad += dbc_check_views(db, &reports, &declined, figures);
    tk_csv_free(&reports);
    tk_csv_free(&declined);
    return bad;
}

/* The CSV of D in the folder ARG. */
static int csv_in_folder(const schema_dataset *d, tk_csv *csv, void *arg)
{
    char name[64];
    snprintf(name, sizeof name, "%s.csv", d->name);
    char *path = tk_path(arg, name);
    int rc = tk_csv_read(path, csv);
    free(path);
    return rc;
}

int dbc_compare_folder(const char *csv_dir, const char *db_path, long *rows,
                       long *figures)
{
    *rows = *figures = 0;
    sqlite3 *db = dbc_open(db_path);
    if (!db) {
        int bad = 0;
        note(&bad, "cannot open %s", db_path);
        return bad;
    }
    int bad = dbc_compare_all(db, csv_in_folder, (void *)csv_dir, rows, figures);
    sqlite3_close(db);
    return bad;
}

/* How SQLite finds the rows of D whose COLUMN has a value: the plan must
 * search an index (or the primary key's) on that column. */
static void check_search(sqlite3 *db, const schema_dataset *d, const char *column, int *bad)
{
    char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN SELECT * FROM \"%w\" WHERE \"%w\" = 'x'",
                                d->name, column);
    char *want = sqlite3_mprintf("(%s=?)", column);
    sqlite3_stmt *st;
    int found = 0;
    if (sql && want && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *detail = (const char *)sqlite3_column_text(st, 3);
            if (detail && strstr(detail, "INDEX") && strstr(detail, want))
                found = 1;
        }
        sqlite3_finalize(st);
    }
    if (!found)
        note(bad, "%s.%s: no index finds its rows", d->name, column);
    sqlite3_free(sql);
    sqlite3_free(want);
}

static int leads_primary_key(const schema_dataset *d, const char *column)
{
    return d->primary_key && strcmp(d->primary_key[0], column) == 0;
}

static void check_indexes(sqlite3 *db, const schema_dataset *d, int *bad)
{
    for (size_t c = 0; c < d->ncolumns; c++) {
        const char *column = d->columns[c].name;
        if (!d->columns[c].filtered)
            continue;
        check_search(db, d, column, bad);
        /* One index starts with the column: its own, or the key's. */
        char what[160];
        snprintf(what, sizeof what, "indexes of %s starting with %s", d->name, column);
        expect(db, bad, sqlite3_mprintf(
                   "SELECT count(*) FROM pragma_index_list(%Q) AS l, "
                   "pragma_index_info(l.name) AS i WHERE i.seqno = 0 AND i.name = %Q",
                   d->name, column), "1", what);
        if (leads_primary_key(d, column))
            continue;
        snprintf(what, sizeof what, "index %s_%s", d->name, column);
        expect(db, bad, sqlite3_mprintf(
                   "SELECT group_concat(i.name) FROM sqlite_schema AS s, "
                   "pragma_index_info(s.name) AS i WHERE s.type = 'index' "
                   "AND s.name = '%q_%q' AND s.tbl_name = %Q",
                   d->name, column, d->name), column, what);
    }
}

/* Column by column: its type, NOT NULL when required; then the key. */
static void check_columns(sqlite3 *db, const schema_dataset *d, int *bad)
{
    for (size_t c = 0; c < d->ncolumns; c++) {
        const schema_column *col = &d->columns[c];
        char want[32], what[160];
        snprintf(want, sizeof want, "%s %d", col->type == SCHEMA_INTEGER ? "INTEGER" : "TEXT",
                 col->required);
        snprintf(what, sizeof what, "type of %s.%s", d->name, col->name);
        expect(db, bad, sqlite3_mprintf("SELECT type || ' ' || \"notnull\" FROM "
                                        "pragma_table_info(%Q) WHERE name = %Q",
                                        d->name, col->name), want, what);
    }
    char key[256] = "(null)";
    for (size_t k = 0; d->primary_key && d->primary_key[k]; k++) {
        size_t used = k ? strlen(key) : 0;
        snprintf(key + used, sizeof key - used, "%s%s", k ? "," : "", d->primary_key[k]);
    }
    char what[160];
    snprintf(what, sizeof what, "primary key of %s", d->name);
    expect(db, bad, sqlite3_mprintf("SELECT group_concat(name, ',') FROM (SELECT name "
                                    "FROM pragma_table_info(%Q) WHERE pk > 0 ORDER BY pk)",
                                    d->name), key, what);
    snprintf(what, sizeof what, "foreign key of %s", d->name);
    expect(db, bad, sqlite3_mprintf("SELECT coalesce(group_concat(\"table\" || ' ' || "
                                    "\"from\" || ' ' || \"to\"), 'none') "
                                    "FROM pragma_foreign_key_list(%Q)", d->name),
           d->refers_to_reports ? "reports report_id report_id" : "none", what);
}

int dbc_check_structure(sqlite3 *db)
{
    int bad = 0;
    expect(db, &bad, sqlite3_mprintf("SELECT group_concat(integrity_check, '; ') "
                                     "FROM pragma_integrity_check"), "ok", "integrity_check");
    expect(db, &bad, sqlite3_mprintf("SELECT count(*) FROM pragma_foreign_key_check"), "0",
           "foreign_key_check");
    /* "DDOR" in the four bytes of the header's application id. */
    char id[16];
    snprintf(id, sizeof id, "%ld", ((long)'D' << 24) | ('D' << 16) | ('O' << 8) | 'R');
    expect(db, &bad, sqlite3_mprintf("PRAGMA application_id"), id, "application_id");
    expect(db, &bad, sqlite3_mprintf("PRAGMA user_version"), "1", "user_version");
    for (size_t i = 0; i < schema_ndatasets; i++) {
        const schema_dataset *d = &schema_datasets[i];
        char what[96];
        snprintf(what, sizeof what, "%s is STRICT", d->name);
        expect(db, &bad, sqlite3_mprintf("SELECT strict FROM pragma_table_list "
                                         "WHERE schema = 'main' AND type = 'table' "
                                         "AND name = %Q", d->name), "1", what);
        check_columns(db, d, &bad);
        check_indexes(db, d, &bad);
    }
    return bad;
}
