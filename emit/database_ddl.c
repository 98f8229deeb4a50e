/*
 * The database's tables, written from the schema (schema.c) and nothing
 * else: no column is typed here by hand, so a column added to the schema
 * is in the database too.
 *
 * Each dataset is a STRICT table of its name (SQLite then refuses a value
 * of the wrong type instead of storing it as it comes):
 *
 *   integers            INTEGER, CHECK (col >= minimum) when bounded
 *   text, codes, dates  TEXT
 *   dates               CHECK (col IS date(col, '+0 days')): a real day
 *                       written YYYY-MM-DD, or NULL
 *   required            NOT NULL
 *   small vocabularies  CHECK (col IN (...))
 *   state and country   CHECK (col GLOB '[A-Z][A-Z]'): their lists are
 *                       hundreds of codes, the parser's own; the shape is
 *                       what a misplaced value would break
 *   sha256              CHECK: 64 lowercase hex digits
 *
 * with the schema's primary key, and a foreign key to reports where the
 * rows refer to one.  The tables keep their rowid: it is the order the
 * rows were inserted in, which is the CSV's (the summaries' rows, largest
 * first, are not in key order), and WITHOUT ROWID would make the key the
 * only order a table has.
 *
 * SQLite keeps the text of CREATE TABLE as it was given and .schema shows
 * it, so the descriptions go there, as "--" comments beside their
 * columns: SQL has no other place for them in SQLite.
 */
#include <stdio.h>
#include <string.h>
#include "database.h"
#include "utf8_clean.h"

/* A name as SQL needs it: as it is when it is a plain lowercase word that
 * is no keyword of SQLite's ("row" is), else in double quotes.  Our names
 * are all plain, but nothing here depends on it. */
static void append_name(sqlite3_str *s, const char *name)
{
    int plain = name[0] != '\0' && !(name[0] >= '0' && name[0] <= '9');
    for (const char *p = name; *p && plain; p++)
        plain = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
    if (plain && !sqlite3_keyword_check(name, (int)strlen(name)))
        sqlite3_str_appendall(s, name);
    else
        sqlite3_str_appendf(s, "\"%w\"", name);
}

/* " -- TEXT": a comment runs to the end of its line, so a line break in
 * TEXT would end it and let the rest be read as SQL.  Every control
 * character becomes a space, and every byte that is not UTF-8 U+FFFD
 * (the text of the schema is stored in the database, which is UTF-8). */
static void append_comment(sqlite3_str *s, const char *text)
{
    if (!text || !text[0])
        return;
    sqlite3_str_appendall(s, " -- ");
    while (*text) {
        size_t len = utf8_sequence_length(text);
        if (len == 0) {
            sqlite3_str_appendall(s, UTF8_REPLACEMENT);
            text++;
        } else if (utf8_control_length(text)) {
            sqlite3_str_appendchar(s, 1, ' ');
            text += utf8_control_length(text);
        } else {
            sqlite3_str_append(s, text, (int)len);
            text += len;
        }
    }
}

/* " CHECK (...)": TEMPLATE with every @ standing for column NAME. */
static void append_check(sqlite3_str *s, const char *name, const char *template)
{
    sqlite3_str_appendall(s, " CHECK (");
    for (const char *p = template; *p; p++) {
        if (*p == '@')
            append_name(s, name);
        else
            sqlite3_str_appendchar(s, 1, *p);
    }
    sqlite3_str_appendchar(s, 1, ')');
}

/* " CHECK (col IN ('a', 'b'))" for a NULL-terminated list of values. */
static void append_in_list(sqlite3_str *s, const char *name, const char *const *values)
{
    sqlite3_str_appendall(s, " CHECK (");
    append_name(s, name);
    sqlite3_str_appendall(s, " IN (");
    for (size_t i = 0; values[i]; i++)
        sqlite3_str_appendf(s, "%s%Q", i ? ", " : "", values[i]);
    sqlite3_str_appendall(s, "))");
}

static void append_checks(sqlite3_str *s, const schema_column *c)
{
    if (c->type == SCHEMA_INTEGER && c->minimum >= 0) {
        char at_least[48];
        snprintf(at_least, sizeof at_least, "@ >= %ld", c->minimum);
        append_check(s, c->name, at_least);
    }
    /* date() passes a day the month does not have as it is (2017-02-30);
     * a modifier makes it count the day from the Julian day number, which
     * turns that into another date (2017-03-02) that fails the test. */
    if (c->type == SCHEMA_DATE)
        append_check(s, c->name, "@ IS date(@, '+0 days')");
    switch (c->vocabulary) {
    case SCHEMA_CRIME_STATUS:
        append_in_list(s, c->name, schema_crime_statuses);
        break;
    case SCHEMA_REPORT_STATUS:
        append_in_list(s, c->name, schema_report_statuses);
        break;
    case SCHEMA_USPS_STATE:
    case SCHEMA_ISO_COUNTRY:
        append_check(s, c->name, "@ GLOB '[A-Z][A-Z]'");
        break;
    case SCHEMA_SHA256_HEX:
        append_check(s, c->name, "length(@) = 64 AND @ NOT GLOB '*[^0-9a-f]*'");
        break;
    case SCHEMA_ANY:
        break;
    }
}

/* The text built in S (sqlite3_malloc'd), "" when nothing was; NULL
 * when SQLite ran out of memory building it. */
static char *finish(sqlite3_str *s)
{
    int failed = sqlite3_str_errcode(s) != SQLITE_OK;
    char *sql = sqlite3_str_finish(s);
    if (failed) {
        sqlite3_free(sql);
        return NULL;
    }
    return sql ? sql : sqlite3_mprintf("%s", "");
}

/* "(a, b)": the names of a NULL-terminated list. */
static void append_name_list(sqlite3_str *s, const char *const *names)
{
    sqlite3_str_appendchar(s, 1, '(');
    for (size_t i = 0; names[i]; i++) {
        if (i)
            sqlite3_str_appendall(s, ", ");
        append_name(s, names[i]);
    }
    sqlite3_str_appendchar(s, 1, ')');
}

char *database_create_table_sql(const schema_dataset *d)
{
    static const char *const report_id[] = { "report_id", NULL };
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendall(s, "CREATE TABLE ");
    append_name(s, d->name);
    sqlite3_str_appendall(s, " (");
    append_comment(s, d->description);
    /* One line per column, then the table's constraints; the comma that
     * separates a line from the next goes before its comment. */
    size_t lines = d->ncolumns + (d->primary_key != NULL) + (d->refers_to_reports != 0);
    size_t line = 0;
    for (size_t i = 0; i < d->ncolumns; i++) {
        const schema_column *c = &d->columns[i];
        sqlite3_str_appendall(s, "\n  ");
        append_name(s, c->name);
        sqlite3_str_appendall(s, c->type == SCHEMA_INTEGER ? " INTEGER" : " TEXT");
        if (c->required)
            sqlite3_str_appendall(s, " NOT NULL");
        append_checks(s, c);
        if (++line < lines)
            sqlite3_str_appendchar(s, 1, ',');
        append_comment(s, c->description);
    }
    if (d->primary_key) {
        sqlite3_str_appendall(s, "\n  PRIMARY KEY ");
        append_name_list(s, d->primary_key);
        if (++line < lines)
            sqlite3_str_appendchar(s, 1, ',');
    }
    if (d->refers_to_reports) {
        sqlite3_str_appendall(s, "\n  FOREIGN KEY ");
        append_name_list(s, report_id);
        sqlite3_str_appendall(s, " REFERENCES reports ");
        append_name_list(s, report_id);
    }
    sqlite3_str_appendall(s, "\n) STRICT");
    return finish(s);
}

/* Is column NAME the first of D's primary key?  Its index already finds
 * the rows of a value of NAME: another index would only cost space. */
static int leads_primary_key(const schema_dataset *d, const char *name)
{
    return d->primary_key && d->primary_key[0] && strcmp(d->primary_key[0], name) == 0;
}

char *database_create_indexes_sql(const schema_dataset *d)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    for (size_t i = 0; i < d->ncolumns; i++) {
        const schema_column *c = &d->columns[i];
        if (!c->filtered || leads_primary_key(d, c->name))
            continue;
        /* Named <table>_<column>, which is unique as long as no table is
         * called like another's column with a prefix (SQLite would refuse
         * the second index, and every test would fail). */
        char *index = sqlite3_mprintf("%s_%s", d->name, c->name);
        if (!index) {
            sqlite3_free(sqlite3_str_finish(s));
            return NULL;
        }
        sqlite3_str_appendall(s, "CREATE INDEX ");
        append_name(s, index);
        sqlite3_free(index);
        sqlite3_str_appendall(s, " ON ");
        append_name(s, d->name);
        sqlite3_str_appendall(s, " (");
        append_name(s, c->name);
        sqlite3_str_appendall(s, ");\n");
    }
    return finish(s);
}

char *database_insert_sql(const schema_dataset *d)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendall(s, "INSERT INTO ");
    append_name(s, d->name);
    sqlite3_str_appendall(s, " (");
    for (size_t i = 0; i < d->ncolumns; i++) {
        if (i)
            sqlite3_str_appendall(s, ", ");
        append_name(s, d->columns[i].name);
    }
    sqlite3_str_appendall(s, ") VALUES (");
    for (size_t i = 0; i < d->ncolumns; i++)
        sqlite3_str_appendall(s, i ? ", ?" : "?");
    sqlite3_str_appendchar(s, 1, ')');
    return finish(s);
}
